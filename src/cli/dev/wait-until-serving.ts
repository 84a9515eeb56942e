/**
 * Polls `GET /` on a freshly started Mesop until it answers 200 and returns that HTML (the
 * supervisor reads the transport from it). Fails as soon as the process has exited, so a crash at
 * start-up is reported at once instead of after the timeout.
 */
export async function waitUntilServing(port: number, hasExited: () => boolean, timeoutMs: number): Promise<string> {
  const url = `http://127.0.0.1:${port}/`;
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (hasExited()) throw new Error('mesop exited before it served its first page');
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(2000) });
      const body = await res.text();
      if (res.ok) return body;
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`mesop did not serve ${url} within ${Math.round(timeoutMs / 1000)} s`);
}

/** `window.__MESOP_EXPERIMENTS__ = {"websocketsEnabled": true, ...}` in Mesop's index.html (§6). */
export function transportOfHtml(html: string): 'sse' | 'websocket' | null {
  const m = /"websocketsEnabled"\s*:\s*(true|false)/.exec(html);
  if (!m) return null;
  return m[1] === 'true' ? 'websocket' : 'sse';
}
