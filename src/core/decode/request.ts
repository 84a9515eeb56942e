import { decodeBase64 } from './base64';
import { emptyAccount } from './byte-account';
import type { DecodedRequest, EventKind } from './messages';
import { expectMessage, fieldBytesLength, fieldDouble, fieldString, fieldVarint, payload, payloadLength, readFields, ProtoError } from './proto-fields';
import { readStates } from './states';

/** `UserEvent.type` oneof: field number -> name (mesop 1.3.7 ui.proto). */
const USER_EVENT_TYPES: Record<number, EventKind> = {
  4: 'bool_value', 5: 'string_value', 7: 'double_value', 8: 'int_value', 6: 'navigation',
  19: 'hot_reload', 10: 'resize', 9: 'bytes_value', 14: 'change_prefers_color_scheme',
  16: 'click', 20: 'right_click', 17: 'textarea_shortcut', 18: 'date_range_picker_event',
};

export type RequestResult = { ok: true; request: DecodedRequest } | { ok: false; reason: string };

/** Decodes a `POST /__ui__` body (or a WebSocket send frame): URL-safe base64 of a `mesop.UiRequest`. */
export function decodeRequest(body: string): RequestResult {
  const b64 = decodeBase64(body.trim());
  if (!b64.ok) return { ok: false, reason: `request body: ${b64.reason}` };
  const buf = b64.bytes;
  try {
    const request: DecodedRequest = { kind: 'unknown', bytes: body.length, account: emptyAccount(buf.length) };
    let sawType = false;
    for (const f of readFields(buf)) {
      if (f.no === 3) request.path = fieldString(buf, f);
      else if (f.no === 1) { expectMessage(f, 'InitRequest'); request.kind = 'init'; sawType = true; }
      else if (f.no === 2) { expectMessage(f, 'UserEvent'); readUserEvent(payload(buf, f), request); sawType = true; }
    }
    if (!sawType) return { ok: false, reason: 'request is not a Mesop UiRequest (neither init nor user_event)' };
    return { ok: true, request };
  } catch (e) {
    if (e instanceof ProtoError) return { ok: false, reason: `request protobuf: ${e.message}` };
    throw e;
  }
}

function readUserEvent(buf: Uint8Array, out: DecodedRequest): void {
  for (const f of readFields(buf)) {
    const kind = USER_EVENT_TYPES[f.no];
    if (kind) {
      out.kind = kind;
      out.valuePreview = previewValue(buf, f.no, f);
      continue;
    }
    switch (f.no) {
      case 1: {
        const states = readStates(buf, f);
        out.states = states.data;
        out.stateBytes = states.stateBytes;
        out.account.states += states.totalStateBytes;
        out.account.other -= states.totalStateBytes;
        if (states.problems.length) (out.problems ??= []).push(...states.problems.map((p) => `request: ${p}`));
        break;
      }
      case 2: out.handlerId = fieldString(buf, f); break;
      case 3: {
        // A present Key message with an empty key (proto3 omits the empty string) is key "", not
        // "no key": found on the table fixture, where the oracle reads `ev.key.key` as "".
        expectMessage(f, 'Key');
        const key = payload(buf, f);
        out.key = '';
        for (const k of readFields(key)) if (k.no === 1) out.key = fieldString(key, k);
        break;
      }
      case 12: out.stateToken = fieldString(buf, f); break;
      // Not read, but their wire type is checked like every known field's: a client that sends
      // them wrong is a broken client, and the event must say so instead of passing it unseen.
      case 11: expectMessage(f, 'ViewportSize'); break;
      case 13: expectMessage(f, 'ThemeSettings'); break;
      case 15: expectMessage(f, 'QueryParam'); break;
      default: break; // fields newer than we know
    }
  }
}

const PREVIEW_CHARS = 80;

/** The event's value in words; throws a ProtoError when the field has the wrong wire type. */
function previewValue(buf: Uint8Array, no: number, f: ReturnType<typeof readFields>[number]): string | undefined {
  switch (no) {
    case 4: return String(fieldVarint(f) !== 0);
    case 8: return String(fieldVarint(f));
    case 7: return String(fieldDouble(buf, f));
    case 5: {
      const s = fieldString(buf, f);
      return s.length > PREVIEW_CHARS ? `${s.slice(0, PREVIEW_CHARS)}… (${payloadLength(f)} bytes)` : s;
    }
    case 9: return `${fieldBytesLength(f)} bytes`;
    default:
      expectMessage(f, USER_EVENT_TYPES[no]!); // navigation, click, resize...: messages
      return undefined;
  }
}
