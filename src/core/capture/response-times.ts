import type { Exchange } from './exchange';
import { splitSse } from './sse';

/**
 * When a response arrived: its first byte and each of its messages (`Exchange.firstByteAt`,
 * `Exchange.messageTimes`), from what each capture path notes. The Performance panel's Server
 * track shows them (docs/performance-track.md). Each path knows a different part:
 *
 * - the page hook (SSE): the time and the text length of each XHR `progress`/`readystatechange`
 *   (the moments Mesop's own client reads the text); a message arrived at the first of those
 *   marks whose length covers its blank line, and the first byte at the first mark;
 * - WebSocket frames: each received frame's time (websocket-pairing.ts);
 * - a HAR entry (DevTools' network API, Chrome's Export HAR): the first byte from its `timings`,
 *   the messages from `_eventSourceMessages[].time` when DevTools dated them.
 */
export type ResponseTimes = Pick<Exchange, 'firstByteAt' | 'messageTimes'>;

/** One mark of the hook: epoch ms, and the response text's length then. */
export interface ChunkMark {
  at: number;
  length: number;
}

/** The hook's marks -> the times. `text`: the response text (null or '' when it was not carried). */
export function timesFromChunks(text: string | null, chunks: readonly ChunkMark[] | undefined): ResponseTimes {
  const first = chunks?.find((c) => c.length > 0);
  if (!chunks || !first) return {};
  if (!text) return { firstByteAt: first.at };
  const messageTimes: number[] = [];
  let c = 0;
  for (const payload of splitSse(text).payloads) {
    while (c < chunks.length && chunks[c]!.length < payload.end) c++;
    // Past the last mark (the hook stopped noting): this message's time and the later ones are unknown.
    if (c === chunks.length) break;
    messageTimes.push(chunks[c]!.at);
  }
  return { firstByteAt: first.at, messageTimes };
}

/** The parts of a HAR entry's `timings` (ms; -1 = does not apply). */
export interface HarTimings {
  blocked?: number;
  dns?: number;
  connect?: number;
  ssl?: number;
  send?: number;
  wait?: number;
}

/**
 * The first byte of a HAR entry: its start + blocked + dns + connect + send + wait (the HAR spec:
 * `ssl` is already part of `connect`, so it is not added again). Undefined without timings.
 */
export function firstByteFromTimings(startedAt: number, timings: HarTimings | undefined): number | undefined {
  if (!timings || typeof timings.wait !== 'number' || !startedAt) return undefined;
  const phase = (ms: number | undefined) => (typeof ms === 'number' && ms > 0 ? ms : 0);
  const { blocked, dns, connect, send, wait } = timings;
  return startedAt + phase(blocked) + phase(dns) + phase(connect) + phase(send) + phase(wait);
}

/**
 * `_eventSourceMessages[].time` (seconds) as epoch ms, one per message, when DevTools gave every
 * message a time within the request (start to end, 1 s of slack for rounding): other clocks or a
 * partial list would put entries where nothing happened, so then there are none.
 */
export function messageTimesFromEventSource(
  messages: readonly { time?: number }[] | undefined,
  startedAt: number,
  endedAt: number | undefined,
): number[] | undefined {
  if (!messages?.length || endedAt === undefined) return undefined;
  const times = messages.map((m) => (typeof m.time === 'number' ? m.time * 1000 : NaN));
  const within = (t: number) => t >= startedAt - 1000 && t <= endedAt + 1000;
  return times.every(within) ? times : undefined;
}
