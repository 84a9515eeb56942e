/**
 * Content-script side of dev mode (docs/dev-mode.md, "Contract for the extension"): finds the
 * marker `mesop-devtools dev` puts in the page, and carries the panel's requests to the control
 * API. It must be here, not in the panel or the service worker: the API refuses any Origin but the
 * page's own, and a content script's fetch runs with the page's origin.
 *
 * The per-run secret is read from the current document at each call (it changes when the
 * supervisor restarts) and never leaves this function: not logged, not put in a message or a URL.
 * The content script holds no timer: the panel polls `dev-state` while it is open, so nothing runs
 * in pages nobody inspects.
 */
import {
  DEV_CONTROL_PREFIX,
  DEV_CONTROL_VERSION,
  DEV_META_NAME,
  DEV_SECRET_HEADER,
  type DevErrorCode,
  type DevState,
} from '../core';
import type { DevRequest, DevResult, DevWorkerToRelay } from './protocol';
import browser, { type Runtime } from 'webextension-polyfill';

interface Marker {
  base: URL;
  secret: string;
}

/** The marker of the current document, or why there is none. */
function readMarker(): Marker | Extract<DevResult, { available: false }> {
  const meta = document.querySelector<HTMLMetaElement>(`meta[name="${DEV_META_NAME}"]`);
  if (!meta) return { available: false, reason: 'no-marker' };
  if (meta.content !== String(DEV_CONTROL_VERSION)) {
    return {
      available: false,
      reason: 'bad-version',
      detail: `marker version ${meta.content}, this extension speaks ${DEV_CONTROL_VERSION}`,
    };
  }
  // Only a path on this origin: a marker pointing elsewhere would send the secret to another host.
  const control = meta.dataset.control ?? DEV_CONTROL_PREFIX;
  const base = new URL(control, location.origin);
  const secret = meta.dataset.secret ?? '';
  if (base.origin !== location.origin || !control.startsWith('/') || !secret) {
    return { available: false, reason: 'no-marker', detail: 'malformed dev-mode marker' };
  }
  return { base, secret };
}

async function call(request: DevRequest): Promise<DevResult> {
  const marker = readMarker();
  if (!('secret' in marker)) return marker;
  const [method, name, body] =
    request.kind === 'dev-switch'
      ? ['POST', 'switch', JSON.stringify({ backend: request.backend })]
      : request.kind === 'dev-restart'
        ? ['POST', 'restart', '{}']
        : ['GET', 'state', undefined];
  const headers: Record<string, string> = { [DEV_SECRET_HEADER]: marker.secret };
  if (body !== undefined) headers['content-type'] = 'application/json';
  let response: Response;
  try {
    // no-store: a state answer must never be served from cache after a restart.
    response = await fetch(new URL(name, marker.base), {
      method,
      headers,
      body,
      cache: 'no-store',
      credentials: 'omit',
    });
  } catch (e) {
    return {
      available: true,
      ok: false,
      error: { code: 'network', message: `dev server unreachable: ${(e as Error).message}` },
    };
  }
  let json: unknown;
  try {
    json = await response.json();
  } catch {
    json = undefined;
  }
  if (response.ok && isState(json)) return { available: true, ok: true, state: json };
  const err = json as { error?: { code?: unknown; message?: unknown }; state?: unknown } | undefined;
  if (err?.error && typeof err.error.code === 'string') {
    return {
      available: true,
      ok: false,
      // The server's own code, passed on; the panel shows the message whatever the code.
      error: { code: err.error.code as DevErrorCode, message: String(err.error.message ?? '') },
      ...(isState(err.state) ? { state: err.state } : {}),
    };
  }
  return {
    available: true,
    ok: false,
    error: { code: 'bad-answer', message: `HTTP ${response.status} without a dev-control answer` },
  };
}

const isState = (x: unknown): x is DevState =>
  typeof x === 'object' &&
  x !== null &&
  (x as DevState).version === DEV_CONTROL_VERSION &&
  typeof (x as DevState).backend === 'string';

/** Answers dev requests from the service worker; after a successful switch, reloads the page. */
export function startDevControlRelay(): void {
  // sendResponse + `true`, not a returned promise: Chrome's native `browser` namespace (which the
  // polyfill passes through) answers with a listener's promise only in recent versions.
  const listener = (
    message: unknown,
    _sender: Runtime.MessageSender,
    sendResponse: (r: DevResult) => void,
  ): boolean => {
    const msg = message as DevWorkerToRelay | undefined;
    if (msg?.kind !== 'dev') return false; // not ours: no answer
    void call(msg.request).then((result) => {
      sendResponse(result);
      // The old page's state token belongs to the old Mesop process (docs/dev-mode.md §3.2), so
      // the page must start over. Reload here rather than from the panel: the panel's own reload
      // clears its recording, and run A must survive. A restart after a crash reloads too, since
      // the page on screen is then the supervisor's 502 page.
      if (msg.request.kind !== 'dev-state' && result.available && result.ok) setTimeout(() => location.reload(), 50);
    });
    return true; // answered asynchronously
  };
  // The polyfill's types want `true` from a sendResponse listener; `false` (not answered) is valid in both browsers.
  browser.runtime.onMessage.addListener(listener as Runtime.OnMessageListenerCallback);
}
