import { utf8Length } from '../measure/utf8-length';
import type { CaptureRecord, HttpRecord, SocketRecord } from './cdp-records';
import { responseTextOf } from './cdp-record-text';

/**
 * Capture records -> HAR 1.2, in the shape Chrome DevTools' "Export HAR" writes, so the offline
 * analyser reads our files and users' exports the same way: Chrome's private fields
 * `_resourceType` ('xhr', 'document', 'websocket'...) and `_webSocketMessages`
 * (`{type: 'send'|'receive', time: epoch SECONDS, opcode, data}`), `response._error` for failed
 * loads. Cookies are never written (the `cookies` arrays are empty and Cookie/Set-Cookie headers
 * are dropped): HARs from this tool end up in bug reports and fixtures.
 */
export interface HarNameValue {
  name: string;
  value: string;
}

export interface HarWebSocketMessage {
  type: 'send' | 'receive';
  time: number;
  opcode: number;
  data: string;
}

export interface HarEntry {
  startedDateTime: string;
  time: number;
  request: {
    method: string;
    url: string;
    httpVersion: string;
    headers: HarNameValue[];
    queryString: HarNameValue[];
    cookies: never[];
    headersSize: number;
    bodySize: number;
    postData?: { mimeType: string; text: string };
  };
  response: {
    status: number;
    statusText: string;
    httpVersion: string;
    headers: HarNameValue[];
    cookies: never[];
    content: { size: number; mimeType: string; text?: string };
    redirectURL: string;
    headersSize: number;
    bodySize: number;
    _error?: string;
  };
  cache: Record<string, never>;
  timings: { blocked: number; dns: number; ssl: number; connect: number; send: number; wait: number; receive: number };
  serverIPAddress?: string;
  _resourceType: string;
  _webSocketMessages?: HarWebSocketMessage[];
}

export interface Har {
  log: { version: '1.2'; creator: { name: string; version: string }; pages: never[]; entries: HarEntry[] };
}

export interface HarOptions {
  /** Which records to write. Default: every Mesop UI record plus the page's document request(s). */
  include?: (rec: CaptureRecord) => boolean;
  creator?: { name: string; version: string };
}

const defaultInclude = (rec: CaptureRecord): boolean =>
  rec.isUi || (rec.kind === 'http' && rec.resourceType === 'Document');

export function recordsToHar(records: readonly CaptureRecord[], options: HarOptions = {}): Har {
  const include = options.include ?? defaultInclude;
  const entries = records
    .filter(include)
    .map((rec) => (rec.kind === 'http' ? httpEntry(rec) : socketEntry(rec)))
    .sort((a, b) => Date.parse(a.startedDateTime) - Date.parse(b.startedDateTime));
  return {
    log: {
      version: '1.2',
      creator: options.creator ?? { name: 'mesop-devtools', version: '0.1.0' },
      pages: [],
      entries,
    },
  };
}

function httpEntry(rec: HttpRecord): HarEntry {
  const text = rec.isUi ? responseTextOf(rec) : (rec.bodyFromGetResponseBody ?? null);
  const time = rec.endedAt !== undefined ? Math.max(0, rec.endedAt - rec.startedAt) : 0;
  const httpVersion = harHttpVersion(rec.protocol);
  const entry: HarEntry = {
    startedDateTime: new Date(rec.startedAt).toISOString(),
    time,
    request: {
      method: rec.method,
      url: rec.url,
      httpVersion,
      headers: headerList(rec.requestHeaders),
      queryString: queryOf(rec.url),
      cookies: [],
      headersSize: -1,
      bodySize: rec.postData === null ? 0 : utf8Length(rec.postData),
    },
    response: {
      status: rec.status ?? 0,
      statusText: rec.statusText ?? '',
      httpVersion,
      headers: headerList(rec.responseHeaders ?? {}),
      cookies: [],
      content: { size: text === null ? 0 : utf8Length(text), mimeType: rec.mimeType ?? '' },
      redirectURL: '',
      headersSize: -1,
      bodySize: rec.encodedDataLength ?? -1,
    },
    cache: {},
    timings: { blocked: -1, dns: -1, ssl: -1, connect: -1, send: 0, wait: time, receive: 0 },
    serverIPAddress: hostOf(rec.url),
    _resourceType: rec.resourceType.toLowerCase(),
  };
  if (text !== null) entry.response.content.text = text;
  if (rec.postData !== null) {
    entry.request.postData = {
      mimeType: headerValue(rec.requestHeaders, 'content-type') ?? 'text/plain;charset=UTF-8',
      text: rec.postData,
    };
  }
  if (rec.failure !== undefined) entry.response._error = rec.failure;
  return entry;
}

function socketEntry(rec: SocketRecord): HarEntry {
  const last = rec.closedAt ?? rec.frames[rec.frames.length - 1]?.time ?? rec.startedAt;
  return {
    startedDateTime: new Date(rec.startedAt).toISOString(),
    time: Math.max(0, last - rec.startedAt),
    request: {
      method: 'GET',
      url: rec.url,
      httpVersion: 'HTTP/1.1',
      headers: headerList(rec.requestHeaders),
      queryString: queryOf(rec.url),
      cookies: [],
      headersSize: -1,
      bodySize: 0,
    },
    response: {
      status: rec.status ?? 101,
      statusText: rec.statusText ?? 'Switching Protocols',
      httpVersion: 'HTTP/1.1',
      headers: headerList(rec.responseHeaders ?? {}),
      cookies: [],
      content: { size: 0, mimeType: 'x-unknown' },
      redirectURL: '',
      headersSize: -1,
      bodySize: 0,
    },
    cache: {},
    timings: { blocked: -1, dns: -1, ssl: -1, connect: -1, send: 0, wait: 0, receive: 0 },
    serverIPAddress: hostOf(rec.url),
    _resourceType: 'websocket',
    // Chrome writes frame times in epoch seconds (float), unlike every other HAR time.
    _webSocketMessages: rec.frames.map((f) => ({
      type: f.direction,
      time: f.time / 1000,
      opcode: f.opcode,
      data: f.data,
    })),
  };
}

/** Header map -> HAR list, without cookies (never exported). */
function headerList(headers: Record<string, string>): HarNameValue[] {
  return Object.entries(headers)
    .filter(([name]) => !/^(cookie|set-cookie)$/i.test(name))
    .map(([name, value]) => ({ name, value }));
}

function headerValue(headers: Record<string, string>, name: string): string | undefined {
  const hit = Object.entries(headers).find(([k]) => k.toLowerCase() === name);
  return hit?.[1];
}

function queryOf(url: string): HarNameValue[] {
  try {
    return [...new URL(url).searchParams].map(([name, value]) => ({ name, value }));
  } catch {
    return [];
  }
}

function hostOf(url: string): string {
  try {
    return new URL(url).hostname.replace(/^\[|\]$/g, '');
  } catch {
    return '';
  }
}

function harHttpVersion(protocol: string | undefined): string {
  if (!protocol) return 'HTTP/1.1';
  if (protocol === 'h2') return 'http/2.0';
  return protocol.toUpperCase();
}
