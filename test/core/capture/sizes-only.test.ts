/**
 * withSizesOnly: an exchange too big for a tool's memory keeps what its bodies weighed. Checked
 * against the decoder on real exchanges (the chat fixture, recorded from mesop 1.3.7): the sizes-only
 * copy reports the same wire bytes each way as the whole one, whether the response is a text or
 * DevTools' parsed SSE events.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { decodeExchange } from '../../../src/core/capture/decode-exchange';
import { harToExchanges } from '../../../src/core/capture/har';
import { bodyChars, withSizesOnly } from '../../../src/core/capture/sizes-only';
import { splitSse } from '../../../src/core/capture/sse';

const exchanges = harToExchanges(readFileSync(join(__dirname, '../../fixtures/chat.har'), 'utf8')).exchanges.filter(
  (e) => e.responseText,
);
const WHY = 'over the cap';

it.each(exchanges.map((e, i) => [i, e] as const))('exchange %i as a text: same wire bytes, no body kept', (_i, ex) => {
  const whole = decodeExchange(ex);
  const small = withSizesOnly(ex, WHY);
  expect(bodyChars(small)).toBe(0);
  const decoded = decodeExchange(small);
  expect(decoded.response.bytes).toBe(whole.response.bytes);
  expect(small.requestBytesNotCaptured).toBe(ex.requestBody!.length);
  expect(decoded.problems).toContain(WHY);
});

it('a response given as SSE events (what DevTools keeps over its 20 MB limit) keeps the bytes of its framing', () => {
  for (const ex of exchanges) {
    const messages = splitSse(ex.responseText!).payloads.map((p) => p.data);
    const asEvents = { ...ex, responseText: null, responseMessages: messages };
    const small = withSizesOnly(asEvents, WHY);
    expect(small.responseMessages).toBeUndefined();
    expect(decodeExchange(small).response.bytes).toBe(decodeExchange(asEvents).response.bytes);
    expect(decodeExchange(small).response.bytes).toBe(ex.responseText!.length);
  }
});

it('keeps the note it had, and says why the bodies went', () => {
  const small = withSizesOnly({ ...exchanges[0]!, captureNote: 'body missing' }, WHY);
  expect(small.captureNote).toBe(`body missing; ${WHY}`);
});
