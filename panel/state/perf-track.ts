/**
 * The Mesop events as entries of a "Mesop" track group in Chrome's Performance panel
 * (docs/performance-track.md): what each entry says and how it is coloured. Pure, so the texts are
 * unit-tested; the browser wiring is panel/transport/extension/performance-track.ts.
 *
 * The label is the Mesop tab's own text for the event (its kind, its short handler name, the
 * list's byte formatting), so the two views of one event read alike. The colour follows the
 * advice thresholds the panel's settings hold, the ones its recommendations and chart use.
 */
import { type AdviceThresholds, formatBytes, type ReportEvent, shortHandler, sum } from '../../src/core';

/** The track group every entry goes in, and its tracks. */
export const TRACK_GROUP = 'Mesop';
export const EVENTS_TRACK = 'Events';
export const MARKERS_TRACK = 'Markers';

/** Chrome's DevTools palette names (console.timeStamp's `color`, detail.devtools.color). */
export type TrackColor = 'primary' | 'warning' | 'error';

export interface TrackEntry {
  track: typeof EVENTS_TRACK | typeof MARKERS_TRACK;
  label: string;
  /** Epoch ms (the page's clock, as the capture recorded it); `end` equals `start` for a marker. */
  start: number;
  end: number;
  color: TrackColor;
  /** For the richer entries only (console.timeStamp shows none of it): a tooltip and key/value rows. */
  tooltip: string;
  properties: [string, string][];
}

/** `click send ↑312 kB ↓48 kB`: the event's kind, handler and wire bytes, as the Mesop tab writes them. */
export function eventLabel(e: ReportEvent): string {
  const handler = shortHandler(e.handlerId);
  return `${e.kind}${handler ? ` ${handler}` : ''} ↑${formatBytes(e.request.bytes)} ↓${formatBytes(e.response.bytes)}`;
}

/** Bytes of state the event uploaded in full (0 for a token, an empty or no upload). */
const fullUpload = (e: ReportEvent): number => (e.request.stateUpload === 'full' ? sum(e.request.stateBytes) : 0);

/**
 * Error: a server error, or a full-state upload at the error threshold. Warning: a full-state
 * upload at the warning threshold, or a response at the response threshold (the thresholds the
 * panel's advice uses: src/core/advise/advice-config.ts).
 */
export function eventColor(e: ReportEvent, t: AdviceThresholds): TrackColor {
  const up = fullUpload(e);
  if (e.error || up >= t.stateUploadError) return 'error';
  if (up >= t.stateUploadWarn || e.response.bytes >= t.responseWarn) return 'warning';
  return 'primary';
}

function upState(e: ReportEvent): string {
  switch (e.request.stateUpload) {
    case 'full':
      return `full, ${formatBytes(fullUpload(e))}`;
    case 'token':
      return 'token';
    case 'empty':
      return 'empty';
    case 'none':
      return 'none';
  }
}

function downState(e: ReportEvent): string {
  const { stateDownload, stateBytes } = e.response;
  return stateDownload === 'none' ? 'none' : `${stateDownload}, ${formatBytes(sum(stateBytes))}`;
}

/** What the richer entry's tooltip and properties say: the Mesop tab's detail in a few rows. */
function details(e: ReportEvent): [string, string][] {
  const top = e.topFields[0];
  const rows: [string, string][] = [
    ['event', `#${e.index}`],
    ['handler', e.handlerId ?? ''],
    ['up', formatBytes(e.request.bytes)],
    ['up state', upState(e)],
    ['down', formatBytes(e.response.bytes)],
    ['down state', downState(e)],
    ['biggest field', top ? `${top.path} ${formatBytes(top.bytes)}` : ''],
    ['token-miss retry', e.tokenRetry ? 'yes' : 'no'],
  ];
  if (e.error) rows.push(['server error', e.error.split('\n')[0]!]);
  return rows.filter(([, v]) => v !== '');
}

/** When the event started and ended (epoch ms); undefined when the capture has no start. */
function span(e: ReportEvent): { start: number; end: number } | undefined {
  const start = Date.parse(e.startedAt ?? '');
  if (!Number.isFinite(start)) return undefined;
  return { start, end: start + Math.max(0, e.durationMs ?? 0) };
}

/** When the event ended (epoch ms), what decides whether a recording saw it. */
export function eventEnd(e: ReportEvent): number | undefined {
  return span(e)?.end;
}

/**
 * The entries of one event: its bar on the Events track, and on the Markers track an instant at
 * its start for a full-state upload over the warning threshold and for a token-miss retry.
 */
export function trackEntries(e: ReportEvent, t: AdviceThresholds): TrackEntry[] {
  const at = span(e);
  if (!at) return [];
  const properties = details(e);
  const tooltip = `Mesop event #${e.index}: ${eventLabel(e)}`;
  const entries: TrackEntry[] = [
    { track: EVENTS_TRACK, label: eventLabel(e), ...at, color: eventColor(e, t), tooltip, properties },
  ];
  const marker = (label: string, color: TrackColor): TrackEntry => ({
    track: MARKERS_TRACK,
    label,
    start: at.start,
    end: at.start,
    color,
    tooltip: `${label} (event #${e.index})`,
    properties,
  });
  const up = fullUpload(e);
  if (up >= t.stateUploadWarn)
    entries.push(
      marker(
        `full state ↑${formatBytes(up)} over ${formatBytes(up >= t.stateUploadError ? t.stateUploadError : t.stateUploadWarn)}`,
        up >= t.stateUploadError ? 'error' : 'warning',
      ),
    );
  if (e.tokenRetry) entries.push(marker('token miss: retried with the full state', 'warning'));
  return entries;
}
