/**
 * `prev` when `next` holds the same items in the same order (by identity), else `next`. The capture
 * hands the panel a new rows array on every update (5 a second while events stream in), mostly
 * with nothing new among the settled ones: keeping the old array keeps everything computed from it
 * (keys, capture problems, the event list's props) and skips those O(events) passes and renders.
 */
export function sameOr<T>(prev: readonly T[], next: readonly T[]): readonly T[] {
  if (prev.length !== next.length) return next;
  for (let i = prev.length - 1; i >= 0; i--) if (prev[i] !== next[i]) return next;
  return prev;
}
