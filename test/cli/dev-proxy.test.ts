/**
 * `mesop-devtools dev` end to end on the server side: a real Mesop behind the real proxy, driven by
 * headless Chromium. The page must work as under plain `mesop` (SSE streamed chunk by chunk, the
 * hot-reload long poll), and a switch asked from the page itself, with the marker's secret, must
 * change what the next event uploads: full states with `none`, a token with `memory`, `file` and
 * `sql` (decoded by src/core from a CDP capture).
 */
import { appendFileSync, existsSync, readdirSync } from 'node:fs';
import { request } from 'node:http';
import { dirname } from 'node:path';
import type { Browser, Page } from 'puppeteer-core';
import { analyzeExchanges } from '../../src/core/analyze';
import { compareRuns } from '../../src/core/compare';
import { launchChromium } from '../../src/cli/app/chromium';
import { startCapture, settle, type Capture } from '../../src/cli/capture';
import type { DevState } from '../../src/core/dev-control/contract';
import { startTestDev, type TestDev } from './dev-helpers';

let dev: TestDev;
let chromium: Awaited<ReturnType<typeof launchChromium>>;
let browser: Browser;

beforeAll(async () => {
  [dev, chromium] = await Promise.all([startTestDev('spike_capture.py'), launchChromium()]);
  browser = chromium.browser;
});
afterAll(async () => {
  await chromium?.close();
  await dev?.cleanup();
});

const button = (name: string) => `::-p-aria([name="${name}"][role="button"])`;

/** Opens the app through the proxy, clicks `name`, returns the decoded session. */
async function clickOnce(
  name: string,
): Promise<{ page: Page; capture: Capture; analysis: ReturnType<typeof analyzeExchanges> }> {
  const page = await browser.newPage();
  const capture = await startCapture(page);
  await settle(capture, () => page.goto(`${dev.origin}/`));
  await settle(capture, () => page.locator(button(name)).click());
  await capture.stop();
  return { page, capture, analysis: analyzeExchanges(capture.exchanges()) };
}

/** A control call made the way the content script will: from the page, with the marker's secret. */
async function switchFromPage(page: Page, backend: string): Promise<{ status: number; body: DevState }> {
  return page.evaluate(async (b) => {
    const meta = document.querySelector('meta[name="mesop-devtools-dev"]') as HTMLMetaElement;
    const r = await fetch(`${meta.dataset.control}switch`, {
      method: 'POST',
      body: JSON.stringify({ backend: b }),
      headers: { 'content-type': 'application/json', 'x-mesop-devtools-secret': meta.dataset.secret! },
    });
    return { status: r.status, body: await r.json() };
  }, backend);
}

function userEvent(analysis: ReturnType<typeof analyzeExchanges>) {
  const events = analysis.session.events.filter((e) => e.kind !== 'init');
  expect(events).toHaveLength(1);
  return events[0]!;
}

let fullUploadBytes = 0;
let beforeSwitch: ReturnType<typeof analyzeExchanges>['session'];

it('serves the app through the proxy: page, click, SSE event decoded intact', async () => {
  const { page, analysis } = await clickOnce('Increment');
  expect(analysis.session.transport).toBe('sse');
  const event = userEvent(analysis);
  expect(event.problems).toEqual([]);
  expect(event.request.stateUpload).toBe('full');
  expect(event.response.streamEnded).toBe(true);
  expect(await page.$eval('meta[name="mesop-devtools-dev"]', (m) => m.getAttribute('content'))).toBe('1');
  await page.locator('::-p-text(count=1)').wait();
  fullUploadBytes = event.request.bytes;
  beforeSwitch = analysis.session;
  await page.close();
});

it('streams SSE chunk by chunk, byte-identical to a direct request', async () => {
  const { page, capture } = await clickOnce('Stream');
  await page.close();
  // The last exchange is the click (the first one is the page's init request).
  const body = capture.exchanges().at(-1)?.requestBody;
  expect(body).toBeTruthy();
  const direct = await timedPost((await dev.supervisor.target())!, body!);
  const proxied = await timedPost(dev.port, body!);
  expect(proxied.headers['content-type']).toMatch(/^text\/event-stream/);
  expect(proxied.headers['content-length']).toBeUndefined();
  expect(proxied.text).toBe(direct.text);
  expect(proxied.text.match(/^data: /gm)?.length).toBeGreaterThanOrEqual(6);
  // The generator sleeps 60 ms between its 5 yields: buffered, everything would arrive at once.
  expect(proxied.firstDataAt).toBeLessThan(proxied.endAt - 150);
});

it('passes the hot-reload long poll through, answered when the app file changes', async () => {
  const poll = timedGet(dev.port, '/__hot-reload__?counter=0');
  let answered = false;
  void poll.then(
    () => {
      answered = true;
    },
    () => undefined,
  );
  // Held, not answered: requests sent after it through the same proxy to the same Mesop come back
  // first (a prompt answer would be back before them), and it is still waiting.
  for (let i = 0; i < 3; i++) expect((await timedGet(dev.port, '/')).status).toBe(200);
  expect(answered).toBe(false);
  appendFileSync(`${dev.appDir}/main.py`, '\n# touched by dev-proxy.test.ts\n');
  const answer = await poll;
  expect(answer.status).toBe(200);
  expect(answer.text).toMatch(/^\d+$/);
  expect(Number(answer.text)).toBeGreaterThanOrEqual(1);
});

it('switches to memory from the page: the next event uploads a token, not the states', async () => {
  const page = await browser.newPage();
  await page.goto(`${dev.origin}/`);
  const t0 = Date.now();
  const r = await switchFromPage(page, 'memory');
  const switchMs = Date.now() - t0;
  await page.close();
  expect(r.status).toBe(200);
  expect(r.body).toMatchObject({ backend: 'memory', child: { status: 'running', restarts: 1 }, backendDir: null });
  expect(switchMs).toBeLessThan(30_000);

  const { page: p2, analysis } = await clickOnce('Increment');
  await p2.close();
  const event = userEvent(analysis);
  expect(event.request.stateUpload).toBe('token');
  expect(event.request.bytes).toBeLessThan(fullUploadBytes);
  expect(event.response.token).toMatch(/^[A-Za-z0-9_-]{22}$/);

  // The A/B the panel will render: same flow, measured saving on the upload.
  const ab = compareRuns(beforeSwitch, analysis.session, { a: 'none', b: 'memory' });
  expect(ab.sameFlow).toBe(true);
  expect([ab.a.backend, ab.b.backend]).toEqual(['none', 'server-side']);
  expect(ab.rows[1]!.delta!.stateUp).toBe(-ab.rows[1]!.a!.stateUp);
  expect(ab.saving.up).toBe(fullUploadBytes - event.request.bytes);
  expect(ab.saving.up).toBeGreaterThan(0);
});

it('file creates its temporary directory, sql its SQLite file, and both go when switched away', async () => {
  const page = await browser.newPage();
  await page.goto(`${dev.origin}/`);
  const file = await switchFromPage(page, 'file');
  expect(file.status).toBe(200);
  const fileDir = file.body.backendDir!;
  expect(dirname(fileDir)).toBe(dev.supervisor.tempRoot);
  expect(existsSync(fileDir)).toBe(true);
  await page.close();
  const a = await clickOnce('Increment');
  expect(userEvent(a.analysis).request.stateUpload).toBe('token');
  expect(readdirSync(fileDir).some((f) => f.startsWith('session'))).toBe(true);

  const sql = await switchFromPage(a.page, 'sql');
  expect(sql.status).toBe(200);
  expect(existsSync(fileDir)).toBe(false);
  const sqlDir = sql.body.backendDir!;
  await a.page.close();
  const b = await clickOnce('Increment');
  expect(userEvent(b.analysis).request.stateUpload).toBe('token');
  expect(readdirSync(sqlDir)).toContain('sessions.sqlite3');

  const none = await switchFromPage(b.page, 'none');
  await b.page.close();
  expect(none.body).toMatchObject({ backend: 'none', backendDir: null, child: { status: 'running' } });
  expect(existsSync(sqlDir)).toBe(false);
  const c = await clickOnce('Increment');
  await c.page.close();
  expect(userEvent(c.analysis).request.stateUpload).toBe('full');
});

interface Timed {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  firstDataAt: number;
  endAt: number;
}

function timedPost(port: number, body: string): Promise<Timed> {
  return timed(port, 'POST', '/__ui__', body);
}
function timedGet(port: number, path: string): Promise<Timed> {
  return timed(port, 'GET', path);
}

function timed(port: number, method: string, path: string, body?: string): Promise<Timed> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port, method, path, agent: false, headers: { 'content-type': 'text/plain;charset=UTF-8' } },
      (res) => {
        let text = '';
        let firstDataAt = 0;
        res.setEncoding('utf8');
        res.on('data', (c: string) => {
          if (!firstDataAt && (text + c).includes('data: ')) firstDataAt = Date.now();
          text += c;
        });
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, text, firstDataAt, endAt: Date.now() }),
        );
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}
