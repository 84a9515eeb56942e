import fc from 'fast-check';
import type { WebSocketFrame } from '../../../src/core/capture/exchange';
import {
  dropPairedExchanges,
  pairWebSocketFrames,
  pairWebSocketFramesLive,
} from '../../../src/core/capture/websocket-pairing';
import { analyzeExchanges } from '../../../src/core/analyze';

describe('pairWebSocketFrames', () => {
  it('gives each request the receive frames up to its <stream_end>, in order', () => {
    const ex = pairWebSocketFrames(
      [
        { direction: 'send', time: 1, data: 'REQ1' },
        { direction: 'receive', time: 2, data: 'data: A\n\n' },
        { direction: 'receive', time: 3, data: 'data: <stream_end>\n\n' },
        { direction: 'send', time: 4, data: 'REQ2' },
        { direction: 'receive', time: 5, data: 'data: B\n\n' },
      ],
      'ws://h/__ui__',
      'ws',
    );
    expect(ex.map((e) => [e.requestBody, e.responseMessages])).toEqual([
      ['REQ1', ['A', '<stream_end>']],
      ['REQ2', ['B']],
    ]);
    expect(ex[0]!.endedAt).toBe(3);
  });

  it('keeps response frames with no captured request as a visible exchange', () => {
    const ex = pairWebSocketFrames([{ direction: 'receive', time: 1, data: 'data: A\n\n' }], 'ws://h/__ui__', 'ws');
    expect(ex).toHaveLength(1);
    expect(ex[0]!.requestBody).toBeNull();
    expect(ex[0]!.captureNote).toMatch(/without a captured request/);
  });
});

describe('a live capture drops the frames of ended exchanges (dropPairedExchanges)', () => {
  const send = (t: number, d: string): WebSocketFrame => ({ direction: 'send', time: t, data: d });
  const recv = (t: number, d: string): WebSocketFrame => ({ direction: 'receive', time: t, data: `data: ${d}\n\n` });

  it('ends an orphan at the next sent frame, so later stray frames start a new one', () => {
    const { exchanges, open } = pairWebSocketFramesLive(
      [recv(1, 'A'), send(2, 'REQ'), recv(3, '<stream_end>'), recv(4, 'B')],
      'ws://h/__ui__',
      'ws',
    );
    expect(exchanges.map((e) => [e.id, e.requestBody, e.responseMessages])).toEqual([
      ['ws#orphan0', null, ['A']],
      ['ws#1', 'REQ', ['<stream_end>']],
      ['ws#orphan2', null, ['B']],
    ]);
    expect([...open].map((e) => e.id)).toEqual(['ws#orphan2']);
  });

  it('pairs what is left exactly as the whole sequence, with the same ids', () => {
    let dropped = 0;
    const frame = fc.tuple(fc.constantFrom('send', 'receive', 'end', 'binary'), fc.string({ maxLength: 3 }));
    fc.assert(
      fc.property(fc.array(frame, { maxLength: 40 }), fc.nat({ max: 12 }), (spec, want) => {
        const frames: WebSocketFrame[] = spec.map(([kind, text], t) =>
          kind === 'send'
            ? send(t, `R${t}${text}`)
            : kind === 'binary'
              ? { direction: 'receive', time: t, data: '', opcode: 2 }
              : recv(t, kind === 'end' ? '<stream_end>' : `x${text}`),
        );
        const { exchanges, open } = pairWebSocketFramesLive(frames, 'u', 'ws');
        // Only a prefix of ended exchanges is ever dropped (capture-store finalizes rows in order).
        let count = 0;
        while (count < Math.min(want, exchanges.length) && !open.has(exchanges[count]!)) count++;
        const rest = dropPairedExchanges(frames, count);
        if (count > 0) dropped++;
        expect(pairWebSocketFrames(rest, 'u', 'ws', count)).toEqual(exchanges.slice(count));
        expect(rest.length).toBeLessThanOrEqual(frames.length);
      }),
      { seed: 7, numRuns: 2000 },
    );
    expect(dropped).toBeGreaterThan(500); // the property is exercised, not vacuous
  });
});

it('counts a frame too big to carry in the exchange size and says why its content is missing', () => {
  const frames: WebSocketFrame[] = [
    { direction: 'send', time: 1, data: 'REQ' },
    { direction: 'receive', time: 2, data: '', omittedChars: 133_000_000 },
    { direction: 'receive', time: 3, data: 'data: <stream_end>\n\n' },
  ];
  const [ex] = pairWebSocketFrames(frames, 'ws://h/__ui__', 'ws');
  expect(ex!.responseMessages).toEqual(['<stream_end>']);
  expect(ex!.responseBytesNotCaptured).toBe(133_000_000);
  const event = analyzeExchanges([ex!]).session.events[0]!;
  expect(event.response.bytes).toBe(133_000_000 + '<stream_end>'.length + 'data: '.length + 2);
  expect(event.problems.join(' ')).toMatch(/response frame of 133000000 characters too big to carry/);
});

it('an SSE exchange whose body was not kept still has its size (HAR over 20 MB, hook over the message bound)', () => {
  const event = analyzeExchanges([
    {
      id: 'x',
      transport: 'sse',
      url: 'http://h/__ui__',
      startedAt: 0,
      requestBody: null,
      requestBytesNotCaptured: 40_000_000,
      responseText: null,
      responseBytesNotCaptured: 133_000_000,
      captureNote: 'too big',
    },
  ]).session.events[0]!;
  expect([event.request.bytes, event.response.bytes]).toEqual([40_000_000, 133_000_000]);
  expect(event.problems).toEqual([
    'too big',
    'request body of 40000000 bytes was not captured (sizes only)',
    'response body of 133000000 bytes was not captured (sizes only)',
  ]);
});
