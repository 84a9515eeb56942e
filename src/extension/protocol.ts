/**
 * The extension's one message file: every message that crosses an execution context is typed here.
 * Other contexts `import type` from it (the panel may also import the constants).
 *
 * Contexts and wire format
 * ------------------------
 *   page (MAIN world)      main-world-hook.ts   wraps XMLHttpRequest/WebSocket for Mesop's /__ui__
 *     keeps a bounded backlog of HookMessages (hook-backlog.ts): references to the strings the page
 *     already has, no copy; nothing crosses to the relay while no panel watches the tab
 *     ^ document CustomEvent RELAY_CONTROL_EVENT, `detail` = JSON.stringify(RelayControl): the relay
 *     |   says when a panel starts or stops watching (the hook then replays its backlog) and the
 *     |   backlog's limits (the panel's setting, kept in storage.local under HOOK_BACKLOG_KEY)
 *     | document CustomEvent HOOK_BODY_EVENT, `detail` = the message's body string itself (a string
 *     |   primitive crosses worlds without a copy: no JSON.stringify / JSON.parse of a body), then
 *     | document CustomEvent HOOK_EVENT, `detail` = JSON.stringify(HookEnvelope): the message with
 *     |   its body field emptied, and which field the body just sent belongs to
 *     |   (strings, because object details do not cross the MAIN/ISOLATED world boundary reliably;
 *     |    private event names, so the app never sees them, unlike window.postMessage)
 *     v
 *   content script (ISOLATED)  content-relay.ts   keeps nothing; queues what the hook sends while a
 *     |   panel watches and posts it in short tasks, a big body in parts (relay-sender.ts)
 *     ^ Port named RELAY_PORT_NAME, opened by the panel (browser.tabs.connect, top frame):
 *     |   the relay tells the hook to replay its backlog, then streams every new HookMessage (RelayToPanel)
 *     | browser.runtime.sendMessage(RelayHello) once per page: a watching panel connects on it
 *     v
 *   DevTools panel          panel/transport/extension/hook-source.ts
 *
 * Firefox gives a DevTools panel no `tabs` API (its devtools pages get the content scripts'
 * APIs), so there the panel opens `${RELAY_PIPE_PREFIX}${tabId}` to the background script
 * (relay-pipe.ts), which opens the relay's port itself, again on each hello of that tab, and
 * passes the same RelayToPanel messages on (RelayPipeNote when the page has no relay).
 *
 * The hook's backlog lives exactly as long as the page, which is what lets the panel show events
 * that happened before it was opened; the relay holds only what waits for its posting task.
 *
 * Why a port, opened by the panel, and not one runtime.sendMessage per hook message through the
 * service worker (the first design): each sendMessage opens a one-time channel, which costs the
 * browser process (it runs above the renderers' priority) about 0.5 ms of CPU, twice per Mesop
 * event, and the worker then forwarded each message on a second port. A trace of fast events showed
 * the channel openings as the browser's largest cost, and the panel's tasks waited behind it. A
 * message on an open port costs a fraction of that; one port straight to the panel halves the
 * messages and leaves the service worker out of capture. A page nobody inspects sends one hello
 * per load and nothing else.
 */
import type { DevBackend, DevErrorCode, DevState, HookRequestSent, HookResponseEnded, WebSocketFrame } from '../core';

/** Name of the DOM event the hook dispatches on `document`. */
export const HOOK_EVENT = 'mesop-devtools:hook';
/** Name of the DOM event that carries a message's body string, just before its HOOK_EVENT. */
export const HOOK_BODY_EVENT = 'mesop-devtools:hook-body';
/** Name of the DOM event the relay dispatches on `document` for the hook (RelayControl). */
export const RELAY_CONTROL_EVENT = 'mesop-devtools:relay';
/** The port a panel opens to its tab's content relay. */
export const RELAY_PORT_NAME = 'relay';

/** What the hook saw of the page (sent at DOMContentLoaded and again on load). */
export interface PageInfo {
  /** Random id of this document, to tell reloads apart. */
  pageId: string;
  url: string;
  /** `<mesop-app>` / `<mesop-editor-app>` found, or `__MESOP_EXPERIMENTS__` present. */
  isMesop: boolean;
  /** `editor` = debug mode (`mesop main.py`), `prod` = `mesop --prod` / gunicorn, or unknown. */
  mode: 'editor' | 'prod' | 'unknown';
  /** `window.__MESOP_EXPERIMENTS__.websocketsEnabled`, undefined when the marker is missing. */
  websocketsEnabled?: boolean;
}

/**
 * How an SSE request ended. `load`: the hook read the text in the DONE state, so it has the whole
 * response, whether or not the XHR then fired `load`: Mesop calls abort() at `<stream_end>`, and
 * abort() on an XHR that is already DONE fires neither `load` nor `abort` (XHR spec, abort() step
 * for the "done" state; docs/extension-capture.md). The others are the XHR's own events (Mesop's
 * abort() before DONE fires `abort`).
 */
export type XhrOutcome = HookResponseEnded['outcome'];

/**
 * The biggest body (or WebSocket frame) carried from the page to the panel. Chrome refuses an
 * extension message over 64 MiB ("Message length exceeded maximum allowed length"), and it drops
 * silently in the relay: a 100 MB state (a 133 MB response) then left the panel with a row pending
 * for ever. Bigger bodies travel as their size only, and the panel says so. Bodies now cross the
 * port in parts (relay-sender.ts), so that limit no longer binds; the bound stays, as the one rule
 * for what a panel holds and decodes of a single body (the huge-state tests check its notes).
 */
export const MAX_CARRIED_CHARS = 32 * 1024 * 1024;

export type HookMessage =
  | { type: 'page'; page: PageInfo }
  /**
   * An SSE POST to /__ui__ was sent. A body over MAX_CARRIED_CHARS is not carried (`requestBody`
   * null) and `requestChars` gives its size. The core builds the exchange from it (hook-exchange.ts).
   */
  | ({ type: 'sse-start'; pageId: string } & HookRequestSent)
  /**
   * It ended. `responseText` is the last text seen before abort() wiped it; over MAX_CARRIED_CHARS
   * it is '' and `responseChars` gives its length.
   */
  | ({
      type: 'sse-end';
      pageId: string;
      id: string;
      /** Arrival of each chunk: epoch ms and the response length after it. */
      chunks: { at: number; length: number }[];
    } & HookResponseEnded)
  | { type: 'ws-open'; pageId: string; socketId: string; url: string; at: number }
  | { type: 'ws-frame'; pageId: string; socketId: string; frame: WebSocketFrame }
  | { type: 'ws-close'; pageId: string; socketId: string; at: number; code: number }
  /**
   * First in a replay of the hook's backlog (when a panel starts watching): how many early events
   * the backlog did not keep (`notKept`) and how many of those it holds kept only their sizes.
   */
  | { type: 'backlog'; pageId: string; notKept: number; sizesOnly: number; limits: HookBacklogLimits };

/**
 * How much the page hook keeps for a panel that opens later (hook-backlog.ts). The bodies are the
 * page's own strings, referenced, not copied: what the backlog adds to the page's heap is the
 * bodies it stops the page from freeing. Past `maxChars` the oldest events keep their sizes and
 * timings only; past `maxEvents` the oldest go, counted.
 */
export interface HookBacklogLimits {
  maxChars: number;
  maxEvents: number;
}
/**
 * 4 Mi characters of bodies by default (base64 and ASCII JSON: about 4 MB in V8's one-byte
 * strings, under the 5 MB a page may keep for a closed DevTools: issue 24): the bodies of the
 * last events of a small-state app, or of the last 1-2 events of a 1 MB state; 1,000 events of
 * sizes (a few hundred bytes each) behind them.
 */
export const HOOK_BACKLOG_DEFAULTS: HookBacklogLimits = { maxChars: 4 * 1024 * 1024, maxEvents: 1_000 };
/** The panel's setting for `maxChars`, in Mi characters (1 Mi characters ~ 1 MB of one-byte strings). */
export const HOOK_BACKLOG_MIN_MB = 1;
export const HOOK_BACKLOG_MAX_MB = 512;
/** Where the extension keeps that setting (storage.local), read by each page's relay at start. */
export const HOOK_BACKLOG_KEY = 'hookBacklog';

/** The relay to the hook (RELAY_CONTROL_EVENT). */
export type RelayControl = { kind: 'watch'; watching: boolean } | { kind: 'limits'; limits: HookBacklogLimits };

/** The one field of a message that can be big (and crosses as HOOK_BODY_EVENT, then in parts). */
export type BodyField = 'requestBody' | 'responseText' | 'data';
/** HOOK_EVENT's detail: the message with `body` (if set) emptied; the body came just before. */
export interface HookEnvelope {
  message: HookMessage;
  body?: BodyField;
}

/**
 * Down the relay's port to the panel, in order. A big body goes first as `part`s (slices, each in
 * its own post); the `hook` message with `parts` set takes their concatenation as its `parts`
 * field. The hook's backlog comes as ordinary `hook` messages after its `backlog` message.
 */
export type RelayToPanel = { kind: 'hook'; message: HookMessage; parts?: BodyField } | { kind: 'part'; text: string };
/** A new page's relay says it is there (a watching panel then connects to it). */
export type RelayHello = { kind: 'relay-hello' };
/** The port a panel without `tabs` (Firefox) opens to the background, which pipes its tab's relay. */
export const RELAY_PIPE_PREFIX = 'relay-pipe:';
/** Down the pipe besides RelayToPanel: the tab's relay port closed before a word (no relay in the page). */
export type RelayPipeNote = { kind: 'relay-missing'; why?: string };

// ---------------------------------------------------------------------------------------------
// Dev mode (`mesop-devtools dev`, docs/dev-mode.md): the panel's backend switcher.
//
//   panel (panel/transport/extension/dev-transport.ts)
//     | Port named `${DEV_PORT_PREFIX}${tabId}`: DevPanelToWorker up, DevWorkerToPanel down
//     v
//   service worker (dev-control-routes.ts)  relays each request to the tab, the answer back
//     | chrome.tabs.sendMessage(DevWorkerToRelay), answered with a DevResult (sendResponse)
//     v
//   content script (dev-control-relay.ts)   reads the marker, calls the control API with fetch
//
// The control API only accepts calls from the page's own origin with the per-run secret
// (src/core/dev-control/contract.ts), so the secret stays in the content script: no message
// below carries it, and the panel only ever sees DevState.
// A separate port (not `panel:<tabId>`) keeps dev mode independent of the capture path.
// ---------------------------------------------------------------------------------------------

export const DEV_PORT_PREFIX = 'devctl:';

export type DevRequest = { kind: 'dev-state' } | { kind: 'dev-switch'; backend: DevBackend } | { kind: 'dev-restart' };

/** The answer to every DevRequest. */
export type DevResult =
  /** No supervisor: no marker (plain `mesop`), an unknown contract version, or no content script. */
  | { available: false; reason: 'no-marker' | 'bad-version' | 'no-content-script'; detail?: string }
  | { available: true; ok: true; state: DevState }
  /** The control API refused or failed; `code` 'network' = the fetch itself failed. */
  | {
      available: true;
      ok: false;
      error: { code: DevErrorCode | 'network' | 'bad-answer'; message: string };
      state?: DevState;
    };

export type DevPanelToWorker = { kind: 'dev-request'; requestId: number; request: DevRequest };
export type DevWorkerToPanel = { kind: 'dev-reply'; requestId: number; result: DevResult };
export type DevWorkerToRelay = { kind: 'dev'; request: DevRequest };

// ---------------------------------------------------------------------------------------------
// The full capture on other sites, on request (docs/extension-capture.md, "Other sites").
//
//   panel (panel/transport/extension/site-access.ts)
//     | permissions.request / permissions.remove for one origin (in the user's click), then
//     | runtime.sendMessage(SiteHooksSync), answered with SiteHooksState
//     v
//   service worker (site-hooks.ts)  registers the manifest's two content scripts on exactly the
//     origins granted (also at its start and on permissions.onAdded / onRemoved), and says which
// ---------------------------------------------------------------------------------------------

export type SiteHooksSync = { kind: 'site-hooks-sync' };
/** The origin patterns (`http://host:port/*`) the page hook is registered on; `error` if the sync failed. */
export type SiteHooksState = { sites: string[]; error?: string };
