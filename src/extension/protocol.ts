/**
 * The extension's one message file: every message that crosses an execution context is typed here.
 * Other contexts `import type` from it (the panel may also import the constants).
 *
 * Contexts and wire format
 * ------------------------
 *   page (MAIN world)      main-world-hook.ts   wraps XMLHttpRequest/WebSocket for Mesop's /__ui__
 *     | document CustomEvent HOOK_EVENT, `detail` = JSON.stringify(HookMessage)
 *     |   (a string, because object details do not cross the MAIN/ISOLATED world boundary reliably;
 *     |    a private event name, so the app never sees it, unlike window.postMessage)
 *     v
 *   content script (ISOLATED)  content-relay.ts   keeps a bounded backlog of HookMessages per page
 *     ^ Port named RELAY_PORT_NAME, opened by the panel (browser.tabs.connect, top frame):
 *     |   the relay answers with its Backlog, then streams every new HookMessage (RelayToPanel)
 *     | browser.runtime.sendMessage(RelayHello) once per page: a watching panel connects on it
 *     v
 *   DevTools panel          panel/transport/extension/hook-source.ts
 *
 * Firefox gives a DevTools panel no `tabs` API (its devtools pages get the content scripts'
 * APIs), so there the panel opens `${RELAY_PIPE_PREFIX}${tabId}` to the background script
 * (relay-pipe.ts), which opens the relay's port itself, again on each hello of that tab, and
 * passes the same RelayToPanel messages on (RelayPipeNote when the page has no relay).
 *
 * The hook never keeps history (only the request in flight); the relay's backlog lives exactly as
 * long as the page, which is what lets the panel show events that happened before it was opened.
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
 * How an SSE request ended. `stream-end`: the hook saw `data: <stream_end>` and finished the
 * exchange itself, because Mesop then calls abort(), and abort() on an XHR that is already DONE
 * fires neither `load` nor `abort` (XHR spec, abort() step for the "done" state). See
 * docs/extension-capture.md. The others are the XHR's own events, for responses that never reach
 * the terminator.
 */
export type XhrOutcome = HookResponseEnded['outcome'];

/**
 * The biggest body (or WebSocket frame) carried from the page to the panel. Chrome refuses an
 * extension message over 64 MiB ("Message length exceeded maximum allowed length"), and it drops
 * silently in the relay: a 100 MB state (a 133 MB response) then left the panel with a row pending
 * for ever. Bigger bodies travel as their size only, and the panel says so. The relay's backlog
 * (backlog-buffer.ts) answers in one message too, so it stays under the limit with its overhead.
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
  | { type: 'ws-close'; pageId: string; socketId: string; at: number; code: number };

/** What the relay holds for the current page. */
export interface Backlog {
  messages: HookMessage[];
  /** Messages dropped because the backlog hit its memory bound (shown as a visible row). */
  dropped: number;
}

/** Down the relay's port to the panel: the backlog first, then each new hook message. */
export type RelayToPanel = { kind: 'hook'; message: HookMessage } | { kind: 'backlog'; backlog: Backlog };
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
