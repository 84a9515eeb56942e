import type { MesopEvent } from '../session/event';

/**
 * The one pairing of two runs' events, and their deltas: dev mode's A/B (compare-runs.ts), the
 * MCP comparison, and `--baseline` (report/baseline-diff.ts) all read two runs through it.
 *
 * Events are paired by position after folding each token retry into the event it retries: a retry
 * is the price of a backend (its bytes count against the side that paid it), not a user action of
 * its own, so one side's retry does not shift every later pair. Pairs whose kind or handler differ
 * are still listed, flagged `matched: false` (the flows were not the same); events past the end of
 * the shorter run are paired with null.
 */

/**
 * What pairing reads of an event, in the session's and the report's vocabulary: a `MesopEvent`
 * fits, and so does a payload report's event through `comparableEvents` (report-run.ts).
 */
export interface ComparableEvent {
  index: number;
  kind: MesopEvent['kind'];
  handlerId?: string;
  durationMs?: number;
  tokenRetry: boolean;
  request: Pick<MesopEvent['request'], 'bytes' | 'stateBytes'>;
  response: Pick<MesopEvent['response'], 'bytes' | 'stateBytes'>;
  mirror: MesopEvent['mirror'];
}

/** One user action of one run: an event with any token retry of it folded in. */
export interface EventFigures {
  /** The event's position in its run (the retried event's, when a retry was folded in). */
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
  /** UTF-8 bytes of state the client holds after the action, summed over state classes. */
  heldState: number;
  /** Request start to response end, ms (retry included); null when not measured. */
  timeMs: number | null;
  tokenRetries: number;
}

/** B minus A for each figure (timeMs null when either side was not measured). */
export type FigureDelta = Pick<EventFigures, 'up' | 'down' | 'stateUp' | 'stateDown' | 'heldState' | 'timeMs'>;

export interface ComparedEvent {
  /** Position of the pair (0-based, after folding token retries). */
  position: number;
  a: EventFigures | null;
  b: EventFigures | null;
  /** Both sides are there, with the same kind and handler. */
  matched: boolean;
  /** b - a for each figure (null when a side is missing). */
  delta: FigureDelta | null;
}

export function pairEvents(a: readonly ComparableEvent[], b: readonly ComparableEvent[]): ComparedEvent[] {
  const fa = eventFigures(a);
  const fb = eventFigures(b);
  const pairs: ComparedEvent[] = [];
  for (let i = 0; i < Math.max(fa.length, fb.length); i++) {
    const x = fa[i] ?? null;
    const y = fb[i] ?? null;
    const matched = !!x && !!y && x.kind === y.kind && x.handlerId === y.handlerId;
    pairs.push({ position: i, a: x, b: y, matched, delta: x && y ? difference(x, y) : null });
  }
  return pairs;
}

const sum = (xs: readonly number[]): number => xs.reduce((s, x) => s + x, 0);

/** A run's events as user actions: each token retry folded into the event before it. */
export function eventFigures(events: readonly ComparableEvent[]): EventFigures[] {
  const out: EventFigures[] = [];
  for (const e of events) {
    const prev = out[out.length - 1];
    if (e.tokenRetry && prev) {
      prev.up += e.request.bytes;
      prev.down += e.response.bytes;
      prev.stateUp += sum(e.request.stateBytes);
      prev.stateDown += sum(e.response.stateBytes);
      prev.heldState = sum(e.mirror.stateBytes);
      prev.timeMs = prev.timeMs === null || e.durationMs === undefined ? null : prev.timeMs + e.durationMs;
      prev.tokenRetries += 1;
      continue;
    }
    out.push({
      index: e.index,
      kind: e.kind,
      ...(e.handlerId !== undefined ? { handlerId: e.handlerId } : {}),
      up: e.request.bytes,
      down: e.response.bytes,
      stateUp: sum(e.request.stateBytes),
      stateDown: sum(e.response.stateBytes),
      heldState: sum(e.mirror.stateBytes),
      timeMs: e.durationMs ?? null,
      tokenRetries: 0,
    });
  }
  return out;
}

function difference(x: EventFigures, y: EventFigures): FigureDelta {
  return {
    up: y.up - x.up,
    down: y.down - x.down,
    stateUp: y.stateUp - x.stateUp,
    stateDown: y.stateDown - x.stateDown,
    heldState: y.heldState - x.heldState,
    timeMs: x.timeMs === null || y.timeMs === null ? null : y.timeMs - x.timeMs,
  };
}
