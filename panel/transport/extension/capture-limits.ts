import { bodyChars, type Exchange, type MergedExchange, withSizesOnly } from '../../../src/core';
import { DEFAULT_KEEP_EVENTS } from '../../state/settings';

/**
 * How much of a live session the panel keeps (docs/panel-performance.md). Past either bound the
 * oldest events are dropped, counted, and the panel says so:
 * - `maxEvents`: 10,000 events by default, the panel's "Keep the newest … events" setting. A small
 *   event costs the panel about 3 kB (its report row, its measured fields in the worker, its
 *   bodies), so 10,000 of them stay near 32 MB;
 * - `maxChars`: 64 Mi characters of captured bodies (request + response text, each kept once),
 *   more than the page hook's default backlog (4 Mi): about 64 MB of one-byte strings, so a state of
 *   200 kB (270 kB of base64 per upload) keeps the newest ~240 events. One event over it alone
 *   keeps its sizes only (`sizesOnly`), so the bound never drops the event it is about.
 */
export interface CaptureLimits {
  maxEvents: number;
  maxChars: number;
}
export const CAPTURE_LIMITS: CaptureLimits = { maxEvents: DEFAULT_KEEP_EVENTS, maxChars: 64 * 1024 * 1024 };
/** When a bound is passed, drop down to this share of it, so drops come in batches (each costs O(events)). */
export const DROP_TO = 0.9;

/** Characters a row's bodies hold (each kept once), what `maxChars` counts. */
export function charsOf(row: MergedExchange): number {
  return bodyChars(row.exchange);
}

/** The exchange as sizes only, saying it was over the panel's cap of `maxChars`. */
export function sizesOnly(ex: Exchange, maxChars: number): Exchange {
  return withSizesOnly(
    ex,
    `bodies of ${bodyChars(ex)} characters kept as their sizes only: over the panel's memory cap (${maxChars / 1024 / 1024} Mi characters)`,
  );
}
