import type { PageInfo } from './protocol';

/**
 * Is this a Mesop page, which mode, which transport (docs/protocol.md §6):
 * - root element `<mesop-app>` (prod) or `<mesop-editor-app>` (debug "editor" mode);
 * - `window.__MESOP_EXPERIMENTS__` (inline script, Mesop >= 0.12.9) tells SSE vs WebSocket;
 * - the bundle path, `editor_bundle/bundle.js` vs `prod_bundle.js`, confirms the mode.
 */
export function detectPage(pageId: string): PageInfo {
  const editor =
    document.querySelector('mesop-editor-app') !== null ||
    document.querySelector('script[src*="editor_bundle/"]') !== null;
  const prod =
    document.querySelector('mesop-app') !== null || document.querySelector('script[src*="prod_bundle"]') !== null;
  const experiments = (window as { __MESOP_EXPERIMENTS__?: { websocketsEnabled?: unknown } }).__MESOP_EXPERIMENTS__;
  const ws = experiments?.websocketsEnabled;
  return {
    pageId,
    url: location.href,
    isMesop: editor || prod || experiments !== undefined,
    mode: editor ? 'editor' : prod ? 'prod' : 'unknown',
    websocketsEnabled: typeof ws === 'boolean' ? ws : undefined,
  };
}
