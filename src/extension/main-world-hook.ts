/**
 * MAIN-world content script, run at document_start (manifest.json), before any page script.
 * Installs the XHR and WebSocket wrappers and reports what kind of page this is. It is declared in
 * the manifest (not injected as an inline <script>), so Mesop's CSP (nonce-only script-src,
 * require-trusted-types-for 'script') does not apply to it; it creates no DOM sinks either.
 */
import { emit, randomId } from './hook-emit';
import { installWebSocketHook } from './hook-websocket';
import { installXhrHook } from './hook-xhr';
import { detectPage } from './page-detect';

const pageId = randomId();
let seq = 0;
const nextId = () => `${pageId}:${seq++}`;

try {
  installXhrHook(pageId, nextId);
  installWebSocketHook(pageId, nextId);
} catch {
  // A page that froze or replaced these globals: capture falls back to the DevTools network API.
}

const report = () => emit({ type: 'page', page: detectPage(pageId) });
document.addEventListener('DOMContentLoaded', report, { once: true });
window.addEventListener('load', report, { once: true });
