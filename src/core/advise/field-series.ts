import type { Analysis } from '../analyze';
import { stateClassNumber } from '../session/numbering';
import { pageLoads } from './page-loads';

/** How one field's size moved across the events of one page load in which the client held it. */
export interface FieldTrend {
  stateClass: number;
  path: string;
  /** The page load (numbered from 1, page-loads.ts): a trend never crosses an `init`. */
  pageLoad: number;
  firstEvent: number;
  lastEvent: number;
  firstBytes: number;
  lastBytes: number;
  /** Consecutive observations where it rose / fell. */
  increases: number;
  decreases: number;
  /** Bytes added over the rises only (what it grew by, whatever it lost in between). */
  grownBytes: number;
  /** Events (indices) where it rose. */
  grewAt: number[];
}

/**
 * One pass over `analysis.fieldBytes` (needs `keepFieldBytes`): the trend of every path in every
 * page load. A reload resets the held state, so the drop at an `init` is not a decrease and the
 * next load's first value is not a rise.
 */
export function fieldTrends(analysis: Analysis): FieldTrend[] {
  const out: FieldTrend[] = [];
  for (const load of pageLoads(analysis.session.events)) {
    const trends = new Map<string, FieldTrend & { prev: number }>();
    for (let eventIndex = load.first; eventIndex <= load.last; eventIndex++) {
      (analysis.fieldBytes[eventIndex] ?? []).forEach((paths, position) => {
        const stateClass = stateClassNumber(position);
        for (const [path, bytes] of paths) {
          const key = `${stateClass}\u0000${path}`;
          const t = trends.get(key);
          if (!t) {
            trends.set(key, {
              stateClass,
              path,
              pageLoad: load.number,
              firstEvent: eventIndex,
              lastEvent: eventIndex,
              firstBytes: bytes,
              lastBytes: bytes,
              increases: 0,
              decreases: 0,
              grownBytes: 0,
              grewAt: [],
              prev: bytes,
            });
            continue;
          }
          if (bytes > t.prev) {
            t.increases++;
            t.grownBytes += bytes - t.prev;
            t.grewAt.push(eventIndex);
          } else if (bytes < t.prev) t.decreases++;
          t.prev = bytes;
          t.lastEvent = eventIndex;
          t.lastBytes = bytes;
        }
      });
    }
    for (const { prev: _prev, ...t } of trends.values()) out.push(t);
  }
  return out;
}

/** Bytes a field gained per event that grew it (not averaged over the events where it stood still). */
export const growthPerRise = (t: FieldTrend) => (t.increases ? t.grownBytes / t.increases : 0);

/**
 * A field that grew in several page loads, as one: the page load where it grew most stands for it
 * (`worst`), with the number of page loads it grew in. `growing` picks the trends that count.
 */
export interface FieldGrowth {
  worst: FieldTrend;
  pageLoadsGrown: number;
  pageLoadsTotal: number;
}

export function growthByField(analysis: Analysis, growing: (t: FieldTrend) => boolean): FieldGrowth[] {
  const total = pageLoads(analysis.session.events).length;
  const byField = new Map<string, FieldGrowth>();
  for (const t of fieldTrends(analysis)) {
    if (!growing(t)) continue;
    const key = `${t.stateClass}\u0000${t.path}`;
    const seen = byField.get(key);
    if (!seen) byField.set(key, { worst: t, pageLoadsGrown: 1, pageLoadsTotal: total });
    else {
      seen.pageLoadsGrown++;
      if (t.grownBytes > seen.worst.grownBytes) seen.worst = t;
    }
  }
  return [...byField.values()];
}
