/**
 * A finding is what one advice rule concludes about a measured session: what it saw (evidence,
 * with the events and field paths it comes from), what to do, and what doing it would save.
 * Plain data, so it goes unchanged into the JSON report, the panel and the CI summary.
 */
export type FindingLevel = 'info' | 'warn' | 'error';

/** A field of the client-held state: state class by position (names are not on the wire). */
export interface FieldRef {
  stateClass: number;
  path: string;
}

export interface Evidence {
  /** Named measurements, in bytes unless the name says otherwise (`...Count`, `...Events`). */
  numbers: Record<string, number>;
  /** Indices of the events the numbers come from. */
  events: number[];
  paths: FieldRef[];
}

/**
 * What following the advice changes, per user event. `bytesPerEvent` is saved bytes on the wire;
 * the seconds are the transfer time of those bytes at Chrome's presets (see network-presets.ts),
 * upload or download depending on which direction the bytes travel.
 */
export interface Effect {
  bytesPerEvent: number;
  direction: 'up' | 'down';
  secondsPerEventSlow4G: number;
  secondsPerEvent3G: number;
}

export interface Finding {
  /** Stable within a report: `<ruleId>` or `<ruleId>:<subject>` (e.g. `blob-in-state:0:image`). */
  id: string;
  ruleId: string;
  level: FindingLevel;
  /** One line. */
  title: string;
  evidence: Evidence;
  /** What to do, in sentences; `.env` lines, when any, are also in `envLines`. */
  advice: string;
  /** Exact lines for the app's `.env` file (Mesop reads it at start; restart to apply). */
  envLines: string[];
  effect: Effect;
}

export const LEVEL_ORDER: Record<FindingLevel, number> = { error: 0, warn: 1, info: 2 };
