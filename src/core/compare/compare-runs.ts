import type { MesopEvent } from '../session/event';
import type { Session } from '../session/session';
import { sum } from '../sum';

/**
 * The A/B comparison of dev mode: the same user flow recorded before (A) and after (B) a session
 * backend switch, side by side per event. Pure: the panel renders it, tests assert on it.
 *
 * Events are paired by position after folding token retries into the event they retry (a retry is
 * the price of a backend, so its bytes count against B, not as a row of its own). Pairs whose kind
 * or handler differ are still listed, flagged `matched: false`: the flows were not the same.
 */
/**
 * What compareRuns reads of a session: a full `Session` fits, and so does a run rebuilt from a
 * payload report's events (the panel keeps run A as report events, because its analysis runs in a
 * worker and the page that produced run A is gone after the switch's reload).
 */
export interface ComparableEvent {
  index: number;
  kind: MesopEvent['kind'];
  handlerId?: string;
  durationMs?: number;
  isTokenRetry: boolean;
  request: Pick<MesopEvent['request'], 'wireBytes' | 'stateBytes'>;
  response: Pick<MesopEvent['response'], 'wireBytes' | 'stateBytes'>;
}
export interface ComparableRun {
  events: readonly ComparableEvent[];
  backend: Session['backend'];
  transport: Session['transport'];
}

export interface RunSide {
  label: string;
  backend: Session['backend'];
  transport: Session['transport'];
}

export interface EventFigures {
  index: number;
  kind: MesopEvent['kind'];
  handlerId?: string;
  /** Wire bytes of the request (with any token retry added). */
  up: number;
  /** Wire bytes of the response (with any token retry added). */
  down: number;
  /** UTF-8 bytes of state uploaded / downloaded, summed over state classes. */
  stateUp: number;
  stateDown: number;
  /** Request start to response end, ms (retry included); null when not measured. */
  timeMs: number | null;
  tokenRetries: number;
}

export interface ComparedEvent {
  position: number;
  a: EventFigures | null;
  b: EventFigures | null;
  matched: boolean;
  /** b - a for each figure (null when a side is missing). */
  delta: { up: number; down: number; stateUp: number; stateDown: number; timeMs: number | null } | null;
}

export interface Totals { up: number; down: number; stateUp: number; stateDown: number; timeMs: number | null; events: number }

export interface RunComparison {
  a: RunSide;
  b: RunSide;
  rows: ComparedEvent[];
  totals: { a: Totals; b: Totals };
  /** Bytes saved by B over the paired events (positive = B sends less), and as a share of A. */
  saving: { up: number; down: number; total: number; upShare: number; totalShare: number };
  /** True when every position has both sides with the same kind and handler. */
  sameFlow: boolean;
}

export function compareRuns(a: ComparableRun, b: ComparableRun, labels: { a?: string; b?: string } = {}): RunComparison {
  const fa = figures(a.events);
  const fb = figures(b.events);
  const rows: ComparedEvent[] = [];
  for (let i = 0; i < Math.max(fa.length, fb.length); i++) {
    const x = fa[i] ?? null;
    const y = fb[i] ?? null;
    const matched = !!x && !!y && x.kind === y.kind && x.handlerId === y.handlerId;
    rows.push({ position: i, a: x, b: y, matched, delta: x && y ? diff(x, y) : null });
  }
  const paired = rows.filter((r) => r.a && r.b);
  const ta = totals(paired.map((r) => r.a!));
  const tb = totals(paired.map((r) => r.b!));
  const up = ta.up - tb.up;
  const total = ta.up + ta.down - (tb.up + tb.down);
  return {
    a: side(a, labels.a ?? 'A'),
    b: side(b, labels.b ?? 'B'),
    rows,
    totals: { a: totals(fa), b: totals(fb) },
    saving: {
      up, down: ta.down - tb.down, total,
      upShare: ta.up ? up / ta.up : 0,
      totalShare: ta.up + ta.down ? total / (ta.up + ta.down) : 0,
    },
    sameFlow: rows.every((r) => r.matched),
  };
}


function figures(events: readonly ComparableEvent[]): EventFigures[] {
  const out: EventFigures[] = [];
  for (const e of events) {
    const prev = out[out.length - 1];
    if (e.isTokenRetry && prev) {
      prev.up += e.request.wireBytes;
      prev.down += e.response.wireBytes;
      prev.stateUp += sum(e.request.stateBytes);
      prev.stateDown += sum(e.response.stateBytes);
      prev.timeMs = prev.timeMs === null || e.durationMs === undefined ? null : prev.timeMs + e.durationMs;
      prev.tokenRetries += 1;
      continue;
    }
    out.push({
      index: e.index, kind: e.kind, ...(e.handlerId !== undefined ? { handlerId: e.handlerId } : {}),
      up: e.request.wireBytes, down: e.response.wireBytes,
      stateUp: sum(e.request.stateBytes), stateDown: sum(e.response.stateBytes),
      timeMs: e.durationMs ?? null, tokenRetries: 0,
    });
  }
  return out;
}

function diff(x: EventFigures, y: EventFigures): NonNullable<ComparedEvent['delta']> {
  return {
    up: y.up - x.up, down: y.down - x.down, stateUp: y.stateUp - x.stateUp, stateDown: y.stateDown - x.stateDown,
    timeMs: x.timeMs === null || y.timeMs === null ? null : y.timeMs - x.timeMs,
  };
}

function totals(fs: readonly EventFigures[]): Totals {
  const times = fs.map((f) => f.timeMs);
  return {
    up: sum(fs.map((f) => f.up)), down: sum(fs.map((f) => f.down)),
    stateUp: sum(fs.map((f) => f.stateUp)), stateDown: sum(fs.map((f) => f.stateDown)),
    timeMs: times.every((t) => t !== null) ? sum(times as number[]) : null,
    events: fs.length,
  };
}

function side(s: ComparableRun, label: string): RunSide {
  return { label, backend: s.backend, transport: s.transport };
}
