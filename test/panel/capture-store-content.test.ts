/**
 * The DevTools network path reads a response body (getContent(), a round trip through DevTools)
 * only when the merge needs it: the hook's copy is missing, cut, late, or of another size than
 * DevTools recorded. Real entries: the chat fixture (recorded from mesop 1.3.7), fed to the store's
 * two paths as the panel gets them: hook messages, and onRequestFinished entries of a fake
 * chrome.devtools.network whose getContent() answers with the recorded body and counts the calls.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { splitSse } from '../../src/core/capture/sse';
import { CaptureStore } from '../../panel/transport/extension/capture-store';

interface Entry {
  startedDateTime: string;
  time: number;
  request: { method: string; url: string; postData?: { text?: string } };
  response: { status: number; content: { size: number; text?: string; mimeType?: string } };
}
const ENTRIES = (
  JSON.parse(readFileSync(join(__dirname, '../fixtures/chat.har'), 'utf8')) as { log: { entries: Entry[] } }
).log.entries.filter((e) => e.request.url.endsWith('/__ui__'));

let finished: (req: unknown) => void = () => undefined;
let contentCalls: string[] = [];

beforeEach(() => {
  jest.useFakeTimers({ now: Date.parse(ENTRIES[0]!.startedDateTime) });
  contentCalls = [];
  (globalThis as unknown as { chrome: unknown }).chrome = {
    runtime: { id: 'test' },
    devtools: {
      network: {
        onRequestFinished: {
          addListener: (fn: (req: unknown) => void) => {
            finished = fn;
          },
        },
        onNavigated: { addListener: () => undefined },
        getHAR: (cb: (log: { entries: unknown[] }) => void) => cb({ entries: [] }),
      },
    },
  };
});
afterEach(() => {
  jest.useRealTimers();
  delete (globalThis as unknown as { chrome?: unknown }).chrome;
});

function newStore(): CaptureStore {
  const store = new CaptureStore(1);
  store.network.start();
  return store;
}

/** What the hook sends for one entry; `text` replaces the response it read. */
function hookSees(store: CaptureStore, e: Entry, id: string, o: { text?: string; ended?: boolean } = {}): void {
  const startedAt = Date.parse(e.startedDateTime);
  store.hook.apply({
    type: 'sse-start',
    pageId: 'p',
    id,
    url: e.request.url,
    startedAt,
    requestBody: e.request.postData?.text ?? null,
  });
  if (o.ended === false) return;
  const responseText = o.text ?? e.response.content.text ?? '';
  store.hook.apply({
    type: 'sse-end',
    pageId: 'p',
    id,
    endedAt: startedAt + e.time,
    outcome: 'load',
    status: 200,
    responseText,
    chunks: [],
  });
}

/** DevTools reports the entry finished; getContent() answers with the recorded body. */
function devtoolsSees(e: Entry): void {
  finished({
    ...e,
    getContent: (cb: (c: string | null, enc: string) => void) => {
      contentCalls.push(e.startedDateTime);
      cb(e.response.content.text ?? null, '');
    },
  });
}

const settle = async (store: CaptureStore) => {
  (store.hook as unknown as { onChange(): void }).onChange();
  await jest.advanceTimersByTimeAsync(250);
};

it('asks DevTools for no body when the hook read every response, of the size DevTools recorded', async () => {
  const store = newStore();
  ENTRIES.forEach((e, i) => {
    hookSees(store, e, `h${i}`);
    devtoolsSees(e);
  });
  await settle(store);
  expect(contentCalls).toEqual([]);
  expect(store.network.contentCalls).toEqual({ made: 0, skipped: ENTRIES.length });
  expect(store.log.entries).toHaveLength(ENTRIES.length);
  for (const [i, row] of store.log.entries.entries()) {
    expect(row.sources).toEqual(['hook', 'network']);
    expect([row.complete, row.pending, row.problems]).toEqual([true, false, []]);
    expect(row.exchange.responseText).toBe(ENTRIES[i]!.response.content.text);
    expect(row.exchange.status).toBe(200);
  }
});

it('reads the body when the hook has none: no hook twin, a cut response, or no end after the grace time', async () => {
  const store = newStore();
  const [a, b, c, d] = ENTRIES;
  // a: the hook never saw it (a page without the content script).
  devtoolsSees(a!);
  // b: the hook's copy stops before <stream_end>.
  const cut = splitSse(b!.response.content.text!);
  expect(cut.streamEnded).toBe(true);
  hookSees(store, b!, 'hb', {
    text: b!.response.content.text!.slice(0, b!.response.content.text!.indexOf('data: <stream_end>')),
  });
  devtoolsSees(b!);
  // c: the hook saw the request go but not its end.
  hookSees(store, c!, 'hc', { ended: false });
  devtoolsSees(c!);
  // d: the control, whole in the hook.
  hookSees(store, d!, 'hd');
  devtoolsSees(d!);
  await settle(store);
  expect(contentCalls).toEqual([a!.startedDateTime, b!.startedDateTime]);

  await jest.advanceTimersByTimeAsync(11_500); // past 10 s after the response ended (the clock started at the first entry)
  await settle(store);
  expect(contentCalls).toEqual([a!.startedDateTime, b!.startedDateTime, c!.startedDateTime]);
  expect(store.network.contentCalls.made).toBe(3);
  await settle(store); // the update the last body's arrival scheduled
  const rows = store.log.entries.slice(0, 4);
  expect(rows.map((r) => r.complete)).toEqual([true, true, true, true]);
  expect(rows.map((r) => r.exchange.responseText)).toEqual([a, b, c, d].map((e) => e!.response.content.text));
  expect(rows[0]!.sources).toEqual(['network']);
  expect(rows[0]!.problems).toEqual([]);
});

describe("DevTools' whole copy (its SSE events, no body over its 20 MB limit) first, the hook's copy late", () => {
  // Measured in Chromium: the hook hears a 21.3 MB response end 3.7-4.2 s after it did (the page's
  // main thread runs Mesop's decode and render, then the next click, first); DevTools' entry
  // comes at once, with its parsed SSE events.
  const e = ENTRIES[1]!;
  const text = e.response.content.text!;
  const devtoolsSeesEventsOnly = () =>
    finished({
      ...e,
      response: { ...e.response, content: { size: e.response.content.size, mimeType: 'text/event-stream' } },
      _eventSourceMessages: splitSse(text).payloads.map((p) => ({ data: p.data, time: 0 })),
      getContent: (cb: (c: string | null, enc: string) => void) => {
        contentCalls.push(e.startedDateTime);
        cb(null, '');
      },
    });
  const hookEnds = (store: CaptureStore) =>
    store.hook.apply({
      type: 'sse-end',
      pageId: 'p',
      id: 'h1',
      endedAt: Date.now(),
      outcome: 'load',
      status: 200,
      responseText: text,
      chunks: [],
    });

  it("shows DevTools' copy at once, then the hook's when it ends, seconds later", async () => {
    const store = newStore();
    hookSees(store, e, 'h1', { ended: false });
    devtoolsSeesEventsOnly();
    await settle(store);
    const shown = store.log.entries[0]!;
    expect(shown.sources).toEqual(['hook', 'network']);
    expect(shown.exchange.responseText).toBeNull();
    expect(shown.exchange.responseMessages).toHaveLength(splitSse(text).payloads.length);
    await jest.advanceTimersByTimeAsync(8_000); // past FINAL_AFTER_MS: still open to the hook
    hookEnds(store);
    await settle(store);
    expect(store.log.entries).toHaveLength(1);
    const row = store.log.entries[0]!;
    expect(row.seq).toBe(shown.seq);
    expect(row.exchange.responseText).toBe(text);
    expect(row.exchange.captureNote).toBeUndefined();
    expect(row.problems).toEqual([]);
    expect(contentCalls).toEqual([]); // DevTools' body was never asked for
  });

  it("keeps DevTools' copy, and asks for its body once, when the hook's never ends (a navigation mid-request)", async () => {
    const store = newStore();
    hookSees(store, e, 'h1', { ended: false });
    devtoolsSeesEventsOnly();
    await settle(store);
    await jest.advanceTimersByTimeAsync(29_000);
    await settle(store);
    expect(contentCalls).toEqual([]);
    await jest.advanceTimersByTimeAsync(2_000);
    await settle(store);
    await settle(store);
    expect(contentCalls).toEqual([e.startedDateTime]);
    hookEnds(store); // too late: the row is final
    await settle(store);
    const row = store.log.entries[0]!;
    expect(store.log.entries).toHaveLength(1);
    expect(row.exchange.responseText).toBeNull();
    expect(row.exchange.captureNote).toContain('used the SSE events DevTools kept');
  });
});

it('keeps a row whose bodies alone are over the memory cap as its sizes, with the wire bytes of the whole', async () => {
  const store = newStore();
  const e = ENTRIES[1]!;
  const text = e.response.content.text!;
  store.limits = { maxEvents: 100, maxChars: 1000 };
  hookSees(store, ENTRIES[0]!, 'h0');
  hookSees(store, e, 'h1');
  devtoolsSees(ENTRIES[0]!);
  devtoolsSees(e);
  await settle(store);
  expect(text.length).toBeGreaterThan(1000);
  const row = store.log.entries.find((r) => r.sourceIds.hook === 'h1')!;
  expect(row.exchange.responseText).toBeNull();
  expect(row.exchange.responseBytesNotCaptured).toBe(text.length);
  expect(row.exchange.requestBytesNotCaptured).toBe(e.request.postData!.text!.length);
  expect(row.exchange.captureNote).toMatch(/kept as their sizes only: over the panel's memory cap/);
});

it('cross-checks the hook by size: another size makes it read the body, and the difference is flagged', async () => {
  const store = newStore();
  const e = ENTRIES[1]!;
  const text = e.response.content.text!;
  // A complete response, but not the one DevTools recorded (one more message before the end).
  const other = text.replace('data: <stream_end>', 'data: AAAA\n\ndata: <stream_end>');
  hookSees(store, e, 'h1', { text: other });
  devtoolsSees(e);
  await settle(store);
  expect(contentCalls).toEqual([e.startedDateTime]);
  await settle(store);
  const row = store.log.entries[0]!;
  expect(row.sources).toEqual(['hook', 'network']);
  expect(row.problems).toEqual(["hook and DevTools network responses differ; showing the hook's"]);
});

describe('a body the browser cut (Firefox returns at most its response-body limit, 1 MiB)', () => {
  const e = ENTRIES[1]!;
  const text = e.response.content.text!;
  const size = e.response.content.size;
  /** DevTools recorded the whole size but hands over only the first 100 characters. */
  const devtoolsSeesCut = () =>
    finished({
      ...e,
      getContent: (cb: (c: string | null, enc: string) => void) => {
        contentCalls.push(e.startedDateTime);
        cb(text.slice(0, 100), '');
      },
    });

  it('alone, is kept as its recorded size with the reason, never measured as the prefix', async () => {
    expect(size).toBeGreaterThan(100);
    const store = newStore();
    devtoolsSeesCut();
    await settle(store);
    await settle(store); // the update the body's arrival scheduled
    const row = store.log.entries[0]!;
    expect(row.sources).toEqual(['network']);
    expect(row.exchange.responseText).toBeNull();
    expect(row.exchange.responseBytesNotCaptured).toBe(size);
    expect(row.problems.join(' ')).toContain(
      `response body cut by the browser: DevTools returned 100 of its ${size} bytes`,
    );
  });

  it("next to the hook's whole copy, leaves the hook's response, with no difference flagged", async () => {
    const store = newStore();
    hookSees(store, e, 'h1', { text: text.replace('data: <stream_end>', 'data: AAAA\n\ndata: <stream_end>') });
    devtoolsSeesCut();
    await settle(store);
    await settle(store);
    const row = store.log.entries[0]!;
    expect(row.sources).toEqual(['hook', 'network']);
    expect(row.complete).toBe(true);
    expect(row.exchange.responseText).toContain('data: AAAA');
    expect(row.problems.join(' ')).not.toMatch(/differ/);
  });
});

it('a DevTools entry that comes after its hook row was dropped by the memory bound is not a new event', async () => {
  const store = newStore();
  store.limits = { maxEvents: 4, maxChars: 64 * 1024 * 1024 };
  const entries = ENTRIES.slice(0, 8);
  // The hook sees every event; DevTools is late (a starved DevTools frontend): its entries come
  // after the hook's rows went final alone and the oldest were dropped.
  entries.forEach((e, i) => hookSees(store, e, `h${i}`));
  await settle(store);
  await jest.advanceTimersByTimeAsync(60_000);
  await settle(store);
  expect(store.log.droppedThrough).toBeGreaterThan(0);
  const kept = store.log.entries.length;
  expect(kept + store.log.droppedThrough).toBe(entries.length);
  entries.forEach((e) => devtoolsSees(e));
  await settle(store);
  await jest.advanceTimersByTimeAsync(10_000);
  await settle(store);
  expect(store.log.entries.length + store.log.droppedThrough).toBe(entries.length);
  expect(store.log.entries.every((r) => r.sources.includes('hook'))).toBe(true);
});

describe('an upload DevTools kept no body of (over its 20 MB limit), only its Content-Length', () => {
  // DevTools dates it later than the hook: the page hands the body over first (0.77 s for 21.3 MB
  // idle, over 2 s at load), and its entry may come after the hook's row went final or was dropped.
  const LAG_MS = 3_000;
  const bodilessLate = (e: Entry): Entry => {
    const { postData: _omitted, ...request } = e.request;
    const headers = [{ name: 'Content-Length', value: String(e.request.postData!.text!.length) }];
    return {
      ...e,
      startedDateTime: new Date(Date.parse(e.startedDateTime) + LAG_MS).toISOString(),
      request: { ...request, headers } as Entry['request'],
    };
  };

  it("joins the hook's row that went final alone, by size, 3 s apart", async () => {
    const store = newStore();
    const e = ENTRIES[1]!;
    hookSees(store, e, 'h1');
    await settle(store);
    await jest.advanceTimersByTimeAsync(10_000);
    await settle(store);
    expect(store.log.entries.map((r) => r.sources)).toEqual([['hook']]);
    devtoolsSees(bodilessLate(e));
    await settle(store);
    expect(store.log.entries.map((r) => r.sources)).toEqual([['hook', 'network']]);
    expect(store.log.entries[0]!.exchange.requestBody).toBe(e.request.postData!.text);
    expect(store.log.entries[0]!.problems).toEqual([]);
  });

  it("pairs with the hook's row in the live merge too", async () => {
    const store = newStore();
    const e = ENTRIES[1]!;
    hookSees(store, e, 'h1');
    devtoolsSees(bodilessLate(e));
    await settle(store);
    expect(store.log.entries.map((r) => r.sources)).toEqual([['hook', 'network']]);
  });

  it('is not a new event when the memory bound dropped its hook row first', async () => {
    const store = newStore();
    store.limits = { maxEvents: 4, maxChars: 64 * 1024 * 1024 };
    const entries = ENTRIES.slice(0, 8).filter((e) => e.request.postData?.text);
    entries.forEach((e, i) => hookSees(store, e, `h${i}`));
    await settle(store);
    await jest.advanceTimersByTimeAsync(60_000);
    await settle(store);
    expect(store.log.droppedThrough).toBeGreaterThan(0);
    entries.forEach((e) => devtoolsSees(bodilessLate(e)));
    await settle(store);
    await jest.advanceTimersByTimeAsync(10_000);
    await settle(store);
    expect(store.log.entries.length + store.log.droppedThrough).toBe(entries.length);
    expect(store.log.entries.every((r) => r.sources.includes('hook'))).toBe(true);
  });
});
