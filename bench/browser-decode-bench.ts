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
import { formatBytes } from '../src/core/measure/format-bytes';
import { generateState, SHAPES } from './generate';
import { pyDumps } from './py-dumps';
import { TARGET_UTF8_RATIO } from './measure-bench';
import { table, verdict, type Figure } from './timing';
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
  /** Field measure in the same worker, per state: medians and ratios to JSON.parse. */
  measure: WorkerMeasureRow[];
}

export interface WorkerMeasureRow {
  label: string;
  bytes: number;
  parseMs: number;
  textMs: number;
  utf8Ms: number;
  ratioText: number;
  ratioUtf8: number;
}

const PAGE = `<!doctype html><meta charset="utf-8"><script>
window.result = new Promise((resolve, reject) => {
  const w = new Worker('/worker.js');
  w.onerror = (e) => reject(new Error(e.message));
  w.onmessage = (e) => resolve(e.data);
  fetch('/input.json').then((r) => r.json()).then((input) => w.postMessage(input), reject);
});
</script>`;

/**
 * `measureMb`: state sizes at which the worker also times the field measure of every shape and
 * format against JSON.parse (issue 24's target in the panel's worker).
 */
export async function runBrowserDecodeBench(
  bodyMb: number,
  runs = 5,
  measureMb: readonly number[] = [],
): Promise<BrowserDecodeResult> {
  log(`[bench] whole decode in Chromium's worker: building a ${bodyMb} MB SSE body... `);
  const { exchange, state, payloads, bodyBytes } = stateExchange(bodyMb * 1e6);
  const stateBytes = Buffer.byteLength(state);
  const measure: BrowserDecodeInput['measure'] = [];
  for (const mb of measureMb)
    for (const shape of SHAPES) {
      const value = generateState(shape, mb * 1e6);
      measure.push(
        { label: `${shape} python`, text: pyDumps(value) },
        { label: `${shape} compact`, text: JSON.stringify(value) },
      );
    }
  const input: BrowserDecodeInput = { exchange, payloads, state, stateBytes, runs, measure };
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
      measure: out.measure.map((m) => {
        const parseMs = median(m.parseMs);
        return {
          label: m.label,
          bytes: m.bytes,
          parseMs,
          textMs: median(m.textMs),
          utf8Ms: median(m.utf8Ms),
          ratioText: median(m.textMs) / parseMs,
          ratioUtf8: median(m.utf8Ms) / parseMs,
        };
      }),
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

export function workerMeasureTable(rows: readonly WorkerMeasureRow[]): string {
  return table(
    [
      'state',
      'size',
      'JSON.parse ms',
      'before: string ms',
      'UTF-8 bytes ms',
      'before/parse',
      'bytes/parse',
      `<= ${TARGET_UTF8_RATIO}`,
    ],
    rows.map((r) => [
      r.label,
      formatBytes(r.bytes),
      r.parseMs.toFixed(1),
      r.textMs.toFixed(1),
      r.utf8Ms.toFixed(1),
      r.ratioText.toFixed(2),
      r.ratioUtf8.toFixed(2),
      verdict(r.ratioUtf8 <= TARGET_UTF8_RATIO),
    ]),
  );
}

export function workerMeasureFigures(rows: readonly WorkerMeasureRow[]): Figure[] {
  if (rows.length === 0) return [];
  const within = rows.filter((r) => r.ratioUtf8 <= TARGET_UTF8_RATIO);
  const worst = rows.reduce((a, b) => (b.ratioUtf8 > a.ratioUtf8 ? b : a));
  const best = rows.reduce((a, b) => (b.ratioUtf8 < a.ratioUtf8 ? b : a));
  return [
    {
      name: "measure vs JSON.parse in the panel's worker (Chromium), UTF-8 bytes",
      value: `${within.length}/${rows.length} within; ${best.ratioUtf8.toFixed(2)}-${worst.ratioUtf8.toFixed(2)}x (worst ${worst.label} ${formatBytes(worst.bytes)})`,
      target: `<= ${TARGET_UTF8_RATIO}x`,
      pass: within.length === rows.length,
    },
  ];
}
