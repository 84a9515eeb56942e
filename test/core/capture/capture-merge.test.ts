import type { Exchange } from '../../../src/core/capture/exchange';
import { isComplete, mergeCaptures, SIZE_MATCH_TOLERANCE_MS } from '../../../src/core/capture/capture-merge';

const URL = 'http://127.0.0.1:1234/__ui__';
const BODY = (s: string) => `data: ${s}\n\n`;
const FULL = BODY('AAAA') + BODY('BBBB') + BODY('<stream_end>');

function ex(id: string, startedAt: number, requestBody: string | null, response: Partial<Exchange> = {}): Exchange {
  return { id, transport: 'sse', url: URL, startedAt, requestBody, responseText: FULL, ...response };
}

describe('mergeCaptures', () => {
  test('pairs the same events from both paths and keeps the hook id', () => {
    const rows = mergeCaptures({
      hook: [ex('h0', 1000, 'a'), ex('h1', 2000, 'b')],
      network: [ex('n1', 2003, 'b'), ex('n0', 1004, 'a')],
    });
    expect(rows.map((r) => [r.exchange.id, r.sources.join('+'), r.sourceIds.network])).toEqual([
      ['h0', 'hook+network', 'n0'],
      ['h1', 'hook+network', 'n1'],
    ]);
    expect(rows.every((r) => r.complete && r.problems.length === 0)).toBe(true);
  });

  test('identical bodies (a no-op button clicked twice) pair first-with-first', () => {
    const rows = mergeCaptures({
      hook: [ex('h0', 1000, 'same'), ex('h1', 1300, 'same')],
      network: [ex('n0', 1002, 'same'), ex('n1', 1301, 'same')],
    });
    expect(rows.map((r) => `${r.sourceIds.hook}=${r.sourceIds.network}`)).toEqual(['h0=n0', 'h1=n1']);
  });

  test("the network body lost to Mesop's abort is filled from the hook, without the abort note", () => {
    const [row] = mergeCaptures({
      hook: [ex('h0', 1000, 'a')],
      network: [ex('n0', 1001, 'a', { responseText: null, status: 200, captureNote: 'network: net::ERR_ABORTED' })],
    });
    expect(row!.complete).toBe(true);
    expect(row!.exchange.responseText).toBe(FULL);
    expect(row!.exchange.status).toBe(200);
    expect(row!.exchange.captureNote).toBeUndefined();
  });

  test('the hook missing (tab opened before the extension) leaves network-only rows', () => {
    const rows = mergeCaptures({
      hook: [],
      network: [ex('n0', 1000, 'a', { responseText: null, responseMessages: ['AAAA', '<stream_end>'] })],
    });
    expect(rows[0]).toMatchObject({ sources: ['network'], complete: true, problems: [] });
  });

  test('events only the hook saw (before DevTools opened) stay, in time order', () => {
    const rows = mergeCaptures({ hook: [ex('h0', 1000, 'a'), ex('h1', 5000, 'b')], network: [ex('n1', 5001, 'b')] });
    expect(rows.map((r) => r.sources.join('+'))).toEqual(['hook', 'hook+network']);
  });

  test('a body neither path could read is a visible row with both reasons', () => {
    const [row] = mergeCaptures({
      hook: [ex('h0', 1000, 'a', { responseText: BODY('AAAA') })],
      network: [ex('n0', 1001, 'a', { responseText: null, captureNote: 'network: net::ERR_ABORTED' })],
    });
    expect(row!.complete).toBe(false);
    expect(row!.problems.join('\n')).toMatch(/cut after 1 message.*hook/);
    expect(row!.problems.join('\n')).toMatch(/not captured.*net::ERR_ABORTED/);
  });

  test('a request still in flight is pending, not a problem', () => {
    const [row] = mergeCaptures({
      hook: [ex('h0', 1000, 'a', { responseText: null })],
      network: [],
      pendingHookIds: new Set(['h0']),
    });
    expect(row).toMatchObject({ pending: true, complete: false, problems: [] });
  });

  test('different bodies or far-apart times are different events', () => {
    const rows = mergeCaptures({ hook: [ex('h0', 1000, 'a'), ex('h1', 1000, 'x')], network: [ex('n0', 9000, 'a')] });
    expect(rows).toHaveLength(3);
  });

  describe("an upload over Chromium's 20 MB limit: DevTools kept its size, not its body", () => {
    // The hook dates the request at send(), DevTools when the network starts it: for 21.3 MB the
    // page took 0.77 s to hand the body over on an idle machine (huge-state.e2e), over 2 s at load.
    const BIG = 'q'.repeat(21_333_640);
    const bodiless = (id: string, startedAt: number, size?: number) =>
      ex(id, startedAt, null, size === undefined ? {} : { requestBytesNotCaptured: size });

    test('pairs on equal size well past the 2 s of a body match', () => {
      const rows = mergeCaptures({
        hook: [ex('h0', 1000, 'a'), ex('h1', 5000, BIG)],
        network: [ex('n0', 1003, 'a'), bodiless('n1', 5000 + 7_700, BIG.length)],
      });
      expect(rows.map((r) => `${r.sourceIds.hook}=${r.sourceIds.network}`)).toEqual(['h0=n0', 'h1=n1']);
      expect(rows[1]!.exchange.requestBody).toBe(BIG);
      expect(rows[1]!.problems).toEqual([]);
    });

    test('another size is another event, however close in time', () => {
      expect(
        mergeCaptures({ hook: [ex('h0', 1000, BIG)], network: [bodiless('n0', 1001, BIG.length + 4)] }),
      ).toHaveLength(2);
    });

    test('the size window has an end, and without a size the 2 s rule stands', () => {
      expect(
        mergeCaptures({
          hook: [ex('h0', 1000, BIG)],
          network: [bodiless('n0', 1000 + SIZE_MATCH_TOLERANCE_MS + 1, BIG.length)],
        }),
      ).toHaveLength(2);
      expect(mergeCaptures({ hook: [ex('h0', 1000, BIG)], network: [bodiless('n0', 3001)] })).toHaveLength(2);
      expect(mergeCaptures({ hook: [ex('h0', 1000, BIG)], network: [bodiless('n0', 2999)] })).toHaveLength(1);
    });

    test('two uploads of one size pair first-with-first', () => {
      const other = 'r'.repeat(BIG.length);
      const rows = mergeCaptures({
        hook: [ex('h0', 1000, BIG), ex('h1', 4000, other)],
        network: [bodiless('n1', 7000, BIG.length), bodiless('n0', 3500, BIG.length)],
      });
      expect(rows.map((r) => `${r.sourceIds.hook}=${r.sourceIds.network}`)).toEqual(['h0=n0', 'h1=n1']);
    });

    test('both sides without the body (too big for the hook too) pair on size', () => {
      const rows = mergeCaptures({
        hook: [bodiless('h0', 1000, 70_000_000)],
        network: [bodiless('n0', 9000, 70_000_000)],
      });
      expect(rows.map((r) => r.sources.join('+'))).toEqual(['hook+network']);
    });
  });

  test('disagreeing responses are flagged', () => {
    const [row] = mergeCaptures({
      hook: [ex('h0', 1000, 'a')],
      network: [ex('n0', 1000, 'a', { responseText: BODY('ZZZZ') + BODY('<stream_end>') })],
    });
    expect(row!.problems).toEqual([expect.stringMatching(/differ/)]);
  });

  test('websocket exchanges match only websocket exchanges', () => {
    const ws = (id: string) =>
      ex(id, 1000, 'a', {
        transport: 'websocket',
        url: 'ws://127.0.0.1:1234/__ui__',
        responseText: null,
        responseMessages: ['AAAA', '<stream_end>'],
      });
    const rows = mergeCaptures({ hook: [ws('h0')], network: [ex('n0', 1000, 'a'), ws('n1')] });
    expect(rows.map((r) => r.sources.join('+')).sort()).toEqual(['hook+network', 'network']);
    expect(isComplete(rows[0]!.exchange)).toBe(true);
  });

  describe('a WebSocket frame too big for the hook to carry (it keeps only its size)', () => {
    const WS = 'ws://127.0.0.1:1234/__ui__';
    const BIG = 'B'.repeat(40);
    // The hook's exchange: the big frame as a size, then <stream_end> (websocket-pairing.ts).
    const hookSide = () =>
      ex('h0', 1000, 'a', {
        transport: 'websocket',
        url: WS,
        responseText: null,
        responseMessages: ['<stream_end>'],
        endedAt: 1500,
        responseBytesNotCaptured: BIG.length + 8,
        captureNote: `response frame of ${BIG.length + 8} characters too big to carry from the page (sizes only)`,
      });
    const netSide = (messages: string[]) =>
      ex('n0', 1001, 'a', {
        transport: 'websocket',
        url: WS,
        responseText: null,
        responseMessages: messages,
        endedAt: 1501,
      });

    test("DevTools' whole copy is shown, not the hook's sizes", () => {
      const [row] = mergeCaptures({ hook: [hookSide()], network: [netSide([BIG, '<stream_end>'])] });
      expect(row!.sources).toEqual(['hook', 'network']);
      expect(row!.problems).toEqual([]);
      expect(row!.complete).toBe(true);
      expect(row!.exchange.responseMessages).toEqual([BIG, '<stream_end>']);
      expect(row!.exchange.responseBytesNotCaptured).toBeUndefined();
      expect(row!.exchange.captureNote).toBeUndefined();
      expect(row!.exchange.id).toBe('h0');
    });

    test("until DevTools has the whole response, the row is not complete and keeps the hook's note", () => {
      const [row] = mergeCaptures({ hook: [hookSide()], network: [netSide([])] });
      expect(row!.complete).toBe(false);
      expect(row!.exchange.responseBytesNotCaptured).toBe(BIG.length + 8);
      expect(row!.exchange.captureNote).toMatch(/too big to carry from the page \(sizes only\)/);
      expect(row!.problems.join(' ')).toMatch(
        /response of 48 characters not captured \(hook: response frame of 48 characters/,
      );
    });

    test('the hook alone (DevTools closed): its row, not whole, its note the one reason', () => {
      const [row] = mergeCaptures({ hook: [hookSide()], network: [] });
      expect(row!.complete).toBe(false);
      expect(row!.pending).toBe(false);
      expect(row!.problems).toEqual([]);
      expect(row!.exchange.captureNote).toMatch(/sizes only/);
    });

    test("both sides with sizes only: the hook's row, with its note", () => {
      const net = { ...hookSide(), id: 'n0', startedAt: 1001 };
      const [row] = mergeCaptures({ hook: [hookSide()], network: [net] });
      expect(row!.complete).toBe(false);
      expect(row!.exchange.captureNote).toMatch(/sizes only/);
    });
  });
});
