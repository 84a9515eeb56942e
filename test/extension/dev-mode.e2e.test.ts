/**
 * Dev mode end to end (issue 6): the built CLI `mesop-devtools dev` on the real pinned Mesop, real
 * Chromium with the built extension, the Mesop tab shown. Record a flow (full states go up), press
 * "memory" in the panel, record the same flow again (a token goes up), and check the A/B comparison
 * the panel shows against the panel's own per-event numbers; then switch to file and back to none.
 * Without the supervisor (plain `mesop`), the switcher is absent and the hint shows.
 * Also takes a screenshot: docs/dev-mode.png under `npm run screenshots`, a temporary file otherwise.
 * Run: node scripts/build.mjs && npx jest test/extension/dev-mode.e2e
 */
import { execFileSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Frame, Page } from 'puppeteer-core';
import type { ReportEvent } from '../../src/core/report/report-types';
import { CHAT_APP } from './support/chat-app';
import { EXTENSION_DIR, launchWithExtension, openDevTools, showMesopPanel, type Session } from './support/chromium';
import { DEV_CLI, startDevCli, type DevCli } from './support/dev-cli';
import { abRows, abSaving, devMode, recordFlow, switchTo, waitForComparison } from './support/dev-mode-panel';
import { startMesop, type MesopServer } from './support/mesop-server';
import { pressInPanel } from './support/panel-press';
import { showPanelAt } from './support/panel-size';
import { screenshotPath, screenshotTmp } from './support/screenshot-path';

const ROOT = resolve(__dirname, '../..');
const MESSAGES = ['Hello there', 'How big is my state?', 'One more question'];
const EVENTS = 1 + 2 * MESSAGES.length;
const shots = screenshotTmp();

let dev: DevCli | undefined;
let plain: MesopServer | undefined;
let session: Session | undefined;
let dt: Page;
let panel: Frame;

beforeAll(async () => {
  if (!existsSync(join(EXTENSION_DIR, 'panel.js')) || !existsSync(DEV_CLI)) {
    execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: ROOT, stdio: 'inherit' });
  }
  // All three start in parallel: on a busy 2-core machine Mesop's start-up dominates.
  const started = await Promise.allSettled([
    startDevCli(CHAT_APP, { MESOP_WEBSOCKETS_ENABLED: 'false' }),
    startMesop(CHAT_APP),
    launchWithExtension(),
  ]);
  if (started[0].status === 'fulfilled') dev = started[0].value;
  if (started[1].status === 'fulfilled') plain = started[1].value;
  if (started[2].status === 'fulfilled') session = started[2].value;
  const failed = started.find((s) => s.status === 'rejected') as PromiseRejectedResult | undefined;
  if (failed) throw failed.reason;
  const opened = await openDevTools(session!);
  dt = opened.dt;
  await dt.setViewport({ width: 1280, height: 900 }).catch(() => undefined);
  panel = await showMesopPanel(dt, opened.extId);
}, 120_000);

afterAll(async () => {
  rmSync(shots, { recursive: true, force: true });
  await session?.close();
  await plain?.stop();
  const left = await dev?.stop();
  expect(left ?? []).toEqual([]);
});

test('switches the backend from the panel and shows the measured A/B saving', async () => {
  const t0 = Date.now();
  const page = session!.page;
  if (!(await panel.$eval('#preserve-log', (el) => (el as HTMLInputElement).checked)))
    await pressInPanel(panel, '#preserve-log');
  await page.goto(`${dev!.origin}/`);
  await panel.waitForSelector('#dev-switcher[data-backend="none"][data-status="running"]', { timeout: 30_000 });
  const first = await devMode(panel);
  expect(first.state).toMatchObject({ version: 1, backend: 'none', transport: 'sse', app: 'main.py' });
  dev!.track(first.state!.child.pid);
  // The panel never holds the secret: it only sees DevState.
  expect(JSON.stringify(first)).not.toMatch(/secret/i);

  const runA = await recordFlow(panel, page, MESSAGES);
  expect(runA.filter((e) => e.kind !== 'init').every((e) => e.request.stateUpload === 'full')).toBe(true);

  await switchTo(panel, page, dev!, 'memory');
  await panel.waitForSelector('#ab-waiting, #ab-comparison'); // run A kept; run B starts with the reload's init
  const runB = await recordFlow(panel, page, MESSAGES);
  expect(runB.filter((e) => e.kind !== 'init').every((e) => e.request.stateUpload === 'token')).toBe(true);

  // The comparison is computed from exactly the events the panel listed for each run.
  const comparison = await waitForComparison(panel, EVENTS);
  expect(comparison).toMatchObject({
    a: { label: 'none', backend: 'none' },
    b: { label: 'memory', backend: 'server-side' },
    sameFlow: true,
  });
  const rows = await abRows(panel);
  expect(rows).toEqual(
    runA.map((a, i) => ({
      upA: a.request.bytes,
      upB: runB[i]!.request.bytes,
      downA: a.response.bytes,
      downB: runB[i]!.response.bytes,
    })),
  );
  const sum = (es: ReportEvent[], f: (e: ReportEvent) => number) => es.reduce((s, e) => s + f(e), 0);
  const saving = await abSaving(panel);
  expect(saving.up).toBe(sum(runA, (e) => e.request.bytes) - sum(runB, (e) => e.request.bytes));
  expect(saving.total).toBe(
    sum(runA, (e) => e.request.bytes + e.response.bytes) - sum(runB, (e) => e.request.bytes + e.response.bytes),
  );
  // The measured saving: from the second message on, a full state upload outweighs the token.
  expect(saving.up).toBeGreaterThan(0);
  for (let i = 3; i < EVENTS; i++) expect(runB[i]!.request.bytes).toBeLessThan(runA[i]!.request.bytes);
  expect(saving.text).toMatch(/^B saves .+ up \(\d+ %\)/);
  // The advice names the backend the dev session runs (the traffic alone shows only that a token goes up).
  await pressInPanel(panel, '#tab-advice');
  await panel.waitForFunction(
    () =>
      /the memory backend holds/.test(
        document.querySelector('.finding[data-rule="backend-already-on"]')?.textContent ?? '',
      ),
    { timeout: 15_000 },
  );

  await screenshot();
  await switchTo(panel, page, dev!, 'file');
  await switchTo(panel, page, dev!, 'none');
  expect(await panel.$eval('#dev-switcher', (el) => el.textContent)).toContain('no session backend');
  console.log(`dev-mode A/B: up saving ${saving.up} B, total ${saving.total} B; 3 switches; ${Date.now() - t0} ms`);
});

test('shows a crash of the Mesop child with its exit and log, and restarts it', async () => {
  const page = session!.page;
  const { state } = await devMode(panel);
  process.kill(state!.child.pid!, 'SIGKILL');
  await panel.waitForSelector('#dev-crash', { timeout: 15_000 });
  expect(await panel.$eval('#dev-crash', (el) => el.textContent)).toMatch(/Mesop crashed.*signal SIGKILL/);
  expect(await panel.$$eval('.segmented button', (bs) => bs.every((b) => (b as HTMLButtonElement).disabled))).toBe(
    true,
  );
  const reloaded = page.waitForNavigation({ waitUntil: 'domcontentloaded', timeout: 60_000 });
  await pressInPanel(panel, '#dev-restart');
  await reloaded;
  await panel.waitForSelector('#dev-switcher[data-backend="none"][data-status="running"]', { timeout: 30_000 });
  expect(await panel.$('#dev-crash')).toBeNull();
  dev!.track((await devMode(panel)).state!.child.pid);
  await page.waitForSelector('input'); // the app answers again
});

test('without the supervisor (plain mesop) the switcher is absent and the hint shows', async () => {
  await session!.page.goto(`${plain!.origin}/`);
  await panel.waitForSelector('#dev-hint', { timeout: 15_000 });
  expect(await panel.$eval('#dev-hint', (el) => el.textContent)).toContain(
    'run mesop-devtools dev main.py to switch backends from here',
  );
  expect(await panel.$('#dev-switcher')).toBeNull();
});

/** docs/dev-mode.png (see screenshotPath): the Mesop tab with the switcher and the comparison, from this real run. */
async function screenshot(): Promise<void> {
  // Undocked (a docked DevTools could not be captured: the shot came out blank) and as wide as the
  // window, so the comparison table has room (panel-sizes.e2e checks this layout).
  await showPanelAt(dt, panel, 'undocked');
  await dt.screenshot({ path: screenshotPath('dev-mode.png', shots), captureBeyondViewport: false });
}
