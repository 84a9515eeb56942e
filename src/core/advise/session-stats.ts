import { formatBytes } from '../measure/format-bytes';
import { sum } from '../sum';
import type { MesopEvent } from '../session/event';

/** Small numeric helpers the rules share. */

/**
 * The lower median: always one of the values, so it describes an event that happened. The mean
 * of the two middle values would fall between two clusters (1 kB, 1 kB, 801 kB, 801 kB -> 401 kB,
 * a size no event had).
 */
export function median(xs: readonly number[]): number {
  if (xs.length === 0) return 0;
  const s = [...xs].sort((a, b) => a - b);
  return s[(s.length - 1) >> 1]!;
}

export const max = (xs: readonly number[]) => (xs.length ? Math.max(...xs) : 0);

/**
 * Sizes in words that describe them: "about 8.6 kB" when they sit together (the biggest at most
 * twice the smallest), else their range ("1.0 kB to 801 kB"), so no single made-up value stands
 * for two kinds of event. `unit` says what one value is over ("per render", "per event").
 */
export function describeSizes(xs: readonly number[], unit: string): string {
  if (xs.length === 0) return `none ${unit}`;
  const lo = Math.min(...xs);
  const hi = Math.max(...xs);
  if (xs.length === 1 || hi <= lo * 2) return `${xs.length === 1 ? '' : 'about '}${formatBytes(median(xs))} ${unit}`;
  return `${formatBytes(lo)} to ${formatBytes(hi)} ${unit}`;
}

/** Events a user caused (not the page load, not undecodable ones). */
export const userEvents = (events: readonly MesopEvent[]) =>
  events.filter((e) => e.kind !== 'init' && e.kind !== 'unknown');

/** Total client-held state after an event, all classes. */
export const heldStateBytes = (e: MesopEvent) => sum(e.mirror.stateBytes);
