import type { Exchange } from './exchange';
import type { DecodedRequest, DecodedResponse, DecodedResponseMessage } from '../decode/messages';
import { decodeRequest } from '../decode/request';
import { decodeResponseMessage } from '../decode/response-message';
import { splitSse, STREAM_END } from './sse';

export interface DecodedExchange {
  exchange: Exchange;
  request?: DecodedRequest;
  response: DecodedResponse;
  /** Why the request or the response could not be (fully) read. */
  problems: string[];
}

/** `data: ` + payload + blank line: the wire cost of one message given without its framing. */
export const SSE_FRAMING = 'data: '.length + 2;

/** Decodes one captured exchange. Never throws; every problem is a reason in `problems`. */
export function decodeExchange(exchange: Exchange): DecodedExchange {
  const problems: string[] = [];
  if (exchange.captureNote) problems.push(exchange.captureNote);

  let request: DecodedRequest | undefined;
  if (exchange.requestBody === null) problems.push(notCaptured('request', exchange.requestBytesNotCaptured));
  else {
    const r = decodeRequest(exchange.requestBody);
    if (r.ok) {
      request = r.request;
      problems.push(...(r.request.problems ?? []));
    } else problems.push(r.reason);
  }
  return { exchange, request, response: decodeResponse(exchange, problems), problems };
}

function decodeResponse(exchange: Exchange, problems: string[]): DecodedResponse {
  const messages: DecodedResponseMessage[] = [];
  let sawStreamEnd = false;
  let wireBytes = 0;

  if (exchange.responseText !== null && exchange.responseText !== '') {
    const split = splitSse(exchange.responseText);
    wireBytes = exchange.responseText.length;
    sawStreamEnd = split.streamEnded;
    for (const p of split.payloads) {
      if (p.data !== STREAM_END) messages.push(decodeResponseMessage(p.data, p.bytes));
    }
    if (split.truncatedTail !== undefined)
      problems.push(`response ends mid-event (${split.truncatedTail.length} characters cut off)`);
  } else if (exchange.responseMessages && exchange.responseMessages.length > 0) {
    for (const data of exchange.responseMessages) {
      const cost = data.length + SSE_FRAMING;
      wireBytes += cost;
      if (data === STREAM_END) {
        sawStreamEnd = true;
        break;
      }
      messages.push(decodeResponseMessage(data, cost));
    }
    // WebSocket frames too big to carry are left out of the messages, not out of the size.
    wireBytes += exchange.responseBytesNotCaptured ?? 0;
  } else {
    wireBytes = exchange.responseBytesNotCaptured ?? 0;
    problems.push(notCaptured('response', exchange.responseBytesNotCaptured));
  }

  const messageProblems = messages.flatMap((m) => (m.problem ? [m.problem] : []));
  problems.push(...messageProblems);
  if (!sawStreamEnd && (exchange.responseText || exchange.responseMessages?.length)) {
    problems.push('response has no <stream_end>: incomplete or still streaming');
  }
  return { messages, streamEnded: sawStreamEnd, bytes: wireBytes, problems: messageProblems };
}

function notCaptured(side: 'request' | 'response', bytes: number | undefined): string {
  return bytes === undefined
    ? `${side} body was not captured`
    : `${side} body of ${bytes} bytes was not captured (sizes only)`;
}
