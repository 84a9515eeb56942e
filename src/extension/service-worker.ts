/**
 * Routes capture messages by tab: a content relay's live port -> the panel port watching that
 * tab, and the panel's backlog requests -> that tab's relay. It keeps no capture data, because an
 * MV3 service worker can be stopped at any time; the page-lifetime backlog lives in the relay.
 */
import {
  PANEL_PORT_PREFIX, RELAY_PORT_NAME, type Backlog, type PanelToWorker, type RelayHello, type RelayToWorker,
  type RelayWelcome, type WorkerToPanel,
} from './protocol';
import { startDevControlRoutes } from './dev-control-routes';

const panels = new Map<number, chrome.runtime.Port>();
const relays = new Map<number, chrome.runtime.Port>();

/** The panel is gone: its tab's relay stops streaming (its backlog keeps everything). */
function dropRelay(tabId: number): void {
  const relay = relays.get(tabId);
  relays.delete(tabId);
  try { relay?.disconnect(); } catch { /* already gone */ }
}

function onPanelPort(port: chrome.runtime.Port, tabId: number): void {
  panels.set(tabId, port);
  port.onDisconnect.addListener(() => {
    if (panels.get(tabId) !== port) return;
    panels.delete(tabId);
    dropRelay(tabId);
  });
  port.onMessage.addListener((msg: PanelToWorker) => {
    if (msg?.kind !== 'backlog-request') return;
    const post = (m: WorkerToPanel) => { try { port.postMessage(m); } catch { /* panel closed */ } };
    chrome.tabs.sendMessage(tabId, msg, { frameId: 0 })
      .then((backlog: Backlog | undefined) => post(backlog
        ? { kind: 'backlog', backlog }
        : { kind: 'backlog-error', error: 'the page has no Mesop DevTools content script' }))
      .catch((e: unknown) => post({ kind: 'backlog-error', error: String(e) }));
  });
}

/** Only our own content script in a tab's top frame may feed that tab's panel. */
function onRelayPort(port: chrome.runtime.Port): void {
  const tabId = port.sender?.tab?.id;
  if (tabId === undefined || port.sender?.frameId !== 0 || port.sender.id !== chrome.runtime.id || !panels.has(tabId)) {
    port.disconnect();
    return;
  }
  if (relays.get(tabId) !== port) dropRelay(tabId); // the tab's previous page
  relays.set(tabId, port);
  port.onDisconnect.addListener(() => { if (relays.get(tabId) === port) relays.delete(tabId); });
  port.onMessage.addListener((msg: RelayToWorker) => {
    const panel = panels.get(tabId);
    if (!panel) { dropRelay(tabId); return; }
    const out: WorkerToPanel | undefined = msg?.kind === 'hook' ? { kind: 'hook', message: msg.message }
      : msg?.kind === 'backlog' ? { kind: 'backlog', backlog: msg.backlog } : undefined;
    if (out) panel.postMessage(out);
  });
}

chrome.runtime.onConnect.addListener((port) => {
  if (port.name === RELAY_PORT_NAME) { onRelayPort(port); return; }
  if (!port.name.startsWith(PANEL_PORT_PREFIX)) return;
  const tabId = Number(port.name.slice(PANEL_PORT_PREFIX.length));
  if (Number.isInteger(tabId)) onPanelPort(port, tabId);
});

chrome.runtime.onMessage.addListener((msg: RelayHello, sender, sendResponse) => {
  if (msg?.kind !== 'relay-hello') return false;
  const tabId = sender.tab?.id;
  const welcome: RelayWelcome = { watched: tabId !== undefined && sender.frameId === 0 && panels.has(tabId) };
  sendResponse(welcome);
  return false;
});

startDevControlRoutes(); // dev mode's backend switcher (docs/dev-mode.md)
