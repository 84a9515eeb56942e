import type { Exchange, WebSocketFrame } from './exchange';
import { decodeBase64 } from '../decode/base64';
import { isAbortAfterStreamEnd } from './client-abort';
import { partitionUiExchanges, withoutQuery } from './mesop-traffic';
import { firstByteFromTimings, type HarTimings, messageTimesFromEventSource } from './response-times';
import { splitSse } from './sse';
import { isUiUrl } from './ui-path';
import { pairWebSocketFrames } from './websocket-pairing';

/**
 * HAR (as Chrome's "Export HAR" and the DevTools network API's `getHAR()` write it) -> exchanges.
 * Chrome's private fields we rely on: `_resourceType`, `_webSocketMessages` (frames of a socket,
 * `time` in epoch seconds) and `_eventSourceMessages` (the parsed SSE events DevTools keeps even
 * when an aborted XHR has no body). docs/protocol.md §9 and docs/extension-capture.md have the
 * measurements behind this.
 */
export class HarFormatError extends Error {}

export interface HarImport {
  exchanges: Exchange[];
  /** Entries at a Mesop-looking URL that were not Mesop traffic (wrong method, ...), with why. */
  skipped: { url: string; reason: string }[];
  /** Number of entries that were not Mesop UI traffic at all (page, scripts, ...). */
  otherEntries: number;
}

/** The parts of a HAR entry read here (`_`-prefixed fields are Chrome's own). */
export interface ReadHarEntry {
  startedDateTime?: string;
  time?: number;
  request?: {
    method?: string;
    url?: string;
    postData?: { text?: string };
    headers?: { name?: string; value?: string }[];
  };
  response?: { status?: number; _error?: string; content?: { size?: number; text?: string; encoding?: string } };
  _resourceType?: string;
  _webSocketMessages?: { type?: string; time?: number; opcode?: number; data?: string }[];
  /** Epoch seconds per message when DevTools dated them (read only if every one is within the request). */
  _eventSourceMessages?: { data?: string; time?: number }[];
  timings?: HarTimings;
}

/** Parses HAR text or an already-parsed HAR object. Throws HarFormatError when it is not a HAR. */
export function harToExchanges(input: string | unknown): HarImport {
  let har: unknown = input;
  if (typeof input === 'string') {
    try {
      har = JSON.parse(input);
    } catch (e) {
      throw new HarFormatError(`not JSON: ${(e as Error).message}`);
    }
  }
  const entries = (har as { log?: { entries?: unknown } } | null)?.log?.entries;
  if (!Array.isArray(entries)) throw new HarFormatError('not a HAR file: no log.entries array');

  const out: HarImport = { exchanges: [], skipped: [], otherEntries: 0 };
  entries.forEach((raw, index) => {
    const entry = raw as ReadHarEntry;
    const url = entry?.request?.url;
    if (typeof url !== 'string' || !isUiUrl(url)) {
      out.otherEntries++;
      return;
    }
    const isSocket =
      entry._resourceType === 'websocket' || /^wss?:/.test(url) || Array.isArray(entry._webSocketMessages);
    if (isSocket) {
      out.exchanges.push(...pairWebSocketFrames(framesOf(entry), url, `har${index}`));
      return;
    }
    const method = entry.request?.method ?? 'POST';
    if (method !== 'POST') {
      out.skipped.push({ url: withoutQuery(url), reason: `${method} request: Mesop UI requests are POSTs` });
      return;
    }
    out.exchanges.push(sseExchange(entry, `har${index}`));
  });
  // An app's own API at a path ending in /__ui__ is skipped with a reason, not measured as garbage.
  const { mesop, skipped } = partitionUiExchanges(out.exchanges);
  out.exchanges = mesop.sort((a, b) => a.startedAt - b.startedAt);
  out.skipped.push(...skipped);
  return out;
}

/**
 * Chromium keeps at most this many bytes of a resource for DevTools (kDefaultResourceBufferSize,
 * 20 * 1000 * 1000, not 20 MiB). Over it, on either side, the resource's content is evicted: no
 * response body and no request post data. Measured on Chromium 156 with test/apps/huge.py: a
 * 20,001,388-byte response and a ~20.0 MB upload lost both; at 18.7 MB both were kept. What is
 * left (measured with a 21.3 MB body each way): an upload keeps its Content-Length header (bodySize
 * reads 0); a response keeps its parsed SSE events (`_eventSourceMessages`), all of them.
 */
export const CHROMIUM_RESOURCE_LIMIT = 20_000_000;

/**
 * One SSE entry (HAR file, or DevTools' own entry in the panel) -> its exchange, with what Chrome
 * did not keep said in `captureNote`. Not classified: whoever analyses it decides once whether it
 * is Mesop's (mesop-traffic.ts).
 */
export function sseExchange(entry: ReadHarEntry, id: string): Exchange {
  const url = entry.request?.url ?? '';
  const startedAt = Date.parse(entry.startedDateTime ?? '') || 0;
  const content = entry.response?.content;
  let responseText: string | null = typeof content?.text === 'string' ? content.text : null;
  if (responseText !== null && content?.encoding === 'base64') {
    const decoded = decodeBase64(responseText);
    responseText = decoded.ok ? latin1ToUtf16(decoded.bytes) : null;
  }
  const notes: string[] = [];
  const error = entry.response?._error;
  if (error && !isAbortAfterStreamEnd(error, responseText)) notes.push(`network: ${error}`);
  const sourceMessages = (entry._eventSourceMessages ?? []).map((m) => m.data ?? '').filter((d) => d !== '');
  const exchange: Exchange = {
    id,
    transport: 'sse',
    url,
    startedAt,
    endedAt: entry.time !== undefined ? startedAt + entry.time : undefined,
    requestBody: typeof entry.request?.postData?.text === 'string' ? entry.request.postData.text : null,
    responseText: responseText === '' ? null : responseText,
    status: entry.response?.status,
  };
  if (exchange.requestBody === null) {
    // The header is the body's size on the wire (Mesop's body is ASCII base64, so bytes = chars).
    const length = contentLength(entry.request?.headers);
    if (length !== undefined && length > 0) {
      exchange.requestBytesNotCaptured = length;
      if (length > CHROMIUM_RESOURCE_LIMIT)
        notes.push(`request body not kept: ${length} bytes is over Chromium's 20 MB per-resource limit`);
    }
  }
  if (exchange.responseText === null) {
    const overLimit = (content?.size ?? 0) > CHROMIUM_RESOURCE_LIMIT;
    if (sourceMessages.length) {
      // DevTools keeps the parsed events even of a body over the limit (measured: a 21.3 MB one).
      exchange.responseMessages = sourceMessages;
      const why = overLimit
        ? `body not kept (${content!.size} bytes is over Chromium's 20 MB per-resource limit)`
        : 'body missing';
      notes.push(`${why}; used the SSE events DevTools kept (_eventSourceMessages)`);
    } else if (overLimit) {
      notes.push(`body not kept: ${content!.size} bytes is over Chromium's 20 MB per-resource limit`);
      exchange.responseBytesNotCaptured = content!.size;
    }
  }
  if (notes.length) exchange.captureNote = notes.join('; ');
  const firstByteAt = firstByteFromTimings(startedAt, entry.timings);
  if (firstByteAt !== undefined) exchange.firstByteAt = firstByteAt;
  const messageTimes = eventSourceTimes(entry, exchange);
  if (messageTimes) exchange.messageTimes = messageTimes;
  return exchange;
}

/** `_eventSourceMessages`' times, when they are one per message of the response the exchange keeps. */
function eventSourceTimes(entry: ReadHarEntry, exchange: Exchange): number[] | undefined {
  const times = messageTimesFromEventSource(entry._eventSourceMessages, exchange.startedAt, exchange.endedAt);
  if (!times) return undefined;
  const messages = exchange.responseText
    ? splitSse(exchange.responseText).payloads.length
    : (exchange.responseMessages?.length ?? 0);
  return messages === times.length ? times : undefined;
}

function contentLength(headers: { name?: string; value?: string }[] | undefined): number | undefined {
  const value = headers?.find((h) => h.name?.toLowerCase() === 'content-length')?.value;
  return value !== undefined && /^\d+$/.test(value.trim()) ? Number(value.trim()) : undefined;
}

function framesOf(entry: ReadHarEntry): WebSocketFrame[] {
  return (entry._webSocketMessages ?? []).map((m) => ({
    direction: m.type === 'send' ? 'send' : 'receive',
    time: (m.time ?? 0) * 1000,
    data: m.data ?? '',
    opcode: m.opcode,
  }));
}

/** The body bytes are the ASCII of base64/SSE text, so byte-per-char is exact for Mesop payloads. */
function latin1ToUtf16(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 8192) s += String.fromCharCode(...bytes.subarray(i, i + 8192));
  return s;
}
