/**
 * The observer bench's figures per state size from its raw samples (pure): medians, the ratios
 * of "done" times paired by round, per-MB rates, and each target's verdict.
 */

/** What one size's rounds recorded, by instance name. */
export interface SizeSamples {
  kb: number;
  /** Done time of each timed round, ms, by instance ("none", "closed", ...). */
  doneMs: Record<string, number[]>;
  /**
   * The hook's main-thread time per profiled event, ms, by instance: its share of the profile's
   * busy samples times the main thread's CPU time (Linux schedstat), or wall time without it.
   */
  hookMs: Record<string, number[]>;
  /** The same, the profile's wall time as sampled (includes waiting for a core on a loaded machine). */
  hookWallMs: Record<string, number[]>;
  /** Heap in use after GC at the end of the size's rounds, bytes, by instance. */
  heapBytes: Record<string, number>;
  /** Characters of one event's request and response bodies (the MB the hook's rate is per). */
  bodyChars: number;
  /** WebSocket mode: the delay of each frame that carried the state, ms, by instance. */
  wsDelayMs?: Record<string, number[]>;
}

export const TARGETS = {
  /** DevTools closed: the hook's main-thread time per MB of body. */
  closedHookMsPerMb: 0.2,
  /** DevTools closed: heap the extension keeps in the page over a page without it. */
  closedRetainedBytes: 5 * 1024 * 1024,
  /** The Mesop tab open: done time over DevTools open without the extension. */
  panelOverDevtools: 1.05,
  /** WebSocket mode: the delay of the app's handler per MB of state in the frame. */
  wsDelayMsPerMb: 1,
} as const;

export function median(xs: readonly number[]): number {
  if (!xs.length) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/** Median of the per-round ratios a[i] / b[i] (rounds rotate, so a round's pair shares the machine's state). */
export function pairedRatio(a: readonly number[] = [], b: readonly number[] = []): number {
  const n = Math.min(a.length, b.length);
  const r: number[] = [];
  for (let i = 0; i < n; i++) if (b[i]! > 0) r.push(a[i]! / b[i]!);
  return median(r);
}

const MB = 1024 * 1024;

/** The figures of one size for one build ("" for this build, " (reference)" for the other). */
export interface BuildFigures {
  closedHookMs: number;
  closedHookMsPerMb: number;
  panelHookMs: number;
  closedHookWallMs: number;
  panelHookWallMs: number;
  closedOverNone: number;
  panelOverDevtools: number;
  retainedClosedBytes: number;
  wsClosedMsPerMb?: number;
  wsPanelMsPerMb?: number;
}

export function buildFigures(s: SizeSamples, suffix: string): BuildFigures | undefined {
  const closed = `closed${suffix}`;
  const panel = `panel${suffix}`;
  if (!s.doneMs[closed]) return undefined;
  const closedHookMs = median(s.hookMs[closed] ?? []);
  const stateMb = (s.kb * 1000) / MB;
  const ws = (name: string) => (s.wsDelayMs?.[name] ? median(s.wsDelayMs[name]) / stateMb : undefined);
  return {
    closedHookMs,
    closedHookMsPerMb: closedHookMs / (s.bodyChars / MB),
    panelHookMs: median(s.hookMs[panel] ?? []),
    closedHookWallMs: median(s.hookWallMs[closed] ?? []),
    panelHookWallMs: median(s.hookWallMs[panel] ?? []),
    closedOverNone: pairedRatio(s.doneMs[closed], s.doneMs.none),
    panelOverDevtools: pairedRatio(s.doneMs[panel], s.doneMs.devtools),
    retainedClosedBytes: (s.heapBytes[closed] ?? NaN) - (s.heapBytes.none ?? NaN),
    wsClosedMsPerMb: ws(closed),
    wsPanelMsPerMb: ws(panel),
  };
}

export interface Verdicts {
  closedHook: boolean;
  closedRetained: boolean;
  panelRatio: boolean;
  ws?: boolean;
}

export function verdicts(f: BuildFigures): Verdicts {
  const ws = [f.wsClosedMsPerMb, f.wsPanelMsPerMb].filter((x): x is number => x !== undefined);
  return {
    closedHook: f.closedHookMsPerMb <= TARGETS.closedHookMsPerMb,
    closedRetained: f.retainedClosedBytes <= TARGETS.closedRetainedBytes,
    panelRatio: f.panelOverDevtools <= TARGETS.panelOverDevtools,
    ws: ws.length ? ws.every((x) => x < TARGETS.wsDelayMsPerMb) : undefined,
  };
}
