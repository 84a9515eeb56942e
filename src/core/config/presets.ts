import type { BudgetLevel } from '../budget/budget-types';
import type { MetricId } from '../budget/metrics';

export interface PresetEntry {
  level: BudgetLevel;
  max: number;
  reason: string;
}

/**
 * `"preset": "recommended"`. Every metric has an entry, so a bare level (`"request-bytes":
 * "error"`) always has a max to use; metrics that vary too much between apps are `off`.
 * Seconds are at Chrome's Slow 4G preset (675 kbit/s up, 1.44 Mbit/s down; see
 * src/core/advise/network-presets.ts).
 */
export const RECOMMENDED: Readonly<Record<MetricId, PresetEntry>> = {
  'request-bytes': {
    level: 'error',
    max: 1_000_000,
    reason: 'Reflex warns when a state passes 1000 KB; a 1 MB request is 12 s of upload per click at Slow 4G',
  },
  'upload-state-bytes': {
    level: 'warn',
    max: 100_000,
    reason: '100 kB of state adds 1.2 s to every click at Slow 4G; a session backend makes it a 22-character token',
  },
  'response-bytes': {
    level: 'warn',
    max: 500_000,
    reason: '500 kB takes 2.8 s to download at Slow 4G before the UI updates',
  },
  'download-state-bytes': {
    level: 'warn',
    max: 250_000,
    reason: 'diffs are usually small; 250 kB of state coming down means a big value was (re)assigned',
  },
  'component-bytes': {
    level: 'warn',
    max: 200_000,
    reason: '200 kB of component tree per render is 1.1 s at Slow 4G, and no session backend reduces it',
  },
  'mirrored-state-bytes': {
    level: 'warn',
    max: 1_000_000,
    reason: "the browser keeps, parses and re-serializes this copy on every event, backend or not (Reflex's 1000 KB)",
  },
  'total-request-bytes': {
    level: 'off',
    max: 10_000_000,
    reason: 'depends on the length of the flow; set it per flow',
  },
  'total-response-bytes': {
    level: 'off',
    max: 10_000_000,
    reason: 'depends on the length of the flow; set it per flow',
  },
  'total-upload-state-bytes': {
    level: 'off',
    max: 5_000_000,
    reason: 'depends on the length of the flow; set it per flow',
  },
  'total-download-state-bytes': {
    level: 'off',
    max: 5_000_000,
    reason: 'depends on the length of the flow; set it per flow',
  },
  'event-count': {
    level: 'off',
    max: 200,
    reason: 'a flow that suddenly needs more events is worth a look, but the number is per flow',
  },
  'state-growth-per-event': {
    level: 'warn',
    max: 10_000,
    reason: 'at 10 kB per event a session passes 1 MB of state within 100 events (a 50-message chat)',
  },
  'server-errors': {
    level: 'error',
    max: 0,
    reason:
      'a handler that raised left the user without the update; the numbers of a failing flow measure the wrong thing',
  },
  'token-misses': {
    level: 'warn',
    max: 0,
    reason:
      'each miss re-sends the full state and costs a round trip: the request reached a worker without the session (memory backend with several workers)',
  },
};

export const PRESETS = { recommended: RECOMMENDED } as const;
export type PresetName = keyof typeof PRESETS;
export const PRESET_NAMES = Object.keys(PRESETS) as PresetName[];
