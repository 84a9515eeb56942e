import { STREAM_END } from './sse';

/**
 * Mesop's client aborts its XHR as soon as it reads `data: <stream_end>` (docs/protocol.md §1).
 * When the response's last bytes and the abort race (a proxy, such as `mesop-devtools dev`, or a
 * loaded machine can deliver the terminator a moment before the connection's end), the browser
 * reports `net::ERR_ABORTED` for a body it received whole. That is the client's normal behaviour,
 * not a capture problem; an abort before the terminator still is one.
 */
export function isAbortAfterStreamEnd(failure: string, responseText: string | null): boolean {
  if (!/ERR_ABORTED|canceled/i.test(failure) || !responseText) return false;
  // Base64 payloads never contain '<', so the first '<stream_end>' is the terminator if any is.
  const at = responseText.indexOf(STREAM_END);
  if (at < 0) return false;
  const before = responseText.slice(Math.max(0, at - 8), at);
  const opensEvent = /(^|\n)data: ?$/.test(before);
  return opensEvent && responseText.startsWith('\n\n', at + STREAM_END.length);
}
