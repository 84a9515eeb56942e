import { isUiUrl } from '../core';
import { absoluteUrl, addNativeListener, emit } from './hook-emit';
import { MAX_CARRIED_CHARS, type XhrOutcome } from './protocol';

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

export function installXhrHook(pageId: string, nextId: () => string): void {
  const Native = window.XMLHttpRequest;
  if (!Native) return;

  class XMLHttpRequest extends Native {
    #ui: { id: string; url: string } | null = null;
    #text = '';
    #chunks: { at: number; length: number }[] = [];
    #ended = false;

    constructor() {
      super();
      const seen = () => this.#read();
      addNativeListener.call(this, 'readystatechange', seen);
      addNativeListener.call(this, 'progress', seen);
      for (const outcome of ['load', 'abort', 'error', 'timeout'] as const) {
        addNativeListener.call(this, outcome, () => this.#end(outcome));
      }
    }

    override open(method: string, url: string | URL, ...rest: unknown[]): void {
      const abs = absoluteUrl(url);
      this.#ui = method.toUpperCase() === 'POST' && isUiUrl(abs) ? { id: nextId(), url: abs } : null;
      this.#text = '';
      this.#chunks = [];
      this.#ended = false;
      // open(method, url) and open(method, url, async, user, password) behave differently by arity.
      return (super.open as (...a: unknown[]) => void)(method, url, ...rest);
    }

    override send(body?: Document | XMLHttpRequestBodyInit | null): void {
      const ui = this.#ui;
      if (ui) {
        const text = typeof body === 'string' ? body : body == null ? '' : null;
        const tooBig = text !== null && text.length > MAX_CARRIED_CHARS;
        emit({
          type: 'sse-start',
          pageId,
          id: ui.id,
          url: ui.url,
          startedAt: Date.now(),
          requestBody: tooBig ? null : text,
          ...(tooBig ? { requestChars: text.length } : {}),
        });
      }
      return super.send(body);
    }

    #read(): void {
      if (!this.#ui || this.#ended || this.readyState < 3) return;
      let text: string;
      try {
        text = this.responseText;
      } catch {
        return;
      } // responseType other than text: not Mesop's
      const before = this.#text.length;
      if (text.length > before) {
        this.#text = text;
        if (this.#chunks.length < MAX_CHUNK_MARKS) this.#chunks.push({ at: Date.now(), length: text.length });
        // Only the new part (plus a marker's length of overlap) is searched: O(n) over the stream.
        if (text.indexOf(STREAM_END_EVENT, Math.max(0, before - STREAM_END_EVENT.length)) >= 0) this.#end('stream-end');
      }
    }

    #end(outcome: XhrOutcome): void {
      const ui = this.#ui;
      if (!ui || this.#ended) return;
      if (outcome === 'load') this.#read(); // load: the full text is still readable
      if (this.#ended) return; // #read() may have just ended it at <stream_end>
      this.#ended = true;
      const tooBig = this.#text.length > MAX_CARRIED_CHARS;
      emit({
        type: 'sse-end',
        pageId,
        id: ui.id,
        endedAt: Date.now(),
        outcome,
        status: this.status,
        responseText: tooBig ? '' : this.#text,
        ...(tooBig ? { responseChars: this.#text.length } : {}),
        chunks: this.#chunks,
      });
      this.#text = ''; // bounded memory: nothing kept after the request
      this.#chunks = [];
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
