/**
 * ISOLATED-world content script: the only bridge from the MAIN-world hook to the extension
 * (a MAIN-world script has no extension API). It keeps nothing: the hook holds the backlog. When
 * the panel of this tab opens its port, the relay tells the hook to replay its backlog and to send
 * what comes next; it posts that on the port in short tasks of its own (relay-sender.ts), and tells the hook
 * to stop when the port closes (protocol.ts has the wire format, and why a port).
 */
import browser, { type Runtime } from 'webextension-polyfill';
import { startDevControlRelay } from './dev-control-relay';
import { validLimits } from './hook-backlog';
import { RelaySender } from './relay-sender';
import {
  HOOK_BACKLOG_KEY,
  HOOK_BODY_EVENT,
  HOOK_EVENT,
  RELAY_CONTROL_EVENT,
  RELAY_PORT_NAME,
  type HookEnvelope,
  type RelayControl,
  type RelayHello,
  type RelayToPanel,
} from './protocol';

/** The port of the panel watching this tab; null while none does. */
let live: Runtime.Port | null = null;
/** The body the hook sent just before the message it belongs to (HOOK_BODY_EVENT, then HOOK_EVENT). */
let body: string | undefined;

declare const PANEL_DEBUG_HOOK: boolean | undefined;
/**
 * The debug build's measure of the relay's posts (its posting tasks), for scripts/measure-hook-cost.ts:
 * the page cannot read this world's variables, so the total goes on an attribute of <html>
 * (`--zip` builds leave it out, as the other debug hooks).
 */
const debugPosts = typeof PANEL_DEBUG_HOOK !== 'undefined' && PANEL_DEBUG_HOOK ? { ms: 0 } : undefined;

const sender = new RelaySender(
  (message: RelayToPanel) => {
    const t0 = debugPosts ? performance.now() : 0;
    try {
      live?.postMessage(message);
    } catch {
      unwatch(null);
    }
    if (debugPosts) {
      debugPosts.ms += performance.now() - t0;
      document.documentElement.setAttribute('data-mesop-devtools-relay-post-ms', debugPosts.ms.toFixed(2));
    }
  },
  (run) =>
    setTimeout(() => {
      const start = performance.now();
      run(() => POST_BUDGET_MS - (performance.now() - start));
    }, 0),
);

function tellHook(control: RelayControl): void {
  document.dispatchEvent(new CustomEvent(RELAY_CONTROL_EVENT, { detail: JSON.stringify(control) }));
}

function unwatch(port: Runtime.Port | null): void {
  if (port !== null && live !== port) return;
  live = null;
  sender.clear();
  tellHook({ kind: 'watch', watching: false });
}

document.addEventListener(HOOK_BODY_EVENT, (event) => {
  const detail = (event as CustomEvent<unknown>).detail;
  body = typeof detail === 'string' ? detail : undefined;
});

document.addEventListener(HOOK_EVENT, (event) => {
  const detail = (event as CustomEvent<unknown>).detail;
  const text = body;
  body = undefined;
  if (!live || typeof detail !== 'string') return;
  let envelope: HookEnvelope;
  try {
    envelope = JSON.parse(detail) as HookEnvelope;
  } catch {
    return;
  }
  if (envelope.body && text === undefined) return; // its body never came: not the hook's
  sender.push(envelope.message, envelope.body, text);
});

// A panel connects (tabs.connect, top frame only; in Firefox the background does it for the
// panel, relay-pipe.ts): the hook replays its backlog, then sends every new message.
browser.runtime.onConnect.addListener((port) => {
  if (port.name !== RELAY_PORT_NAME || port.sender?.id !== browser.runtime.id) return;
  if (live && live !== port) live.disconnect(); // one panel per tab: the newer one (DevTools reopened)
  sender.clear();
  live = port;
  port.onDisconnect.addListener(() => unwatch(port));
  tellHook({ kind: 'watch', watching: true });
});

// The backlog's limits, when the user changed them in the panel (stored by the extension).
const applyLimits = (value: unknown) => {
  if (validLimits(value)) tellHook({ kind: 'limits', limits: value });
};
void browser.storage.local.get(HOOK_BACKLOG_KEY).then(
  (stored) => applyLimits(stored[HOOK_BACKLOG_KEY]),
  () => undefined,
);
browser.storage.onChanged.addListener((changes, area) => {
  if (area === 'local' && changes[HOOK_BACKLOG_KEY]) applyLimits(changes[HOOK_BACKLOG_KEY].newValue);
});

// A page loaded while a panel watches the tab (a reload, a navigation): the panel connects on this.
// Again when the page comes back from the back/forward cache: Chrome closes extension ports of a
// cached page, and a restored page runs no content script anew, so without it the panel would
// stay disconnected (the hook's backlog still has everything; the hello brings it).
const hello = () => browser.runtime.sendMessage({ kind: 'relay-hello' } satisfies RelayHello).catch(() => undefined); // no panel listens
if (window === window.top) {
  void hello();
  window.addEventListener('pageshow', (e) => {
    if (e.persisted) void hello();
  });
}

startDevControlRelay(); // dev mode: carries the panel's backend switch to `mesop-devtools dev`

/**
 * The relay posts in tasks of its own after the page's, at most this long each (a big body goes in
 * parts: about 2.5 ms each), so no task of ours blocks the page for long. Not requestIdleCallback
 * (the first version): on a busy page each part then waited up to its timeout, a 20 MB body took
 * seconds to reach the panel, and DevTools' copy of the event, read after a 2 s grace, or a row
 * dropped meanwhile, came first (CI saw a big response shown as DevTools' partial copy, and rows
 * counted twice). Short tasks keep the cost small and the hook's copy first.
 */
const POST_BUDGET_MS = 8;
