/**
 * A Mesop WebSocket lives as long as the page, so the panel must not keep (or re-pair) all of its
 * frames: once a row is final its frames are dropped (panel/transport/extension/live-socket.ts), the ids stay,
 * and the events still are exactly those of the recorded session. Real frames: the chat-websocket
 * fixture (recorded from mesop 1.3.7), replayed many times through the hook path of the store.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeExchanges } from '../../src/core/analyze';
import type { WebSocketFrame } from '../../src/core/capture/exchange';
import { harToExchanges } from '../../src/core/capture/har';
import { CaptureStore } from '../../panel/transport/extension/capture-store';
import { FINAL_AFTER_MS } from '../../panel/transport/extension/row-settling';

const HAR = readFileSync(join(__dirname, '../fixtures/chat-websocket.har'), 'utf8');

function recordedFrames(): WebSocketFrame[] {
  const entry = (
    JSON.parse(HAR) as {
      log: { entries: { _webSocketMessages?: { type: string; time: number; opcode: number; data: string }[] }[] };
    }
  ).log.entries.find((e) => e._webSocketMessages)!;
  return entry._webSocketMessages!.map((m) => ({
    direction: m.type === 'send' ? 'send' : 'receive',
    time: Math.round(m.time * 1000),
    data: m.data,
    opcode: m.opcode,
  }));
}

beforeEach(() => jest.useFakeTimers({ now: 1_000_000 }));
afterEach(() => jest.useRealTimers());

it('drops the frames of final rows, keeps ids stable, and measures what the recording measures', () => {
  const store = new CaptureStore(1);
  const frames = recordedFrames();
  const perReplay = harToExchanges(HAR).exchanges.filter((e) => e.transport === 'websocket').length;
  expect(perReplay).toBeGreaterThan(3);
  const replays = 40;
  const update = () => {
    (store.hook as unknown as { onChange(): void }).onChange();
    jest.advanceTimersByTime(250);
  };
  store.hook.apply({ type: 'ws-open', pageId: 'p', socketId: 's1', url: 'ws://127.0.0.1:1/__ui__', at: Date.now() });
  let seq = 0;
  let mostFramesHeld = 0;
  for (let r = 0; r < replays; r++) {
    const t0 = Date.now();
    // The recording's frames, 1 ms apart (its own timeline spans seconds, longer than one update).
    frames.forEach((f, i) =>
      store.hook.apply({ type: 'ws-frame', pageId: 'p', socketId: 's1', frame: { ...f, time: t0 + i, seq: seq++ } }),
    );
    // The relay's backlog can bring frames again after a reconnect: they must not count twice.
    if (r === 3) store.hook.apply({ type: 'ws-frame', pageId: 'p', socketId: 's1', frame: { ...frames[0]!, seq: 5 } });
    update();
    jest.advanceTimersByTime(FINAL_AFTER_MS + 10);
    update();
    mostFramesHeld = Math.max(mostFramesHeld, store.hook.sockets.get('s1')!.socket.frames.length);
  }
  // Every row final, each socket frame kept only until its row was.
  expect(store.log.entries).toHaveLength(replays * perReplay);
  expect(new Set(store.log.entries.map((r) => r.exchange.id)).size).toBe(store.log.entries.length);
  expect(store.log.entries.every((r) => !r.pending && r.problems.length === 0)).toBe(true);
  expect(mostFramesHeld).toBeLessThanOrEqual(frames.length + 1);
  expect(store.hook.sockets.get('s1')!.socket.frames).toHaveLength(0);

  // Same numbers as the recorded session: the first replay's events equal the HAR's, byte for byte.
  const live = analyzeExchanges(store.log.entries.slice(0, perReplay).map((r) => r.exchange)).session.events;
  const recorded = analyzeExchanges(harToExchanges(HAR).exchanges).session.events;
  const sizes = (es: typeof live) =>
    es.map((e) => [e.kind, e.request.bytes, e.response.bytes, e.response.stateBytes, e.mirror.stateBytes]);
  expect(sizes(live)).toEqual(sizes(recorded));
});

it('bounds a WebSocket session by the capture limits, with the drops counted', () => {
  const store = new CaptureStore(1);
  store.limits = { maxEvents: 50, maxChars: 64 * 1024 * 1024 };
  const frames = recordedFrames();
  const update = () => {
    (store.hook as unknown as { onChange(): void }).onChange();
    jest.advanceTimersByTime(FINAL_AFTER_MS + 250);
  };
  let seq = 0;
  for (let r = 0; r < 30; r++) {
    const t0 = Date.now();
    frames.forEach((f, i) =>
      store.hook.apply({ type: 'ws-frame', pageId: 'p', socketId: 's1', frame: { ...f, time: t0 + i, seq: seq++ } }),
    );
    update();
    update();
  }
  expect(store.log.entries.length).toBeLessThanOrEqual(50);
  expect(store.log.droppedThrough + store.log.entries.length).toBe(
    30 * harToExchanges(HAR).exchanges.filter((e) => e.transport === 'websocket').length,
  );
  expect(store.log.droppedThrough).toBeGreaterThan(0);
});
