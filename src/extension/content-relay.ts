/**
 * ISOLATED-world content script: the only bridge from the MAIN-world hook to the extension
 * (a MAIN-world script has no chrome.runtime). It keeps a bounded backlog of hook messages for a
 * panel that opens later, and streams them to the service worker over a port while a panel
 * watches this tab (protocol.ts has the wire format and why a port).
 */
import { BacklogBuffer } from './backlog-buffer';
import { startDevControlRelay } from './dev-control-relay';
import {
  HOOK_EVENT, RELAY_PORT_NAME, type HookMessage, type RelayHello, type RelayToWorker, type RelayWelcome, type WorkerToRelay,
} from './protocol';

const backlog = new BacklogBuffer();
/** Open while a panel watches this tab; null otherwise (the service worker stopped, or the panel closed). */
let live: chrome.runtime.Port | null = null;

/**
 * Opens the port. `replay` sends the backlog first: when the relay goes live on the service
 * worker's welcome, messages from before the welcome reached no one yet. (Asked by a panel, the
 * backlog goes back in the answer instead.) The panel applies messages idempotently by id.
 */
function goLive(replay: boolean): void {
  if (live) return;
  try {
    const port = chrome.runtime.connect({ name: RELAY_PORT_NAME });
    port.onDisconnect.addListener(() => { if (live === port) live = null; });
    live = port;
    if (replay) send({ kind: 'backlog', backlog: backlog.snapshot() });
  } catch {
    live = null; // the extension was reloaded or removed: this content script is orphaned
  }
}

function send(message: RelayToWorker): void {
  try { live?.postMessage(message); } catch { live = null; }
}

document.addEventListener(HOOK_EVENT, (event) => {
  const detail = (event as CustomEvent<unknown>).detail;
  if (typeof detail !== 'string') return;
  let message: HookMessage;
  try { message = JSON.parse(detail) as HookMessage; } catch { return; }
  backlog.push(message, detail.length);
  if (live) send({ kind: 'hook', message });
});

chrome.runtime.onMessage.addListener((msg: WorkerToRelay, _sender, sendResponse) => {
  if (msg?.kind !== 'backlog-request') return false;
  goLive(false); // before the snapshot: every later message goes down the port, none falls in between
  sendResponse(backlog.snapshot());
  return false;
});

// A page loaded while a panel watches the tab (a reload, a navigation) goes live without being asked.
chrome.runtime.sendMessage({ kind: 'relay-hello' } satisfies RelayHello)
  .then((welcome: RelayWelcome | undefined) => { if (welcome?.watched) goLive(true); })
  .catch(() => undefined); // no service worker to answer: no panel either

startDevControlRelay(); // dev mode: carries the panel's backend switch to `mesop-devtools dev`
