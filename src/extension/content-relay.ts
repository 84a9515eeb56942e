/**
 * ISOLATED-world content script: the only bridge from the MAIN-world hook to the extension
 * (a MAIN-world script has no extension API). It keeps a bounded backlog of hook messages for a
 * panel that opens later, and streams them on the port the panel of this tab opens to it
 * (protocol.ts has the wire format, and why a port).
 */
import browser, { type Runtime } from 'webextension-polyfill';
import { BacklogBuffer } from './backlog-buffer';
import { startDevControlRelay } from './dev-control-relay';
import { HOOK_EVENT, RELAY_PORT_NAME, type HookMessage, type RelayHello, type RelayToPanel } from './protocol';

const backlog = new BacklogBuffer();
/** The port of the panel watching this tab; null while none does. */
let live: Runtime.Port | null = null;

function send(message: RelayToPanel): void {
  try {
    live?.postMessage(message);
  } catch {
    live = null;
  }
}

document.addEventListener(HOOK_EVENT, (event) => {
  const detail = (event as CustomEvent<unknown>).detail;
  if (typeof detail !== 'string') return;
  let message: HookMessage;
  try {
    message = JSON.parse(detail) as HookMessage;
  } catch {
    return;
  }
  backlog.push(message, detail.length);
  if (live) send({ kind: 'hook', message });
});

// A panel connects (tabs.connect, top frame only; in Firefox the background does it for the
// panel, relay-pipe.ts): everything so far, then every new message.
browser.runtime.onConnect.addListener((port) => {
  if (port.name !== RELAY_PORT_NAME || port.sender?.id !== browser.runtime.id) return;
  if (live && live !== port) live.disconnect(); // one panel per tab: the newer one (DevTools reopened)
  live = port;
  port.onDisconnect.addListener(() => {
    if (live === port) live = null;
  });
  send({ kind: 'backlog', backlog: backlog.snapshot() });
});

// A page loaded while a panel watches the tab (a reload, a navigation): the panel connects on this.
// Again when the page comes back from the back/forward cache: Chrome closes extension ports of a
// cached page, and a restored page runs no content script anew, so without it the panel would
// stay disconnected (the backlog still has everything; the hello brings it).
const hello = () => browser.runtime.sendMessage({ kind: 'relay-hello' } satisfies RelayHello).catch(() => undefined); // no panel listens
if (window === window.top) {
  void hello();
  window.addEventListener('pageshow', (e) => {
    if (e.persisted) void hello();
  });
}

startDevControlRelay(); // dev mode: carries the panel's backend switch to `mesop-devtools dev`
