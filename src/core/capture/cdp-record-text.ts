import type { CaptureRecord, CaptureStats, HttpRecord } from './cdp-records';
import { STREAM_END } from './sse';

const STREAM_END_EVENT = new RegExp(`^data: ?${STREAM_END}\\s*$`);

/** A Mesop terminator, as an SSE line or as a WebSocket frame (`data: <stream_end>\n\n`). */
export function isStreamEnd(data: string): boolean {
  return STREAM_END_EVENT.test(data);
}

/**
 * The best response body we have for a UI request: the streamed bytes, or what
 * `getResponseBody` returned, whichever is longer (they agree whenever both exist).
 */
export function responseTextOf(rec: HttpRecord): string | null {
  const streamed = rec.streamedText;
  const fetched = rec.bodyFromGetResponseBody;
  if (streamed === undefined) return fetched ?? null;
  if (typeof fetched === 'string' && fetched.length > streamed.length) return fetched;
  return streamed;
}

/** Counts where UI bodies came from; `getResponseBody*` say what a non-streaming capture would get. */
export function computeStats(records: readonly CaptureRecord[]): CaptureStats {
  const stats: CaptureStats = {
    uiRequests: 0,
    aborted: 0,
    streamed: 0,
    getResponseBodyMissing: 0,
    getResponseBodyPartial: 0,
    noBody: 0,
    streamUnavailable: 0,
    notes: {},
  };
  for (const rec of records) {
    if (rec.kind !== 'http' || !rec.isUi) continue;
    stats.uiRequests++;
    if (rec.failure !== undefined) stats.aborted++;
    if (rec.streamedText !== undefined) stats.streamed++;
    const fetched = rec.bodyFromGetResponseBody;
    const best = responseTextOf(rec);
    if (!fetched) stats.getResponseBodyMissing++;
    else if (best !== null && fetched.length < best.length) stats.getResponseBodyPartial++;
    if (!best) stats.noBody++;
    if (rec.notes.some((n) => n.startsWith('streamResourceContent'))) stats.streamUnavailable++;
    for (const note of [...rec.notes, ...(rec.failure !== undefined ? [`loadingFailed: ${rec.failure}`] : [])]) {
      stats.notes[note] = (stats.notes[note] ?? 0) + 1;
    }
  }
  return stats;
}
