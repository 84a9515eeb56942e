import type { Exchange } from './exchange';
import { type ChunkMark, type ResponseTimes, timesFromChunks } from './response-times';

/**
 * The builder of exchanges from the page hook's messages (src/extension/protocol.ts carries them
 * from the page to the panel): an SSE POST to /__ui__ becomes an `Exchange` when the hook says it
 * was sent, and is completed when the hook says it ended. The panel keeps the exchange itself, no
 * record of its own (docs/architecture.md: one shape per hop).
 */

/** What the hook says when the request leaves (the `sse-start` message has these fields). */
export interface HookRequestSent {
  id: string;
  url: string;
  startedAt: number;
  /** Null when the body was too big to carry (`requestChars` gives its length). */
  requestBody: string | null;
  requestChars?: number;
  /** The body was kept as its size only by the page's backlog (the panel opened later): see backlogNote. */
  keptAsSize?: true;
}

/** What the hook says when the response ended (the `sse-end` message has these fields). */
export interface HookResponseEnded {
  endedAt: number;
  outcome: 'load' | 'abort' | 'error' | 'timeout';
  status: number;
  /** The last text seen (before an abort() wiped it); '' when too big to carry. */
  responseText: string;
  responseChars?: number;
  /** As HookRequestSent.keptAsSize, for the response. */
  keptAsSize?: true;
  /** Each XHR progress the hook saw: when, and the text's length then (response-times.ts). */
  chunks?: readonly ChunkMark[];
}

/** An exchange in flight: its response has not ended (`endedAt` undefined). */
export function sentExchange(sent: HookRequestSent, maxCarriedChars: number): Exchange {
  const captureNote = sent.keptAsSize
    ? backlogNote('request', sent.requestChars ?? 0)
    : tooBigNotes(sent.requestChars, undefined, maxCarriedChars);
  return {
    id: sent.id,
    transport: 'sse',
    url: sent.url,
    startedAt: sent.startedAt,
    requestBody: sent.requestBody,
    responseText: null,
    ...(captureNote !== undefined ? { captureNote } : {}),
    ...(sent.requestChars !== undefined ? { requestBytesNotCaptured: sent.requestChars } : {}),
  };
}

/** The same exchange once its response ended. */
export function endedExchange(sent: Exchange, ended: HookResponseEnded, maxCarriedChars: number): Exchange {
  const notes = ended.keptAsSize
    ? [sent.captureNote, backlogNote('response', ended.responseChars ?? 0)]
    : [tooBigNotes(sent.requestBytesNotCaptured, ended.responseChars, maxCarriedChars)];
  if (ended.outcome === 'error' || ended.outcome === 'timeout') notes.push(`xhr ${ended.outcome}`);
  const captureNote = notes.filter(Boolean).join('; ') || undefined;
  return {
    ...sent,
    endedAt: ended.endedAt,
    responseText: ended.responseText || null,
    status: ended.status,
    ...definedTimes(timesFromChunks(ended.responseText, ended.chunks)),
    ...(captureNote !== undefined ? { captureNote } : {}),
    ...(ended.responseChars !== undefined ? { responseBytesNotCaptured: ended.responseChars } : {}),
  };
}

/**
 * Why a text is missing when the page kept only its size: the page hook keeps the bodies of the
 * newest events only until a panel watches (its backlog's cap, a panel setting).
 */
export function backlogNote(side: 'request' | 'response', chars: number): string {
  return `${side} of ${chars} characters kept as its size only by the page before the panel opened (the page backlog's cap; raise it under Thresholds and deployment)`;
}

/** Why a text is missing, in words the event row shows. */
function tooBigNotes(
  requestChars: number | undefined,
  responseChars: number | undefined,
  maxCarriedChars: number,
): string | undefined {
  const tooBig = (side: string, chars: number) =>
    `${side} of ${chars} characters too big to carry from the page to DevTools (over ${maxCarriedChars / 1024 / 1024} Mi characters a message): sizes only`;
  const notes: string[] = [];
  if (requestChars !== undefined) notes.push(tooBig('request', requestChars));
  if (responseChars !== undefined) notes.push(tooBig('response', responseChars));
  return notes.length ? notes.join('; ') : undefined;
}

/** Only the times that are known: an exchange without them has no such keys (they compare equal). */
function definedTimes({ firstByteAt, messageTimes }: ResponseTimes): ResponseTimes {
  return {
    ...(firstByteAt !== undefined ? { firstByteAt } : {}),
    ...(messageTimes !== undefined ? { messageTimes } : {}),
  };
}
