import { endedExchange, sentExchange } from '../../../src/core/capture/hook-exchange';

const MAX = 32 * 1024 * 1024;
const sent = { id: 'x1', url: 'http://127.0.0.1:1/__ui__', startedAt: 1000, requestBody: 'abc' };
const ended = { endedAt: 1500, outcome: 'load' as const, status: 200, responseText: 'data: x\n\n' };

describe('exchanges from the page hook', () => {
  it('is in flight until the hook says the response ended, then carries its text and status', () => {
    const ex = sentExchange(sent, MAX);
    expect(ex).toEqual({
      id: 'x1',
      transport: 'sse',
      url: sent.url,
      startedAt: 1000,
      requestBody: 'abc',
      responseText: null,
    });
    expect(endedExchange(ex, ended, MAX)).toEqual({ ...ex, endedAt: 1500, responseText: 'data: x\n\n', status: 200 });
  });

  it('says why a text is missing: too big to carry (both sides) and an XHR error', () => {
    const ex = sentExchange({ ...sent, requestBody: null, requestChars: 40_000_000 }, MAX);
    expect(ex.requestBytesNotCaptured).toBe(40_000_000);
    expect(ex.captureNote).toBe(
      'request of 40000000 characters too big to carry from the page to DevTools (over 32 Mi characters a message): sizes only',
    );
    const done = endedExchange(ex, { ...ended, outcome: 'error', responseText: '', responseChars: 50_000_000 }, MAX);
    expect(done.responseText).toBeNull();
    expect(done.responseBytesNotCaptured).toBe(50_000_000);
    expect(done.captureNote?.split('; ')).toEqual([
      'request of 40000000 characters too big to carry from the page to DevTools (over 32 Mi characters a message): sizes only',
      'response of 50000000 characters too big to carry from the page to DevTools (over 32 Mi characters a message): sizes only',
      'xhr error',
    ]);
  });

  it('keeps an aborted response as the hook last saw it, with no note (the merge judges an abort)', () => {
    const done = endedExchange(
      sentExchange(sent, MAX),
      { ...ended, outcome: 'abort', status: 0, responseText: 'data: a\n\n' },
      MAX,
    );
    expect(done.captureNote).toBeUndefined();
    expect(done.responseText).toBe('data: a\n\n');
  });
});
