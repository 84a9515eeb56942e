/**
 * The page hook's XHR wrapper (src/extension/hook-xhr.ts) against a stand-in XMLHttpRequest that
 * behaves as Chromium's does for what the hook relies on: `responseText` grows by chunk, the
 * events fire in order, abort() while LOADING fires `readystatechange` and `abort` and empties the
 * text, abort() once DONE fires nothing. The app is Mesop's sse.js in miniature: its `progress`
 * listener, added before send(), reads the text and calls abort() at `<stream_end>`.
 *
 * The property under test (issue 24): the hook never reads a chunk's text before the app has
 * (Chromium builds the string once per chunk and the first reader pays: scripts/xhr-text-cost.ts),
 * and still ends every exchange with its whole text, whichever way Mesop's XHR ends.
 */
import type { HookMessage } from '../../src/extension/protocol';

interface Read {
  reader: 'app' | 'hook';
  chunk: number;
}

class FakeXhr extends EventTarget {
  readyState = 0;
  status = 0;
  #text = '';
  chunk = 0;
  readonly reads: Read[] = [];
  static current: 'app' | 'hook' = 'hook';

  get responseText(): string {
    this.reads.push({ reader: FakeXhr.current, chunk: this.chunk });
    return this.#text;
  }
  open(): void {
    this.readyState = 1;
  }
  send(): void {
    this.readyState = 2;
  }
  /** A chunk arrives; with `last`, the response ends with it (DONE fires before its progress, as in Chromium). */
  deliver(text: string, last = false): void {
    this.#text += text;
    this.chunk++;
    this.status = 200;
    this.readyState = last ? 4 : 3;
    this.dispatchEvent(new Event('readystatechange'));
    this.dispatchEvent(new Event('progress'));
    if (last && this.readyState === 4) this.dispatchEvent(new Event('load'));
  }
  abort(): void {
    const loading = this.readyState === 3;
    this.#text = '';
    if (loading) {
      this.readyState = 4;
      this.dispatchEvent(new Event('readystatechange'));
      this.dispatchEvent(new Event('abort'));
    } else this.readyState = 0; // DONE: no event (XHR spec)
  }
}

const g = globalThis as unknown as Record<string, unknown>;
let recorded: HookMessage[] = [];
let Hooked: new () => FakeXhr;

beforeAll(() => {
  g.window = globalThis;
  g.location = { href: 'http://127.0.0.1:32123/' };
  g.XMLHttpRequest = FakeXhr;
  jest.isolateModules(() => {
    const { installXhrHook } = require('../../src/extension/hook-xhr') as typeof import('../../src/extension/hook-xhr');
    let n = 0;
    installXhrHook(
      'page',
      () => `x${n++}`,
      (m) => recorded.push(m),
    );
  });
  Hooked = g.XMLHttpRequest as new () => FakeXhr;
});
afterAll(() => {
  for (const k of ['window', 'location', 'XMLHttpRequest']) delete g[k];
});
beforeEach(() => {
  recorded = [];
});

/** Mesop's sse.js in miniature: reads the text on progress, aborts at the terminator. */
function mesopRequest(): FakeXhr {
  const xhr = new Hooked();
  xhr.addEventListener('progress', () => {
    FakeXhr.current = 'app';
    const text = xhr.responseText;
    FakeXhr.current = 'hook';
    if (text.includes('data: <stream_end>\n\n')) xhr.abort();
  });
  (xhr as unknown as { open(m: string, u: string): void }).open('POST', '/__ui__');
  (xhr as unknown as { send(b: string): void }).send('BODY');
  return xhr;
}

const nextTask = () => new Promise((resolve) => setTimeout(resolve, 5));
const ended = () => recorded.filter((m) => m.type === 'sse-end');

/** Every chunk the hook read, the app read first. */
function appReadFirst(xhr: FakeXhr): void {
  const first = new Map<number, string>();
  for (const r of xhr.reads) if (!first.has(r.chunk)) first.set(r.chunk, r.reader);
  expect([...first.values()].every((reader) => reader === 'app')).toBe(true);
  expect(xhr.reads.some((r) => r.reader === 'hook')).toBe(true);
}

const A = 'data: AAAA\n\n';
const END = 'data: <stream_end>\n\n';

it('the terminator while LOADING: Mesop aborts, the hook keeps the whole text, read after the app', async () => {
  const xhr = mesopRequest();
  xhr.deliver(A);
  xhr.deliver(A + END);
  await nextTask();
  expect(ended()).toMatchObject([{ type: 'sse-end', responseText: A + A + END, outcome: 'abort', status: 200 }]);
  appReadFirst(xhr);
});

it('the terminator with the end of the response: abort() once DONE fires nothing, the hook still ends it', async () => {
  const xhr = mesopRequest();
  xhr.deliver(A);
  xhr.deliver(A + END, true);
  expect(xhr.readyState).toBe(0); // Mesop's abort() on a DONE XHR
  await nextTask();
  expect(ended()).toMatchObject([{ responseText: A + A + END, outcome: 'load' }]);
  appReadFirst(xhr);
});

it('a response that ends without the terminator ends on DONE, with all its text', async () => {
  const xhr = mesopRequest();
  xhr.deliver(A);
  xhr.deliver(A, true);
  await nextTask();
  expect(ended()).toMatchObject([{ responseText: A + A, outcome: 'load' }]);
  appReadFirst(xhr);
});

it('marks each chunk, and sends the request body once the request has left', async () => {
  const xhr = mesopRequest();
  expect(recorded).toMatchObject([{ type: 'sse-start', requestBody: 'BODY', url: 'http://127.0.0.1:32123/__ui__' }]);
  xhr.deliver(A);
  xhr.deliver(END);
  await nextTask();
  const end = ended()[0]!;
  expect(end.type === 'sse-end' && end.chunks.map((c) => c.length)).toEqual([A.length, A.length + END.length]);
});
