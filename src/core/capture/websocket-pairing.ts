import type { Exchange, WebSocketFrame } from './exchange';
import { STREAM_END } from './sse';
import { backlogNote } from './hook-exchange';

/**
 * Turns the frames of one Mesop WebSocket into exchanges. In WebSocket mode each request is one
 * sent frame and its responses are received frames `data: <base64>\n\n` ending with
 * `data: <stream_end>` (docs/protocol.md §2). Frames carry no request id and the server may run
 * requests concurrently, so responses are given to the oldest request still open (FIFO): exact
 * for sequential use, the best available guess when handlers overlap.
 *
 * Received frames with no open request (the socket was captured mid-request) form an "orphan"
 * exchange, kept visible, which ends at its `<stream_end>` or at the next sent frame.
 *
 * `firstIndex` numbers the exchanges from there (ids `${idPrefix}#${n}`): a live capture that has
 * dropped the frames of its first exchanges (dropPairedExchanges) keeps its ids stable.
 */
export function pairWebSocketFrames(
  frames: readonly WebSocketFrame[],
  url: string,
  idPrefix: string,
  firstIndex = 0,
): Exchange[] {
  return pair(frames, url, idPrefix, firstIndex).exchanges;
}

/** The exchanges, with which of them may still receive frames (their response has not ended). */
export function pairWebSocketFramesLive(
  frames: readonly WebSocketFrame[],
  url: string,
  idPrefix: string,
  firstIndex = 0,
): { exchanges: Exchange[]; open: Set<Exchange> } {
  const { exchanges, open } = pair(frames, url, idPrefix, firstIndex);
  return { exchanges, open };
}

/**
 * The frames left once the first `count` exchanges are gone, such that pairing them (with
 * `firstIndex + count`) gives exactly the remaining exchanges, as long as those `count` had ended
 * (test/core/capture/websocket-pairing.test.ts checks this on random frame sequences). Frames that
 * are not text (ignored by pairing) go with the dropped ones when they come before the last of them.
 */
export function dropPairedExchanges(frames: readonly WebSocketFrame[], count: number): WebSocketFrame[] {
  if (count <= 0) return frames.slice();
  const { owner } = pair(frames, '', '', 0);
  let lastDropped = -1;
  for (let i = 0; i < frames.length; i++) if (owner[i]! >= 0 && owner[i]! < count) lastDropped = i;
  return frames.filter((_, i) => (owner[i]! < 0 ? i > lastDropped : owner[i]! >= count));
}

function pair(frames: readonly WebSocketFrame[], url: string, idPrefix: string, firstIndex: number) {
  const exchanges: Exchange[] = [];
  /** Per frame: index in `exchanges` of the exchange it belongs to, -1 when not a text frame. */
  const owner = new Int32Array(frames.length).fill(-1);
  /** Indices in `exchanges` of the requests still waiting for their `<stream_end>`, oldest first. */
  const open: number[] = [];
  let orphan = -1;

  frames.forEach((frame, f) => {
    if (frame.opcode !== undefined && frame.opcode !== 1) return; // Mesop only sends text frames
    if (frame.direction === 'send') {
      orphan = -1; // responses now go to this request: the orphan gets no more
      owner[f] = exchanges.length;
      open.push(exchanges.length);
      exchanges.push({
        id: `${idPrefix}#${firstIndex + exchanges.length}`,
        transport: 'websocket',
        url,
        startedAt: frame.time,
        requestBody: frame.omittedChars === undefined ? frame.data : null,
        responseText: null,
        responseMessages: [],
        messageTimes: [],
        ...(frame.omittedChars === undefined
          ? {}
          : {
              requestBytesNotCaptured: frame.omittedChars,
              captureNote: omittedNote('request', frame.omittedChars, frame.keptAsSize),
            }),
      });
      return;
    }
    const data = frameData(frame.data);
    let target = open.length ? open[0]! : orphan;
    if (target < 0) {
      target = orphan = exchanges.length;
      exchanges.push({
        id: `${idPrefix}#orphan${firstIndex + exchanges.length}`,
        transport: 'websocket',
        url,
        startedAt: frame.time,
        requestBody: null,
        responseText: null,
        responseMessages: [],
        messageTimes: [],
        captureNote: 'response frames without a captured request (recording began mid-request?)',
      });
    }
    owner[f] = target;
    const ex = exchanges[target]!;
    ex.endedAt = frame.time;
    // The first byte of a WebSocket response is its first received frame, omitted or not.
    ex.firstByteAt ??= frame.time;
    if (frame.omittedChars !== undefined) {
      // A message too big to carry: its size counts, the exchange says why its content is missing.
      ex.responseBytesNotCaptured = (ex.responseBytesNotCaptured ?? 0) + frame.omittedChars;
      ex.captureNote = omittedNote('response', ex.responseBytesNotCaptured, frame.keptAsSize);
      return;
    }
    ex.responseMessages!.push(data);
    ex.messageTimes!.push(frame.time);
    if (data === STREAM_END) {
      if (target === orphan) orphan = -1;
      else open.shift();
    }
  });
  const stillOpen = new Set<Exchange>(open.map((i) => exchanges[i]!));
  if (orphan >= 0) stillOpen.add(exchanges[orphan]!);
  return { exchanges, owner, open: stillOpen };
}

function omittedNote(side: 'request' | 'response', chars: number, keptAsSize?: true): string {
  if (keptAsSize) return backlogNote(side, chars);
  return `${side} frame of ${chars} characters too big to carry from the page (sizes only)`;
}

/** The client strips the first 6 characters (`data: `) and trailing whitespace of each frame. */
function frameData(text: string): string {
  const body = text.startsWith('data:') ? text.slice(text.charCodeAt(5) === 32 ? 6 : 5) : text;
  return body.replace(/\s+$/, '');
}
