/**
 * The capture must keep an SSE body that the page aborts (Mesop's client calls xhr.abort() as soon
 * as it reads `data: <stream_end>`). Mesop 1.3.7 ends its response right after the terminator, so
 * a real server rarely shows the race (docs/capture.md); this test forces it with a tiny server
 * that keeps the response open after `<stream_end>`, and checks both capture paths.
 */
import { startCapture, waitForMesopIdle } from '../../../src/cli/capture';
import { startPageServer, type PageServer } from './page-server';

const BODY = 'data: AAAA\n\ndata: BBBB\n\ndata: <stream_end>\n\n';
const PAGE = `<!doctype html><script>
function send() {
  const xhr = new XMLHttpRequest();
  xhr.open('POST', '/base/__ui__');
  xhr.onprogress = () => { if (xhr.responseText.includes('<stream_end>')) xhr.abort(); };
  xhr.send('request-body');
}
</script>`;

let env: PageServer;
const timers = new Set<NodeJS.Timeout>();

beforeAll(async () => {
  env = await startPageServer(PAGE, '/base/__ui__', (_req, res) => {
    res.writeHead(200, { 'content-type': 'text/event-stream' });
    res.write(BODY);
    const t = setTimeout(() => {
      timers.delete(t);
      res.end();
    }, 1500); // still open when the client aborts
    timers.add(t);
  });
});

afterAll(async () => {
  for (const t of timers) clearTimeout(t);
  await env?.close();
});

async function run(streamBodies: boolean) {
  const page = await env.browser.newPage();
  try {
    const capture = await startCapture(page, { streamBodies });
    await page.goto(`${env.origin}/`);
    const since = capture.activity().started;
    await page.evaluate('send()');
    await waitForMesopIdle(capture, { since, expectRequests: 1 });
    await capture.stop();
    return capture;
  } finally {
    await page.close();
  }
}

test('streaming keeps the body of an aborted SSE request', async () => {
  const capture = await run(true);
  const [ex] = capture.exchanges();
  expect(ex?.url).toBe(`${env.origin}/base/__ui__`);
  expect(ex?.requestBody).toBe('request-body');
  expect(ex?.responseText).toBe(BODY);
  // The body is whole, so the client's abort after <stream_end> is not a problem (still counted).
  expect(ex?.captureNote).toBeUndefined();
  expect(capture.stats()).toMatchObject({ uiRequests: 1, aborted: 1, streamed: 1, noBody: 0 });
  const har = capture.toHar();
  const entry = har.log.entries.find((e) => e.request.url.endsWith('/__ui__'));
  expect(entry?.response.content.text).toBe(BODY);
  expect(entry?.response._error).toContain('ERR_ABORTED');
  expect(entry?._resourceType).toBe('xhr');
});

test('without streaming, getResponseBody loses the aborted body', async () => {
  const capture = await run(false);
  expect(capture.stats()).toMatchObject({
    uiRequests: 1,
    aborted: 1,
    streamed: 0,
    getResponseBodyMissing: 1,
    noBody: 1,
  });
  expect(capture.exchanges()[0]?.captureNote).toContain('response body not captured');
});
