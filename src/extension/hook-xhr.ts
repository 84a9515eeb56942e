import { isUiUrl } from '../core';
import { absoluteUrl, addNativeListener, debugClock, debugTime, nativeSetTimeout } from './hook-emit';
import { MAX_CARRIED_CHARS, type HookMessage, type XhrOutcome } from './protocol';

/**
 * Wraps XMLHttpRequest for Mesop's SSE POSTs to `.../__ui__`.
 *
 * Why a subclass installed on `window` and not patched prototype methods: the app's
 * `XMLHttpRequest.prototype` stays untouched, `instanceof` and the statics (DONE...) still hold.
 *
 * Why listeners are added in the constructor: Mesop's sse.js adds its own `progress` listener right
 * after `new XMLHttpRequest()` and calls `xhr.abort()` from it when it sees `<stream_end>`; abort()
 * empties `responseText`. Listeners run in registration order, so ours must be first to read the
 * text before it is wiped (Mesop 1.3.7 editor_bundle, class SSE, `stream()` / `close()`).
 */
const MAX_CHUNK_MARKS = 10_000; // timing marks per request; the text itself is one string
/** Mesop's terminator as its SSE parser dispatches it: a block followed by a blank line. */
const STREAM_END_EVENT = 'data: <stream_end>\n\n';

/** One request to /__ui__ as the hook follows it. */
interface UiRequest {
  id: string;
  url: string;
  /** The last responseText seen: a reference to the page's string, not a copy. */
  text: string;
  chunks: { at: number; length: number }[];
  /** Read while the text is read: abort() sets it to 0. */
  status: number;
  /** How far the text was searched for the terminator. */
  scanned: number;
  /** An end event the XHR fired (load, abort, ...), applied in the settle task. */
  outcome?: XhrOutcome;
  settling: boolean;
  ended: boolean;
}

/**
 * In the XHR's own listeners the hook only keeps references (the text, a timing mark): reading
 * `responseText` there is required (Mesop's abort() wipes it right after), serializing is not.
 * Whether the response ended is decided in a task after (`settle`), when Mesop's progress
 * handler has run; the messages go out through `record` (hook-channel.ts).
 */
export function installXhrHook(pageId: string, nextId: () => string, record: (m: HookMessage) => void): void {
  const Native = window.XMLHttpRequest;
  if (!Native) return;

  const settle = (req: UiRequest) => {
    req.settling = false;
    if (req.ended) return;
    const t0 = debugClock();
    // Only the new part (plus a marker's length of overlap) is searched: O(n) over the stream.
    const found = req.text.indexOf(STREAM_END_EVENT, Math.max(0, req.scanned - STREAM_END_EVENT.length)) >= 0;
    req.scanned = req.text.length;
    if (found) finish(req, 'stream-end');
    else if (req.outcome) finish(req, req.outcome);
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

    constructor() {
      super();
      const seen = () => {
        const t0 = debugClock();
        this.#read();
        debugTime('syncMs', t0);
      };
      addNativeListener.call(this, 'readystatechange', seen);
      addNativeListener.call(this, 'progress', seen);
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
          ? { id: nextId(), url: abs, text: '', chunks: [], status: 0, scanned: 0, settling: false, ended: false }
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

    #read(): void {
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
        if (req.chunks.length < MAX_CHUNK_MARKS) req.chunks.push({ at: Date.now(), length: text.length });
        later(req);
      }
    }

    #outcome(outcome: XhrOutcome): void {
      const req = this.#ui;
      if (!req || req.ended || req.outcome) return;
      if (outcome === 'load') this.#read(); // load: the full text is still readable
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
