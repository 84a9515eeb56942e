import { decodeBase64 } from './base64';
import { account, emptyAccount } from './byte-account';
import type { DecodedRender, DecodedResponseMessage, DecodedServerError, DecodedStateUpdate } from './messages';
import { expectMessage, fieldString, payload, payloadLength, readFields, ProtoError } from './proto-fields';
import { readStates } from './states';
import { COMMAND, RENDER_EVENT, SERVER_ERROR, TRACEBACK, UI_RESPONSE, UPDATE_STATE_EVENT } from './mesop-fields';

/** `Command.command` oneof: field number -> name. */
const COMMAND_NAMES: Record<number, string> = Object.fromEntries(
  Object.entries(COMMAND).map(([name, no]) => [no, name]),
);

/**
 * Decodes one SSE `data:` payload: standard base64 of a `mesop.UiResponse`. `wireBytes` is what the
 * event cost on the wire (`data: ` + payload + blank line), passed in by the framing layer.
 * Never throws: a bad message becomes `{type: 'unknown', problem}`.
 */
export function decodeResponseMessage(base64: string, wireBytes: number): DecodedResponseMessage {
  const b64 = decodeBase64(base64);
  if (!b64.ok)
    return { type: 'unknown', bytes: wireBytes, account: emptyAccount(0), problem: `response message: ${b64.reason}` };
  const buf = b64.bytes;
  try {
    for (const f of readFields(buf)) {
      if (f.no === UI_RESPONSE.render) {
        expectMessage(f, 'RenderEvent');
        return readRender(payload(buf, f), buf.length, wireBytes);
      }
      if (f.no === UI_RESPONSE.error) {
        expectMessage(f, 'ServerError');
        return readError(payload(buf, f), buf.length, wireBytes);
      }
      if (f.no === UI_RESPONSE.update_state_event) {
        expectMessage(f, 'UpdateStateEvent');
        return readStateEvent(payload(buf, f), buf.length, wireBytes);
      }
    }
    return {
      type: 'unknown',
      bytes: wireBytes,
      account: emptyAccount(buf.length),
      problem: 'response message has none of render, error, update_state_event',
    };
  } catch (e) {
    if (e instanceof ProtoError)
      return {
        type: 'unknown',
        bytes: wireBytes,
        account: emptyAccount(buf.length),
        problem: `response protobuf: ${e.message}`,
      };
    throw e;
  }
}

function readRender(buf: Uint8Array, total: number, wireBytes: number): DecodedResponseMessage {
  const render: DecodedRender = { componentTree: 'none', commands: [], jsModules: [] };
  let componentTree = 0;
  let commands = 0;
  for (const f of readFields(buf)) {
    switch (f.no) {
      case RENDER_EVENT.root_component:
        expectMessage(f, 'Component');
        render.componentTree = 'full';
        componentTree += payloadLength(f);
        break;
      case RENDER_EVENT.component_diff:
        expectMessage(f, 'ComponentDiff');
        if (render.componentTree === 'none') render.componentTree = 'diff';
        componentTree += payloadLength(f);
        break;
      case RENDER_EVENT.title:
        render.title = fieldString(buf, f);
        break;
      case RENDER_EVENT.commands: {
        expectMessage(f, 'Command');
        commands += payloadLength(f);
        const command = readFields(payload(buf, f))[0];
        render.commands.push(command ? (COMMAND_NAMES[command.no] ?? `command_${command.no}`) : 'empty');
        break;
      }
      case RENDER_EVENT.js_modules:
        render.jsModules.push(fieldString(buf, f));
        break;
      default:
        break;
    }
  }
  return { type: 'render', bytes: wireBytes, account: account(total, { componentTree, commands }), render };
}

function readError(buf: Uint8Array, total: number, wireBytes: number): DecodedResponseMessage {
  const error: DecodedServerError = { exception: '', frames: 0 };
  for (const f of readFields(buf)) {
    if (f.no === SERVER_ERROR.exception) error.exception = fieldString(buf, f);
    else if (f.no === SERVER_ERROR.traceback) {
      expectMessage(f, 'Traceback');
      error.frames = readFields(payload(buf, f)).filter((frame) => frame.no === TRACEBACK.frames).length;
    }
  }
  return { type: 'error', bytes: wireBytes, account: account(total, { error: buf.length }), error };
}

function readStateEvent(buf: Uint8Array, total: number, wireBytes: number): DecodedResponseMessage {
  const state: DecodedStateUpdate = { mode: 'full', data: [], stateBytes: [], token: '' };
  let states = 0;
  let problem: string | undefined;
  for (const f of readFields(buf)) {
    if (f.no === UPDATE_STATE_EVENT.full_states || f.no === UPDATE_STATE_EVENT.diff_states) {
      const decoded = readStates(buf, f);
      state.mode = f.no === UPDATE_STATE_EVENT.full_states ? 'full' : 'diff';
      state.data = decoded.data;
      state.stateBytes = decoded.stateBytes;
      state.textBytes = decoded.textBytes;
      state.utf8 = decoded.utf8;
      states += decoded.totalStateBytes;
      if (decoded.problems.length) problem = decoded.problems.map((p) => `response: ${p}`).join('; ');
    } else if (f.no === UPDATE_STATE_EVENT.state_token) {
      state.token = fieldString(buf, f);
    }
  }
  return {
    type: 'update_state_event',
    bytes: wireBytes,
    account: account(total, { states }),
    state,
    ...(problem ? { problem } : {}),
  };
}
