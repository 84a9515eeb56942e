/**
 * The panel's worker decodes Mesop's base64 with Chromium's native `Uint8Array.fromBase64`
 * (panel/worker/browser-natives.ts), ~100x faster than the core's loop on a 20 MB body. A silent
 * fall-back to the loop would only be slower, so no oracle test would notice: this one does. It
 * runs the panel's own module and the core's decoder in a dedicated worker in Debian's Chromium (as
 * the panel does) and checks that the native decoder is there, is used for every valid body of
 * either alphabet, agrees byte for byte with the core's loop, and leaves bad input to the loop.
 */
import { build } from 'esbuild';
import { join } from 'node:path';
import type { Browser, Page } from 'puppeteer-core';
import { launchChromium } from '../../src/cli/app/chromium';

const ROOT = join(__dirname, '../..');

/** Runs in the worker: the same imports the analysis worker makes. */
const WORKER_SOURCE = `
import { browserNatives } from './panel/worker/browser-natives';
import { useHostNatives } from './src/core/host-natives';
import { decodeBase64 } from './src/core/decode/base64';

const natives = browserNatives();
let nativeCalls = 0;
let nativeThrows = 0;
const counted = natives.base64Decode && ((text) => {
  nativeCalls++;
  try { return natives.base64Decode(text); } catch (e) { nativeThrows++; throw e; }
});
const same = (a, b) => a.ok === b.ok && (a.ok
  ? a.bytes.length === b.bytes.length && a.bytes.every((x, i) => x === b.bytes[i])
  : a.reason === b.reason);

self.onmessage = ({ data: texts }) => {
  const results = texts.map((text) => {
    useHostNatives({});
    const loop = decodeBase64(text);
    useHostNatives({ base64Decode: counted });
    const before = nativeCalls;
    const withNative = decodeBase64(text);
    return { loopOk: loop.ok, loopBytes: loop.ok ? loop.bytes.length : -1, same: same(loop, withNative), nativeCalled: nativeCalls > before };
  });
  self.postMessage({ hasNative: typeof natives.base64Decode === 'function', nativeThrows, results });
};
`;

let chromium: Awaited<ReturnType<typeof launchChromium>>;
let browser: Browser;
let page: Page;
let workerCode: string;

beforeAll(async () => {
  const out = await build({
    stdin: { contents: WORKER_SOURCE, resolveDir: ROOT, loader: 'ts' },
    bundle: true,
    write: false,
    format: 'iife',
    target: 'chrome120',
  });
  workerCode = out.outputFiles[0]!.text;
  chromium = await launchChromium();
  browser = chromium.browser;
  page = await browser.newPage();
});
afterAll(async () => {
  await chromium?.close();
});

interface Outcome {
  hasNative: boolean;
  nativeThrows: number;
  results: { loopOk: boolean; loopBytes: number; same: boolean; nativeCalled: boolean }[];
}

async function inWorker(texts: string[]): Promise<Outcome> {
  return page.evaluate(
    (code: string, input: string[]) =>
      new Promise<Outcome>((resolve, reject) => {
        const worker = new Worker(URL.createObjectURL(new Blob([code], { type: 'text/javascript' })));
        worker.onmessage = (e) => {
          worker.terminate();
          resolve(e.data as Outcome);
        };
        worker.onerror = (e) => reject(new Error(e.message));
        worker.postMessage(input);
      }),
    workerCode,
    texts,
  );
}

/** Deterministic bytes (a fixed-seed LCG), so a failure reproduces. */
function bytesOf(size: number, seed: number): Buffer {
  const b = Buffer.alloc(size);
  let x = seed;
  for (let i = 0; i < size; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    b[i] = x >>> 24;
  }
  return b;
}

test("valid bodies of both alphabets: decoded natively, byte for byte as the core's loop", async () => {
  const texts: string[] = [];
  const sizes = [1025, 1500, 4096, 9999, 65_536, 300_001];
  for (const [i, size] of sizes.entries()) {
    const bytes = bytesOf(size, i + 1);
    texts.push(bytes.toString('base64')); // responses: standard, padded
    texts.push(bytes.toString('base64url')); // requests: URL-safe, unpadded
  }
  const { hasNative, results } = await inWorker(texts);
  expect(hasNative).toBe(true);
  expect(results.map((r) => r.loopBytes)).toEqual(sizes.flatMap((n) => [n, n]));
  expect(results.every((r) => r.same && r.nativeCalled)).toBe(true);
});

test('bad or mixed input: the native decoder declines and the loop gives the same answer as without it', async () => {
  const good = bytesOf(3000, 7).toString('base64');
  const texts = [
    `${good.slice(0, 1000)}-_${good.slice(1002)}`, // both alphabets in one body
    `${good.slice(0, 2000)}*${good.slice(2001)}`, // a character of neither
    `${good.slice(0, 2000)}=${good.slice(2001)}`, // padding inside
    good.slice(0, 2001), // truncated: length 1 mod 4
  ];
  const { results } = await inWorker(texts);
  expect(results.map((r) => r.same)).toEqual([true, true, true, true]);
  expect(results.map((r) => r.loopOk)).toEqual([true, false, false, false]);
});
