import type { CDPSession, Page, Protocol } from 'puppeteer-core';
import type { Capture, CaptureOptions, CdpSessionLike, SessionCapture } from './capture-types';
import {
  type CaptureRecord,
  computeStats,
  type HttpRecord,
  isUiUrl,
  recordsToExchanges,
  recordsToHar,
} from '../../core';
import { CdpClock, type CaptureContext, socketListeners } from './cdp-socket-listeners';
import { uiActivity } from './ui-activity';

/**
 * Capture of a page's Mesop traffic over the Chrome DevTools Protocol (Node side: `check`, `demo`,
 * fixture recording). Why CDP and not `page.on('response')`: Mesop's client aborts its XHR as soon
 * as it reads `data: <stream_end>` (docs/protocol.md §1), and Chromium may then drop the body of
 * the aborted request, so `getResponseBody` can come back empty (docs/protocol.md §9). Here every
 * UI response is streamed with `Network.streamResourceContent`: the bytes buffered so far come back
 * in its reply and every later chunk in `Network.dataReceived.data`, so the body survives the abort.
 * `getResponseBody` is still called when the request ends, as a fallback and to measure how often it
 * alone would have failed (docs/capture.md, "CLI capture over CDP"). Its interfaces: ./capture-types.ts.
 */

/** Per-request streaming state: the reply of `streamResourceContent` plus later chunks, as bytes. */
interface StreamState {
  enabled: boolean;
  buffered: Buffer | null;
  chunks: Buffer[];
}

type LooseSend = (method: string, params?: object) => Promise<unknown>;

const BARRIER = 'new Promise((resolve) => setTimeout(() => setTimeout(() => resolve(true), 0), 0))';

const documentsOnly = (_url: string, type: string): boolean => type === 'Document';

export async function startCapture(page: Page, options: CaptureOptions = {}): Promise<Capture> {
  // Puppeteer's session types its events per name; the capture types them itself (TypedSession).
  const capture = await startSessionCapture((await page.createCDPSession()) as unknown as CdpSessionLike, options);
  return { ...capture, page };
}

/** Typed view of the session: the protocol's event and command types, whichever library made it. */
type TypedSession = Pick<CDPSession, 'send' | 'on' | 'off' | 'detach'>;

/** Starts capturing on a CDP session already attached to the page (it is detached by `stop`). */
export async function startSessionCapture(
  session: CdpSessionLike,
  options: CaptureOptions = {},
): Promise<SessionCapture> {
  const streamBodies = options.streamBodies ?? true;
  const keepOther = options.keepOther ?? documentsOnly;
  const cdp = session as unknown as TypedSession;
  // `Network.streamResourceContent` is experimental and missing from the typed protocol map.
  const sendLoose = session.send.bind(session) as LooseSend;

  const records: CaptureRecord[] = [];
  const http = new Map<string, HttpRecord>();
  const streams = new Map<string, StreamState>();
  const pending = new Set<Promise<unknown>>();
  let lastActivityAt = Date.now();
  const touch = (): void => {
    lastActivityAt = Date.now();
  };
  const ctx: CaptureContext = { records, keepOther, touch, clock: new CdpClock() };
  /** Runs a CDP call whose result the capture needs; idle waits for all of them. */
  const track = <T>(p: Promise<T>): void => {
    const done = p
      .then(
        () => undefined,
        () => undefined,
      )
      .finally(() => {
        pending.delete(done);
        touch();
      });
    pending.add(done);
  };

  const onRequest = (e: Protocol.Network.RequestWillBeSentEvent): void => {
    ctx.clock.sync(e.wallTime, e.timestamp);
    const url = e.request.url;
    const isUi = isUiUrl(url) && e.request.method === 'POST';
    if (!isUi && !keepOther(url, e.type ?? '')) return;
    if (http.has(e.requestId)) return; // a redirect hop: keep the first request
    const rec: HttpRecord = {
      kind: 'http',
      requestId: e.requestId,
      url,
      method: e.request.method,
      resourceType: e.type ?? 'Other',
      isUi,
      startedAt: e.wallTime * 1000,
      monoStart: e.timestamp,
      requestHeaders: { ...e.request.headers },
      postData: postDataOf(e.request),
      done: false,
      notes: [],
    };
    http.set(e.requestId, rec);
    records.push(rec);
    if (isUi) touch();
    if (rec.postData === null && e.request.hasPostData) {
      // Large bodies are left out of the event: ask for them (Mesop bodies can be megabytes).
      track(
        cdp
          .send('Network.getRequestPostData', { requestId: e.requestId })
          .then((r) => {
            rec.postData = r.postData;
          })
          .catch((err: unknown) => {
            rec.notes.push(`getRequestPostData: ${messageOf(err)}`);
          }),
      );
    }
  };

  const onResponse = (e: Protocol.Network.ResponseReceivedEvent): void => {
    const rec = http.get(e.requestId);
    if (!rec) return;
    rec.status = e.response.status;
    rec.statusText = e.response.statusText;
    rec.mimeType = e.response.mimeType;
    rec.protocol = e.response.protocol;
    rec.responseHeaders = { ...e.response.headers };
    if (!rec.isUi || !streamBodies) return;
    touch();
    const st: StreamState = { enabled: false, buffered: null, chunks: [] };
    streams.set(e.requestId, st);
    track(
      sendLoose('Network.streamResourceContent', { requestId: e.requestId })
        .then((r) => {
          st.buffered = Buffer.from((r as { bufferedData?: string }).bufferedData ?? '', 'base64');
          st.enabled = true;
        })
        .catch((err: unknown) => {
          rec.notes.push(`streamResourceContent: ${messageOf(err)}`);
        }),
    );
  };

  const onData = (e: Protocol.Network.DataReceivedEvent): void => {
    const rec = http.get(e.requestId);
    if (!rec?.isUi) return;
    touch();
    // `data` is only present once streaming is on; chunks that arrive before the command's reply
    // are not in `bufferedData`, so appending them after it keeps the byte order.
    if (e.data) streams.get(e.requestId)?.chunks.push(Buffer.from(e.data, 'base64'));
  };

  const onEnd = (requestId: string, mono: number, failure?: string, encoded?: number): void => {
    const rec = http.get(requestId);
    if (!rec) return;
    rec.done = true;
    rec.endedAt = ctx.clock.wall(mono);
    if (failure !== undefined) rec.failure = failure;
    if (encoded !== undefined) rec.encodedDataLength = encoded;
    if (rec.isUi) touch();
    if (!rec.isUi && rec.resourceType !== 'Document') return;
    track(
      cdp
        .send('Network.getResponseBody', { requestId })
        .then((r) => {
          rec.bodyFromGetResponseBody = r.base64Encoded ? Buffer.from(r.body, 'base64').toString('utf8') : r.body;
        })
        .catch((err: unknown) => {
          rec.bodyFromGetResponseBody = null;
          rec.notes.push(`getResponseBody: ${messageOf(err)}`);
        }),
    );
  };
  const onFinished = (e: Protocol.Network.LoadingFinishedEvent): void =>
    onEnd(e.requestId, e.timestamp, undefined, e.encodedDataLength);
  const onFailed = (e: Protocol.Network.LoadingFailedEvent): void =>
    onEnd(e.requestId, e.timestamp, e.errorText || (e.canceled ? 'canceled' : 'failed'));

  const listeners: Record<string, (event: never) => void> = {
    'Network.requestWillBeSent': onRequest,
    'Network.responseReceived': onResponse,
    'Network.dataReceived': onData,
    'Network.loadingFinished': onFinished,
    'Network.loadingFailed': onFailed,
    ...socketListeners(ctx),
  };
  for (const [name, listener] of Object.entries(listeners)) session.on(name, listener);
  // Big buffers: an image in state easily makes a multi-megabyte response (Chrome's default
  // per-resource buffer would evict it before getResponseBody is called).
  await cdp.send('Network.enable', { maxTotalBufferSize: 200_000_000, maxResourceBufferSize: 100_000_000 });

  const finalize = (): void => {
    for (const [id, st] of streams) {
      const rec = http.get(id);
      if (rec && st.enabled && st.buffered)
        rec.streamedText = Buffer.concat([st.buffered, ...st.chunks]).toString('utf8');
    }
  };

  return {
    records: () => {
      finalize();
      return records;
    },
    exchanges: () => {
      finalize();
      return recordsToExchanges(records);
    },
    toHar: (harOptions) => {
      finalize();
      return recordsToHar(records, harOptions);
    },
    stats: () => {
      finalize();
      return computeStats(records);
    },
    activity: () => uiActivity(records, pending.size, lastActivityAt),
    barrier: async () => {
      await cdp
        .send('Runtime.evaluate', { expression: BARRIER, awaitPromise: true, returnByValue: true })
        .catch(() => undefined); // the page navigated or closed: its new page's requests are what is waited for
    },
    stop: async () => {
      for (const [name, listener] of Object.entries(listeners)) session.off(name, listener);
      await Promise.all([...pending]);
      finalize();
      await cdp.detach().catch(() => undefined); // the page may already be closed
    },
  };
}

/** The request body from the event: `postData`, or the newer `postDataEntries` (base64 bytes). */
function postDataOf(request: Protocol.Network.Request): string | null {
  if (typeof request.postData === 'string') return request.postData;
  const entries = request.postDataEntries;
  if (entries && entries.length > 0 && entries.every((x) => typeof x.bytes === 'string')) {
    return Buffer.concat(entries.map((x) => Buffer.from(x.bytes ?? '', 'base64'))).toString('utf8');
  }
  return null;
}

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
