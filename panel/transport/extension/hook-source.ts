import browser, { type Runtime } from 'webextension-polyfill';
import { endedExchange, sentExchange, type Exchange } from '../../../src/core';
import {
  MAX_CARRIED_CHARS,
  RELAY_PIPE_PREFIX,
  RELAY_PORT_NAME,
  type HookMessage,
  type PageInfo,
  type RelayHello,
  type RelayPipeNote,
  type RelayToPanel,
} from '../../../src/extension/protocol';
import { LiveSocket } from './live-socket';

/**
 * Capture path (b): the page's main-world hook, through the content relay. The panel opens a port
 * to the relay of its tab's top frame (tabs.connect) at start, and again when a new page's
 * relay says hello; the page hook then replays its backlog, so events from before the panel
 * existed arrive too, then every new message comes on that port (a big body first in parts).
 * Messages are applied idempotently by id.
 * Firefox gives a DevTools panel no `tabs` API: there the panel opens one port to the background,
 * which connects to the relay for it and again on each hello (src/extension/relay-pipe.ts).
 */
/** Finalized ids remembered to ignore backlog repeats: far more than a relay backlog holds events of. */
const MAX_FINALIZED_IDS = 200_000;

/** Frame numbers remembered per socket to ignore backlog repeats (8 bytes each). */
const MAX_SEEN_FRAMES = 200_000;
interface SocketRecord {
  socket: LiveSocket;
  seen: Set<number | string>;
  closedAt?: number;
}

export class HookSource {
  /** SSE exchanges as the hook reported them (in flight until their `endedAt` is set). */
  readonly sse = new Map<string, Exchange>();
  readonly sockets = new Map<string, SocketRecord>();
  page: PageInfo | undefined;
  /** Early events the page's backlog did not keep (past its cap), and those it kept as sizes only. */
  dropped = 0;
  sizesOnly = 0;
  error: string | undefined;
  /** Hook messages received, live or from the backlog (duplicates included). */
  received = 0;
  /** The port to the relay of the inspected tab's current page. */
  #relay: Runtime.Port | undefined;
  /** Firefox: the pipe through the background is gone; reconnect after this (the background may have been stopped). */
  #pipeRetry: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly tabId: number,
    private readonly onChange: () => void,
  ) {}

  /** Connects to the page's relay, and again whenever a new page in this tab says hello. */
  start(): void {
    if (!canConnectToTabs()) {
      this.#connectPipe();
      return;
    }
    browser.runtime.onMessage.addListener((message: unknown, sender: Runtime.MessageSender) => {
      const msg = message as RelayHello | undefined;
      if (
        msg?.kind === 'relay-hello' &&
        sender.id === browser.runtime.id &&
        sender.tab?.id === this.tabId &&
        sender.frameId === 0
      )
        this.connect();
      return undefined;
    });
    this.connect();
  }

  connect(): void {
    this.#relay?.disconnect(); // the tab's previous page, if its port is still open
    this.#parts = [];
    const port = browser.tabs.connect(this.tabId, { name: RELAY_PORT_NAME, frameId: 0 });
    this.#relay = port;
    let heard = false;
    port.onMessage.addListener((message: unknown) => {
      heard = true;
      this.#receive(message as RelayToPanel);
    });
    port.onDisconnect.addListener((p) => {
      // Firefox sets the port's error; Chrome sets lastError (read, or Chrome logs it as unchecked).
      const why = ((p.error as { message?: string } | undefined) ?? browser.runtime.lastError)?.message;
      if (this.#relay !== port) return;
      this.#relay = undefined;
      // Closed before a word: no relay in this page (opened before the extension was installed, or another host).
      if (!heard) this.#noRelay(why);
    });
  }

  /** Firefox: one port to the background for the panel's life, reopened if the background stopped. */
  #connectPipe(): void {
    const port = browser.runtime.connect({ name: `${RELAY_PIPE_PREFIX}${this.tabId}` });
    this.#relay = port;
    port.onMessage.addListener((message: unknown) => {
      const note = message as RelayPipeNote | undefined;
      if (note?.kind === 'relay-missing') this.#noRelay(note.why);
      else this.#receive(message as RelayToPanel);
    });
    port.onDisconnect.addListener(() => {
      if (this.#relay !== port) return;
      this.#relay = undefined;
      clearTimeout(this.#pipeRetry);
      this.#pipeRetry = setTimeout(() => this.#connectPipe(), PIPE_RETRY_MS);
    });
  }

  #noRelay(why: string | undefined): void {
    this.error = `the page has no Mesop DevTools content script${why ? `: ${why}` : ''}`;
    this.onChange();
  }

  /** Parts of a big body, posted one by one before the message they belong to (relay-sender.ts). */
  #parts: string[] = [];

  #receive(msg: RelayToPanel): void {
    if (msg?.kind === 'part') {
      this.#parts.push(msg.text);
      return;
    }
    if (msg?.kind !== 'hook') return;
    this.error = undefined;
    let m = msg.message;
    if (msg.parts) {
      const body = this.#parts.join('');
      m =
        msg.parts === 'data' && m.type === 'ws-frame'
          ? { ...m, frame: { ...m.frame, data: body } }
          : ({ ...m, [msg.parts]: body } as HookMessage);
    }
    this.#parts = [];
    this.apply(m);
    this.onChange();
  }

  /**
   * The row of this exchange is final (capture-store.ts): forget its record, and ignore its
   * messages if the backlog brings them again. The id set is bounded (ids are ~20 characters).
   */
  finalize(id: string): void {
    if (id.startsWith('ws:')) {
      for (const s of this.sockets.values()) if (s.socket.finalize(id)) return;
      return;
    }
    this.sse.delete(id);
    this.#finalized.add(id);
    if (this.#finalized.size > MAX_FINALIZED_IDS) {
      for (const old of this.#finalized) {
        this.#finalized.delete(old);
        if (this.#finalized.size <= MAX_FINALIZED_IDS / 2) break;
      }
    }
  }

  readonly #finalized = new Set<string>();

  apply(m: HookMessage): void {
    this.received++;
    if ((m.type === 'sse-start' || m.type === 'sse-end') && this.#finalized.has(m.id)) return;
    switch (m.type) {
      case 'page':
        this.page = m.page;
        break;
      case 'backlog':
        // Each replay states the page backlog's counts so far (a new page starts again at 0).
        this.dropped = m.notKept;
        this.sizesOnly = m.sizesOnly;
        break;
      case 'sse-start':
        if (!this.sse.has(m.id)) this.sse.set(m.id, sentExchange(m, MAX_CARRIED_CHARS));
        break;
      case 'sse-end': {
        // An end without its start cannot happen within one page: ignored.
        const sent = this.sse.get(m.id);
        if (sent && sent.endedAt === undefined) this.sse.set(m.id, endedExchange(sent, m, MAX_CARRIED_CHARS));
        break;
      }
      case 'ws-open':
        this.#socket(m.socketId, m.url);
        break;
      case 'ws-frame': {
        const s = this.#socket(m.socketId, '');
        // A frame can arrive twice (live, then again in the backlog): the hook numbers them.
        const dupKey = m.frame.seq ?? `${m.frame.direction}:${m.frame.time}:${m.frame.data.length}`;
        if (s.seen.has(dupKey)) break;
        s.seen.add(dupKey);
        if (s.seen.size > MAX_SEEN_FRAMES) {
          for (const old of s.seen) {
            s.seen.delete(old);
            if (s.seen.size <= MAX_SEEN_FRAMES / 2) break;
          }
        }
        s.socket.add(m.frame);
        break;
      }
      case 'ws-close':
        this.#socket(m.socketId, '').closedAt = m.at;
        break;
    }
  }

  #socket(id: string, url: string): SocketRecord {
    let s = this.sockets.get(id);
    if (!s) this.sockets.set(id, (s = { socket: new LiveSocket(url, `ws:${id}`), seen: new Set() }));
    if (url) s.socket.url = url;
    return s;
  }

  /** Exchanges as the hook saw them, and the ids still waiting for their response. */
  exchanges(): { exchanges: Exchange[]; pending: Set<string> } {
    const exchanges: Exchange[] = [];
    const pending = new Set<string>();
    for (const ex of this.sse.values()) {
      if (ex.endedAt === undefined) pending.add(ex.id);
      exchanges.push(ex);
    }
    for (const s of this.sockets.values()) {
      const live = s.socket.exchanges();
      for (const ex of live.exchanges) {
        if (live.open.has(ex) && s.closedAt === undefined) pending.add(ex.id);
        exchanges.push(ex);
      }
    }
    return { exchanges, pending };
  }
}

/** A panel in Chrome can open its tab's relay itself; Firefox gives DevTools pages no `tabs` API. */
const canConnectToTabs = (): boolean => typeof browser.tabs?.connect === 'function';
/** After the pipe through the background closed (Firefox may stop an idle background script). */
const PIPE_RETRY_MS = 500;
