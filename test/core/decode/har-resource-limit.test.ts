/**
 * A HAR entry whose response DevTools did not keep: the import says it was over Chromium's
 * per-resource buffer when the recorded size is over 20,000,000 bytes (kDefaultResourceBufferSize;
 * measured on Chromium 156, see src/core/decode/har.ts), and only then.
 */
import { CHROMIUM_RESOURCE_LIMIT, harToExchanges } from '../../../src/core/decode/har';
import { b64url, uiRequest } from '../../hardening/support/mesop-encode';

function harWithResponseSize(size: number): object {
  return { log: { entries: [{
    startedDateTime: '2026-01-01T00:00:00.000Z', time: 5,
    request: { method: 'POST', url: 'http://127.0.0.1:8000/__ui__', postData: { text: b64url(uiRequest({ init: true })) } },
    response: { status: 200, content: { size, mimeType: 'text/event-stream' } },
  }] } };
}

it('is 20,000,000 bytes, not 20 MiB', () => expect(CHROMIUM_RESOURCE_LIMIT).toBe(20 * 1000 * 1000));

it.each([20_000_001, 20_500_000, 25_000_000])('a %i-byte response with no body is said to be over the limit, with its size', (size) => {
  const [ex] = harToExchanges(harWithResponseSize(size)).exchanges;
  expect(ex!.captureNote).toBe(`body not kept: ${size} bytes is over Chromium's 20 MB per-resource limit`);
  expect(ex!.responseBytesNotCaptured).toBe(size);
});

it.each([20_000_000, 18_700_000])('a %i-byte response with no body is not blamed on the limit', (size) => {
  const [ex] = harToExchanges(harWithResponseSize(size)).exchanges;
  expect(ex!.captureNote).toBeUndefined();
  expect(ex!.responseBytesNotCaptured).toBeUndefined();
});
