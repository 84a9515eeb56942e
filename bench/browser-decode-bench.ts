/**
 * Whole decode as the panel runs it: a ~20 MB SSE body analysed in a dedicated worker in Debian's
 * Chromium, with the natives the panel's worker lends the core, against `atob` + `JSON.parse` of
 * the same content in the same worker (bench/browser-decode/worker.ts). A loopback server hands the
 * page the worker script and the input, so nothing big crosses the DevTools protocol.
 */
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { launchChromium } from '../src/cli/app/chromium';
import type { BrowserDecodeInput, BrowserDecodeOutput } from './browser-decode/worker';
import { stateExchange } from './state-exchange';
import { log, median } from './timing';

export interface BrowserDecodeResult {
  bodyBytes: number;
  stateBytes: number;
  runs: number;
  baselineMs: number;
  analyzeJsMs: number;
  analyzeMs: number;
  ratioJs: number;
  ratio: number;
  hasNativeBase64: boolean;
}

const PAGE = `<!doctype html><meta charset="utf-8"><script>
window.result = new Promise((resolve, reject) => {
  const w = new Worker('/worker.js');
  w.onerror = (e) => reject(new Error(e.message));
  w.onmessage = (e) => resolve(e.data);
  fetch('/input.json').then((r) => r.json()).then((input) => w.postMessage(input), reject);
});
</script>`;

export async function runBrowserDecodeBench(bodyMb: number, runs = 5): Promise<BrowserDecodeResult> {
  log(`[bench] whole decode in Chromium's worker: building a ${bodyMb} MB SSE body... `);
  const { exchange, state, payloads, bodyBytes } = stateExchange(bodyMb * 1e6);
  const stateBytes = Buffer.byteLength(state);
  const input: BrowserDecodeInput = { exchange, payloads, state, stateBytes, runs };
  const body = JSON.stringify(input);
  const script = readFileSync(join(__dirname, 'browser-decode-worker.js'));
  const server = await listen(
    createServer((req, res) => {
      const [type, content] =
        req.url === '/worker.js'
          ? ['text/javascript', script]
          : req.url === '/input.json'
            ? ['application/json', body]
            : ['text/html', PAGE];
      res.writeHead(200, { 'content-type': type }).end(content);
    }),
  );
  const chromium = await launchChromium({ extraArgs: ['--js-flags=--expose-gc'] });
  try {
    const page = await chromium.browser.newPage();
    await page.goto(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
    const out = await page.evaluate(() => (window as unknown as { result: Promise<BrowserDecodeOutput> }).result);
    if (out.agrees !== 'yes') throw new Error(`whole decode in Chromium disagrees: ${out.agrees}`);
    log('done\n');
    const baselineMs = median(out.baselineMs);
    return {
      bodyBytes,
      stateBytes,
      runs,
      baselineMs,
      analyzeJsMs: median(out.jsMs),
      analyzeMs: median(out.nativeMs),
      ratioJs: median(out.jsMs) / baselineMs,
      ratio: median(out.nativeMs) / baselineMs,
      hasNativeBase64: out.hasNativeBase64,
    };
  } finally {
    await chromium.close();
    server.close();
  }
}

function listen(server: Server): Promise<Server> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve(server));
  });
}
