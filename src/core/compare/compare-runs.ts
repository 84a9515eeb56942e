import type { Session } from '../session/session';
import { sum } from '../sum';
import { pairEvents, type ComparableEvent, type ComparedEvent, type EventFigures } from './pair-events';

/**
 * The A/B comparison of dev mode (and of the MCP tool): the same user flow recorded before (A) and
 * after (B) a session backend switch, side by side per event, with totals and the saving. Pure: the
 * panel renders it, tests assert on it. The pairing and the per-event deltas are pairEvents'.
 */
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

export interface Totals {
  up: number;
  down: number;
  stateUp: number;
  stateDown: number;
  timeMs: number | null;
  events: number;
}

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

export function compareRuns(
  a: ComparableRun,
  b: ComparableRun,
  labels: { a?: string; b?: string } = {},
): RunComparison {
  const rows = pairEvents(a.events, b.events);
  const paired = rows.filter((r) => r.a && r.b);
  const ta = totals(paired.map((r) => r.a!));
  const tb = totals(paired.map((r) => r.b!));
  const up = ta.up - tb.up;
  const total = ta.up + ta.down - (tb.up + tb.down);
  return {
    a: side(a, labels.a ?? 'A'),
    b: side(b, labels.b ?? 'B'),
    rows,
    totals: { a: totals(rows.flatMap((r) => (r.a ? [r.a] : []))), b: totals(rows.flatMap((r) => (r.b ? [r.b] : []))) },
    saving: {
      up,
      down: ta.down - tb.down,
      total,
      upShare: ta.up ? up / ta.up : 0,
      totalShare: ta.up + ta.down ? total / (ta.up + ta.down) : 0,
    },
    sameFlow: rows.every((r) => r.matched),
  };
}

function totals(fs: readonly EventFigures[]): Totals {
  const times = fs.map((f) => f.timeMs);
  return {
    up: sum(fs.map((f) => f.up)),
    down: sum(fs.map((f) => f.down)),
    stateUp: sum(fs.map((f) => f.stateUp)),
    stateDown: sum(fs.map((f) => f.stateDown)),
    timeMs: times.every((t) => t !== null) ? sum(times as number[]) : null,
    events: fs.length,
  };
}

function side(s: ComparableRun, label: string): RunSide {
  return { label, backend: s.backend, transport: s.transport };
}
