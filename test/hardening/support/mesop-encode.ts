/**
 * A tiny test-only encoder for the Mesop messages the core decodes (field numbers from the core's
 * one table, src/core/decode/mesop-fields.ts), built on @bufbuild/protobuf's
 * BinaryWriter. It lets the hardening tests make well-formed exchanges of any size and then break
 * exactly one thing in them. It is not an oracle: recorded fixtures and python/oracle.py are.
 */
import { BinaryWriter, WireType } from '@bufbuild/protobuf/wire';
import type { Exchange } from '../../../src/core/capture/exchange';
import {
  KEY,
  RENDER_EVENT,
  SERVER_ERROR,
  STATE,
  STATES,
  UI_REQUEST,
  UI_RESPONSE,
  UPDATE_STATE_EVENT,
  USER_EVENT,
} from '../../../src/core/decode/mesop-fields';

/** A state's `data`: text (encoded as UTF-8) or raw bytes (to send invalid UTF-8). */
export type StateData = string | Uint8Array;

const LEN = WireType.LengthDelimited;

function writeData(w: BinaryWriter, no: number, data: StateData): void {
  if (typeof data === 'string') w.tag(no, LEN).string(data);
  else w.tag(no, LEN).bytes(data);
}

/** `States { repeated State states = 1 }`, `State { string data = 1 }`. */
export function states(data: readonly StateData[]): Uint8Array {
  const w = new BinaryWriter();
  for (const d of data) {
    const state = new BinaryWriter();
    writeData(state, STATE.data, d);
    w.tag(STATES.states, LEN).bytes(state.finish());
  }
  return w.finish();
}

export interface UserEventSpec {
  states?: readonly StateData[];
  handlerId?: string;
  key?: string;
  stringValue?: string;
  stateToken?: string;
}

/** `UiRequest { InitRequest init = 1; UserEvent user_event = 2; string path = 3 }`. */
export function uiRequest(
  spec: { init: true; path?: string } | { userEvent: UserEventSpec; path?: string },
): Uint8Array {
  const w = new BinaryWriter();
  if ('init' in spec) w.tag(UI_REQUEST.init, LEN).bytes(new Uint8Array(0));
  else {
    const e = new BinaryWriter();
    const u = spec.userEvent;
    if (u.states) e.tag(USER_EVENT.states, LEN).bytes(states(u.states));
    if (u.handlerId !== undefined) e.tag(USER_EVENT.handler_id, LEN).string(u.handlerId);
    if (u.key !== undefined)
      e.tag(USER_EVENT.key, LEN).bytes(new BinaryWriter().tag(KEY.key, LEN).string(u.key).finish());
    if (u.stringValue !== undefined) e.tag(USER_EVENT.string_value, LEN).string(u.stringValue);
    if (u.stateToken !== undefined) e.tag(USER_EVENT.state_token, LEN).string(u.stateToken);
    w.tag(UI_REQUEST.user_event, LEN).bytes(e.finish());
  }
  if (spec.path !== undefined) w.tag(UI_REQUEST.path, LEN).string(spec.path);
  return w.finish();
}

/** `UiResponse { UpdateStateEvent update_state_event = 3 }` with full_states = 1 or diff_states = 2. */
export function stateResponse(mode: 'full' | 'diff', data: readonly StateData[], token = ''): Uint8Array {
  const u = new BinaryWriter();
  u.tag(mode === 'full' ? UPDATE_STATE_EVENT.full_states : UPDATE_STATE_EVENT.diff_states, LEN).bytes(states(data));
  if (token) u.tag(UPDATE_STATE_EVENT.state_token, LEN).string(token);
  return new BinaryWriter().tag(UI_RESPONSE.update_state_event, LEN).bytes(u.finish()).finish();
}

/** `UiResponse { RenderEvent render = 1 }` with a root_component of `treeBytes` opaque bytes. */
export function renderResponse(treeBytes = 8): Uint8Array {
  const r = new BinaryWriter().tag(RENDER_EVENT.root_component, LEN).bytes(new Uint8Array(treeBytes)).finish();
  return new BinaryWriter().tag(UI_RESPONSE.render, LEN).bytes(r).finish();
}

/** `UiResponse { ServerError error = 2 }`. */
export function errorResponse(exception: string): Uint8Array {
  return new BinaryWriter()
    .tag(UI_RESPONSE.error, LEN)
    .bytes(new BinaryWriter().tag(SERVER_ERROR.exception, LEN).string(exception).finish())
    .finish();
}

export const b64 = (bytes: Uint8Array): string =>
  Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
/** Requests are URL-safe base64 (docs/protocol.md §1). */
export const b64url = (bytes: Uint8Array): string => b64(bytes).replace(/\+/g, '-').replace(/\//g, '_');

/** A Mesop SSE body: one `data: <base64>` event per message, then `data: <stream_end>`. */
export function sseBody(messages: readonly Uint8Array[]): string {
  return `${messages.map((m) => `data: ${b64(m)}\n\n`).join('')}data: <stream_end>\n\n`;
}

let nextId = 0;
/** An SSE exchange at /__ui__ from a request and response messages. */
export function sseExchange(
  request: Uint8Array | string | null,
  response: readonly Uint8Array[] | string | null,
  startedAt = 1_700_000_000_000,
): Exchange {
  return {
    id: `synthetic${nextId++}`,
    transport: 'sse',
    url: 'http://127.0.0.1:32123/__ui__',
    startedAt,
    endedAt: startedAt + 5,
    requestBody: request === null ? null : typeof request === 'string' ? request : b64url(request),
    responseText: response === null ? null : typeof response === 'string' ? response : sseBody(response),
    status: 200,
  };
}
