import { pairWebSocketFrames } from '../../../src/core/decode/websocket-pairing';

describe('pairWebSocketFrames', () => {
  it('gives each request the receive frames up to its <stream_end>, in order', () => {
    const ex = pairWebSocketFrames([
      { direction: 'send', time: 1, data: 'REQ1' },
      { direction: 'receive', time: 2, data: 'data: A\n\n' },
      { direction: 'receive', time: 3, data: 'data: <stream_end>\n\n' },
      { direction: 'send', time: 4, data: 'REQ2' },
      { direction: 'receive', time: 5, data: 'data: B\n\n' },
    ], 'ws://h/__ui__', 'ws');
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
