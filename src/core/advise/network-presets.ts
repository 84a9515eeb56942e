/**
 * Chrome DevTools' network throttling presets, used to turn bytes into seconds a user waits.
 *
 * Values from devtools-frontend `front_end/core/sdk/NetworkManager.ts` (the same numbers
 * puppeteer-core ships as `PredefinedNetworkConditions`, "generally aligned with DevTools"):
 * - "Slow 4G" (formerly "Fast 3G", renamed in crbug.com/342406608): download 1.6 Mbit/s x 0.9,
 *   upload 750 kbit/s x 0.9 = 675 kbit/s, latency 150 ms x 3.75 = 562.5 ms.
 * - "3G" (formerly "Slow 3G"): download and upload 500 kbit/s x 0.8 = 400 kbit/s,
 *   latency 400 ms x 5 = 2000 ms.
 * Throughputs are in bytes per second, latency in milliseconds, as in the CDP
 * `Network.emulateNetworkConditions` call.
 */
export interface NetworkPreset {
  name: string;
  downloadBytesPerSecond: number;
  uploadBytesPerSecond: number;
  latencyMs: number;
}

export const SLOW_4G: NetworkPreset = {
  name: 'Slow 4G',
  downloadBytesPerSecond: ((1.6 * 1000 * 1000) / 8) * 0.9,
  uploadBytesPerSecond: ((750 * 1000) / 8) * 0.9,
  latencyMs: 150 * 3.75,
};

export const PRESET_3G: NetworkPreset = {
  name: '3G',
  downloadBytesPerSecond: ((500 * 1000) / 8) * 0.8,
  uploadBytesPerSecond: ((500 * 1000) / 8) * 0.8,
  latencyMs: 400 * 5,
};

/**
 * Seconds to move `bytes` through the preset's pipe. Latency is left out on purpose: a finding's
 * effect is the bytes it saves, and saving bytes does not remove the round trip.
 */
export function transferSeconds(bytes: number, preset: NetworkPreset, direction: 'up' | 'down'): number {
  const rate = direction === 'up' ? preset.uploadBytesPerSecond : preset.downloadBytesPerSecond;
  return bytes / rate;
}
