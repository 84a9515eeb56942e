/**
 * Mesop's protobuf field numbers (mesop 1.3.7, `mesop/protos/ui.proto`), named once. The decoder
 * reads them from here, the tests' encoder (test/hardening/support/mesop-encode.ts) and the bench
 * write with them, and test/core/decode/mesop-fields.test.ts checks every number against the
 * descriptors of Mesop's own generated classes. Keys are the proto field names, so a reader can
 * look them up in ui.proto unchanged; only the messages the tool reads are listed.
 */
export const UI_REQUEST = { init: 1, user_event: 2, path: 3 } as const;

export const USER_EVENT = {
  states: 1,
  handler_id: 2,
  key: 3,
  viewport_size: 11,
  theme_settings: 13,
  query_params: 15,
  state_token: 12,
  // the `type` oneof: what the user did
  bool_value: 4,
  string_value: 5,
  double_value: 7,
  int_value: 8,
  navigation: 6,
  hot_reload: 19,
  resize: 10,
  bytes_value: 9,
  change_prefers_color_scheme: 14,
  click: 16,
  right_click: 20,
  textarea_shortcut: 17,
  date_range_picker_event: 18,
} as const;

/** `UserEvent.type`: the oneof's member names, in ui.proto's order. */
export const USER_EVENT_TYPE_NAMES = [
  'bool_value',
  'string_value',
  'double_value',
  'int_value',
  'navigation',
  'hot_reload',
  'resize',
  'bytes_value',
  'change_prefers_color_scheme',
  'click',
  'right_click',
  'textarea_shortcut',
  'date_range_picker_event',
] as const;

export const KEY = { key: 1 } as const;
export const STATES = { states: 1 } as const;
export const STATE = { data: 1 } as const;

export const UI_RESPONSE = { render: 1, error: 2, update_state_event: 3 } as const;
export const RENDER_EVENT = { root_component: 1, component_diff: 2, title: 3, commands: 4, js_modules: 6 } as const;
/** The `command` oneof (apply_cookies = 8 is newer than mesop 1.0). */
export const COMMAND = {
  navigate: 1,
  update_query_param: 6,
  scroll_into_view: 2,
  set_theme_mode: 3,
  set_theme_density: 4,
  focus_component: 5,
  set_page_title: 7,
  apply_cookies: 8,
} as const;
export const SERVER_ERROR = { exception: 1, traceback: 2 } as const;
export const TRACEBACK = { frames: 1 } as const;
export const UPDATE_STATE_EVENT = { full_states: 1, diff_states: 2, state_token: 4 } as const;

/** Every table above by its message name: what the test compares with Mesop's descriptors. */
export const MESOP_FIELDS = {
  UiRequest: UI_REQUEST,
  UserEvent: USER_EVENT,
  Key: KEY,
  States: STATES,
  State: STATE,
  UiResponse: UI_RESPONSE,
  RenderEvent: RENDER_EVENT,
  Command: COMMAND,
  ServerError: SERVER_ERROR,
  Traceback: TRACEBACK,
  UpdateStateEvent: UPDATE_STATE_EVENT,
} as const;
