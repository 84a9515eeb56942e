/**
 * When a response arrived (Exchange.firstByteAt / messageTimes), per capture path, on recorded
 * Mesop responses (test/fixtures, counted against the Python oracle's messages).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { harToExchanges } from '../../../src/core/capture/har';
import { endedExchange, sentExchange } from '../../../src/core/capture/hook-exchange';
import { firstByteFromTimings, timesFromChunks } from '../../../src/core/capture/response-times';
import { splitSse } from '../../../src/core/capture/sse';
import { FIXTURES_DIR, oracle } from '../../support/fixture-analysis';

const harOf = (name: string) => JSON.parse(readFileSync(join(FIXTURES_DIR, `${name}.har`), 'utf8'));
const exchangesOf = (name: string) => harToExchanges(harOf(name)).exchanges;

/** The streamed event of stream.har: a handler that yields 41 renders, then its state. */
function streamedText(): string {
  const ex = exchangesOf('stream').find((e) => (e.responseText ?? '').split('\n\n').length > 10);
  return ex!.responseText!;
}

describe("the hook's chunk marks", () => {
  const text = streamedText();
  const ends = splitSse(text).payloads.map((p) => p.end);

  it('date each message at the first mark that covers its blank line; the first byte at the first mark', () => {
    // Three marks: mid first message, exactly the end of message 3, and the whole text.
    const chunks = [
      { at: 1000, length: 5 },
      { at: 1100, length: ends[2]! },
      { at: 1300, length: text.length },
    ];
    const times = timesFromChunks(text, chunks);
    expect(times.firstByteAt).toBe(1000);
    expect(times.messageTimes).toEqual(ends.map((end) => (end <= ends[2]! ? 1100 : 1300)));
    // One time per oracle message, plus the <stream_end>.
    const oracleEvent = oracle('stream').events[2]!;
    expect(times.messageTimes).toHaveLength(oracleEvent.response.messages.length + 1);
  });

  it('leaves the messages after the last mark undated (the hook stopped noting), and a missing text dates only the first byte', () => {
    const chunks = [
      { at: 0, length: 0 },
      { at: 50, length: ends[1]! + 3 },
    ];
    expect(timesFromChunks(text, chunks)).toEqual({ firstByteAt: 50, messageTimes: [50, 50] });
    expect(timesFromChunks('', chunks)).toEqual({ firstByteAt: 50 });
    expect(timesFromChunks(text, [])).toEqual({});
    expect(timesFromChunks(text, undefined)).toEqual({});
  });

  it('reach the exchange through the hook builder; an end without marks adds no keys', () => {
    const sent = sentExchange({ id: 'h1', url: 'http://127.0.0.1:1/__ui__', startedAt: 900, requestBody: 'x' }, 1e9);
    const ended = { endedAt: 1300, outcome: 'load' as const, status: 200, responseText: text };
    const dated = endedExchange(sent, { ...ended, chunks: [{ at: 1300, length: text.length }] }, 1e9);
    expect(dated.firstByteAt).toBe(1300);
    expect(dated.messageTimes).toEqual(ends.map(() => 1300));
    const undated = endedExchange(sent, ended, 1e9);
    expect('firstByteAt' in undated || 'messageTimes' in undated).toBe(false);
  });
});

describe('HAR timings', () => {
  it('first byte = start + blocked + dns + connect + send + wait, ssl counted once (inside connect), -1 as 0', () => {
    const timings = { blocked: 2.5, dns: -1, connect: 30, ssl: 20, send: 0.5, wait: 180, receive: 40 };
    expect(firstByteFromTimings(10_000, timings)).toBe(10_000 + 2.5 + 30 + 0.5 + 180);
    expect(firstByteFromTimings(10_000, undefined)).toBeUndefined();
  });

  it("dates a recorded HAR's first byte from its timings, within the request (the CLI's HARs put the whole time in wait)", () => {
    const har = harOf('chat');
    const ui = har.log.entries.filter((e: { request: { url: string } }) => e.request.url.endsWith('/__ui__'));
    const exchanges = exchangesOf('chat');
    expect(exchanges).toHaveLength(ui.length);
    exchanges.forEach((ex, i) => {
      expect(ex.firstByteAt).toBe(ex.startedAt + ui[i].timings.wait);
      expect(ex.firstByteAt).toBeLessThanOrEqual(ex.endedAt!);
    });
  });

  it("dates the messages with DevTools' _eventSourceMessages times only when there is one per message within the request", () => {
    const entry = harOf('chat').log.entries.find((e: { request: { url: string } }) =>
      e.request.url.endsWith('/__ui__'),
    );
    const start = Date.parse(entry.startedDateTime);
    const payloads = splitSse(entry.response.content.text).payloads;
    const seconds = payloads.map((_, i) => (start + 10 * (i + 1)) / 1000);
    const withTimes = { ...entry, _eventSourceMessages: payloads.map((p, i) => ({ data: p.data, time: seconds[i] })) };
    const [dated] = harToExchanges({ log: { entries: [withTimes] } }).exchanges;
    expect(dated!.messageTimes).toEqual(seconds.map((s) => s * 1000));
    // Another clock (monotonic seconds) or a list that is not one per message: no times.
    const monotonic = {
      ...withTimes,
      _eventSourceMessages: payloads.map((p, i) => ({ data: p.data, time: 5000 + i })),
    };
    expect(harToExchanges({ log: { entries: [monotonic] } }).exchanges[0]!.messageTimes).toBeUndefined();
    const partial = { ...withTimes, _eventSourceMessages: withTimes._eventSourceMessages.slice(1) };
    expect(harToExchanges({ log: { entries: [partial] } }).exchanges[0]!.messageTimes).toBeUndefined();
  });
});

describe('WebSocket frames', () => {
  it("date the first byte at the first received frame and each message at its frame's time", () => {
    const har = harOf('chat-websocket');
    const socket = har.log.entries.find((e: { _webSocketMessages?: unknown }) => e._webSocketMessages);
    const received: number[] = socket._webSocketMessages
      .filter((m: { type: string }) => m.type === 'receive')
      .map((m: { time: number }) => m.time * 1000);
    const exchanges = exchangesOf('chat-websocket');
    const events = oracle('chat-websocket').events;
    expect(exchanges).toHaveLength(events.length);
    exchanges.forEach((ex, i) => {
      expect(ex.messageTimes).toHaveLength(ex.responseMessages!.length);
      // One time per oracle message, plus the <stream_end>.
      expect(ex.messageTimes).toHaveLength(events[i]!.response.messages.length + 1);
      expect(ex.firstByteAt).toBe(ex.messageTimes![0]);
      expect(ex.messageTimes!.at(-1)).toBe(ex.endedAt);
    });
    expect(exchanges.flatMap((ex) => ex.messageTimes!)).toEqual(received);
  });
});
