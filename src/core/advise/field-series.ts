import type { Analysis } from '../analyze';

/** How one field's size moved across the events in which the client held it. */
export interface FieldTrend {
  stateClass: number;
  path: string;
  firstEvent: number;
  lastEvent: number;
  firstBytes: number;
  lastBytes: number;
  /** Consecutive observations where it rose / fell. */
  increases: number;
  decreases: number;
  /** Events (indices) where it rose. */
  grewAt: number[];
}

/** One pass over `analysis.fieldBytes` (needs `keepFieldBytes`): the trend of every path. */
export function fieldTrends(analysis: Analysis): FieldTrend[] {
  const trends = new Map<string, FieldTrend & { prev: number }>();
  analysis.fieldBytes.forEach((classes, eventIndex) => {
    (classes ?? []).forEach((paths, stateClass) => {
      for (const [path, bytes] of paths) {
        const key = `${stateClass}\u0000${path}`;
        const t = trends.get(key);
        if (!t) {
          trends.set(key, { stateClass, path, firstEvent: eventIndex, lastEvent: eventIndex, firstBytes: bytes, lastBytes: bytes, increases: 0, decreases: 0, grewAt: [], prev: bytes });
          continue;
        }
        if (bytes > t.prev) { t.increases++; t.grewAt.push(eventIndex); }
        else if (bytes < t.prev) t.decreases++;
        t.prev = bytes;
        t.lastEvent = eventIndex;
        t.lastBytes = bytes;
      }
    });
  });
  return [...trends.values()].map(({ prev: _prev, ...t }) => t);
}

/** `history[*].content` and `history[3]` are inside `history`. */
export const isInside = (path: string, ancestor: string) =>
  path.length > ancestor.length && path.startsWith(ancestor) && (path[ancestor.length] === '.' || path[ancestor.length] === '[');
