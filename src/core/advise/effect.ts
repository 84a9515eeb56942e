import type { Effect } from './finding';
import { PRESET_3G, SLOW_4G, transferSeconds } from './network-presets';

/** Seconds are rounded to milliseconds: more digits would claim a precision the presets lack. */
const ms = (s: number) => Math.round(s * 1000) / 1000;

export function effectOf(bytesPerEvent: number, direction: 'up' | 'down'): Effect {
  const bytes = Math.max(0, Math.round(bytesPerEvent));
  return {
    bytesPerEvent: bytes,
    direction,
    secondsPerEventSlow4G: ms(transferSeconds(bytes, SLOW_4G, direction)),
    secondsPerEvent3G: ms(transferSeconds(bytes, PRESET_3G, direction)),
  };
}

export const NO_EFFECT: Effect = effectOf(0, 'up');
