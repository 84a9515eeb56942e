import type { Protocol } from 'puppeteer-core';
import { type CaptureRecord, isUiUrl, type SocketRecord } from '../../core';

/** What the CDP capture's listeners share: the records in start order, and the capture's clock. */
export interface CaptureContext {
  records: CaptureRecord[];
  /** Whether a non-Mesop request or socket is kept (its URL and CDP resource type). */
  keepOther: (url: string, type: string) => boolean;
  /** Marks UI activity now (the idle wait counts quiet time from the last one). */
  touch: () => void;
  clock: CdpClock;
}

/**
 * CDP stamps events with a monotonic clock (seconds); only some events also carry the wall clock.
 * The offset is taken from the latest event that carries both, and converts the others.
 */
export class CdpClock {
  #offsetMs: number | null = null;

  sync(wallTimeS: number, monoS: number): void {
    this.#offsetMs = wallTimeS * 1000 - monoS * 1000;
  }

  /** Epoch ms of a monotonic CDP timestamp; now, before any event set the offset. */
  wall(monoS: number): number {
    return this.#offsetMs === null ? Date.now() : monoS * 1000 + this.#offsetMs;
  }
}

/** The WebSocket half of the capture: one record per socket, every frame with its wall time. */
export function socketListeners(ctx: CaptureContext): Record<string, (event: never) => void> {
  const sockets = new Map<string, SocketRecord>();
  const onFrame =
    (direction: 'send' | 'receive') =>
    (e: Protocol.Network.WebSocketFrameSentEvent): void => {
      const rec = sockets.get(e.requestId);
      if (!rec) return;
      rec.frames.push({
        direction,
        time: ctx.clock.wall(e.timestamp),
        opcode: e.response.opcode,
        data: e.response.payloadData,
      });
      if (rec.isUi) ctx.touch();
    };
  const listeners = {
    'Network.webSocketCreated': (e: Protocol.Network.WebSocketCreatedEvent): void => {
      const isUi = isUiUrl(e.url);
      if (!isUi && !ctx.keepOther(e.url, 'WebSocket')) return;
      const rec: SocketRecord = {
        kind: 'websocket',
        requestId: e.requestId,
        url: e.url,
        isUi,
        startedAt: Date.now(),
        requestHeaders: {},
        frames: [],
      };
      sockets.set(e.requestId, rec);
      ctx.records.push(rec);
      ctx.touch();
    },
    'Network.webSocketWillSendHandshakeRequest': (e: Protocol.Network.WebSocketWillSendHandshakeRequestEvent): void => {
      ctx.clock.sync(e.wallTime, e.timestamp);
      const rec = sockets.get(e.requestId);
      if (!rec) return;
      rec.startedAt = e.wallTime * 1000;
      rec.requestHeaders = { ...e.request.headers };
    },
    'Network.webSocketHandshakeResponseReceived': (
      e: Protocol.Network.WebSocketHandshakeResponseReceivedEvent,
    ): void => {
      const rec = sockets.get(e.requestId);
      if (!rec) return;
      rec.status = e.response.status;
      rec.statusText = e.response.statusText;
      rec.responseHeaders = { ...e.response.headers };
    },
    'Network.webSocketFrameSent': onFrame('send'),
    'Network.webSocketFrameReceived': onFrame('receive'),
    'Network.webSocketClosed': (e: Protocol.Network.WebSocketClosedEvent): void => {
      const rec = sockets.get(e.requestId);
      if (!rec) return;
      rec.closedAt = ctx.clock.wall(e.timestamp);
      ctx.touch();
    },
  };
  return listeners;
}
