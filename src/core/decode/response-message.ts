import { decodeBase64 } from './base64';
import { account, emptyAccount } from './byte-account';
import type { DecodedRender, DecodedResponseMessage, DecodedServerError, DecodedStateUpdate } from './messages';
import { expectMessage, fieldString, payload, payloadLength, readFields, ProtoError } from './proto-fields';
import { readStates } from './states';

/** `Command.command` oneof: field number -> name (mesop 1.3.7; apply_cookies = 8 is newer than 1.0). */
const COMMAND_NAMES: Record<number, string> = {
  1: 'navigate', 6: 'update_query_param', 2: 'scroll_into_view', 3: 'set_theme_mode',
  4: 'set_theme_density', 5: 'focus_component', 7: 'set_page_title', 8: 'apply_cookies',
};

/**
 * Decodes one SSE `data:` payload: standard base64 of a `mesop.UiResponse`. `wireBytes` is what the
 * event cost on the wire (`data: ` + payload + blank line), passed in by the framing layer.
 * Never throws: a bad message becomes `{type: 'unknown', problem}`.
 */
export function decodeResponseMessage(base64: string, wireBytes: number): DecodedResponseMessage {
  const b64 = decodeBase64(base64);
  if (!b64.ok) return { type: 'unknown', bytes: wireBytes, account: emptyAccount(0), problem: `response message: ${b64.reason}` };
  const buf = b64.bytes;
  try {
    for (const f of readFields(buf)) {
      if (f.no === 1) { expectMessage(f, 'RenderEvent'); return readRender(payload(buf, f), buf.length, wireBytes); }
      if (f.no === 2) { expectMessage(f, 'ServerError'); return readError(payload(buf, f), buf.length, wireBytes); }
      if (f.no === 3) { expectMessage(f, 'UpdateStateEvent'); return readStateEvent(payload(buf, f), buf.length, wireBytes); }
    }
    return { type: 'unknown', bytes: wireBytes, account: emptyAccount(buf.length), problem: 'response message has none of render, error, update_state_event' };
  } catch (e) {
    if (e instanceof ProtoError) return { type: 'unknown', bytes: wireBytes, account: emptyAccount(buf.length), problem: `response protobuf: ${e.message}` };
    throw e;
  }
}

function readRender(buf: Uint8Array, total: number, wireBytes: number): DecodedResponseMessage {
  const render: DecodedRender = { componentTree: 'none', commands: [], jsModules: [] };
  let componentTree = 0;
  let commands = 0;
  for (const f of readFields(buf)) {
    switch (f.no) {
      case 1: expectMessage(f, 'Component'); render.componentTree = 'full'; componentTree += payloadLength(f); break;
      case 2: expectMessage(f, 'ComponentDiff'); if (render.componentTree === 'none') render.componentTree = 'diff'; componentTree += payloadLength(f); break;
      case 3: render.title = fieldString(buf, f); break;
      case 4: {
        expectMessage(f, 'Command');
        commands += payloadLength(f);
        const command = readFields(payload(buf, f))[0];
        render.commands.push(command ? COMMAND_NAMES[command.no] ?? `command_${command.no}` : 'empty');
        break;
      }
      case 6: render.jsModules.push(fieldString(buf, f)); break;
      default: break;
    }
  }
  return { type: 'render', bytes: wireBytes, account: account(total, { componentTree, commands }), render };
}

function readError(buf: Uint8Array, total: number, wireBytes: number): DecodedResponseMessage {
  const error: DecodedServerError = { exception: '', frames: 0 };
  for (const f of readFields(buf)) {
    if (f.no === 1) error.exception = fieldString(buf, f);
    else if (f.no === 2) {
      expectMessage(f, 'Traceback');
      error.frames = readFields(payload(buf, f)).filter((frame) => frame.no === 1).length;
    }
  }
  return { type: 'error', bytes: wireBytes, account: account(total, { error: buf.length }), error };
}

function readStateEvent(buf: Uint8Array, total: number, wireBytes: number): DecodedResponseMessage {
  const state: DecodedStateUpdate = { mode: 'full', data: [], stateBytes: [], token: '' };
  let states = 0;
  let problem: string | undefined;
  for (const f of readFields(buf)) {
    if (f.no === 1 || f.no === 2) {
      const decoded = readStates(buf, f);
      state.mode = f.no === 1 ? 'full' : 'diff';
      state.data = decoded.data;
      state.stateBytes = decoded.stateBytes;
      state.textBytes = decoded.textBytes;
      states += decoded.totalStateBytes;
      if (decoded.problems.length) problem = decoded.problems.map((p) => `response: ${p}`).join('; ');
    } else if (f.no === 4) {
      state.token = fieldString(buf, f);
    }
  }
  return { type: 'update_state_event', bytes: wireBytes, account: account(total, { states }), state, ...(problem ? { problem } : {}) };
}
