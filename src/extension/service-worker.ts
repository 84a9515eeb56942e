/**
 * Routes capture messages by tab: content relay -> the panel port watching that tab, and the
 * panel's backlog requests -> that tab's relay. It keeps no capture data, because an MV3 service
 * worker can be stopped at any time; the page-lifetime backlog lives in the relay.
 */
import {
  PANEL_PORT_PREFIX, type Backlog, type PanelToWorker, type RelayToWorker, type WorkerToPanel,
} from './protocol';
import { startDevControlRoutes } from './dev-control-routes';

const panels = new Map<number, chrome.runtime.Port>();

chrome.runtime.onConnect.addListener((port) => {
  if (!port.name.startsWith(PANEL_PORT_PREFIX)) return;
  const tabId = Number(port.name.slice(PANEL_PORT_PREFIX.length));
  if (!Number.isInteger(tabId)) return;
  panels.set(tabId, port);
  port.onDisconnect.addListener(() => {
    if (panels.get(tabId) === port) panels.delete(tabId);
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
});

chrome.runtime.onMessage.addListener((msg: RelayToWorker, sender) => {
  const tabId = sender.tab?.id;
  if (msg?.kind !== 'hook' || tabId === undefined || sender.frameId !== 0) return false;
  const out: WorkerToPanel = { kind: 'hook', message: msg.message };
  panels.get(tabId)?.postMessage(out);
  return false;
});

startDevControlRoutes(); // dev mode's backend switcher (docs/dev-mode.md)
