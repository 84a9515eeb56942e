/**
 * The capture's own notes (src/core/capture/exchange-log.ts), which travel inside the exchange to the event's problems, for a row whose body is over Chromium's per-resource DevTools
 * buffer: 20,000,000 bytes (measured on Chromium 156: a 20,001,388-byte response was evicted, an
 * 18.7 MB one kept; see src/core/capture/har.ts). 20 MiB (20,971,520) was the old, wrong line.
 * What each side keeps in DevTools over it differs (measured, test/extension/huge-state.e2e): an
 * upload keeps only its size, a response its parsed SSE events.
 */
import type { MergedExchange } from '../../../src/core/capture/capture-merge';
import { captureProblems as rowProblems } from '../../../src/core/capture/exchange-log';

function row(requestChars: number, responseChars: number, sources: MergedExchange['sources']): MergedExchange {
  return {
    exchange: {
      id: 'h1',
      transport: 'sse',
      url: 'http://127.0.0.1:8000/__ui__',
      startedAt: 0,
      requestBody: 'A'.repeat(requestChars),
      responseText: 'd'.repeat(responseChars),
    },
    sources,
    sourceIds: {},
    complete: true,
    pending: false,
    problems: [],
  };
}

const UPLOAD = "upload over Chromium's 20 MB limit: the Network tab and a HAR export have no body, only its size";
const RESPONSE =
  "response over Chromium's 20 MB limit: the Network tab shows no body; a HAR export keeps only its SSE events (mesop-devtools analyze reads them)";

it.each([
  ['a response of 20,000,001 bytes', 1000, 20_000_001, [`${RESPONSE}; read by the page hook`]],
  ['a response of 20,500,000 bytes (under 20 MiB)', 1000, 20_500_000, [`${RESPONSE}; read by the page hook`]],
  ['an upload of 20,000,001 bytes', 20_000_001, 1000, [`${UPLOAD}; read by the page hook`]],
  ['both', 20_000_001, 21_333_896, [`${UPLOAD}; read by the page hook`, `${RESPONSE}; read by the page hook`]],
])('%s is said to be over the limit, side by side', (_name, up, down, problems) => {
  expect(rowProblems(row(up, down, ['hook', 'network']))).toEqual(problems);
});

it('exactly 20,000,000 bytes is within it, and so is everything below', () => {
  expect(rowProblems(row(20_000_000, 20_000_000, ['hook']))).toEqual([]);
  expect(rowProblems(row(18_700_000, 1000, ['network']))).toEqual([]);
});

it('without the page hook the row does not claim it was read by it', () => {
  expect(rowProblems(row(1000, 20_000_001, ['network']))).toEqual([RESPONSE]);
});

it('an upload DevTools kept only the size of (no page hook) is said to be over the limit too', () => {
  const bodiless = row(0, 1000, ['network']);
  bodiless.exchange = { ...bodiless.exchange, requestBody: null, requestBytesNotCaptured: 21_333_640 };
  bodiless.problems = ['request body not captured'];
  expect(rowProblems(bodiless)).toEqual(['request body not captured', UPLOAD]);
});
