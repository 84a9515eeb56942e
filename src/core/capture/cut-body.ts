import { utf8Length } from '../measure/utf8-length';
import type { Exchange } from './exchange';

/**
 * A DevTools network entry whose body came back shorter than the size DevTools recorded for it:
 * the browser cut it. Firefox keeps at most `devtools.netmonitor.responseBodyLimit` bytes of a
 * response (1 MiB by default) and hands the extension that prefix, with the whole size in
 * `response.content.size`. A prefix measured as the response would be a wrong number, so the
 * exchange keeps no text, carries the recorded size as bytes not captured, and says why; the
 * merge then takes the page hook's copy when it has one (src/core/decode/capture-merge.ts).
 * Returns the exchange unchanged when its text is whole (or DevTools recorded no size).
 */
export function withCutBodyNoted(exchange: Exchange, recordedSize: number | undefined): Exchange {
  const text = exchange.responseText;
  if (text === null || recordedSize === undefined || recordedSize <= 0) return exchange;
  const got = utf8Length(text);
  if (got >= recordedSize) return exchange;
  const note = `response body cut by the browser: DevTools returned ${got} of its ${recordedSize} bytes (Firefox keeps at most devtools.netmonitor.responseBodyLimit, 1 MiB by default); sizes only`;
  return {
    ...exchange,
    responseText: null,
    responseBytesNotCaptured: recordedSize,
    captureNote: exchange.captureNote ? `${exchange.captureNote}; ${note}` : note,
  };
}
