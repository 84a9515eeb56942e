import { isUiUrl } from '../core';
import { absoluteUrl, addNativeListener, debugClock, debugTime } from './hook-emit';
import { replaceGlobal } from './hook-xhr';
import { MAX_CARRIED_CHARS, type HookMessage } from './protocol';

/** A text frame as carried to the panel: over MAX_CARRIED_CHARS, its length only. */
function carried(direction: 'send' | 'receive', data: string, seq: number) {
  return data.length > MAX_CARRIED_CHARS
    ? { direction, time: Date.now(), data: '', opcode: 1, seq, omittedChars: data.length }
    : { direction, time: Date.now(), data, opcode: 1, seq };
}

/**
 * Wraps WebSocket for Mesop's `ws(s)://host/.../__ui__` socket (MESOP_WEBSOCKETS_ENABLED=true).
 * DevTools reports a socket's frames only when it closes (onRequestFinished) or via getHAR polling,
 * while Mesop keeps one socket open for the page's life, so the hook is the live source here.
 * Our `message` listener runs before Mesop's (it is added in the constructor): it only takes the
 * time, a number and a reference to the frame's string, and hands them to `record`
 * (hook-channel.ts), which sends nothing before a later task. Frames are kept only in the hook's
 * bounded backlog.
 */
type SendData = Parameters<globalThis.WebSocket['send']>[0];

export function installWebSocketHook(pageId: string, nextId: () => string, record: (m: HookMessage) => void): void {
  const Native = window.WebSocket;
  if (!Native) return;

  class WebSocket extends Native {
    #socketId: string | null = null;
    #nextSeq: () => number = () => 0;

    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols);
      const abs = absoluteUrl(this.url);
      if (!isUiUrl(abs)) return;
      const socketId = nextId();
      this.#socketId = socketId;
      // Frames are numbered: the panel orders them and recognises one that a backlog brings again.
      let seq = 0;
      this.#nextSeq = () => seq++;
      record({ type: 'ws-open', pageId, socketId, url: abs, at: Date.now() });
      addNativeListener.call(this, 'message', (e: Event) => {
        const t0 = debugClock();
        const data = (e as MessageEvent).data;
        record({
          type: 'ws-frame',
          pageId,
          socketId,
          frame:
            typeof data === 'string'
              ? carried('receive', data, this.#nextSeq())
              : { direction: 'receive', time: Date.now(), data: '', opcode: 2, seq: this.#nextSeq() },
        });
        debugTime('syncMs', t0);
      });
      addNativeListener.call(this, 'close', (e: Event) => {
        record({ type: 'ws-close', pageId, socketId, at: Date.now(), code: (e as CloseEvent).code });
      });
    }

    override send(data: SendData): void {
      // Call first: send() throws in CONNECTING state, and a frame that was never sent must not be recorded.
      super.send(data);
      const socketId = this.#socketId;
      if (socketId) {
        const t0 = debugClock();
        record({
          type: 'ws-frame',
          pageId,
          socketId,
          frame:
            typeof data === 'string'
              ? carried('send', data, this.#nextSeq())
              : { direction: 'send', time: Date.now(), data: '', opcode: 2, seq: this.#nextSeq() },
        });
        debugTime('syncMs', t0);
      }
    }
  }

  replaceGlobal('WebSocket', WebSocket);
}
