import type { Frame } from 'puppeteer-core';

/**
 * The panel's capture as a HAR (SSE exchanges as XHR entries, each hook-seen socket as one entry
 * with its raw frames), so the independent Python oracle can compute what the panel should show.
 */
export async function captureHar(panel: Frame): Promise<unknown> {
  return panel.evaluate(() => {
    const c = (window as any).__mesopCapture;
    const entries: unknown[] = [];
    for (const row of c.rows) {
      const ex = row.exchange;
      if (ex.transport !== 'sse') continue;
      entries.push({
        startedDateTime: new Date(ex.startedAt).toISOString(), time: 0, _resourceType: 'xhr',
        request: { method: 'POST', url: ex.url, postData: { mimeType: 'application/x-www-form-urlencoded', text: ex.requestBody } },
        response: { status: ex.status ?? 200, content: { size: ex.responseText?.length ?? 0, mimeType: 'text/event-stream', text: ex.responseText } },
      });
    }
    for (const s of c.hook.sockets.values()) {
      if (!s.frames.length) continue;
      entries.push({
        startedDateTime: new Date(s.frames[0].time).toISOString(), time: 0, _resourceType: 'websocket',
        request: { method: 'GET', url: s.url }, response: { status: 101, content: { size: 0, mimeType: '' } },
        _webSocketMessages: s.frames.map((f: any) => ({ type: f.direction, time: f.time / 1000, opcode: f.opcode ?? 1, data: f.data })),
      });
    }
    return { log: { version: '1.2', creator: { name: 'mesop-devtools-e2e', version: '0' }, pages: [], entries } };
  });
}
