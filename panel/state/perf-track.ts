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
import type { ResponseTiming } from '../worker/messages';

/** The track group every entry goes in, and its tracks. */
export const TRACK_GROUP = 'Mesop';
export const EVENTS_TRACK = 'Events';
export const MARKERS_TRACK = 'Markers';
export const SERVER_TRACK = 'Server';
/** The Server track's entry from the request's start to the response's first byte. */
export const WAITING_LABEL = 'waiting for Mesop';

/** Chrome's DevTools palette names (console.timeStamp's `color`, detail.devtools.color). */
export type TrackColor = 'primary' | 'secondary' | 'tertiary' | 'warning' | 'error';

export interface TrackEntry {
  track: typeof EVENTS_TRACK | typeof MARKERS_TRACK | typeof SERVER_TRACK;
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
 * The entries of one event: its bar on the Events track, on the Markers track an instant at its
 * start for a full-state upload over the warning threshold and for a token-miss retry, and on the
 * Server track what `timing` dates (serverEntries).
 */
export function trackEntries(e: ReportEvent, t: AdviceThresholds, timing?: ResponseTiming): TrackEntry[] {
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
  if (timing) entries.push(...serverEntries(e, at, timing));
  return entries;
}

/**
 * The Server track: the wait from the request's start to the first byte ("waiting for Mesop"),
 * then one entry per dated response message, from the previous message's arrival (the first
 * byte for the first) to its own: the server's time to produce it, its end when it arrived.
 * Renders read `render 2/3 · 12 kB` (their wire bytes); the message after them is the state
 * update or the server error. A time outside the event's span (another clock) is left out.
 */
function serverEntries(e: ReportEvent, at: { start: number; end: number }, timing: ResponseTiming): TrackEntry[] {
  // The event's start is the report's ISO time, cut to whole ms: 1 ms of slack at the end.
  const within = (ms: number | undefined): ms is number => ms !== undefined && ms >= at.start && ms <= at.end + 1;
  const entry = (label: string, start: number, end: number, color: TrackColor): TrackEntry => ({
    track: SERVER_TRACK,
    label,
    start,
    end,
    color,
    tooltip: `${label} (event #${e.index}: ${eventLabel(e)})`,
    properties: [
      ['event', `#${e.index}`],
      ['ms', (end - start).toFixed(1)],
    ],
  });
  const out: TrackEntry[] = [];
  if (within(timing.firstByteAt)) out.push(entry(WAITING_LABEL, at.start, timing.firstByteAt, 'secondary'));
  let previous = within(timing.firstByteAt) ? timing.firstByteAt : undefined;
  timing.messages.forEach((m, i) => {
    if (!within(m.at)) return;
    const start = previous !== undefined && previous <= m.at ? previous : m.at;
    out.push(entry(messageLabel(e, timing, i), start, m.at, i < timing.renders ? 'tertiary' : afterRenders(e)));
    previous = m.at;
  });
  return out;
}

/** `render 2/3 · 12 kB`, or what the message after the renders carried. */
function messageLabel(e: ReportEvent, timing: ResponseTiming, i: number): string {
  const m = timing.messages[i]!;
  if (m.renderBytes !== undefined) return `render ${i + 1}/${timing.renders} · ${formatBytes(m.renderBytes)}`;
  if (i === timing.renders && e.error) return 'server error';
  if (i === timing.renders && e.response.stateDownload !== 'none') return `state ${downState(e)}`;
  return `message ${i + 1}/${e.response.messages}`;
}

const afterRenders = (e: ReportEvent): TrackColor => (e.error ? 'error' : 'tertiary');
