import { BinaryReader, WireType } from '@bufbuild/protobuf/wire';
import { decodeBase64 } from '../decode/base64';
import type { Exchange } from './exchange';
import { decodeRequest } from '../decode/request';
import { decodeResponseMessage } from '../decode/response-message';
import { UI_REQUEST, UI_RESPONSE } from '../decode/mesop-fields';
import { splitSse, STREAM_END } from './sse';

/**
 * Is an exchange at a path ending in `/__ui__` Mesop traffic? An app may use that path for its own
 * API (a JSON POST, a GET, an SSE stream of its own), and measuring that as a Mesop event would show
 * garbage. But a truncated or corrupted real Mesop exchange must stay visible as an event with a
 * reason, so an exchange is only skipped on positive evidence that it is not Mesop:
 *
 * - Mesop when the request decodes as a `UiRequest` with `init` or `user_event`, or when any response
 *   event decodes as a `UiResponse` (or is `<stream_end>`): one readable side is enough.
 * - Not Mesop when neither side is Mesop-shaped AND at least one side clearly is something else: a
 *   request body that is not base64 at all (JSON, form data, prose: Mesop sends URL-safe base64 with
 *   no whitespace), a base64 body that decodes cleanly to a protobuf without init / user_event, or a
 *   response that is not SSE (JSON, HTML) or whose SSE events are not base64 protobuf.
 * - Everything else (nothing readable, or base64 that is merely damaged) stays, and the decoder says
 *   what is wrong with it.
 *
 * The one place this is decided; the HAR import calls it, other capture paths should too.
 */
export type TrafficVerdict = { mesop: true } | { mesop: false; reason: string };

type Side = 'mesop' | 'other' | 'unknown';

export function classifyUiExchange(ex: Exchange): TrafficVerdict {
  const req = requestSide(ex.requestBody);
  const res = responseSide(ex);
  if (req.side === 'mesop' || res.side === 'mesop') return { mesop: true };
  if (req.side === 'other' || res.side === 'other') {
    const why = [req.side === 'other' ? req.why : '', res.side === 'other' ? res.why : ''].filter(Boolean);
    return { mesop: false, reason: `not Mesop traffic: ${why.join('; ')}` };
  }
  return { mesop: true };
}

/** Splits exchanges into Mesop ones and skipped ones with their reason (query strings dropped: they may hold secrets). */
export function partitionUiExchanges(exchanges: readonly Exchange[]): {
  mesop: Exchange[];
  skipped: { url: string; reason: string }[];
} {
  const mesop: Exchange[] = [];
  const skipped: { url: string; reason: string }[] = [];
  for (const ex of exchanges) {
    const verdict = classifyUiExchange(ex);
    if (verdict.mesop) mesop.push(ex);
    else skipped.push({ url: withoutQuery(ex.url), reason: verdict.reason });
  }
  return { mesop, skipped };
}

export function withoutQuery(url: string): string {
  return url.replace(/[?#].*$/s, '');
}

/** The `UiResponse.type` oneof: a Mesop response message starts with one of these. */
const RESPONSE_TYPES = [UI_RESPONSE.render, UI_RESPONSE.error, UI_RESPONSE.update_state_event];

const BASE64_CHAR = /^[A-Za-z0-9+/_=-]$/;
/** Enough of a body to judge its alphabet without scanning megabytes. */
const SAMPLE = 1024;

function requestSide(body: string | null): { side: Side; why?: string } {
  if (body === null || body === '') return { side: 'unknown' };
  if (body.length > SAMPLE)
    return protoHead(body, [UI_REQUEST.init, UI_REQUEST.user_event])
      ? { side: 'mesop' }
      : requestSide(body.slice(0, SAMPLE));
  const decoded = decodeRequest(body);
  if (decoded.ok) return { side: 'mesop' };
  if (!looksBase64(body))
    return { side: 'other', why: `request body is not base64 (starts with ${JSON.stringify(body.slice(0, 1))})` };
  // Clean base64 and a complete protobuf, but no init / user_event: some other message.
  if (decoded.reason.startsWith('request is not a Mesop UiRequest'))
    return { side: 'other', why: 'request body is not a Mesop UiRequest' };
  return { side: 'unknown' }; // damaged base64 or a truncated protobuf: probably a damaged Mesop request
}

/** The first character and ~all of a sample are in the base64 alphabets (a corrupted body has a few strays). */
function looksBase64(body: string): boolean {
  const sample = body.slice(0, SAMPLE);
  if (!BASE64_CHAR.test(sample[0]!)) return false;
  let bad = 0;
  for (const ch of sample) if (!BASE64_CHAR.test(ch)) bad++;
  return bad * 20 <= sample.length;
}

function responseSide(ex: Exchange): { side: Side; why?: string } {
  let payloads: string[];
  if (ex.responseText !== null && ex.responseText !== '') {
    const split = splitSse(
      ex.responseText.length > 4 * SAMPLE ? ex.responseText.slice(0, 64 * SAMPLE) : ex.responseText,
    );
    payloads = split.payloads.map((p) => p.data);
    if (payloads.length === 0) {
      // One event longer than the sample (a big state), or a body cut mid-event: judge its head.
      const tail = split.truncatedTail;
      if (tail !== undefined && /^data:/.test(tail))
        return {
          side: protoHead(tail.replace(/^data: ?/, ''), RESPONSE_TYPES, ex.responseText.length) ? 'mesop' : 'unknown',
        };
      return {
        side: 'other',
        why: `response is not an SSE stream (starts with ${JSON.stringify(ex.responseText.slice(0, 1))})`,
      };
    }
  } else if (ex.responseMessages && ex.responseMessages.length > 0) {
    payloads = ex.responseMessages;
  } else {
    return { side: 'unknown' };
  }
  // A few events are enough: a Mesop stream's first event is a render or a state update.
  for (const data of payloads.slice(0, 4)) {
    if (data === STREAM_END) return { side: 'mesop' };
    if (data.length > SAMPLE ? protoHead(data, RESPONSE_TYPES) : decodeResponseMessage(data, 0).type !== 'unknown')
      return { side: 'mesop' };
  }
  const anyBase64 = payloads.slice(0, 4).some((d) => looksBase64(d));
  return anyBase64 ? { side: 'unknown' } : { side: 'other', why: 'response events are not base64 Mesop messages' };
}

/**
 * For big bodies (a 100 MB state), a look at the head instead of a second full decode: the first
 * field must be one of `fieldNos`, length-delimited, with a length that fits in the whole body
 * (`totalChars`: its base64 length, or an upper bound when only a sample of it was split).
 * Python's protobuf writes fields in number order, so a Mesop message starts with its oneof.
 */
function protoHead(base64: string, fieldNos: number[], totalChars = base64.replace(/=+$/, '').length): boolean {
  const head = decodeBase64(base64.slice(0, SAMPLE));
  if (!head.ok) return false;
  const total = Math.floor((totalChars * 3) / 4);
  try {
    const reader = new BinaryReader(head.bytes);
    const [no, wireType] = reader.tag();
    if (!fieldNos.includes(no) || wireType !== WireType.LengthDelimited) return false;
    const len = reader.uint32();
    return reader.pos + len <= total;
  } catch {
    return false;
  }
}
