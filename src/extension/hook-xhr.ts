import { isUiUrl } from '../core';
import { absoluteUrl, addNativeListener, debugClock, debugTime, nativeSetTimeout } from './hook-emit';
import { MAX_CARRIED_CHARS, type HookMessage, type XhrOutcome } from './protocol';

/**
 * Wraps XMLHttpRequest for Mesop's SSE POSTs to `.../__ui__`.
 *
 * Why a subclass installed on `window` and not patched prototype methods: the app's
 * `XMLHttpRequest.prototype` stays untouched, `instanceof` and the statics (DONE...) still hold.
 *
 * Why listeners are added at send() and abort() is wrapped: Mesop's sse.js adds its own `progress`
 * listener right after `new XMLHttpRequest()` and calls `xhr.abort()` from it when it sees
 * `<stream_end>`; abort() empties `responseText` (Mesop 1.3.7 editor_bundle, class SSE, `stream()`
 * / `close()`). Listeners run in registration order: ours, added at send(), run after Mesop's and
 * read the string it already made; the text an abort() would wipe is read in abort() first.
 */
const MAX_CHUNK_MARKS = 10_000; // timing marks per request; the text itself is one string

/** One request to /__ui__ as the hook follows it. */
interface UiRequest {
  id: string;
  url: string;
  /** The last responseText seen: a reference to the page's string, not a copy. */
  text: string;
  chunks: { at: number; length: number }[];
  /** Read while the text is read: abort() sets it to 0. */
  status: number;
  /** The XHR reached DONE (readystatechange, or an abort() in that state): the response is whole. */
  done: boolean;
  /** Reads the text again if it grew (the settle task's last look; '' after an abort() is ignored). */
  readLast: () => void;
  /** An end event the XHR fired (load, abort, ...), applied in the settle task. */
  outcome?: XhrOutcome;
  settling: boolean;
  ended: boolean;
}

/**
 * In the XHR's listeners the hook only keeps references (the text, a timing mark); serializing
 * waits, and whether the response ended is decided in a task after (`settle`), when every listener
 * has run; the messages go out through `record` (hook-channel.ts). The end needs no look at the
 * text: the XHR reached DONE (Mesop's abort() on a DONE XHR fires no event:
 * docs/extension-capture.md), or it fired its own end event (Mesop's abort() before DONE fires
 * `abort`). Earlier versions read the text in listeners that ran before the app's, then searched it
 * for `data: <stream_end>`: the hook paid for building the page's string of the whole response on
 * every chunk (see #read), 30-55 ms per 10 MB event, what the app would have paid.
 */
export function installXhrHook(pageId: string, nextId: () => string, record: (m: HookMessage) => void): void {
  const Native = window.XMLHttpRequest;
  if (!Native) return;

  const settle = (req: UiRequest) => {
    req.settling = false;
    if (req.ended) return;
    const t0 = debugClock();
    if (req.done || req.outcome) {
      req.readLast();
      finish(req, req.outcome ?? 'load');
    }
    debugTime('laterMs', t0);
  };
  const later = (req: UiRequest) => {
    if (req.settling) return;
    req.settling = true;
    nativeSetTimeout(() => settle(req), 0);
  };
  const finish = (req: UiRequest, outcome: XhrOutcome) => {
    req.ended = true;
    const tooBig = req.text.length > MAX_CARRIED_CHARS;
    record({
      type: 'sse-end',
      pageId,
      id: req.id,
      endedAt: Date.now(),
      outcome,
      status: req.status,
      responseText: tooBig ? '' : req.text,
      ...(tooBig ? { responseChars: req.text.length } : {}),
      chunks: req.chunks,
    });
  };

  class XMLHttpRequest extends Native {
    #ui: UiRequest | null = null;
    #listening = false;

    /**
     * The hook's listeners go on at the first send(), after the app's own (Mesop adds its
     * `progress` listener between `new XMLHttpRequest()` and send()), so they run after them.
     */
    #listen(): void {
      if (this.#listening) return;
      this.#listening = true;
      addNativeListener.call(this, 'progress', (event: Event) => {
        const t0 = debugClock();
        this.#read(event);
        debugTime('syncMs', t0);
      });
      // DONE needs no text read: the settle task reads the last of it, when every listener has run.
      addNativeListener.call(this, 'readystatechange', () => {
        const req = this.#ui;
        if (!req || req.ended || this.readyState !== 4) return;
        req.done = true;
        later(req);
      });
      for (const outcome of ['load', 'abort', 'error', 'timeout'] as const) {
        addNativeListener.call(this, outcome, () => {
          const t0 = debugClock();
          this.#outcome(outcome);
          debugTime('syncMs', t0);
        });
      }
    }

    override open(method: string, url: string | URL, ...rest: unknown[]): void {
      const abs = absoluteUrl(url);
      this.#ui =
        method.toUpperCase() === 'POST' && isUiUrl(abs)
          ? {
              id: nextId(),
              url: abs,
              text: '',
              chunks: [],
              status: 0,
              done: false,
              readLast: () => this.#read(),
              settling: false,
              ended: false,
            }
          : null;
      // open(method, url) and open(method, url, async, user, password) behave differently by arity.
      return (super.open as (...a: unknown[]) => void)(method, url, ...rest);
    }

    override send(body?: Document | XMLHttpRequestBodyInit | null): void {
      const ui = this.#ui;
      const startedAt = Date.now();
      super.send(body); // first: the request leaves before the hook does anything more
      if (ui) {
        const t0 = debugClock();
        this.#listen();
        const text = typeof body === 'string' ? body : body == null ? '' : null;
        const tooBig = text !== null && text.length > MAX_CARRIED_CHARS;
        record({
          type: 'sse-start',
          pageId,
          id: ui.id,
          url: ui.url,
          startedAt,
          requestBody: tooBig ? null : text,
          ...(tooBig ? { requestChars: text.length } : {}),
        });
        debugTime('syncMs', t0);
      }
    }

    /**
     * Mesop calls abort() from its `progress` listener when it reads `<stream_end>`, and abort()
     * empties `responseText`: the text is read here first. Free: the app has just read it, and the
     * browser keeps the string it made until more data comes (see #read).
     */
    override abort(): void {
      const req = this.#ui;
      if (req && !req.ended) {
        const t0 = debugClock();
        // Called from the app's listener: the event being dispatched dates the chunk.
        this.#read((window as { event?: Event }).event);
        if (this.readyState === 4 && !req.done) req.done = true; // DONE: abort() will fire nothing
        debugTime('syncMs', t0);
      }
      super.abort();
    }

    /**
     * Keeps a reference to the text, and a mark of when its chunk came (the event's own time: the
     * hook's listeners run after the app's). Reading `responseText` makes the browser build a string
     * of the whole response once per new chunk (O(n): 12-18 ms at 10 MB), and the same string is
     * returned to every read until the next chunk (0 ms: scripts/xhr-text-cost.ts). The app reads
     * it in its own listener first, so the hook's read is free; a hook reading first would pay for
     * the app (what the profile of the previous version showed as the hook's time).
     */
    #read(event?: Event): void {
      const req = this.#ui;
      if (!req || req.ended || this.readyState < 3) return;
      let text: string;
      try {
        text = this.responseText;
      } catch {
        return;
      } // responseType other than text: not Mesop's
      if (text.length > req.text.length) {
        req.text = text;
        req.status = this.status;
        const at = event ? Math.round(performance.timeOrigin + event.timeStamp) : Date.now();
        if (req.chunks.length < MAX_CHUNK_MARKS) req.chunks.push({ at, length: text.length });
        later(req);
      }
    }

    #outcome(outcome: XhrOutcome): void {
      const req = this.#ui;
      if (!req || req.ended || req.outcome) return;
      if (req.chunks.length === 0) req.status = this.status;
      req.outcome = outcome;
      later(req);
    }
  }

  replaceGlobal('XMLHttpRequest', XMLHttpRequest);
}

/** Installs a wrapper under the same property attributes as the native global. */
export function replaceGlobal(name: 'XMLHttpRequest' | 'WebSocket', value: unknown): void {
  const desc = Object.getOwnPropertyDescriptor(window, name);
  Object.defineProperty(window, name, {
    value,
    writable: desc?.writable ?? true,
    configurable: desc?.configurable ?? true,
    enumerable: desc?.enumerable ?? false,
  });
}
