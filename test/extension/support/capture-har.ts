import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Frame } from 'puppeteer-core';
import type { Exchange } from '../../../src/core/capture/exchange';
import { readOracle, type Oracle } from '../../panel/support/oracle-values';

const ROOT = resolve(__dirname, '../../..');

/** The exchange fields the HAR needs (a capture log row's `exchange`, or the core's `Exchange`). */
type HarExchange = Pick<
  Exchange,
  'transport' | 'url' | 'startedAt' | 'endedAt' | 'status' | 'requestBody' | 'responseText' | 'responseMessages'
>;

/**
 * Exchanges as a HAR (SSE exchanges as XHR entries, each socket as one entry with the frames of its
 * rows), so the independent Python oracle can compute what the panel should show. Socket frames
 * leave the capture once their row is final (panel/transport/extension/live-socket.ts): the frames
 * are rebuilt from the rows, one request frame and its `data: ` frames each, as sent.
 */
export function harOf(exchanges: readonly HarExchange[]): unknown {
  const entries: unknown[] = [];
  for (const ex of exchanges) {
    if (ex.transport !== 'sse') continue;
    entries.push({
      startedDateTime: new Date(ex.startedAt).toISOString(),
      time: 0,
      _resourceType: 'xhr',
      request: {
        method: 'POST',
        url: ex.url,
        postData: { mimeType: 'application/x-www-form-urlencoded', text: ex.requestBody },
      },
      response: {
        status: ex.status ?? 200,
        content: { size: ex.responseText?.length ?? 0, mimeType: 'text/event-stream', text: ex.responseText },
      },
    });
  }
  const sockets = new Map<string, { time: number; messages: unknown[] }>();
  for (const ex of exchanges) {
    if (ex.transport !== 'websocket') continue;
    let s = sockets.get(ex.url);
    if (!s) sockets.set(ex.url, (s = { time: ex.startedAt, messages: [] }));
    if (ex.requestBody !== null)
      s.messages.push({ type: 'send', time: ex.startedAt / 1000, opcode: 1, data: ex.requestBody });
    for (const m of ex.responseMessages ?? [])
      s.messages.push({
        type: 'receive',
        time: (ex.endedAt ?? ex.startedAt) / 1000,
        opcode: 1,
        data: `data: ${m}\n\n`,
      });
  }
  for (const [url, s] of sockets) {
    entries.push({
      startedDateTime: new Date(s.time).toISOString(),
      time: 0,
      _resourceType: 'websocket',
      request: { method: 'GET', url },
      response: { status: 101, content: { size: 0, mimeType: '' } },
      _webSocketMessages: s.messages,
    });
  }
  return { log: { version: '1.2', creator: { name: 'mesop-devtools-e2e', version: '0' }, pages: [], entries } };
}

/** The panel's capture log (read through the debug build's hook) as a HAR. */
export async function captureHar(panel: Frame): Promise<unknown> {
  const exchanges = await panel.evaluate(() =>
    (window as any).__mesopDebug.capture.log.entries.map((row: { exchange: unknown }) => row.exchange),
  );
  return harOf(exchanges as HarExchange[]);
}

/** Runs the Python oracle on the panel's own capture (written under `dir` as `name`.har); returns its expected values. */
export async function oracleForPanel(panel: Frame, dir: string, name: string): Promise<Oracle> {
  const har = join(dir, `${name}.har`);
  writeFileSync(har, JSON.stringify(await captureHar(panel)));
  execFileSync(join(ROOT, '.venv/bin/python'), [join(ROOT, 'python/oracle.py'), har], { cwd: ROOT, stdio: 'pipe' });
  return readOracle(join(dir, `${name}.expected.json`));
}
