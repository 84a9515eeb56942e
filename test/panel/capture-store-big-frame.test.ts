/**
 * A WebSocket frame too big for the hook to carry (over 32 Mi characters: it sends the size only)
 * while DevTools is open: DevTools' getHAR() poll brings the whole frame, a moment after the hook's
 * row showed. The row must wait for it and then show DevTools' whole copy, not stay the hook's
 * sizes (a fresh-clone CI run showed "hook and DevTools network responses differ; showing the
 * hook's" for the 34.7 M-character frame of test/extension/huge-websocket.e2e.test.ts).
 * The two paths as the panel gets them: hook messages, and a fake chrome.devtools.network whose
 * getHAR() answers with the frames DevTools has so far.
 */
import { CaptureStore } from '../../panel/transport/extension/capture-store';
import { FINAL_AFTER_MS } from '../../panel/transport/extension/row-settling';

const URL = 'ws://127.0.0.1:1/__ui__';
const T0 = 1_000_000;
const REQUEST = 'CgQIARAB'; // a sent frame: the UI request (base64 protobuf)
const BIG = `data: ${'A'.repeat(4000)}\n\n`; // stands for the 34.7 M characters
const END = 'data: <stream_end>\n\n';

interface HarMessage {
  type: 'send' | 'receive';
  time: number;
  opcode: number;
  data: string;
}
let harMessages: HarMessage[] = [];

beforeEach(() => {
  jest.useFakeTimers({ now: T0 });
  harMessages = [];
  (globalThis as unknown as { chrome: unknown }).chrome = {
    runtime: { id: 'test' },
    devtools: {
      network: {
        onRequestFinished: { addListener: () => undefined },
        onNavigated: { addListener: () => undefined },
        getHAR: (cb: (log: { entries: unknown[] }) => void) =>
          cb({
            entries: [
              {
                startedDateTime: new Date(T0 - 50).toISOString(),
                time: 0,
                _resourceType: 'websocket',
                request: { method: 'GET', url: URL },
                response: { status: 101, content: { size: 0 } },
                _webSocketMessages: harMessages,
              },
            ],
          }),
      },
    },
  };
});
afterEach(() => {
  jest.useRealTimers();
  delete (globalThis as unknown as { chrome?: unknown }).chrome;
});

/** The hook's view: the request, the big response as its size only, then <stream_end>. */
function hookSeesEvent(store: CaptureStore): void {
  store.hook.apply({ type: 'ws-open', pageId: 'p', socketId: 's1', url: URL, at: T0 - 50 });
  const frame = (seq: number, time: number, f: object) =>
    store.hook.apply({ type: 'ws-frame', pageId: 'p', socketId: 's1', frame: { opcode: 1, seq, time, ...f } as never });
  frame(0, T0, { direction: 'send', data: REQUEST });
  frame(1, T0 + 400, { direction: 'receive', data: '', omittedChars: BIG.length });
  frame(2, T0 + 401, { direction: 'receive', data: END });
}

const har = (type: HarMessage['type'], at: number, data: string): HarMessage => ({
  type,
  time: at / 1000,
  opcode: 1,
  data,
});
const row = (store: CaptureStore) => store.log.entries.find((r) => r.exchange.requestBody === REQUEST);

it("waits for DevTools' whole frame, then shows it instead of the hook's sizes", async () => {
  const store = new CaptureStore(1);
  store.network.start();
  await jest.advanceTimersByTimeAsync(0); // DevTools answers getHAR() (a promise) before the request is sent
  // DevTools has seen the request but not the response yet.
  harMessages.push(har('send', T0 + 1, REQUEST));
  hookSeesEvent(store);
  await jest.advanceTimersByTimeAsync(1500); // a getHAR() poll and the store's update
  expect(row(store)?.sources).toEqual(['hook', 'network']);
  expect(row(store)!.complete).toBe(false);
  expect(row(store)!.exchange.responseBytesNotCaptured).toBe(BIG.length);

  // DevTools' next poll has the whole frame.
  harMessages.push(har('receive', T0 + 402, BIG), har('receive', T0 + 403, END));
  await jest.advanceTimersByTimeAsync(1500);
  const whole = row(store)!;
  expect(whole.complete).toBe(true);
  expect(whole.problems).toEqual([]);
  expect(whole.exchange.responseMessages).toEqual([BIG.slice(6).trimEnd(), '<stream_end>']);
  expect(whole.exchange.responseBytesNotCaptured).toBeUndefined();
  expect(whole.exchange.captureNote).toBeUndefined();
  expect(store.log.entries.filter((r) => r.exchange.transport === 'websocket')).toHaveLength(1);
  store.network.stop();
});

it("with no whole copy from DevTools, the row settles as the hook's sizes and says why", async () => {
  const store = new CaptureStore(1);
  store.network.start();
  await jest.advanceTimersByTimeAsync(0); // DevTools answers getHAR() (a promise) before the request is sent
  harMessages.push(har('send', T0 + 1, REQUEST));
  hookSeesEvent(store);
  await jest.advanceTimersByTimeAsync(1500 + FINAL_AFTER_MS);
  const settled = row(store)!;
  expect(settled.complete).toBe(false);
  expect(settled.exchange.captureNote).toMatch(
    /response frame of \d+ characters too big to carry from the page \(sizes only\)/,
  );
  expect(settled.problems.join(' ')).toMatch(/not captured/);
  store.network.stop();
});
