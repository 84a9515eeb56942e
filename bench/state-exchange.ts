/**
 * A synthetic but well-formed Mesop SSE exchange carrying one state (the test encoder of the
 * hardening tests: @bufbuild/protobuf's BinaryWriter with mesop 1.3.7's field numbers): a click
 * (init) and a response with a render and the full state. `payloads` are the base64 strings a browser would atob.
 */
import type { Exchange } from '../src/core/capture/exchange';
import { generateState } from './generate';
import { pyDumps } from './py-dumps';
import { b64, renderResponse, sseExchange, stateResponse, uiRequest } from '../test/hardening/support/mesop-encode';

export interface StateExchange {
  exchange: Exchange;
  state: string;
  payloads: string[];
  bodyBytes: number;
}

/** Python's `", "` separators and `\uXXXX` escapes make the chat state this much bigger than compact JSON. */
const PYTHON_OVER_COMPACT = 1.09;

/** A chat state in Python's json.dumps format of about `stateBytes` (generated once at the largest size asked). */
export function chatState(stateBytes: number, largest = stateBytes): string {
  if (!cached || cached.bytes < largest)
    cached = { bytes: largest, value: generateState('chat', largest / PYTHON_OVER_COMPACT) as ChatValue };
  // generateState is deterministic: a prefix of the biggest history is the history of a smaller state.
  const { messages, ...rest } = cached.value;
  let size = 0;
  let k = 0;
  while (k < messages.length && size < stateBytes / PYTHON_OVER_COMPACT)
    size += JSON.stringify(messages[k++]).length + 1;
  return pyDumps({ ...rest, messages: messages.slice(0, k) });
}
type ChatValue = { messages: unknown[] } & Record<string, unknown>;
let cached: { bytes: number; value: ChatValue } | undefined;

/** A chat-state exchange whose SSE response body is about `bodyBytes` long (state = 3/4 of it: base64). */
export function stateExchange(bodyBytes: number, state = chatState((bodyBytes * 3) / 4)): StateExchange {
  const messages = [renderResponse(2000), stateResponse('full', [state])];
  // An init request: the response (render + full state) is what is measured here.
  const exchange = sseExchange(uiRequest({ init: true }), messages);
  const payloads = messages.map(b64);
  return { exchange, state, payloads, bodyBytes: exchange.responseText!.length };
}
