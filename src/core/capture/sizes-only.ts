import { SSE_FRAMING } from './decode-exchange';
import type { Exchange } from './exchange';
import { STREAM_END } from './sse';

/**
 * An exchange without its bodies, keeping what they weighed: for a row too big for a tool's memory
 * (the panel's cap). Its decode then reports the same wire bytes as the whole exchange, and says
 * the bodies are sizes only, with `why`. Pure.
 */
export function withSizesOnly(ex: Exchange, why: string): Exchange {
  const { responseMessages: _dropped, ...rest } = ex;
  const requestChars = ex.requestBody?.length;
  const responseChars = responseWireChars(ex);
  return {
    ...rest,
    requestBody: null,
    responseText: null,
    ...(requestChars !== undefined ? { requestBytesNotCaptured: requestChars } : {}),
    ...(responseChars !== undefined ? { responseBytesNotCaptured: responseChars } : {}),
    captureNote: ex.captureNote ? `${ex.captureNote}; ${why}` : why,
  };
}

/** Characters of body text an exchange holds (request, response text, response messages). */
export function bodyChars(ex: Exchange): number {
  return (
    (ex.requestBody?.length ?? 0) +
    (ex.responseText?.length ?? 0) +
    (ex.responseMessages ?? []).reduce((a, m) => a + m.length, 0)
  );
}

/** The response's size on the wire as decodeExchange counts it, or what was already not captured. */
function responseWireChars(ex: Exchange): number | undefined {
  if (ex.responseText) return ex.responseText.length;
  if (ex.responseMessages?.length) {
    let chars = ex.responseBytesNotCaptured ?? 0;
    for (const data of ex.responseMessages) {
      chars += data.length + SSE_FRAMING;
      if (data === STREAM_END) break;
    }
    return chars;
  }
  return ex.responseBytesNotCaptured;
}
