import type { Page } from 'puppeteer-core';
import type { CaptureRecord, CaptureStats, Exchange, Har, HarOptions } from '../../core';

/** What a capture offers its callers (`check`, `demo`, the Playwright fixture); ./cdp-capture.ts makes one. */
export interface CaptureOptions {
  /** Stream UI response bodies (default true). false relies on `getResponseBody` only (for measuring). */
  streamBodies?: boolean;
  /** Which non-UI requests to keep (metadata; bodies of documents). Default: documents only. */
  keepOther?: (url: string, resourceType: string) => boolean;
}

/** Counters the idle detector reads: see ./wait-for-idle.ts. */
export interface UiActivity {
  /** UI requests started so far: SSE POSTs plus frames sent on UI sockets. */
  started: number;
  /** Human-readable list of what is still in flight; empty when nothing is. */
  busy: string[];
  /** Date.now() of the last UI-related network event or finished CDP call. */
  lastActivityAt: number;
}

/**
 * The slice of a CDP session the capture uses. Puppeteer's `CDPSession` and Playwright's
 * (`page.context().newCDPSession(page)`) both have it, so one capture serves `check` and the
 * Playwright fixture (src/playwright) alike.
 */
export interface CdpSessionLike {
  send(method: string, params?: object): Promise<unknown>;
  on(event: string, listener: (event: never) => void): unknown;
  off(event: string, listener: (event: never) => void): unknown;
  detach(): Promise<void>;
}

/** A capture on one page's CDP session, whoever drives the page. */
export interface SessionCapture {
  /** Everything kept so far, in the order the requests started. */
  records(): readonly CaptureRecord[];
  /** The Mesop UI exchanges (SSE requests; WebSocket frames paired FIFO), ready for the core. */
  exchanges(): Exchange[];
  /** A HAR 1.2 log shaped like Chrome's "Export HAR" (see src/core/capture/cdp-to-har.ts). */
  toHar(options?: HarOptions): Har;
  /** Where UI bodies came from (streamed / getResponseBody / missing). */
  stats(): CaptureStats;
  activity(): UiActivity;
  /**
   * Resolves once the page's main thread has run the tasks queued before a probe task (two
   * zero-delay timers deep: a task queued by a queued task counts too). The probe is evaluated on
   * this capture's own CDP session: the renderer sends its Network events (requestWillBeSent,
   * loadingFinished, WebSocket frames) and the probe's answer down that one session in order, so
   * when this resolves, every request started before the probe ran is in `activity()`. A probe on
   * another session (page.evaluate) gives no such order, and needed a further wait.
   */
  barrier(): Promise<void>;
  /** Stops listening and detaches the CDP session. Records stay readable. */
  stop(): Promise<void>;
}

/** A capture of a puppeteer page (`check`, `demo`, fixture recording). */
export interface Capture extends SessionCapture {
  /** The page whose traffic this captures (idle detection also waits on its main thread). */
  readonly page: Page;
}
