import { isAbortAfterStreamEnd } from './client-abort';
import type { Exchange, WebSocketFrame } from './exchange';
import { pairWebSocketFrames } from './websocket-pairing';
import type { CaptureRecord } from './cdp-records';
import { responseTextOf } from './cdp-record-text';

/** Capture records -> core exchanges, in request start order (non-UI records are skipped). */
export function recordsToExchanges(records: readonly CaptureRecord[]): Exchange[] {
  const out: Exchange[] = [];
  for (const rec of records) {
    if (!rec.isUi) continue;
    if (rec.kind === 'websocket') {
      const frames: WebSocketFrame[] = rec.frames.map((f) => ({
        direction: f.direction,
        time: f.time,
        data: f.data,
        opcode: f.opcode,
      }));
      out.push(...pairWebSocketFrames(frames, rec.url, `ws:${rec.requestId}`));
      continue;
    }
    const responseText = responseTextOf(rec);
    const notes: string[] = [];
    if (rec.failure !== undefined && !isAbortAfterStreamEnd(rec.failure, responseText)) notes.push(rec.failure);
    if (responseText === null && rec.done) notes.push('response body not captured');
    if (rec.postData === null) notes.push('request body not captured');
    const ex: Exchange = {
      id: rec.requestId,
      transport: 'sse',
      url: rec.url,
      startedAt: rec.startedAt,
      requestBody: rec.postData,
      responseText,
    };
    if (rec.endedAt !== undefined) ex.endedAt = rec.endedAt;
    if (rec.status !== undefined) ex.status = rec.status;
    if (notes.length > 0) ex.captureNote = notes.join('; ');
    out.push(ex);
  }
  return out.sort((a, b) => a.startedAt - b.startedAt);
}
