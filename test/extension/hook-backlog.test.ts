/**
 * The page hook's backlog (src/extension/hook-backlog.ts), its body helpers and the relay's idle
 * sender, on plain messages: what is kept under the caps, what is counted, and that what the panel
 * rebuilds from a replay (parts joined, sizes kept) is what the hook saw.
 */
import { endedExchange, sentExchange } from '../../src/core/capture/hook-exchange';
import { pairWebSocketFrames } from '../../src/core/capture/websocket-pairing';
import { HookBacklog, validLimits } from '../../src/extension/hook-backlog';
import { bodyChars, bodyFieldOf, bodyOf, sizeOnly, withBody } from '../../src/extension/hook-body';
import type { HookMessage, RelayToPanel } from '../../src/extension/protocol';
import { PART_CHARS, RelaySender } from '../../src/extension/relay-sender';

const MAX = 32 * 1024 * 1024;
const start = (id: string, body: string): HookMessage => ({
  type: 'sse-start',
  pageId: 'p',
  id,
  url: 'http://127.0.0.1:1/__ui__',
  startedAt: 1000,
  requestBody: body,
});
const end = (id: string, text: string): HookMessage => ({
  type: 'sse-end',
  pageId: 'p',
  id,
  endedAt: 1500,
  outcome: 'load',
  status: 200,
  responseText: text,
  chunks: [{ at: 1400, length: text.length }],
});
const frame = (direction: 'send' | 'receive', data: string, seq: number): HookMessage => ({
  type: 'ws-frame',
  pageId: 'p',
  socketId: 's',
  frame: { direction, time: 1000 + seq, data, opcode: 1, seq },
});

function event(backlog: HookBacklog, id: string, up: number, down: number): void {
  backlog.add(start(id, 'u'.repeat(up)));
  backlog.add(end(id, 'd'.repeat(down)));
}

describe('the page hook backlog', () => {
  it('keeps every message by reference while under its caps, and replays them after its counts', () => {
    const b = new HookBacklog({ maxChars: 1000, maxEvents: 10 });
    const page: HookMessage = { type: 'page', page: { pageId: 'p', url: 'u', isMesop: true, mode: 'editor' } };
    const s = start('a', 'x'.repeat(100));
    const e = end('a', 'y'.repeat(200));
    b.add(page);
    b.add(s);
    b.add(e);
    expect(b.stats()).toEqual({ events: 1, chars: 300, notKept: 0, sizesOnly: 0 });
    const replay = b.replay('p');
    expect(replay[0]).toEqual({
      type: 'backlog',
      pageId: 'p',
      notKept: 0,
      sizesOnly: 0,
      limits: { maxChars: 1000, maxEvents: 10 },
    });
    // The same objects: nothing was copied or serialized.
    expect(replay[1]).toBe(page);
    expect(replay[2]).toBe(s);
    expect(replay[3]).toBe(e);
  });

  it('past its characters keeps the oldest events as their exact sizes, never over the cap', () => {
    const b = new HookBacklog({ maxChars: 10_000, maxEvents: 100 });
    for (let i = 0; i < 20; i++) {
      event(b, `e${i}`, 1500 + i, 2500 + i);
      expect(b.stats().chars).toBeLessThanOrEqual(10_000);
    }
    const stats = b.stats();
    expect(stats).toMatchObject({ events: 20, notKept: 0 });
    // Two events of ~4 kB fit in 10,000 characters, and the newest is always one of them.
    expect(stats.sizesOnly).toBe(18);
    const replay = b.replay('p');
    expect(replay[0]).toMatchObject({ type: 'backlog', notKept: 0, sizesOnly: 18 });
    const first = replay.slice(1, 3);
    expect(first[0]).toMatchObject({ type: 'sse-start', requestBody: null, requestChars: 1500, keptAsSize: true });
    expect(first[1]).toMatchObject({ type: 'sse-end', responseText: '', responseChars: 2500, keptAsSize: true });
    // The panel's exchange from them has the sizes, and says why the text is missing.
    const ex = endedExchange(sentExchange(first[0] as never, MAX), first[1] as never, MAX);
    expect(ex.requestBytesNotCaptured).toBe(1500);
    expect(ex.responseBytesNotCaptured).toBe(2500);
    expect(ex.captureNote).toBe(
      "request of 1500 characters kept as its size only by the page before the panel opened (the page backlog's cap; raise it under Thresholds and deployment); " +
        "response of 2500 characters kept as its size only by the page before the panel opened (the page backlog's cap; raise it under Thresholds and deployment)",
    );
    const last = replay.slice(-2);
    expect(last[0]).toMatchObject({ requestBody: 'u'.repeat(1519) });
    expect(last[1]).toMatchObject({ responseText: 'd'.repeat(2519) });
  });

  it('keeps a single event over the cap as its sizes (its strings are released)', () => {
    const b = new HookBacklog({ maxChars: 100, maxEvents: 10 });
    event(b, 'big', 1000, 2000);
    expect(b.stats()).toEqual({ events: 1, chars: 0, notKept: 0, sizesOnly: 1 });
    expect(b.replay('p').slice(1)).toEqual([
      expect.objectContaining({ requestBody: null, requestChars: 1000 }),
      expect.objectContaining({ responseText: '', responseChars: 2000 }),
    ]);
  });

  it('past its events drops the oldest whole and counts them', () => {
    const b = new HookBacklog({ maxChars: 1_000_000, maxEvents: 5 });
    for (let i = 0; i < 12; i++) event(b, `e${i}`, 10, 10);
    expect(b.stats()).toEqual({ events: 5, chars: 100, notKept: 7, sizesOnly: 0 });
    const replay = b.replay('p');
    expect(replay[0]).toMatchObject({ notKept: 7 });
    expect(replay.slice(1).map((m) => (m as { id: string }).id)).toEqual([
      'e7',
      'e7',
      'e8',
      'e8',
      'e9',
      'e9',
      'e10',
      'e10',
      'e11',
      'e11',
    ]);
    // An end whose start is gone is not kept either.
    b.add(end('e0', 'late'));
    expect(b.stats().events).toBe(5);
  });

  it('groups WebSocket frames by request: a bound never splits an event', () => {
    const b = new HookBacklog({ maxChars: 1_000_000, maxEvents: 2 });
    b.add({ type: 'ws-open', pageId: 'p', socketId: 's', url: 'ws://127.0.0.1:1/__ui__', at: 1 });
    let seq = 0;
    for (let i = 0; i < 3; i++) {
      b.add(frame('send', `req${i}`, seq++));
      b.add(frame('receive', `data: r${i}\n\n`, seq++));
      b.add(frame('receive', 'data: <stream_end>\n\n', seq++));
    }
    expect(b.stats()).toMatchObject({ events: 2, notKept: 1 });
    const replay = b.replay('p');
    expect(replay[1]).toMatchObject({ type: 'ws-open' }); // kept apart from the events: the socket's URL stays
    const frames = replay.filter((m) => m.type === 'ws-frame').map((m) => (m as { frame: { seq: number } }).frame.seq);
    expect(frames).toEqual([3, 4, 5, 6, 7, 8]);
  });

  it('keeps a WebSocket frame over the cap as its size, and the pairing counts it with its reason', () => {
    const b = new HookBacklog({ maxChars: 50, maxEvents: 10 });
    b.add(frame('send', 'q'.repeat(10), 0));
    b.add(frame('receive', `data: ${'r'.repeat(100)}\n\n`, 1));
    b.add(frame('receive', 'data: <stream_end>\n\n', 2));
    expect(b.stats().chars).toBeLessThanOrEqual(50);
    const frames = b
      .replay('p')
      .filter((m) => m.type === 'ws-frame')
      .map((m) => (m as Extract<HookMessage, { type: 'ws-frame' }>).frame);
    const [ex] = pairWebSocketFrames(frames, 'ws://h/__ui__', 'ws:s');
    expect(ex!.requestBytesNotCaptured).toBe(10);
    expect(ex!.responseBytesNotCaptured).toBe(108 + 20);
    expect(ex!.captureNote).toMatch(/kept as its size only by the page before the panel opened/);
  });

  it('applies new limits at once', () => {
    const b = new HookBacklog({ maxChars: 1_000_000, maxEvents: 100 });
    for (let i = 0; i < 10; i++) event(b, `e${i}`, 100, 100);
    b.setLimits({ maxChars: 400, maxEvents: 3 });
    expect(b.stats()).toEqual({ events: 3, chars: 400, notKept: 7, sizesOnly: 1 });
  });

  it('takes only whole, sane limits from the relay', () => {
    expect(validLimits({ maxChars: 4 << 20, maxEvents: 1000 })).toBe(true);
    for (const bad of [
      undefined,
      null,
      {},
      { maxChars: -1, maxEvents: 1 },
      { maxChars: 1.5, maxEvents: 1 },
      { maxChars: 1, maxEvents: 0 },
    ])
      expect(validLimits(bad)).toBe(false);
  });
});

describe('the body of a hook message', () => {
  it('is found, replaced and measured in its one field', () => {
    const s = start('a', 'abc');
    expect(bodyFieldOf(s)).toBe('requestBody');
    expect(bodyOf(s, 'requestBody')).toBe('abc');
    expect(withBody(s, 'requestBody', '')).toEqual({ ...s, requestBody: '' });
    expect(s).toMatchObject({ requestBody: 'abc' }); // a copy, the original unchanged
    const f = frame('receive', 'data: x\n\n', 0);
    expect(bodyFieldOf(f)).toBe('data');
    expect(bodyChars(f)).toBe(9);
    expect(withBody(f, 'data', 'y')).toMatchObject({ frame: { data: 'y', seq: 0 } });
    expect(bodyFieldOf(end('a', ''))).toBeUndefined();
    expect(bodyFieldOf({ type: 'ws-close', pageId: 'p', socketId: 's', at: 1, code: 1000 })).toBeUndefined();
  });

  it('kept as its size leaves an empty or already omitted body as it is', () => {
    const e = end('a', '');
    expect(sizeOnly(e)).toBe(e);
    const tooBig: HookMessage = {
      ...(start('b', '') as Extract<HookMessage, { type: 'sse-start' }>),
      requestBody: null,
      requestChars: 40_000_000,
    };
    expect(sizeOnly(tooBig)).toBe(tooBig);
  });
});

describe("the relay's idle sender", () => {
  function harness() {
    const posted: RelayToPanel[] = [];
    const idle: ((timeLeft: () => number) => void)[] = [];
    const sender = new RelaySender(
      (m) => posted.push(m),
      (run) => idle.push(run),
    );
    /** Runs the next idle period, which lasts for `posts` posts. */
    const runIdle = (posts = 1) => {
      let left = posts;
      idle.shift()!(() => (--left > 0 ? 50 : 0));
    };
    return { posted, idle, sender, runIdle };
  }

  it('posts nothing until an idle period, then small messages whole with their body put back', () => {
    const { posted, idle, sender, runIdle } = harness();
    sender.push(withBody(start('a', 'body'), 'requestBody', ''), 'requestBody', 'body');
    sender.push(end('a', ''));
    expect(posted).toEqual([]);
    expect(idle).toHaveLength(1); // one idle callback asked, however many messages
    runIdle(5);
    expect(posted).toEqual([
      { kind: 'hook', message: start('a', 'body') },
      { kind: 'hook', message: end('a', '') },
    ]);
    expect(idle).toHaveLength(0);
  });

  it('sends a big body in parts, one per idle period when time is short, and the panel joins them back', () => {
    const { posted, idle, sender, runIdle } = harness();
    const body = 'x'.repeat(PART_CHARS * 2 + 10);
    sender.push(withBody(start('a', body), 'requestBody', ''), 'requestBody', body);
    sender.push(end('a', 'small'));
    let periods = 0;
    while (idle.length) {
      runIdle(1);
      periods++;
    }
    expect(periods).toBe(4); // three parts (the last with its small message), then the next message
    expect(posted.map((m) => m.kind)).toEqual(['part', 'part', 'part', 'hook', 'hook']);
    const parts = posted.filter((m): m is { kind: 'part'; text: string } => m.kind === 'part');
    expect(parts.every((p) => p.text.length <= PART_CHARS)).toBe(true);
    const joined = posted[3] as { kind: 'hook'; message: HookMessage; parts?: string };
    expect(joined.parts).toBe('requestBody');
    expect(withBody(joined.message, 'requestBody', parts.map((p) => p.text).join(''))).toEqual(start('a', body));
  });

  it('drops what is queued when the panel goes', () => {
    const { posted, sender, runIdle } = harness();
    sender.push(end('a', 'x'));
    sender.clear();
    runIdle(5);
    expect(posted).toEqual([]);
    expect(sender.queued).toBe(0);
  });
});
