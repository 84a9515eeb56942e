/**
 * waitForMesopIdle must not end while the page is still about to send a Mesop request. The two
 * cases Mesop's client really has (mesop/web/src/services/channel.ts): a click whose request
 * leaves only after long synchronous work (serializing a 1 MB state), and an event queued during a
 * response that is sent once `<stream_end>` has been applied. Neither shows on the network when
 * the action returns; the main-thread barrier on the capture's own CDP session is what catches
 * them. A tiny server plays the page and the endpoint, so the timings are the page's, not Mesop's.
 */
import type { Page } from 'puppeteer-core';
import { startCapture, waitForMesopIdle, type Capture } from '../../../src/cli/capture';
import { startPageServer, type PageServer } from './page-server';

const BODY = 'data: AAAA\n\ndata: <stream_end>\n\n';
const PAGE = `<!doctype html><button id="b">go</button><script>
window.sent = 0;
function send(then) {
  window.sent++;
  const xhr = new XMLHttpRequest();
  xhr.open('POST', '/__ui__');
  xhr.onload = () => { if (then) then(); };
  xhr.send('request-' + window.sent);
}
function busy(ms) { const end = performance.now() + ms; while (performance.now() < end); }
// Like Mesop's image app: the request leaves after the click's task, behind 400 ms of work.
function slowClick() { setTimeout(() => { busy(400); send(); }, 0); }
// Like an event queued during a response: sent from a task queued when the response is applied,
// after 200 ms of applying it (a big component tree), longer than any quiet window. (The capture's
// getResponseBody call, which the busy renderer answers only afterwards, often catches it too.)
function chained() { send(() => setTimeout(() => { busy(200); send(); }, 0)); }
</script>`;

let env: PageServer;

beforeAll(async () => {
  env = await startPageServer(PAGE, '/__ui__', (req, res) => {
    req.resume();
    req.on('end', () => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.end(BODY);
    });
  });
});
afterAll(async () => {
  await env?.close();
});

async function withPage(fn: (page: Page, capture: Capture) => Promise<void>): Promise<void> {
  const page = await env.browser.newPage();
  const capture = await startCapture(page);
  try {
    await page.goto(`${env.origin}/`);
    await fn(page, capture);
  } finally {
    await capture.stop();
    await page.close();
  }
}

const uiDone = (capture: Capture) => capture.records().filter((r) => r.isUi && r.kind === 'http' && r.done).length;

test('waits for a request that leaves 400 ms after the action returned', async () => {
  await withPage(async (page, capture) => {
    const since = capture.activity().started;
    await page.evaluate('slowClick()');
    // expectRequests 0, as for a click step: nothing on the network says a request is coming.
    await waitForMesopIdle(capture, { since, actionEndedAt: Date.now() });
    expect(await page.evaluate('window.sent')).toBe(1);
    expect(uiDone(capture)).toBe(1);
  });
});

test('waits for an event sent from tasks queued when a response is applied', async () => {
  await withPage(async (page, capture) => {
    const since = capture.activity().started;
    await page.evaluate('chained()');
    await waitForMesopIdle(capture, { since, expectRequests: 1, actionEndedAt: Date.now() });
    expect(await page.evaluate('window.sent')).toBe(2);
    expect(uiDone(capture)).toBe(2);
  });
});

test('an action that navigates: the wait ends, and nothing is left in flight on the new page', async () => {
  await withPage(async (page, capture) => {
    const since = capture.activity().started;
    await page.evaluate(`setTimeout(() => { location.href = '/?again'; }, 0)`);
    await waitForMesopIdle(capture, { since, actionEndedAt: Date.now() });
    await page.waitForFunction(() => location.search === '?again');
    expect(capture.activity().busy).toEqual([]);
  });
});

test('a probe whose page goes away resolves instead of failing the step', async () => {
  const page = await env.browser.newPage();
  const capture = await startCapture(page);
  await page.goto(`${env.origin}/`);
  // The probe's timers cannot run while the page is busy: it is still pending when the page closes.
  // The marker that the page is busy (rather than a pause that may end before it is): the console
  // message its busy task logs first, which CDP delivers while the task still runs.
  const busyNow = new Promise<void>((r) =>
    page.on('console', (m) => {
      if (m.text() === 'busy') r();
    }),
  );
  await page.evaluate("setTimeout(() => { console.log('busy'); busy(3000); }, 0)");
  await busyNow;
  let settled = false;
  const probe = capture.barrier().then(() => {
    settled = true;
  });
  await page.browser().version(); // a CDP round trip: time enough for a probe that did not need the page
  expect(settled).toBe(false);
  await page.close();
  await expect(probe).resolves.toBeUndefined();
  await capture.stop();
});
