/**
 * Keys of a row list that mostly grows at its end and loses rows at its front (the capture's
 * memory bound): only rows that were not in the previous list get a key computed; the others
 * reuse theirs, found by identity. At 10,000 events the capture hands the panel a new list 5 times
 * a second, and a key per row on each was one of the O(events) passes that made the panel's
 * updates grow with the session (docs/panel-performance.md).
 */
export class RowKeys<R extends object> {
  #rows: readonly R[] = [];
  #keys: string[] = [];

  constructor(private readonly keyOf: (row: R) => string) {}

  of(rows: readonly R[]): string[] {
    const prev = this.#rows;
    // Where the new list starts in the old one: 0 when it only grew, > 0 after the oldest were dropped.
    const offset = rows.length > 0 && prev.length > 0 ? prev.indexOf(rows[0]!) : -1;
    let same = 0;
    if (offset >= 0) while (same < rows.length && offset + same < prev.length && prev[offset + same] === rows[same]) same++;
    const keys = this.#keys.slice(Math.max(offset, 0), Math.max(offset, 0) + same);
    for (let i = same; i < rows.length; i++) keys.push(this.keyOf(rows[i]!));
    this.#rows = rows;
    this.#keys = keys;
    return keys;
  }
}

/** How many of `rows` (in start order) started before `time`: a binary search. */
export function countStartedBefore<R>(rows: readonly R[], startOf: (row: R) => number, time: number): number {
  let lo = 0;
  let hi = rows.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (startOf(rows[mid]!) < time) lo = mid + 1; else hi = mid;
  }
  return lo;
}
