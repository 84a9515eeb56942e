import { splitSse } from '../../../src/core/capture/sse';

describe('splitSse', () => {
  it('splits Mesop events and stops at <stream_end>', () => {
    const text = 'data: QUJD\n\ndata: REVG\n\ndata: <stream_end>\n\ndata: ignored\n\n';
    const r = splitSse(text);
    expect(r.payloads.map((p) => p.data)).toEqual(['QUJD', 'REVG', '<stream_end>']);
    expect(r.payloads.map((p) => p.bytes)).toEqual([12, 12, 20]);
    expect(r.streamEnded).toBe(true);
    expect(r.ignoredAfterEnd).toBe('data: ignored\n\n'.length);
  });

  it('reports a truncated last event', () => {
    const r = splitSse('data: QUJD\n\ndata: RE');
    expect(r.streamEnded).toBe(false);
    expect(r.truncatedTail).toBe('data: RE');
  });
});
