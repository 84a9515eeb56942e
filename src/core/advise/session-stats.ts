import type { MesopEvent } from '../session/event';

/** Small numeric helpers the rules share. */
export const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);

export function median(xs: readonly number[]): number {
  if (xs.length === 0) return 0;
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

export const max = (xs: readonly number[]) => (xs.length ? Math.max(...xs) : 0);

/** Events a user caused (not the page load, not undecodable ones). */
export const userEvents = (events: readonly MesopEvent[]) =>
  events.filter((e) => e.kind !== 'init' && e.kind !== 'unknown');

/** Total client-held state after an event, all classes. */
export const heldStateBytes = (e: MesopEvent) => sum(e.mirror.stateBytes);
