/**
 * The load app's client (browser; bundled to dist/bench/panel-load-page.js by scripts/build.mjs).
 * It behaves like Mesop's own client on the wire: XMLHttpRequest POSTs of URL-safe base64
 * UiRequests to /__ui__, reading `text/event-stream` answers up to `data: <stream_end>`, one request
 * at a time. The state it uploads is the one the server sent on init with the count it last set.
 *
 *   window.__load.init()        init request (size from ?size=big|small)
 *   window.__load.run(n, c, r)  n clicks, each uploading the full state, c in flight at a time,
 *                               at most r a second (0: as fast as the server answers)
 */
import { clickRequest, initRequest, toUrlSafeBase64 } from './mesop-wire';
import { messagesJson, stateJson, type LoadSize } from './load-state';

interface Sent {
  index: number;
  bodyChars: number;
  stateBytes: number;
}

const size: LoadSize = new URLSearchParams(location.search).get('size') === 'big' ? 'big' : 'small';
const messages = messagesJson(size);
const utf8 = new TextEncoder();
let count = 0;
let events = 0;
const sent: Sent[] = [];

function post(body: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', '/__ui__');
    xhr.onload = () => resolve(xhr.responseText);
    xhr.onerror = () => reject(new Error('xhr error'));
    xhr.send(body);
  });
}

async function send(bytes: Uint8Array, stateBytes: number): Promise<void> {
  const body = toUrlSafeBase64(bytes);
  sent.push({ index: events, bodyChars: body.length, stateBytes });
  if (sent.length > 64) sent.splice(1, 1); // keep the first and the last few, for spot checks
  events++;
  const text = await post(body);
  if (!text.endsWith('data: <stream_end>\n\n')) throw new Error(`event ${events - 1}: no <stream_end>`);
}

const load = {
  size,
  get events() {
    return events;
  },
  sent,
  init: () => send(initRequest(location.pathname, { size }), 0),
  /**
   * `concurrency` > 1 keeps that many requests in flight (Mesop's client sends one at a time; the
   * load generator overlaps them to feed thousands of events quickly: the panel must cope anyway).
   */
  async run(n: number, concurrency = 1, perSecond = 0): Promise<number> {
    let left = n;
    let started = 0;
    const t0 = performance.now();
    const lane = async () => {
      while (left > 0) {
        left--;
        if (perSecond > 0) {
          const wait = t0 + (started++ / perSecond) * 1000 - performance.now();
          if (wait > 0) await new Promise((r) => setTimeout(r, wait));
        }
        const state = stateJson(count++, messages);
        await send(clickRequest(location.pathname, [state], 'app.main.on_click', 'send'), utf8.encode(state).length);
      }
    };
    await Promise.all(Array.from({ length: Math.max(1, concurrency) }, lane));
    return events;
  },
};
(window as unknown as { __load: typeof load }).__load = load;
