import type { Exchange, MesopEvent } from '../../src/core';
import type { ResponseTiming } from './messages';

/**
 * An event's response times (the capture's, on its exchange) joined with its renders' bytes (the
 * analysis'), for the Server track. The exchange's `messageTimes` line up with the decoded
 * messages: both follow the response's `data:` events, and `<stream_end>`, the last, is no message.
 * Undefined when the capture dated nothing.
 */
export function responseTiming(exchange: Exchange, event: MesopEvent): ResponseTiming | undefined {
  const times = exchange.messageTimes ?? [];
  if (exchange.firstByteAt === undefined && times.length === 0) return undefined;
  const { renders } = event.response;
  const messages = times.slice(0, event.response.messages).map((at, i) => {
    const render = renders[i];
    return render ? { at, renderBytes: render.bytes } : { at };
  });
  return {
    ...(exchange.firstByteAt !== undefined ? { firstByteAt: exchange.firstByteAt } : {}),
    messages,
    renders: renders.length,
  };
}
