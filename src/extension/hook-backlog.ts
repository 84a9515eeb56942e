import { bodyChars, sizeOnly } from './hook-body';
import { HOOK_BACKLOG_DEFAULTS, type HookBacklogLimits, type HookMessage } from './protocol';

/**
 * The page hook's memory of what happened before a panel watched (protocol.ts): the messages
 * themselves, holding references to the body strings the page already made (responseText, the
 * request body, a frame's data), so keeping them costs no copy and no serialization. Only a
 * replay, when a panel starts watching, sends them to the relay.
 *
 * Bounded by `HookBacklogLimits`: past `maxChars` of referenced bodies the oldest events are
 * kept as their sizes and timings only (their strings released; the panel says so on each such
 * row), past `maxEvents` the oldest events go whole, counted in `notKept` (the panel shows it).
 * An event is one SSE exchange (its start and end) or one WebSocket request frame with the
 * frames received after it, so a bound never splits an event. Pure: no DOM, no browser API.
 */
interface EventRecord {
  messages: HookMessage[];
  chars: number;
  sizesOnly: boolean;
}

/** Sockets remembered (their open and close); Mesop opens one per page. */
const MAX_SOCKETS = 64;

export class HookBacklog {
  #limits: HookBacklogLimits;
  #page: HookMessage | undefined;
  /** Oldest first. A Map keeps insertion order, and finds an SSE exchange's record by its id. */
  #events = new Map<string, EventRecord>();
  /** Per socket: its open, close, and the key of the event its received frames belong to. */
  #sockets = new Map<string, { open?: HookMessage; close?: HookMessage; current?: string }>();
  #chars = 0;
  #notKept = 0;

  constructor(limits: HookBacklogLimits = HOOK_BACKLOG_DEFAULTS) {
    this.#limits = { ...limits };
  }

  get limits(): HookBacklogLimits {
    return { ...this.#limits };
  }

  setLimits(limits: HookBacklogLimits): void {
    this.#limits = { ...limits };
    this.#bound();
  }

  /** What the backlog holds now (tests and the debug build read it). */
  stats(): { events: number; chars: number; notKept: number; sizesOnly: number } {
    let sizesOnly = 0;
    for (const r of this.#events.values()) if (r.sizesOnly) sizesOnly++;
    return { events: this.#events.size, chars: this.#chars, notKept: this.#notKept, sizesOnly };
  }

  add(m: HookMessage): void {
    switch (m.type) {
      case 'page':
        this.#page = m;
        return;
      case 'backlog':
        return;
      case 'ws-open':
        this.#socket(m.socketId).open = m;
        return;
      case 'ws-close':
        this.#socket(m.socketId).close = m;
        return;
      case 'sse-start':
        this.#addEvent(m.id, m);
        break;
      case 'sse-end':
        this.#addTo(m.id, m);
        break;
      case 'ws-frame': {
        const socket = this.#socket(m.socketId);
        if (m.frame.direction === 'send' || socket.current === undefined) {
          socket.current = `${m.socketId}#${m.frame.seq ?? this.#events.size}`;
          this.#addEvent(socket.current, m);
        } else this.#addTo(socket.current, m);
        break;
      }
    }
    this.#bound();
  }

  /** Everything held, in an order the panel can apply: page, sockets opened, events, sockets closed. */
  replay(pageId: string): HookMessage[] {
    const out: HookMessage[] = [];
    const { notKept, sizesOnly } = this.stats();
    out.push({ type: 'backlog', pageId, notKept, sizesOnly, limits: this.limits });
    if (this.#page) out.push(this.#page);
    for (const s of this.#sockets.values()) if (s.open) out.push(s.open);
    for (const r of this.#events.values()) out.push(...r.messages);
    for (const s of this.#sockets.values()) if (s.close) out.push(s.close);
    return out;
  }

  #socket(id: string): { open?: HookMessage; close?: HookMessage; current?: string } {
    let s = this.#sockets.get(id);
    if (!s) {
      this.#sockets.set(id, (s = {}));
      if (this.#sockets.size > MAX_SOCKETS) this.#sockets.delete(this.#sockets.keys().next().value!);
    }
    return s;
  }

  #addEvent(key: string, m: HookMessage): void {
    const chars = bodyChars(m);
    this.#events.set(key, { messages: [m], chars, sizesOnly: false });
    this.#chars += chars;
  }

  /** A later message of an event; dropped with it if the event is gone. */
  #addTo(key: string, m: HookMessage): void {
    const r = this.#events.get(key);
    if (!r) return;
    if (r.sizesOnly) {
      r.messages.push(sizeOnly(m));
      return;
    }
    const chars = bodyChars(m);
    r.messages.push(m);
    r.chars += chars;
    this.#chars += chars;
  }

  #bound(): void {
    const { maxChars, maxEvents } = this.#limits;
    while (this.#events.size > maxEvents) {
      const [key, r] = this.#events.entries().next().value!;
      this.#events.delete(key);
      this.#chars -= r.chars;
      this.#notKept++;
    }
    if (this.#chars <= maxChars) return;
    // Oldest first, the newest too if it alone is over the cap: sizes stay, strings go.
    for (const r of this.#events.values()) {
      if (this.#chars <= maxChars) break;
      if (r.sizesOnly) continue;
      r.messages = r.messages.map(sizeOnly);
      this.#chars -= r.chars;
      r.chars = 0;
      r.sizesOnly = true;
    }
  }
}

/** Limits as the relay may pass them on (from storage, which anything of the extension could have written). */
export const validLimits = (l: unknown): l is HookBacklogLimits => {
  const { maxChars, maxEvents } = (l ?? {}) as Partial<HookBacklogLimits>;
  return (
    typeof maxChars === 'number' &&
    typeof maxEvents === 'number' &&
    Number.isInteger(maxChars) &&
    Number.isInteger(maxEvents) &&
    maxChars >= 0 &&
    maxEvents >= 1
  );
};
