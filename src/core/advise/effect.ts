import type { Effect } from './finding';
import { PRESET_3G, SLOW_4G, transferSeconds, type NetworkPreset } from './network-presets';
import { sum } from '../sum';

/** Seconds are rounded to milliseconds: more digits would claim a precision the presets lack. */
const ms = (s: number) => Math.round(s * 1000) / 1000;

/**
 * The effect of a fix from what it saves on each event it affects (wire bytes, one entry per
 * event) and, optionally, the requests it removes over the session (each costs the preset's latency).
 */
export function effectOver(savedPerEvent: readonly number[], direction: 'up' | 'down', roundTrips = 0): Effect {
  const saved = savedPerEvent.map((b) => Math.max(0, Math.round(b))).filter((b) => b > 0);
  const sessionBytes = sum(saved);
  const events = saved.length;
  const bytesPerEvent = events ? Math.round(sessionBytes / events) : 0;
  const seconds = (bytes: number, trips: number, preset: NetworkPreset) =>
    ms(transferSeconds(bytes, preset, direction) + (trips * preset.latencyMs) / 1000);
  const tripsPerEvent = events ? roundTrips / events : 0;
  return {
    direction,
    events,
    bytesPerEvent,
    maxBytesPerEvent: events ? Math.max(...saved) : 0,
    sessionBytes,
    roundTrips,
    secondsPerEventSlow4G: seconds(bytesPerEvent, tripsPerEvent, SLOW_4G),
    secondsPerEvent3G: seconds(bytesPerEvent, tripsPerEvent, PRESET_3G),
    sessionSecondsSlow4G: seconds(sessionBytes, roundTrips, SLOW_4G),
    sessionSeconds3G: seconds(sessionBytes, roundTrips, PRESET_3G),
  };
}

export const NO_EFFECT: Effect = effectOver([], 'up');
