import type { USER_EVENT_TYPE_NAMES } from './mesop-fields';
/**
 * Decoded Mesop protobuf messages, reduced to what the tool measures and shows.
 * Field numbers: docs/protocol.md §3, checked against mesop 1.3.7's
 * `mesop/protos/ui_pb2` (see python/oracle.py, which uses those classes directly).
 */

/**
 * Where the bytes of one protobuf message go. Every byte is in exactly one bucket, so
 * `states + componentTree + commands + error + other === total`.
 * - states: UTF-8 bytes of `State.data` strings (the JSON itself)
 * - componentTree: serialized `RenderEvent.root_component` / `component_diff` (payload, no tag/length)
 * - commands: serialized `RenderEvent.commands` entries (payload, no tag/length)
 * - error: serialized `ServerError` (payload, no tag/length)
 * - other: everything else (tags, lengths, handler ids, keys, tokens, titles, viewport...)
 */
export interface ByteAccount {
  total: number;
  states: number;
  componentTree: number;
  commands: number;
  error: number;
  other: number;
}

/** The `UserEvent.type` oneof by name, plus `init` for an `InitRequest`. */
export type EventKind = 'init' | (typeof USER_EVENT_TYPE_NAMES)[number] | 'unknown';

export interface DecodedRequest {
  /** `UiRequest.path`: the browser pathname. */
  path?: string;
  kind: EventKind;
  handlerId?: string;
  key?: string;
  /** `UserEvent.states` (field 1): one JSON string per state class; undefined when absent. */
  states?: string[];
  /** UTF-8 bytes of each uploaded state. */
  stateBytes?: number[];
  /** `UserEvent.state_token` (field 12), when set. */
  stateToken?: string;
  /** A short, display-only rendering of the event's value (string/number/bool, bytes length). */
  valuePreview?: string;
  /** What was read but is not quite right (e.g. a state that is not valid UTF-8). */
  problems?: string[];
  /** Wire bytes: length of the request body text as sent (base64 characters = bytes on the wire). */
  bytes: number;
  /** The protobuf bytes, by where they go. */
  account: ByteAccount;
}

export type ResponseMessageType = 'render' | 'error' | 'update_state_event' | 'unknown';

export interface DecodedRender {
  componentTree: 'full' | 'diff' | 'none';
  title?: string;
  /** Command oneof names in order, e.g. `navigate`, `apply_cookies`. */
  commands: string[];
  jsModules: string[];
}

export interface DecodedStateUpdate {
  mode: 'full' | 'diff';
  /** One JSON string per state class: full states, or DeepDiff flat-dict lists. */
  data: string[];
  /** UTF-8 bytes of each entry of `data`. */
  stateBytes: number[];
  /** `stateBytes[i]` where it is also the UTF-8 length of `data[i]` (see DecodedStates.textBytes). */
  textBytes?: (number | undefined)[];
  /** The UTF-8 bytes of `data[i]` where valid (see DecodedStates.utf8): only for the field measure. */
  utf8?: (Uint8Array | undefined)[];
  /** `UpdateStateEvent.state_token`: '' when no session backend. */
  token: string;
}

export interface DecodedServerError {
  exception: string;
  frames: number;
}

export interface DecodedResponseMessage {
  type: ResponseMessageType;
  /** Wire bytes: characters of this SSE event on the wire (`data: ` + base64 + the blank line). */
  bytes: number;
  /** The protobuf bytes, by where they go. */
  account: ByteAccount;
  render?: DecodedRender;
  state?: DecodedStateUpdate;
  error?: DecodedServerError;
  /** Why this message could not be decoded (the rest of the response still is). */
  problem?: string;
}

export interface DecodedResponse {
  messages: DecodedResponseMessage[];
  streamEnded: boolean;
  /** Wire bytes: characters of the whole response as received (SSE body, or the sum of WS frames). */
  bytes: number;
  problems: string[];
}
