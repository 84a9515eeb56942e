/**
 * What reading an XHR's `responseText` costs in Chromium, first and again (issue 24: why the page
 * hook reads it after the app's listener, src/extension/hook-xhr.ts). A local server streams
 * `--mb` MB of SSE in 1 MB chunks; in a `progress` listener the page reads `responseText` three
 * times per chunk, timing each. Measured 2026-12-08, Chromium 156: the first read after a new chunk
 * builds a string of the whole text (O(n): 12-18 ms at 10 MB), the next reads return the same
 * string (0 ms), until the next chunk. So whoever reads first pays, for everyone.
 *
 *   node scripts/build.mjs && node dist/scripts/xhr-text-cost.js [--mb 10] [--chromium /usr/lib/chromium/chromium]
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { CHROMIUM, launchChromium } from '../src/cli/app/chromium';

const arg = (name: string, fallback: string): string => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1]! : fallback;
};
const MB = Number(arg('mb', '10'));
const BROWSER = arg('chromium', CHROMIUM);
const CHUNK = `data: ${'A'.repeat(1024 * 1024 - 8)}\n\n`;

const server = http.createServer((req, res) => {
  if (req.url === '/') return res.end('<!doctype html><title>xhr</title>');
  res.writeHead(200, { 'content-type': 'text/event-stream' });
  let sent = 0;
  const timer = setInterval(() => {
    res.write(CHUNK);
    if (++sent === MB) {
      clearInterval(timer);
      res.end('data: <stream_end>\n\n');
    }
  }, 60);
});
interface Row {
  chars: number;
  first: number;
  second: number;
  third: number;
}

async function main(): Promise<void> {
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const { browser, close } = await launchChromium({ executablePath: BROWSER });
  try {
    const page = await browser.newPage();
    await page.goto(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
    const rows = await page.evaluate(
      () =>
        new Promise<Row[]>((resolve) => {
          const out: Row[] = [];
          const xhr = new XMLHttpRequest();
          const time = () => {
            const t0 = performance.now();
            const text = xhr.responseText;
            return { text, ms: performance.now() - t0 };
          };
          xhr.addEventListener('progress', () => {
            const [a, b, c] = [time(), time(), time()];
            out.push({ chars: a.text.length, first: a.ms, second: b.ms, third: c.ms });
          });
          xhr.addEventListener('loadend', () => resolve(out));
          xhr.open('POST', '/stream');
          xhr.send('x');
        }),
    );
    console.log('characters\tfirst read ms\tsecond ms\tthird ms');
    for (const r of rows)
      console.log(`${r.chars}\t${r.first.toFixed(1)}\t${r.second.toFixed(1)}\t${r.third.toFixed(1)}`);
  } finally {
    await close();
    server.close();
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
