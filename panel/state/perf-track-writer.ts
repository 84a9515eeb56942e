/**
 * While a Performance recording runs: which Mesop events still need their entries written (each
 * once), and the script that writes them in the inspected page. Pure; the transport evaluates the
 * script (panel/transport/extension/performance-track.ts).
 */
import type { AdviceThresholds, ReportEvent } from '../../src/core';
import type { ResponseTiming } from '../worker/messages';
import { eventEnd, EVENTS_TRACK, TRACK_GROUP, trackEntries, type TrackEntry } from './perf-track';

/** One running recording: events that ended after it started are written, once each. */
export class TrackRecording {
  /** Exchange ids already written: a view repeats the events of earlier views. */
  readonly #written = new Set<string>();

  /** `startedAt`: epoch ms when DevTools said the recording started. */
  constructor(readonly startedAt: number) {}

  /** Entries of the events not written yet that ended during the recording (events before it never appear). */
  take(
    events: readonly ReportEvent[],
    thresholds: AdviceThresholds,
    timings?: ReadonlyMap<string, ResponseTiming>,
  ): TrackEntry[] {
    const out: TrackEntry[] = [];
    for (const e of events) {
      if (this.#written.has(e.exchangeId)) continue;
      const end = eventEnd(e);
      if (end === undefined || end < this.startedAt) continue;
      this.#written.add(e.exchangeId);
      out.push(...trackEntries(e, thresholds, timings?.get(e.exchangeId)));
    }
    return out;
  }
}

/**
 * A script for chrome.devtools.inspectedWindow.eval that writes `entries` into the page's trace
 * and returns how many it wrote. Times are converted in the page, where its clock is: an entry at
 * epoch `t` is at `t - performance.timeOrigin` on the page's performance.now() time base.
 *
 * console.timeStamp (Chrome 134+) goes only into a running trace: the app's own performance
 * timeline gets nothing. `richer` (a panel setting, off by default) writes the Events track's
 * entries with performance.measure and `detail.devtools` instead, which carry a tooltip and the
 * event's details, but are also entries of the app's performance timeline (its
 * PerformanceObservers see them).
 */
export function trackScript(entries: readonly TrackEntry[], richer: boolean): string {
  const rows = entries.map((e) => [e.track, e.label, e.start, e.end, e.color, e.tooltip, e.properties]);
  return `(() => {
  const o = performance.timeOrigin;
  const rows = ${JSON.stringify(rows)};
  for (const [track, label, start, end, color, tooltipText, properties] of rows) {
    if (${richer} && track === ${JSON.stringify(EVENTS_TRACK)})
      performance.measure(label, { start: start - o, end: end - o, detail: { devtools: { dataType: 'track-entry', track, trackGroup: ${JSON.stringify(TRACK_GROUP)}, color, tooltipText, properties } } });
    else console.timeStamp(label, start - o, end - o, track, ${JSON.stringify(TRACK_GROUP)}, color);
  }
  return rows.length;
})()`;
}
