import { type CaptureRecord, isStreamEnd } from '../../core';
import type { UiActivity } from './capture-types';

/**
 * How far the page's Mesop traffic has got: how many UI requests started (SSE POSTs and WebSocket
 * sends), and what is still open, in words the idle wait can print when it gives up.
 */
export function uiActivity(
  records: readonly CaptureRecord[],
  pendingCalls: number,
  lastActivityAt: number,
): UiActivity {
  const busy: string[] = [];
  let started = 0;
  for (const rec of records) {
    if (!rec.isUi) continue;
    if (rec.kind === 'http') {
      started++;
      if (!rec.done) busy.push(`POST ${rec.url} (request ${rec.requestId}) still loading`);
    } else {
      const sent = rec.frames.filter((f) => f.direction === 'send').length;
      const ended = rec.frames.filter((f) => f.direction === 'receive' && isStreamEnd(f.data)).length;
      started += sent;
      if (sent > ended && rec.closedAt === undefined)
        busy.push(`${sent - ended} WebSocket request(s) on ${rec.url} without <stream_end>`);
    }
  }
  if (pendingCalls > 0) busy.push(`${pendingCalls} CDP call(s) pending`);
  return { started, busy, lastActivityAt };
}
