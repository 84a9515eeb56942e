/**
 * The extension's way to `mesop-devtools dev` (PanelTransport.dev): a runtime port to the background
 * (Chrome's service worker, Firefox's background script), which relays to the page's content script (the only context allowed to call the control
 * API, docs/dev-mode.md §2).
 */
import browser, { type Runtime } from 'webextension-polyfill';
import {
  DEV_PORT_PREFIX,
  type DevPanelToWorker,
  type DevRequest,
  type DevResult,
  type DevWorkerToPanel,
} from '../../../src/extension/protocol';
import type { DevTransport } from '../transport';

/** A switch waits for the new Mesop to serve (1.5-5 s typically; the supervisor gives up at 60 s). */
const TIMEOUT_MS = { 'dev-state': 10_000, 'dev-switch': 90_000, 'dev-restart': 90_000 } as const;

/** The dev transport of the inspected tab. */
export class PortDevTransport implements DevTransport {
  #port: Runtime.Port | undefined;
  #next = 1;
  readonly #waiting = new Map<number, (r: DevResult) => void>();

  constructor(private readonly tabId: number) {}

  request(request: DevRequest): Promise<DevResult> {
    const requestId = this.#next++;
    return new Promise<DevResult>((resolve) => {
      const timer = setTimeout(
        () =>
          settle({
            available: true,
            ok: false,
            error: { code: 'network', message: 'no answer from the page (timed out)' },
          }),
        TIMEOUT_MS[request.kind],
      );
      const settle = (r: DevResult) => {
        clearTimeout(timer);
        this.#waiting.delete(requestId);
        resolve(r);
      };
      this.#waiting.set(requestId, settle);
      try {
        this.#connect().postMessage({ kind: 'dev-request', requestId, request } satisfies DevPanelToWorker);
      } catch (e) {
        settle({ available: false, reason: 'no-content-script', detail: String(e) });
      }
    });
  }

  /** Connects lazily and again after a disconnect (an MV3 service worker may be stopped). */
  #connect(): Runtime.Port {
    if (this.#port) return this.#port;
    const port = browser.runtime.connect({ name: `${DEV_PORT_PREFIX}${this.tabId}` });
    port.onMessage.addListener((message: unknown) => {
      const msg = message as DevWorkerToPanel | undefined;
      if (msg?.kind === 'dev-reply') this.#waiting.get(msg.requestId)?.(msg.result);
    });
    port.onDisconnect.addListener(() => {
      this.#port = undefined;
      // Requests in flight died with the worker: answer them now rather than at their timeout.
      for (const settle of [...this.#waiting.values()]) {
        settle({
          available: true,
          ok: false,
          error: { code: 'network', message: 'connection to the extension was reset; retrying' },
        });
      }
    });
    return (this.#port = port);
  }
}
