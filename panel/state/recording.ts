/**
 * What the user did to the recording, as time marks, and the rows that survive them. Time marks,
 * because a clear or a pause also covers requests still in flight (not numbered yet).
 */
export interface Recording {
  recording: boolean;
  /** Rows started before this are cleared. */
  clearedAt: number;
  /** Closed and open pause windows [from, to). */
  pauses: { from: number; to?: number }[];
  preserveLog: boolean;
}

export const initialRecording = (preserveLog: boolean): Recording => ({
  recording: true,
  clearedAt: 0,
  pauses: [],
  preserveLog,
});

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
    if (droppedStarts[mid]! < from) lo = mid + 1;
    else hi = mid;
  }
  return droppedStarts.length - lo;
}

/** Which exchanges of the capture log the panel shows: where the shown log starts, and the test for one start time. */
export interface LogFilter {
  from: number;
  shows(startedAt: number): boolean;
}

/** Not cleared, not started while paused, and (without preserve log) from the current page only. */
export function logFilter(r: Recording, navigations: readonly number[]): LogFilter {
  const from = visibleFrom(r, navigations);
  const { pauses } = r;
  return { from, shows: (t) => t >= from && !pauses.some((p) => t >= p.from && (p.to === undefined || t < p.to)) };
}
