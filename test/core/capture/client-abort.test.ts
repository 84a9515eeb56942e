import { isAbortAfterStreamEnd } from '../../../src/core/capture/client-abort';
import { harToExchanges } from '../../../src/core/capture/har';

const WHOLE = 'data: AAAA\n\ndata: BBBB\n\ndata: <stream_end>\n\n';

describe("isAbortAfterStreamEnd: Mesop's own abort after the terminator is not a problem", () => {
  test("aborted after a whole body: the client's normal abort", () => {
    expect(isAbortAfterStreamEnd('net::ERR_ABORTED', WHOLE)).toBe(true);
    expect(isAbortAfterStreamEnd('canceled', WHOLE)).toBe(true);
    expect(isAbortAfterStreamEnd('net::ERR_ABORTED', 'data:<stream_end>\n\n')).toBe(true);
  });

  test('an abort before the terminator, or another failure, stays a problem', () => {
    expect(isAbortAfterStreamEnd('net::ERR_ABORTED', 'data: AAAA\n\ndata: BB')).toBe(false);
    expect(isAbortAfterStreamEnd('net::ERR_ABORTED', 'data: AAAA\n\ndata: <stream_end>')).toBe(false);
    expect(isAbortAfterStreamEnd('net::ERR_ABORTED', 'data: AAAA\n\n')).toBe(false);
    expect(isAbortAfterStreamEnd('net::ERR_ABORTED', null)).toBe(false);
    expect(isAbortAfterStreamEnd('net::ERR_CONNECTION_RESET', WHOLE)).toBe(false);
    // The marker inside an event, not as one: not a terminator.
    expect(isAbortAfterStreamEnd('net::ERR_ABORTED', 'data: x<stream_end>\n\n')).toBe(false);
  });
});

describe('a HAR entry Mesop aborted', () => {
  const har = (text: string) => ({
    log: {
      entries: [
        {
          startedDateTime: '2026-11-23T00:00:00.000Z',
          time: 12,
          request: { method: 'POST', url: 'http://127.0.0.1:1/__ui__', postData: { text: 'CgA=' } },
          response: { status: 200, _error: 'net::ERR_ABORTED', content: { size: text.length, text } },
          _resourceType: 'xhr',
        },
      ],
    },
  });

  test('after a whole body: no capture note', () => {
    const [ex] = harToExchanges(har(WHOLE)).exchanges;
    expect(ex?.responseText).toBe(WHOLE);
    expect(ex?.captureNote).toBeUndefined();
  });

  test('mid-stream: the note stays', () => {
    const [ex] = harToExchanges(har('data: AAAA\n\n')).exchanges;
    expect(ex?.captureNote).toBe('network: net::ERR_ABORTED');
  });
});
