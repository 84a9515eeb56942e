/**
 * Dev mode in Mesop's WebSocket mode (MESOP_WEBSOCKETS_ENABLED=true), end to end: the built CLI
 * `mesop-devtools dev` on the real pinned Mesop, real Chromium with the built extension. The
 * switch works over the tunnelled socket (Mesop restarts, the page reloads and reconnects), and the
 * panel says what the user must know in this mode: Mesop keeps the state per connection in the
 * server, no state crosses the wire, so the backend changes no byte. The A/B comparison shows
 * exactly that, from the panel's own per-event numbers.
 * Run: node scripts/build.mjs && npx jest test/extension/dev-mode-websocket.e2e
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Frame } from 'puppeteer-core';
import { CHAT_APP } from './support/chat-app';
import { EXTENSION_DIR, launchWithExtension, openDevTools, showMesopPanel, type Session } from './support/chromium';
import { DEV_CLI, startDevCli, type DevCli } from './support/dev-cli';
import { abRows, abSaving, devMode, recordFlow, switchTo, waitForComparison } from './support/dev-mode-panel';
import { pressInPanel } from './support/panel-press';

const ROOT = resolve(__dirname, '../..');
const MESSAGES = ['Hello over a socket', 'Is my state uploaded?'];
const EVENTS = 1 + 2 * MESSAGES.length;

let dev: DevCli | undefined;
let session: Session | undefined;
let panel: Frame;

beforeAll(async () => {
  if (!existsSync(join(EXTENSION_DIR, 'panel.js')) || !existsSync(DEV_CLI)) {
    execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: ROOT, stdio: 'inherit' });
  }
  const started = await Promise.allSettled([
    startDevCli(CHAT_APP, { MESOP_WEBSOCKETS_ENABLED: 'true' }),
    launchWithExtension(),
  ]);
  if (started[0].status === 'fulfilled') dev = started[0].value;
  if (started[1].status === 'fulfilled') session = started[1].value;
  const failed = started.find((s) => s.status === 'rejected') as PromiseRejectedResult | undefined;
  if (failed) throw failed.reason;
  const opened = await openDevTools(session!);
  panel = await showMesopPanel(opened.dt, opened.extId);
}, 120_000);

afterAll(async () => {
  await session?.close();
  const left = await dev?.stop();
  expect(left ?? []).toEqual([]);
});

const sessionTransport = () =>
  panel.evaluate(() => (window as any).__mesopDebug?.report?.session?.transport as string | undefined);

test('switches the backend over WebSockets and says the backend changes no byte there', async () => {
  const page = session!.page;
  if (!(await panel.$eval('#preserve-log', (el) => (el as HTMLInputElement).checked)))
    await pressInPanel(panel, '#preserve-log');
  await page.goto(`${dev!.origin}/`);
  await panel.waitForSelector('#dev-switcher[data-backend="none"][data-status="running"]', { timeout: 30_000 });
  const first = await devMode(panel);
  expect(first.state).toMatchObject({ backend: 'none', transport: 'websocket' });
  dev!.track(first.state!.child.pid);
  // The mode is named, and the SSE description ("uploads the whole state") is not shown.
  expect(await panel.$eval('#dev-switcher .badge', (el) => el.textContent)).toContain('WebSocket');
  const note = await panel.$eval('#dev-websocket-note', (el) => el.textContent ?? '');
  expect(note).toMatch(/WebSocket mode: .*no state crosses the socket.*does not change the payload/);
  expect(await panel.$eval('#dev-switcher', (el) => el.textContent)).not.toContain('uploads the whole state');

  const runA = await recordFlow(panel, page, MESSAGES);
  expect(await sessionTransport()).toBe('websocket');
  // Mesop's client sends an empty States message in this mode: no state goes up.
  expect(runA.filter((e) => e.kind !== 'init').map((e) => e.request.stateUpload)).toEqual(
    Array(EVENTS - 1).fill('empty'),
  );

  await switchTo(panel, page, dev!, 'memory');
  const runB = await recordFlow(panel, page, MESSAGES);
  expect(runB.filter((e) => e.kind !== 'init').map((e) => e.request.stateUpload)).toEqual(
    Array(EVENTS - 1).fill('empty'),
  );

  const comparison = await waitForComparison(panel, EVENTS);
  expect(comparison).toMatchObject({
    a: { label: 'none', transport: 'websocket' },
    b: { label: 'memory', transport: 'websocket' },
    sameFlow: true,
  });
  expect(await panel.$eval('#ab-transport-note', (el) => el.textContent)).toMatch(
    /^Both runs used WebSocket mode: no state crossed the wire/,
  );
  // The table is the panel's own per-event numbers, and what went up did not change with the backend.
  const rows = await abRows(panel);
  expect(rows).toEqual(
    runA.map((a, i) => ({
      upA: a.request.bytes,
      upB: runB[i]!.request.bytes,
      downA: a.response.bytes,
      downB: runB[i]!.response.bytes,
    })),
  );
  expect(rows.map((r) => r.upB)).toEqual(rows.map((r) => r.upA));
  expect((await abSaving(panel)).up).toBe(0);

  await switchTo(panel, page, dev!, 'none');
  await page.waitForSelector('input'); // the app answers again over a new socket
});
