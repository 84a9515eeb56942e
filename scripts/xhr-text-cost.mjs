/**
 * What reading an XHR's `responseText` costs in Chromium, first and again (issue 24: why the page
 * hook reads it after the app's listener, src/extension/hook-xhr.ts). A local server streams
 * `--mb` MB of SSE in 1 MB chunks; in a `progress` listener the page reads `responseText` three
 * times per chunk, timing each. Measured 2026-12-08, Chromium 156: the first read after a new chunk
 * builds a string of the whole text (O(n): 12-18 ms at 10 MB), the next reads return the same
 * string (0 ms), until the next chunk. So whoever reads first pays, for everyone.
 *
 *   node scripts/xhr-text-cost.mjs [--mb 10] [--chromium /usr/lib/chromium/chromium]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer from 'puppeteer-core';

const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
};
const MB = Number(arg('mb', '10'));
const CHROMIUM = arg('chromium', '/usr/lib/chromium/chromium');
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
await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
const profile = mkdtempSync(join(tmpdir(), 'xhr-text-cost-'));
const browser = await puppeteer.launch({
  executablePath: CHROMIUM,
  headless: true,
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
    `--user-data-dir=${profile}`,
  ],
});
try {
  const page = await browser.newPage();
  await page.goto(`http://127.0.0.1:${server.address().port}/`);
  const rows = await page.evaluate(
    () =>
      new Promise((resolve) => {
        const out = [];
        const xhr = new globalThis.XMLHttpRequest(); // (in the page)
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
  for (const r of rows) console.log(`${r.chars}\t${r.first.toFixed(1)}\t${r.second.toFixed(1)}\t${r.third.toFixed(1)}`);
} finally {
  await browser.close();
  server.close();
  rmSync(profile, { recursive: true, force: true });
}
