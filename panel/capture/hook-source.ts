import type { Exchange, WebSocketFrame } from '../../src/core/decode/exchange';
import { pairWebSocketFrames } from '../../src/core/decode/websocket-pairing';
import {
  PANEL_PORT_PREFIX, type HookMessage, type PageInfo, type PanelToWorker, type WorkerToPanel,
} from '../../src/extension/protocol';

/**
 * Capture path (b): the page's main-world hook, through content relay -> service worker -> this
 * port. On connect (and reconnect: an MV3 worker may be stopped) it asks for the relay's backlog,
 * so events from before the panel existed arrive too; messages are applied idempotently by id.
 */
/** Finalized ids remembered to ignore backlog repeats: far more than a relay backlog holds events of. */
const MAX_FINALIZED_IDS = 200_000;

interface SseRecord { start?: Extract<HookMessage, { type: 'sse-start' }>; end?: Extract<HookMessage, { type: 'sse-end' }> }
interface SocketRecord { url: string; frames: WebSocketFrame[]; frameKeys: Set<string>; closedAt?: number }

export class HookSource {
  readonly sse = new Map<string, SseRecord>();
  readonly sockets = new Map<string, SocketRecord>();
  page: PageInfo | undefined;
  dropped = 0;
  error: string | undefined;
  /** Hook messages received, live or from the backlog (duplicates included). */
  received = 0;

  constructor(private readonly tabId: number, private readonly onChange: () => void) {}

  connect(): void {
    const port = chrome.runtime.connect({ name: `${PANEL_PORT_PREFIX}${this.tabId}` });
    port.onMessage.addListener((msg: WorkerToPanel) => this.#onMessage(msg));
    port.onDisconnect.addListener(() => setTimeout(() => this.connect(), 200));
    this.requestBacklog = () => port.postMessage({ kind: 'backlog-request' } satisfies PanelToWorker);
    this.requestBacklog();
  }

  /** Asks the relay again (after a navigation, the new page's backlog). */
  requestBacklog: () => void = () => undefined;

  #onMessage(msg: WorkerToPanel): void {
    if (msg.kind === 'hook') { this.error = undefined; this.apply(msg.message); }
    else if (msg.kind === 'backlog') {
      this.error = undefined;
      this.dropped = Math.max(this.dropped, msg.backlog.dropped);
      msg.backlog.messages.forEach((m) => this.apply(m));
    } else this.error = msg.error;
    this.onChange();
  }

  /**
   * The row of this exchange is final (capture-store.ts): forget its record, and ignore its
   * messages if the backlog brings them again. The id set is bounded (ids are ~20 characters).
   */
  finalize(id: string): void {
    this.sse.delete(id);
    this.#finalized.add(id);
    if (this.#finalized.size > MAX_FINALIZED_IDS) {
      for (const old of this.#finalized) { this.#finalized.delete(old); if (this.#finalized.size <= MAX_FINALIZED_IDS / 2) break; }
    }
  }

  readonly #finalized = new Set<string>();

  apply(m: HookMessage): void {
    this.received++;
    if ((m.type === 'sse-start' || m.type === 'sse-end') && this.#finalized.has(m.id)) return;
    switch (m.type) {
      case 'page': this.page = m.page; break;
      case 'sse-start': this.#sse(m.id).start = m; break;
      case 'sse-end': this.#sse(m.id).end = m; break;
      case 'ws-open': this.#socket(m.socketId, m.url); break;
      case 'ws-frame': {
        const s = this.#socket(m.socketId, '');
        // A frame can arrive twice (live, then again in the backlog): same direction, time and data.
        const dupKey = `${m.frame.direction}:${m.frame.time}:${m.frame.data}`;
        if (s.frameKeys.has(dupKey)) break;
        s.frameKeys.add(dupKey);
        s.frames.push(m.frame);
        s.frames.sort((a, b) => a.time - b.time);
        break;
      }
      case 'ws-close': this.#socket(m.socketId, '').closedAt = m.at; break;
    }
  }

  #sse(id: string): SseRecord {
    let r = this.sse.get(id);
    if (!r) this.sse.set(id, (r = {}));
    return r;
  }

  #socket(id: string, url: string): SocketRecord {
    let s = this.sockets.get(id);
    if (!s) this.sockets.set(id, (s = { url, frames: [], frameKeys: new Set() }));
    if (url) s.url = url;
    return s;
  }

  /** Exchanges as the hook saw them, and the ids still waiting for their response. */
  exchanges(): { exchanges: Exchange[]; pending: Set<string> } {
    const exchanges: Exchange[] = [];
    const pending = new Set<string>();
    for (const [id, { start, end }] of this.sse) {
      if (!start) continue; // an end without a start cannot happen within one page; ignore
      if (!end) pending.add(id);
      exchanges.push({
        id, transport: 'sse', url: start.url, startedAt: start.startedAt, endedAt: end?.endedAt,
        requestBody: start.requestBody, responseText: end ? end.responseText || null : null,
        status: end?.status,
        captureNote: end && (end.outcome === 'error' || end.outcome === 'timeout') ? `xhr ${end.outcome}` : undefined,
      });
    }
    for (const [id, s] of this.sockets) {
      const socketExchanges = pairWebSocketFrames(s.frames, s.url, `ws:${id}`);
      for (const ex of socketExchanges) {
        if (!ex.responseMessages?.includes('<stream_end>') && s.closedAt === undefined) pending.add(ex.id);
        exchanges.push(ex);
      }
    }
    return { exchanges, pending };
  }
}
