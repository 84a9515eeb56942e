/**
 * MAIN-world content script, run at document_start (manifest.json), before any page script.
 * Installs the XHR and WebSocket wrappers and reports what kind of page this is, all through one
 * channel (hook-channel.ts) that keeps a bounded backlog and sends only while a panel watches. It is declared in
 * the manifest (not injected as an inline <script>), so Mesop's CSP (nonce-only script-src,
 * require-trusted-types-for 'script') does not apply to it; it creates no DOM sinks either.
 */
import { startHookChannel } from './hook-channel';
import { randomId } from './hook-emit';
import { installWebSocketHook } from './hook-websocket';
import { installXhrHook } from './hook-xhr';
import { detectPage } from './page-detect';

const pageId = randomId();
let seq = 0;
const nextId = () => `${pageId}:${seq++}`;
const record = startHookChannel(pageId);

try {
  installXhrHook(pageId, nextId, record);
  installWebSocketHook(pageId, nextId, record);
} catch {
  // A page that froze or replaced these globals: capture falls back to the DevTools network API.
}

const report = () => record({ type: 'page', page: detectPage(pageId) });
document.addEventListener('DOMContentLoaded', report, { once: true });
window.addEventListener('load', report, { once: true });
