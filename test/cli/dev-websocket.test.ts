/**
 * Mesop's WebSocket mode (MESOP_WEBSOCKETS_ENABLED=true from the user's environment, passed
 * through to the child) behind the dev proxy: the Upgrade is tunnelled, frames flow both ways, and
 * the state endpoint reports the transport read from the page Mesop served.
 */
import type { Browser } from 'puppeteer-core';
import { analyzeExchanges } from '../../src/core/analyze';
import { launchChromium } from '../../src/cli/app/chromium';
import { startCapture, settle } from '../../src/cli/capture';
import { control, secretOf, startTestDev, type TestDev } from './dev-helpers';

let dev: TestDev;
let chromium: Awaited<ReturnType<typeof launchChromium>>;
let browser: Browser;

beforeAll(async () => {
  [dev, chromium] = await Promise.all([
    startTestDev('spike_capture.py', { env: { MESOP_WEBSOCKETS_ENABLED: 'true' } }),
    launchChromium(),
  ]);
  browser = chromium.browser;
});
afterAll(async () => {
  await chromium?.close();
  await dev?.cleanup();
});

it('tunnels ws://…/__ui__: the page loads, a click round-trips, the core decodes the frames', async () => {
  const page = await browser.newPage();
  const capture = await startCapture(page);
  await settle(capture, () => page.goto(`${dev.origin}/`));
  await settle(capture, () => page.locator('::-p-aria([name="Increment"][role="button"])').click());
  await page.locator('::-p-text(count=1)').wait();
  await capture.stop();
  await page.close();

  const socket = capture.records().find((r) => r.kind === 'websocket');
  expect(socket?.url).toBe(`ws://127.0.0.1:${dev.port}/__ui__`);
  const { session } = analyzeExchanges(capture.exchanges());
  expect(session.transport).toBe('websocket');
  const events = session.events.filter((e) => e.kind !== 'init');
  expect(events).toHaveLength(1);
  expect(events[0]!.request.stateUpload).toBe('empty');
  expect(events[0]!.response.streamEnded).toBe(true);
  expect(events[0]!.problems).toEqual([]);

  const state = JSON.parse((await control(dev.port, await secretOf(dev.port), 'GET', 'state')).body);
  expect(state.transport).toBe('websocket');
});
