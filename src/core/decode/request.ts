import { decodeBase64 } from './base64';
import { emptyAccount } from './byte-account';
import type { DecodedRequest, EventKind } from './messages';
import { KEY, UI_REQUEST, USER_EVENT, USER_EVENT_TYPE_NAMES } from './mesop-fields';
import {
  expectMessage,
  fieldBytesLength,
  fieldDouble,
  fieldString,
  fieldVarint,
  payload,
  payloadLength,
  readFields,
  ProtoError,
} from './proto-fields';
import { readStates } from './states';

/** `UserEvent.type` oneof: field number -> name. */
const USER_EVENT_TYPES: Record<number, EventKind> = Object.fromEntries(
  USER_EVENT_TYPE_NAMES.map((name) => [USER_EVENT[name], name]),
);

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
      if (f.no === UI_REQUEST.path) request.path = fieldString(buf, f);
      else if (f.no === UI_REQUEST.init) {
        expectMessage(f, 'InitRequest');
        request.kind = 'init';
        sawType = true;
      } else if (f.no === UI_REQUEST.user_event) {
        expectMessage(f, 'UserEvent');
        readUserEvent(payload(buf, f), request);
        sawType = true;
      }
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
      case USER_EVENT.states: {
        const states = readStates(buf, f);
        out.states = states.data;
        out.stateBytes = states.stateBytes;
        out.account.states += states.totalStateBytes;
        out.account.other -= states.totalStateBytes;
        if (states.problems.length) (out.problems ??= []).push(...states.problems.map((p) => `request: ${p}`));
        break;
      }
      case USER_EVENT.handler_id:
        out.handlerId = fieldString(buf, f);
        break;
      case USER_EVENT.key: {
        // A present Key message with an empty key (proto3 omits the empty string) is key "", not
        // "no key": found on the table fixture, where the oracle reads `ev.key.key` as "".
        expectMessage(f, 'Key');
        const key = payload(buf, f);
        out.key = '';
        for (const k of readFields(key)) if (k.no === KEY.key) out.key = fieldString(key, k);
        break;
      }
      case USER_EVENT.state_token:
        out.stateToken = fieldString(buf, f);
        break;
      // Not read, but their wire type is checked like every known field's: a client that sends
      // them wrong is a broken client, and the event must say so instead of passing it unseen.
      case USER_EVENT.viewport_size:
        expectMessage(f, 'ViewportSize');
        break;
      case USER_EVENT.theme_settings:
        expectMessage(f, 'ThemeSettings');
        break;
      case USER_EVENT.query_params:
        expectMessage(f, 'QueryParam');
        break;
      default:
        break; // fields newer than we know
    }
  }
}

const PREVIEW_CHARS = 80;

/** The event's value in words; throws a ProtoError when the field has the wrong wire type. */
function previewValue(buf: Uint8Array, no: number, f: ReturnType<typeof readFields>[number]): string | undefined {
  switch (no) {
    case USER_EVENT.bool_value:
      return String(fieldVarint(f) !== 0);
    case USER_EVENT.int_value:
      return String(fieldVarint(f));
    case USER_EVENT.double_value:
      return String(fieldDouble(buf, f));
    case USER_EVENT.string_value: {
      const s = fieldString(buf, f);
      return s.length > PREVIEW_CHARS ? `${s.slice(0, PREVIEW_CHARS)}… (${payloadLength(f)} bytes)` : s;
    }
    case USER_EVENT.bytes_value:
      return `${fieldBytesLength(f)} bytes`;
    default:
      expectMessage(f, USER_EVENT_TYPES[no]!); // navigation, click, resize...: messages
      return undefined;
  }
}
