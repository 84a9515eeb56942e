/**
 * A HAR entry whose response DevTools did not keep: the import says it was over Chromium's
 * per-resource buffer when the recorded size is over 20,000,000 bytes (kDefaultResourceBufferSize;
 * measured on Chromium 156, see src/core/capture/har.ts), and only then. The request side: DevTools
 * drops the post data but keeps the Content-Length header (measured: a 28,000,308-byte upload had
 * bodySize 0, no postData, the header); test/extension/huge-state.e2e checks a real HAR.
 */
import { CHROMIUM_RESOURCE_LIMIT, harToExchanges } from '../../../src/core/capture/har';
import { decodeExchange } from '../../../src/core/capture/decode-exchange';
import { b64url, uiRequest } from '../../hardening/support/mesop-encode';

function harWithResponseSize(size: number): object {
  return {
    log: {
      entries: [
        {
          startedDateTime: '2026-01-01T00:00:00.000Z',
          time: 5,
          request: {
            method: 'POST',
            url: 'http://127.0.0.1:8000/__ui__',
            postData: { text: b64url(uiRequest({ init: true })) },
          },
          response: { status: 200, content: { size, mimeType: 'text/event-stream' } },
        },
      ],
    },
  };
}

it('is 20,000,000 bytes, not 20 MiB', () => expect(CHROMIUM_RESOURCE_LIMIT).toBe(20 * 1000 * 1000));

it.each([20_000_001, 20_500_000, 25_000_000])(
  'a %i-byte response with no body is said to be over the limit, with its size',
  (size) => {
    const [ex] = harToExchanges(harWithResponseSize(size)).exchanges;
    expect(ex!.captureNote).toBe(`body not kept: ${size} bytes is over Chromium's 20 MB per-resource limit`);
    expect(ex!.responseBytesNotCaptured).toBe(size);
  },
);

it.each([20_000_000, 18_700_000])('a %i-byte response with no body is not blamed on the limit', (size) => {
  const [ex] = harToExchanges(harWithResponseSize(size)).exchanges;
  expect(ex!.captureNote).toBeUndefined();
  expect(ex!.responseBytesNotCaptured).toBeUndefined();
});

/** Chromium's HAR entry of an upload whose post data it evicted: headers only. */
function harWithEvictedRequest(contentLength: string | undefined): object {
  const headers = [{ name: 'Content-Type', value: 'text/plain;charset=UTF-8' }];
  if (contentLength !== undefined) headers.push({ name: 'Content-Length', value: contentLength });
  return {
    log: {
      entries: [
        {
          startedDateTime: '2026-01-01T00:00:00.000Z',
          time: 5,
          request: { method: 'POST', url: 'http://127.0.0.1:8000/__ui__', headers, bodySize: 0 },
          response: { status: 200, content: { size: 552, mimeType: 'text/event-stream' } },
        },
      ],
    },
  };
}

it.each([20_000_001, 28_000_308])(
  'a %i-byte upload with no post data is said to be over the limit, with its size',
  (size) => {
    const [ex] = harToExchanges(harWithEvictedRequest(String(size))).exchanges;
    expect(ex!.requestBody).toBeNull();
    expect(ex!.requestBytesNotCaptured).toBe(size);
    expect(ex!.captureNote).toBe(`request body not kept: ${size} bytes is over Chromium's 20 MB per-resource limit`);
    const decoded = decodeExchange(ex!);
    expect(decoded.problems).toContain(`request body of ${size} bytes was not captured (sizes only)`);
  },
);

it('an upload of 20,000,000 bytes with no post data has its size, and is not blamed on the limit', () => {
  const [ex] = harToExchanges(harWithEvictedRequest('20000000')).exchanges;
  expect(ex!.requestBytesNotCaptured).toBe(20_000_000);
  expect(ex!.captureNote).toBeUndefined();
});

it.each([[undefined], ['abc'], ['-5'], ['0']])(
  'an upload with no post data and Content-Length %p has no size',
  (header) => {
    const [ex] = harToExchanges(harWithEvictedRequest(header)).exchanges;
    expect(ex!.requestBytesNotCaptured).toBeUndefined();
    expect(ex!.captureNote).toBeUndefined();
    expect(decodeExchange(ex!).problems).toContain('request body was not captured');
  },
);
