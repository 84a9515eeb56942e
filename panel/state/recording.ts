import { CHROMIUM_RESOURCE_LIMIT, type MergedExchange, requestSize } from '../../src/core';

/**
 * What the user did to the recording, as time marks, and the rows that survive them. Time marks
 * (not row ids) because a row's id can change when the second capture path catches up with it.
 */
export interface Recording {
  recording: boolean;
  /** Rows started before this are cleared. */
  clearedAt: number;
  /** Closed and open pause windows [from, to). */
  pauses: { from: number; to?: number }[];
  preserveLog: boolean;
}

export const initialRecording = (preserveLog: boolean): Recording => ({ recording: true, clearedAt: 0, pauses: [], preserveLog });

export function togglePause(r: Recording, now = Date.now()): Recording {
  if (r.recording) return { ...r, recording: false, pauses: [...r.pauses, { from: now }] };
  return { ...r, recording: true, pauses: r.pauses.map((p) => (p.to === undefined ? { ...p, to: now } : p)) };
}

export const clearRecording = (r: Recording, now = Date.now()): Recording => ({ ...r, clearedAt: now });

/** Where the shown log starts: the last clear, or (without preserve log) the last navigation. */
export function visibleFrom(r: Recording, navigations: readonly number[]): number {
  const lastNavigation = navigations.length ? navigations[navigations.length - 1]! : 0;
  return Math.max(r.clearedAt, r.preserveLog ? 0 : lastNavigation);
}

/** Of the events dropped by the memory bound (start times, ascending), those that belong to the shown log. */
export function droppedInView(droppedStarts: readonly number[], from: number): number {
  let lo = 0;
  let hi = droppedStarts.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (droppedStarts[mid]! < from) lo = mid + 1; else hi = mid;
  }
  return droppedStarts.length - lo;
}

/** Rows to analyse: not cleared, not started while paused, and (without preserve log) from the current page only. */
export function visibleRows(rows: readonly MergedExchange[], r: Recording, navigations: readonly number[]): readonly MergedExchange[] {
  const from = visibleFrom(r, navigations);
  if (r.pauses.length === 0) {
    // Rows come in start order (CaptureSnapshot.rows): the visible ones are a tail, found in O(log n).
    let lo = 0;
    let hi = rows.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (rows[mid]!.exchange.startedAt < from) lo = mid + 1; else hi = mid;
    }
    return lo === 0 ? rows : rows.slice(lo);
  }
  return rows.filter((row) => {
    const t = row.exchange.startedAt;
    return t >= from && !r.pauses.some((p) => t >= p.from && (p.to === undefined || t < p.to));
  });
}

/** Capture problems of a row, in words, for the event list (the merge's reasons plus the 20 MB limit). */
export function rowProblems(row: MergedExchange): string[] {
  const out = [...row.problems];
  const ex = row.exchange;
  const byHook = row.sources.includes('hook') ? '; read by the page hook' : '';
  // Bytes; these bodies are ASCII base64, so chars = bytes. What DevTools keeps over the limit was
  // measured on Chromium 156 (src/core/decode/har.ts): no post data but its Content-Length; no
  // response body but its parsed SSE events.
  // The upload's size also when DevTools kept only that (a row without the page hook).
  if ((requestSize(ex) ?? 0) > CHROMIUM_RESOURCE_LIMIT) {
    out.push(`upload over Chromium's 20 MB limit: the Network tab and a HAR export have no body, only its size${byHook}`);
  }
  if ((ex.responseText?.length ?? 0) > CHROMIUM_RESOURCE_LIMIT) {
    out.push(`response over Chromium's 20 MB limit: the Network tab shows no body; a HAR export keeps only its SSE events (mesop-devtools analyze reads them)${byHook}`);
  }
  return out;
}

/** Identifies an exchange's content, so the worker only gets what changed. */
export const exchangeKey = (row: MergedExchange): string =>
  `${row.exchange.id}|${row.exchange.requestBody?.length ?? -1}|${row.exchange.responseText?.length ?? row.exchange.responseMessages?.length ?? -1}|${row.complete}`;
