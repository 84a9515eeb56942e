/**
 * Service-worker side of dev mode: relays each request from a panel's `devctl:<tabId>` port to that
 * tab's top frame (dev-control-relay.ts) and the answer back, matched by requestId. Stateless, like
 * the capture routing: an MV3 worker may stop at any time, and the panel retries by polling.
 */
import browser from 'webextension-polyfill';
import {
  DEV_PORT_PREFIX,
  type DevPanelToWorker,
  type DevResult,
  type DevWorkerToPanel,
  type DevWorkerToRelay,
} from './protocol';

export function startDevControlRoutes(): void {
  browser.runtime.onConnect.addListener((port) => {
    if (!port.name.startsWith(DEV_PORT_PREFIX)) return;
    const tabId = Number(port.name.slice(DEV_PORT_PREFIX.length));
    if (!Number.isInteger(tabId)) return;
    port.onMessage.addListener((message: unknown) => {
      const msg = message as DevPanelToWorker | undefined;
      if (msg?.kind !== 'dev-request') return;
      const reply = (result: DevResult) => {
        const out: DevWorkerToPanel = { kind: 'dev-reply', requestId: msg.requestId, result };
        try {
          port.postMessage(out);
        } catch {
          /* panel closed meanwhile */
        }
      };
      const toRelay: DevWorkerToRelay = { kind: 'dev', request: msg.request };
      browser.tabs
        .sendMessage(tabId, toRelay, { frameId: 0 })
        .then((result) => reply((result as DevResult | undefined) ?? { available: false, reason: 'no-content-script' }))
        // No content script in the page (other host, or a tab opened before the extension was installed).
        .catch((e: unknown) => reply({ available: false, reason: 'no-content-script', detail: String(e) }));
    });
  });
}
