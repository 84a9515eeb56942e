import browser from 'webextension-polyfill';
import {
  type Exchange,
  type ReadHarEntry,
  isUiUrl,
  sseExchange,
  type WebSocketFrame,
  withCutBodyNoted,
} from '../../../src/core';
import { contentAnswer } from './devtools-answers';
import { LiveSocket } from './live-socket';

/**
 * Capture path (a): devtools.network. It needs no content script, so it works on any host,
 * but (browser-testing.md §4, re-measured on Mesop in docs/extension-capture.md):
 * - it records only while DevTools is open; entries from before the panel was first shown are
 *   only in getHAR() (read once at start);
 * - getContent() is null for XHRs Mesop aborts at `<stream_end>`; `_eventSourceMessages` may
 *   still hold the events;
 * - a WebSocket reaches onRequestFinished only when it closes, so open sockets are polled with
 *   getHAR(), whose `_webSocketMessages` grow while the socket lives;
 * - Firefox fires onRequestFinished only once its Network panel has been opened (in that
 *   DevTools), and cuts the bodies it returns at its response-body limit (1 MiB by default):
 *   a cut body is kept as its recorded size with a note (src/core/capture/cut-body.ts).
 */
/** The parts of Chrome's HAR entries we read (`_`-prefixed fields are Chrome's own). */
type HarEntry = ReadHarEntry & {
  startedDateTime: string;
  request: { method: string; url: string };
  response: { status: number; content: { size?: number } };
};
/** getContent()'s answer differs by browser: devtools-answers.ts reads it. */
type FinishedRequest = HarEntry & { getContent(): Promise<unknown> };

/** Where a finished SSE entry's body stands: not asked for yet, asked, or read (or never needed). */
export type ContentState = 'deferred' | 'fetching' | 'read';

const WS_POLL_MS = 1000;
/** Finalized keys remembered: bounded like everything the panel holds. */
const MAX_REMEMBERED = 200_000;

export class NetworkSource {
  readonly sse = new Map<string, Exchange>();
  readonly sockets = new Map<string, LiveSocket>();
  /** /__ui__ entries already in getHAR() when the panel started (recorded before it was shown). */
  entriesBeforePanel = 0;
  /*
   * A body is read (getContent()) only when the merge needs it (CaptureStore): each call is a round
   * trip through DevTools to the browser and back, the panel's largest cost per event under a fast
   * stream, and the hook has almost always read the same body already. The HAR entry's own
   * `response.content.size` still cross-checks the hook's copy for free.
   */
  /** getContent() calls made, and finished SSE entries whose body was never asked for. */
  readonly contentCalls = { made: 0, skipped: 0 };
  readonly #deferred = new Map<string, { req: FinishedRequest; size: number }>();
  readonly #fetching = new Set<string>();
  #timer: ReturnType<typeof setInterval> | undefined;

  constructor(private readonly onChange: () => void) {}

  start(): void {
    browser.devtools.network.onRequestFinished.addListener((req) =>
      this.#onFinished(plainFinished(req as unknown as FinishedRequest)),
    );
    void harEntries().then((entries) => {
      for (const e of entries)
        if (isUiUrl(e.request.url)) {
          this.entriesBeforePanel++;
          this.#fromHar(e, null);
        }
      this.onChange();
    });
    this.#timer = setInterval(() => this.#pollSockets(), WS_POLL_MS);
    browser.devtools.network.onNavigated.addListener(() => this.onChange());
  }

  stop(): void {
    clearInterval(this.#timer);
  }

  /** The row of this exchange (`net:<key>`) is final: forget the entry, ignore it if it comes again. */
  finalize(id: string): void {
    if (id.startsWith('net-ws:')) {
      for (const s of this.sockets.values()) if (s.finalize(id)) return;
      return;
    }
    const key = id.startsWith('net:') ? id.slice(4) : id;
    if (this.#deferred.delete(key)) this.contentCalls.skipped++;
    this.#fetching.delete(key);
    if (!this.sse.delete(key)) return;
    this.#finalized.add(key);
    if (this.#finalized.size > MAX_REMEMBERED) {
      for (const old of this.#finalized) {
        this.#finalized.delete(old);
        if (this.#finalized.size <= MAX_REMEMBERED / 2) break;
      }
    }
  }

  readonly #finalized = new Set<string>();

  exchanges(): Exchange[] {
    const out = [...this.sse.values()];
    for (const s of this.sockets.values()) out.push(...s.exchanges().exchanges);
    return out;
  }

  /** Ids of WebSocket exchanges that may still receive frames (their socket is open). */
  openSocketExchanges(): Set<string> {
    const ids = new Set<string>();
    for (const s of this.sockets.values()) {
      if (s.closed) continue;
      for (const ex of s.exchanges().open) ids.add(ex.id);
    }
    return ids;
  }

  /** The body of this network exchange (`net:<key>`): deferred, being read, or read. */
  contentState(id: string): ContentState {
    const key = id.slice(4);
    return this.#deferred.has(key) ? 'deferred' : this.#fetching.has(key) ? 'fetching' : 'read';
  }

  /** The response size DevTools recorded for a deferred entry (bytes; -1 when it gave none). */
  recordedSize(id: string): number {
    return this.#deferred.get(id.slice(4))?.size ?? -1;
  }

  /** Reads a deferred body now: the merge found the hook's copy missing, cut, or of another size. */
  fetchContent(id: string): void {
    const key = id.slice(4);
    const d = this.#deferred.get(key);
    if (!d) return;
    this.#deferred.delete(key);
    this.#fetching.add(key);
    this.#getContent(d.req, key);
  }

  #getContent(req: FinishedRequest, key: string): void {
    this.contentCalls.made++;
    const read = (content: string | null) => {
      this.#fetching.delete(key);
      this.#fromHar(req, content, true); // ignored if the row was made final meanwhile
      this.onChange();
    };
    req.getContent().then(
      (answer) => read(contentAnswer(answer)),
      () => read(null),
    );
  }

  #onFinished(req: FinishedRequest): void {
    if (!isUiUrl(req.request.url)) return;
    if (isSocket(req)) {
      this.#fromHar(req, null, true);
      this.onChange();
      return;
    }
    const key = keyOf(req);
    if (this.#finalized.has(key)) return;
    this.#fromHar(req, null, true);
    if (this.sse.has(key)) this.#deferred.set(key, { req, size: req.response.content.size ?? -1 });
    this.onChange();
  }

  /**
   * Whether open WebSockets may exist (set by the store from the hook's page info): getHAR()
   * returns the whole log, so its cost grows with the session; an SSE page never needs it.
   */
  mayHaveSockets: () => boolean = () => true;

  #pollSockets(): void {
    if (!this.mayHaveSockets()) return;
    void harEntries().then((entries) => {
      let changed = false;
      for (const e of entries) {
        if (!isUiUrl(e.request.url) || !isSocket(e)) continue;
        const key = keyOf(e);
        const known = this.sockets.get(key);
        if (known?.closed || (known && known.totalFrames === (e._webSocketMessages?.length ?? 0))) continue;
        this.#fromHar(e, null);
        changed = true;
      }
      if (changed) this.onChange();
    });
  }

  /**
   * One DevTools entry -> exchange(s), with the core's builders, so both capture paths decode
   * alike. Not classified here: the analysis decides once whether an exchange is Mesop's, and an
   * app's own call at /__ui__ becomes a skipped row with its reason.
   */
  #fromHar(entry: HarEntry, content: string | null, finished = false): void {
    const key = keyOf(entry);
    if (isSocket(entry)) {
      const frames = (entry._webSocketMessages ?? []).map((m): WebSocketFrame => ({
        direction: m.type === 'send' ? 'send' : 'receive',
        time: (m.time ?? 0) * 1000,
        data: m.data ?? '',
        opcode: m.opcode,
      }));
      let socket = this.sockets.get(key);
      if (!socket) this.sockets.set(key, (socket = new LiveSocket(entry.request.url, `net-ws:${key}`)));
      if (frames.length >= socket.totalFrames) {
        socket.replaceAll(frames);
        socket.closed ||= finished;
      }
      return;
    }
    if (this.#finalized.has(key)) return;
    // A later onRequestFinished copy (with getContent) beats the getHAR copy read at start.
    if (this.sse.has(key) && !finished) return;
    const withBody = {
      ...entry,
      response: { ...entry.response, content: { ...entry.response.content, text: content ?? undefined } },
    };
    this.sse.set(key, withCutBodyNoted(sseExchange(withBody, `net:${key}`), entry.response.content.size));
  }
}

/**
 * The finished entry as a plain object. In Chrome the polyfill hands the listener a Proxy whose
 * fields are not its own, so a spread (`{ ...entry }`, #fromHar) would copy none of them.
 */
function plainFinished(req: FinishedRequest): FinishedRequest {
  const { startedDateTime, time, timings, request, response, _resourceType, _webSocketMessages, _eventSourceMessages } =
    req;
  return {
    startedDateTime,
    time,
    timings, // the first byte (response-times.ts)
    request,
    response,
    _resourceType,
    _webSocketMessages,
    _eventSourceMessages,
    getContent: () => req.getContent(),
  };
}

/**
 * DevTools' HAR log. Firefox's getHAR() returns a promise; Chrome's takes only a callback, and
 * webextension-polyfill does not wrap it (not in its metadata): give it one, and take the promise
 * when there is one. Never rejects (an empty log: the page hook still captures).
 */
function harEntries(): Promise<HarEntry[]> {
  return new Promise((resolve) => {
    const done = (log: unknown) => resolve(((log as { entries?: unknown[] } | undefined)?.entries ?? []) as HarEntry[]);
    const getHAR = browser.devtools.network.getHAR as unknown as (
      cb: (log: unknown) => void,
    ) => Promise<unknown> | undefined;
    let returned: Promise<unknown> | undefined;
    try {
      returned = getHAR(done);
    } catch {
      returned = (getHAR as unknown as () => Promise<unknown>)();
    }
    returned?.then(done, () => done(undefined));
  });
}

function isSocket(e: HarEntry): boolean {
  return e._resourceType === 'websocket' || /^wss?:/.test(e.request.url);
}

/** HAR entries carry no request id; start time + URL identifies one request in a tab. */
function keyOf(e: HarEntry): string {
  return `${e.startedDateTime}|${e.request.url}`;
}
