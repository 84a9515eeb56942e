import type { Exchange, WebSocketFrame } from './exchange';
import { STREAM_END } from './sse';

/**
 * Turns the frames of one Mesop WebSocket into exchanges. In WebSocket mode each request is one
 * sent frame and its responses are received frames `data: <base64>\n\n` ending with
 * `data: <stream_end>` (mesop-protocol.md §2). Frames carry no request id and the server may run
 * requests concurrently, so responses are given to the oldest request still open (FIFO): exact
 * for sequential use, the best available guess when handlers overlap.
 */
export function pairWebSocketFrames(frames: WebSocketFrame[], url: string, idPrefix: string): Exchange[] {
  const exchanges: Exchange[] = [];
  const open: Exchange[] = [];
  let orphan: Exchange | undefined;

  for (const frame of frames) {
    if (frame.opcode !== undefined && frame.opcode !== 1) continue; // Mesop only sends text frames
    if (frame.direction === 'send') {
      const ex: Exchange = {
        id: `${idPrefix}#${exchanges.length}`, transport: 'websocket', url, startedAt: frame.time,
        requestBody: frame.data, responseText: null, responseMessages: [],
      };
      exchanges.push(ex);
      open.push(ex);
      continue;
    }
    const data = frameData(frame.data);
    let target = open[0];
    if (!target) {
      // A response with no request (socket captured mid-flight): keep it visible, not dropped.
      if (!orphan) {
        orphan = {
          id: `${idPrefix}#orphan${exchanges.length}`, transport: 'websocket', url, startedAt: frame.time,
          requestBody: null, responseText: null, responseMessages: [],
          captureNote: 'response frames without a captured request (recording began mid-request?)',
        };
        exchanges.push(orphan);
      }
      target = orphan;
    }
    target.responseMessages!.push(data);
    target.endedAt = frame.time;
    if (data === STREAM_END) {
      if (target === orphan) orphan = undefined;
      else open.shift();
    }
  }
  return exchanges;
}

/** The client strips the first 6 characters (`data: `) and trailing whitespace of each frame. */
function frameData(text: string): string {
  const body = text.startsWith('data:') ? text.slice(text.charCodeAt(5) === 32 ? 6 : 5) : text;
  return body.replace(/\s+$/, '');
}
