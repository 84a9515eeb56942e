/**
 * Mesop's wire messages for the panel load generator, written with @bufbuild/protobuf's
 * BinaryWriter (field numbers: docs/protocol.md §3). Runs in Node (the server)
 * and in the browser (the page), so both ends speak the same bytes without Python.
 */
import { BinaryReader, BinaryWriter, WireType } from '@bufbuild/protobuf/wire';
import {
  KEY,
  RENDER_EVENT,
  STATE,
  STATES,
  UI_REQUEST,
  UI_RESPONSE,
  UPDATE_STATE_EVENT,
  USER_EVENT,
} from '../../src/core/decode/mesop-fields';

/** Standard base64 of bytes (the response alphabet). Chunked: String.fromCharCode has an argument limit. */
export function toBase64(bytes: Uint8Array): string {
  let bin = '';
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(bin);
}

/** URL-safe base64 (padding kept), as Mesop's client encodes a UiRequest. */
export const toUrlSafeBase64 = (bytes: Uint8Array): string => toBase64(bytes).replace(/\+/g, '-').replace(/\//g, '_');

export function fromBase64(text: string): Uint8Array {
  const bin = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

function writeStates(w: BinaryWriter, field: number, states: readonly string[]): void {
  w.tag(field, WireType.LengthDelimited).fork();
  for (const data of states)
    w.tag(STATES.states, WireType.LengthDelimited).fork().tag(STATE.data, WireType.LengthDelimited).string(data).join();
  w.join();
}

/** UiRequest{path, init{viewport_size, query_params}}. */
export function initRequest(path: string, query: Record<string, string>): Uint8Array {
  const w = new BinaryWriter();
  w.tag(UI_REQUEST.init, WireType.LengthDelimited).fork();
  w.tag(1, WireType.LengthDelimited)
    .fork()
    .tag(1, WireType.Varint)
    .int32(1280)
    .tag(2, WireType.Varint)
    .int32(800)
    .join();
  for (const [key, value] of Object.entries(query)) {
    w.tag(3, WireType.LengthDelimited)
      .fork()
      .tag(1, WireType.LengthDelimited)
      .string(key)
      .tag(2, WireType.LengthDelimited)
      .string(value)
      .join();
  }
  w.join();
  w.tag(UI_REQUEST.path, WireType.LengthDelimited).string(path);
  return w.finish();
}

/** UiRequest{path, user_event{states (full), handler_id, key, click{}}}: what a click uploads without a session backend. */
export function clickRequest(path: string, states: readonly string[], handlerId: string, key: string): Uint8Array {
  const w = new BinaryWriter();
  w.tag(UI_REQUEST.user_event, WireType.LengthDelimited).fork();
  writeStates(w, USER_EVENT.states, states);
  w.tag(USER_EVENT.handler_id, WireType.LengthDelimited).string(handlerId);
  w.tag(USER_EVENT.key, WireType.LengthDelimited).fork().tag(KEY.key, WireType.LengthDelimited).string(key).join();
  w.tag(USER_EVENT.click, WireType.LengthDelimited).fork().tag(1, WireType.Varint).bool(true).join();
  w.join();
  w.tag(UI_REQUEST.path, WireType.LengthDelimited).string(path);
  return w.finish();
}

/** A text component: Component{type{name{core_module, fn_name}, value = TextType{text}}, key}. */
function writeText(w: BinaryWriter, field: number, text: string, key: string): void {
  const value = new BinaryWriter().tag(1, WireType.LengthDelimited).string(text).finish();
  w.tag(field, WireType.LengthDelimited).fork();
  w.tag(1, WireType.LengthDelimited).fork();
  w.tag(4, WireType.LengthDelimited)
    .fork()
    .tag(2, WireType.Varint)
    .bool(true)
    .tag(3, WireType.LengthDelimited)
    .string('text')
    .join();
  w.tag(5, WireType.LengthDelimited).bytes(value);
  w.join();
  w.tag(3, WireType.LengthDelimited).fork().tag(1, WireType.LengthDelimited).string(key).join();
  w.join();
}

/** UiResponse{render{root_component (a box with a few texts), title}}. */
export function renderFull(title: string, texts: readonly string[]): Uint8Array {
  const w = new BinaryWriter();
  w.tag(UI_RESPONSE.render, WireType.LengthDelimited).fork();
  w.tag(RENDER_EVENT.root_component, WireType.LengthDelimited).fork();
  w.tag(1, WireType.LengthDelimited)
    .fork()
    .tag(4, WireType.LengthDelimited)
    .fork()
    .tag(2, WireType.Varint)
    .bool(true)
    .tag(3, WireType.LengthDelimited)
    .string('box')
    .join()
    .join();
  texts.forEach((t, i) => writeText(w, 2, t, `t${i}`));
  w.join();
  w.tag(RENDER_EVENT.title, WireType.LengthDelimited).string(title);
  w.join();
  return w.finish();
}

/** UiResponse{render{component_diff{children: [UPDATE of child 0: REPLACE type]}}}. */
export function renderDiff(text: string): Uint8Array {
  const value = new BinaryWriter().tag(1, WireType.LengthDelimited).string(text).finish();
  const w = new BinaryWriter();
  w.tag(UI_RESPONSE.render, WireType.LengthDelimited).fork();
  w.tag(RENDER_EVENT.component_diff, WireType.LengthDelimited).fork();
  w.tag(7, WireType.LengthDelimited).fork();
  w.tag(1, WireType.Varint).int32(0);
  w.tag(6, WireType.LengthDelimited)
    .fork()
    .tag(4, WireType.LengthDelimited)
    .fork()
    .tag(2, WireType.Varint)
    .bool(true)
    .tag(3, WireType.LengthDelimited)
    .string('text')
    .join()
    .tag(5, WireType.LengthDelimited)
    .bytes(value)
    .join();
  w.tag(13, WireType.Varint).int32(1); // update_strategy_type: REPLACE
  w.tag(14, WireType.Varint).int32(3); // diff_type: UPDATE
  w.join();
  w.join();
  w.join();
  return w.finish();
}

/** UiResponse{update_state_event{full_states | diff_states, state_token: ""}}. */
export function stateEvent(mode: 'full' | 'diff', states: readonly string[]): Uint8Array {
  const w = new BinaryWriter();
  w.tag(UI_RESPONSE.update_state_event, WireType.LengthDelimited).fork();
  writeStates(w, mode === 'full' ? UPDATE_STATE_EVENT.full_states : UPDATE_STATE_EVENT.diff_states, states);
  w.tag(UPDATE_STATE_EVENT.state_token, WireType.LengthDelimited).string('');
  w.join();
  return w.finish();
}

/** One SSE body: each message as `data: <standard base64>` + blank line, then the terminator. */
export function sseBody(messages: readonly Uint8Array[]): string {
  return messages.map((m) => `data: ${toBase64(m)}\n\n`).join('') + 'data: <stream_end>\n\n';
}

export interface ParsedRequest {
  kind: 'init' | 'user_event' | 'unknown';
  query: Record<string, string>;
  /** Uploaded full states (user events). */
  states: string[];
  handlerId?: string;
}

/** Reads just what the load server needs from a UiRequest. */
export function parseRequest(bytes: Uint8Array): ParsedRequest {
  const out: ParsedRequest = { kind: 'unknown', query: {}, states: [] };
  const r = new BinaryReader(bytes);
  while (r.pos < r.len) {
    const [no, wt] = r.tag();
    if (no === UI_REQUEST.init && wt === WireType.LengthDelimited) {
      out.kind = 'init';
      const init = new BinaryReader(r.bytes());
      while (init.pos < init.len) {
        const [f, t] = init.tag();
        if (f === 3 && t === WireType.LengthDelimited) {
          const q = new BinaryReader(init.bytes());
          let key = '';
          let value = '';
          while (q.pos < q.len) {
            const [qf, qt] = q.tag();
            if (qf === 1) key = q.string();
            else if (qf === 2) value = q.string();
            else q.skip(qt);
          }
          out.query[key] = value;
        } else init.skip(t);
      }
    } else if (no === UI_REQUEST.user_event && wt === WireType.LengthDelimited) {
      out.kind = 'user_event';
      const ev = new BinaryReader(r.bytes());
      while (ev.pos < ev.len) {
        const [f, t] = ev.tag();
        if (f === USER_EVENT.states && t === WireType.LengthDelimited) {
          const states = new BinaryReader(ev.bytes());
          while (states.pos < states.len) {
            const [sf, st] = states.tag();
            if (sf !== STATES.states) {
              states.skip(st);
              continue;
            }
            const state = new BinaryReader(states.bytes());
            while (state.pos < state.len) {
              const [df, dt] = state.tag();
              if (df === STATE.data) out.states.push(state.string());
              else state.skip(dt);
            }
          }
        } else if (f === USER_EVENT.handler_id && t === WireType.LengthDelimited) out.handlerId = ev.string();
        else ev.skip(t);
      }
    } else r.skip(wt);
  }
  return out;
}
