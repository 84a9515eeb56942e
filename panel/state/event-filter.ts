import { type ReportEvent, shortHandler, sum } from '../../src/core';

export interface EventFilter {
  /** '' = every kind. */
  kind: string;
  /** Case-insensitive substring of the handler id (its function name is what people type). */
  handler: string;
  /** Minimum bytes up + down. */
  minBytes: number;
}

export const NO_FILTER: EventFilter = { kind: '', handler: '', minBytes: 0 };

export function matches(e: ReportEvent, f: EventFilter): boolean {
  if (f.kind && e.kind !== f.kind) return false;
  if (f.handler && !(e.handlerId ?? '').toLowerCase().includes(f.handler.toLowerCase())) return false;
  return e.request.bytes + e.response.bytes >= f.minBytes;
}

export type SortKey = 'index' | 'kind' | 'handler' | 'up' | 'upState' | 'down' | 'downState' | 'held' | 'duration';
export interface Sort {
  key: SortKey;
  desc: boolean;
}

export const SORT_VALUE: Record<SortKey, (e: ReportEvent) => number | string> = {
  index: (e) => e.index,
  kind: (e) => e.kind,
  handler: (e) => shortHandler(e.handlerId),
  up: (e) => e.request.bytes,
  upState: (e) => sum(e.request.stateBytes),
  down: (e) => e.response.bytes,
  downState: (e) => sum(e.response.stateBytes),
  held: (e) => sum(e.mirror.stateBytes),
  duration: (e) => e.durationMs ?? -1,
};

/** Filtered and sorted event indices (stable: ties keep session order). */
export function orderEvents(events: readonly ReportEvent[], f: EventFilter, s: Sort): number[] {
  // Live default (no filter, session order): no sort, O(events) for the thousands of a long session.
  if (s.key === 'index' && !s.desc && f.kind === '' && f.handler === '' && f.minBytes <= 0)
    return events.map((e) => e.index);
  const value = SORT_VALUE[s.key];
  const idx = events.filter((e) => matches(e, f)).map((e) => e.index);
  const byIndex = new Map(events.map((e) => [e.index, e]));
  return idx.sort((a, b) => {
    const va = value(byIndex.get(a)!);
    const vb = value(byIndex.get(b)!);
    const c = va < vb ? -1 : va > vb ? 1 : 0;
    return (s.desc ? -c : c) || a - b;
  });
}
