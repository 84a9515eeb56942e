/**
 * A finding is what one advice rule concludes about a measured session: what it saw (evidence,
 * with the events and field paths it comes from), what to do, and what doing it would save.
 * Plain data, so it goes unchanged into the JSON report, the panel and the CI summary.
 */
export type FindingLevel = 'info' | 'warn' | 'error';

/** A field of the client-held state: its state class by number, from 1 (session/numbering.ts). */
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
 * What following the advice saves, on one basis for every finding so two findings compare: the
 * bytes saved on each event it affects (their mean) and over the whole recorded session (their
 * sum), with the time those bytes take at Chrome's presets (network-presets.ts), upload or
 * download by `direction`. `roundTrips` counts requests the fix removes (a token miss costs one);
 * their latency is in the seconds. A finding that saves nothing measurable has `events: 0`.
 */
export interface Effect {
  direction: 'up' | 'down';
  /** Events of the session the saving applies to. */
  events: number;
  /** Mean bytes saved per affected event ... */
  bytesPerEvent: number;
  /** ... and the most saved on one event (events differ: the mean alone would describe none). */
  maxBytesPerEvent: number;
  /** Bytes saved over the whole recorded session. */
  sessionBytes: number;
  /** Requests saved over the session. */
  roundTrips: number;
  secondsPerEventSlow4G: number;
  secondsPerEvent3G: number;
  sessionSecondsSlow4G: number;
  sessionSeconds3G: number;
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
