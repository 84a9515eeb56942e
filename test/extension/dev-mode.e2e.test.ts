/**
 * Dev mode end to end (issue 6): the built CLI `mesop-devtools dev` on the real pinned Mesop, real
 * Chromium with the built extension, the Mesop tab shown. Record a flow (full states go up), press
 * "memory" in the panel, record the same flow again (a token goes up), and check the A/B comparison
 * the panel shows against the panel's own per-event numbers; then switch to file and back to none.
 * Without the supervisor (plain `mesop`), the switcher is absent and the hint shows.
 * Also takes docs/dev-mode.png. Run: node scripts/build.mjs && npx jest test/extension/dev-mode.e2e
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Frame, Page } from 'puppeteer-core';
import type { RunComparison } from '../../src/core/compare';
import type { DevState } from '../../src/core/dev-control/contract';
import type { ReportEvent } from '../../src/core/report/report-types';
import { CHAT_APP, sendChat } from './support/chat-app';
import { EXTENSION_DIR, launchWithExtension, openDevTools, showMesopPanel, type Session } from './support/chromium';
import { freePort, startMesop, type MesopServer } from './support/mesop-server';
import { pressInPanel } from './support/panel-press';

const ROOT = resolve(__dirname, '../..');
const CLI = join(ROOT, 'dist/cli/mesop-devtools.js');
const MESOP = join(ROOT, '.venv/bin/mesop');
const MESSAGES = ['Hello there', 'How big is my state?', 'One more question'];
const EVENTS = 1 + 2 * MESSAGES.length;

let appDir: string;
let cli: ChildProcess | undefined;
let cliLog = '';
let origin = '';
let plain: MesopServer | undefined;
let session: Session | undefined;
let dt: Page;
let panel: Frame;
const mesopPids: number[] = [];

const alive = (pid: number): boolean => { try { process.kill(pid, 0); return true; } catch { return false; } };
/** Unref'd, so a timer left over from a Promise.race never keeps jest alive. */
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms).unref());

/** The built CLI as the user runs it, on a copy of the app (Mesop's watcher never sees test/apps). */
async function startDevCli(): Promise<void> {
  appDir = mkdtempSync(join(tmpdir(), 'dev-mode-e2e-'));
  copyFileSync(join(ROOT, CHAT_APP), join(appDir, 'main.py'));
  const port = await freePort();
  origin = `http://127.0.0.1:${port}`;
  cli = spawn(process.execPath, [CLI, 'dev', 'main.py', '--port', String(port), '--mesop', MESOP, '--backend', 'none'],
    { cwd: appDir, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, MESOP_WEBSOCKETS_ENABLED: 'false', PYTHONUNBUFFERED: '1' } });
  cli.stdout!.on('data', (d) => { cliLog += d; });
  cli.stderr!.on('data', (d) => { cliLog += d; });
  const deadline = Date.now() + 60_000;
  while (!cliLog.includes(`open ${origin}/`)) {
    if (cli.exitCode !== null || Date.now() > deadline) throw new Error(`dev did not start:\n${cliLog}`);
    await sleep(100);
  }
}

/** SIGTERM, then make sure the CLI and every Mesop child it ran are gone (SIGKILL as a last resort). */
async function stopDevCli(): Promise<void> {
  if (!cli) return;
  const c = cli;
  if (c.exitCode === null && c.signalCode === null) {
    const exited = new Promise((r) => c.once('exit', r));
    c.kill('SIGTERM');
    await Promise.race([exited, sleep(10_000)]);
    if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  }
  await sleep(200);
  const left = [c.pid!, ...mesopPids].filter(alive);
  left.forEach((pid) => { try { process.kill(pid, 'SIGKILL'); } catch { /* gone */ } });
  rmSync(appDir, { recursive: true, force: true });
  expect(left).toEqual([]);
}

beforeAll(async () => {
  if (!existsSync(join(EXTENSION_DIR, 'panel.js')) || !existsSync(CLI)) {
    execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: ROOT, stdio: 'inherit' });
  }
  // All three start in parallel: on a busy 2-core machine Mesop's start-up dominates.
  const started = await Promise.allSettled([startDevCli(), startMesop(CHAT_APP), launchWithExtension()]);
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
  await session?.close();
  await plain?.stop();
  await stopDevCli();
});

const devMode = (f: Frame) => f.evaluate(() => {
  const d = (window as unknown as { __mesopDevMode?: { presence: string; state?: DevState; comparison?: RunComparison } }).__mesopDevMode;
  return { presence: d?.presence, state: d?.state, comparison: d?.comparison };
});
const reportEvents = (f: Frame) => f.evaluate(() =>
  ((window as unknown as { __mesopPanel?: { report?: { events: ReportEvent[] } } }).__mesopPanel?.report?.events ?? []));

/**
 * Sends the messages and returns the panel's events of this page load (from its init on). The
 * panel runs with "Preserve log" on, so run A stays listed after the switch's reload and the
 * whole A/B history is in one report.
 */
async function recordFlow(page: Page): Promise<ReportEvent[]> {
  await page.waitForSelector('input');
  for (const m of MESSAGES) await sendChat(page, m);
  await panel.waitForFunction((n: number) => {
    const events: { kind: string }[] = (window as any).__mesopPanel?.report?.events ?? [];
    const init = events.map((e) => e.kind).lastIndexOf('init');
    return init >= 0 && events.length - init === n;
  }, { timeout: 30_000 }, EVENTS).catch(async (e) => {
    const shown = (await reportEvents(panel)).map((x) => `${x.kind}/${x.request.stateUpload}/${x.startedAt}`);
    console.log(`panel: ${await panel.$eval('#status', (el) => el.textContent)} | ${shown.join(' ')}`);
    throw e;
  });
  const events = await reportEvents(panel);
  return events.slice(events.map((x) => x.kind).lastIndexOf('init'));
}

/** Presses a backend in the panel; the content script reloads the page once the new Mesop serves. */
async function switchTo(page: Page, backend: string): Promise<DevState> {
  const reloaded = page.waitForNavigation({ waitUntil: 'domcontentloaded', timeout: 60_000 });
  await pressInPanel(panel, `#dev-backend-${backend}`);
  await panel.waitForSelector('#dev-busy'); // disabled while the supervisor restarts Mesop
  expect(await panel.$$eval('.segmented button', (bs) => bs.every((b) => (b as HTMLButtonElement).disabled))).toBe(true);
  await reloaded;
  await panel.waitForSelector(`#dev-switcher[data-backend="${backend}"][data-status="running"]`, { timeout: 30_000 });
  await panel.waitForFunction(() => !document.querySelector('#dev-busy'));
  const { state } = await devMode(panel);
  expect(state).toMatchObject({ backend, child: { status: 'running' } });
  mesopPids.push(state!.child.pid!);
  expect(await panel.$eval(`#dev-backend-${backend}`, (b) => b.getAttribute('aria-pressed'))).toBe('true');
  return state!;
}

test('switches the backend from the panel and shows the measured A/B saving', async () => {
  const t0 = Date.now();
  const page = session!.page;
  if (!(await panel.$eval('#preserve-log', (el) => (el as HTMLInputElement).checked))) await pressInPanel(panel, '#preserve-log');
  await page.goto(`${origin}/`);
  await panel.waitForSelector('#dev-switcher[data-backend="none"][data-status="running"]', { timeout: 30_000 });
  const first = await devMode(panel);
  expect(first.state).toMatchObject({ version: 1, backend: 'none', transport: 'sse', app: 'main.py' });
  mesopPids.push(first.state!.child.pid!);
  // The panel never holds the secret: it only sees DevState.
  expect(JSON.stringify(first)).not.toMatch(/secret/i);

  const runA = await recordFlow(page);
  expect(runA.filter((e) => e.kind !== 'init').every((e) => e.request.stateUpload === 'full')).toBe(true);

  await switchTo(page, 'memory');
  await panel.waitForSelector('#ab-waiting, #ab-comparison'); // run A kept; run B starts with the reload's init
  const runB = await recordFlow(page);
  expect(runB.filter((e) => e.kind !== 'init').every((e) => e.request.stateUpload === 'token')).toBe(true);
  await panel.waitForSelector(`#ab-saving[data-paired="${EVENTS}"]`, { timeout: 15_000 });

  // The comparison is computed from exactly the events the panel listed for each run.
  const { comparison } = await devMode(panel);
  expect(comparison).toMatchObject({ a: { label: 'none', backend: 'none' }, b: { label: 'memory', backend: 'server-side' }, sameFlow: true });
  const rows = await panel.$$eval('#ab-comparison tbody tr', (trs) => trs.map((tr) => {
    const d = (tr as HTMLElement).dataset;
    return { upA: Number(d.upA), upB: Number(d.upB), downA: Number(d.downA), downB: Number(d.downB) };
  }));
  expect(rows).toEqual(runA.map((a, i) => ({ upA: a.request.bytes, upB: runB[i]!.request.bytes, downA: a.response.bytes, downB: runB[i]!.response.bytes })));
  const sum = (es: ReportEvent[], f: (e: ReportEvent) => number) => es.reduce((s, e) => s + f(e), 0);
  const saving = await panel.$eval('#ab-saving', (el) => ({ up: Number((el as HTMLElement).dataset.up), total: Number((el as HTMLElement).dataset.total), text: el.textContent ?? '' }));
  expect(saving.up).toBe(sum(runA, (e) => e.request.bytes) - sum(runB, (e) => e.request.bytes));
  expect(saving.total).toBe(sum(runA, (e) => e.request.bytes + e.response.bytes) - sum(runB, (e) => e.request.bytes + e.response.bytes));
  // The measured saving: from the second message on, a full state upload outweighs the token.
  expect(saving.up).toBeGreaterThan(0);
  for (let i = 3; i < EVENTS; i++) expect(runB[i]!.request.bytes).toBeLessThan(runA[i]!.request.bytes);
  expect(saving.text).toMatch(/^B saves .+ up \(\d+ %\)/);

  await screenshot();
  await switchTo(page, 'file');
  await switchTo(page, 'none');
  expect(await panel.$eval('#dev-switcher', (el) => el.textContent)).toContain('no session backend');
  console.log(`dev-mode A/B: up saving ${saving.up} B, total ${saving.total} B; 3 switches; ${Date.now() - t0} ms`);
});

test('shows a crash of the Mesop child with its exit and log, and restarts it', async () => {
  const page = session!.page;
  const { state } = await devMode(panel);
  process.kill(state!.child.pid!, 'SIGKILL');
  await panel.waitForSelector('#dev-crash', { timeout: 15_000 });
  expect(await panel.$eval('#dev-crash', (el) => el.textContent)).toMatch(/Mesop crashed.*signal SIGKILL/);
  expect(await panel.$$eval('.segmented button', (bs) => bs.every((b) => (b as HTMLButtonElement).disabled))).toBe(true);
  const reloaded = page.waitForNavigation({ waitUntil: 'domcontentloaded', timeout: 60_000 });
  await pressInPanel(panel, '#dev-restart');
  await reloaded;
  await panel.waitForSelector('#dev-switcher[data-backend="none"][data-status="running"]', { timeout: 30_000 });
  expect(await panel.$('#dev-crash')).toBeNull();
  mesopPids.push((await devMode(panel)).state!.child.pid!);
  await page.waitForSelector('input'); // the app answers again
});

test('without the supervisor (plain mesop) the switcher is absent and the hint shows', async () => {
  await session!.page.goto(`${plain!.origin}/`);
  await panel.waitForSelector('#dev-hint', { timeout: 15_000 });
  expect(await panel.$eval('#dev-hint', (el) => el.textContent)).toContain('run mesop-devtools dev main.py to switch backends from here');
  expect(await panel.$('#dev-switcher')).toBeNull();
});

/** docs/dev-mode.png: the Mesop tab with the switcher and the comparison, from this real run. */
async function screenshot(): Promise<void> {
  // Docked at the bottom the panel gets the window's full width (docked right it is ~550 px).
  // and a 640 px tall DevTools (the split's sidebar), then only DevTools is captured.
  const height = 640;
  const info = await dt.evaluate(async (h: number) => {
    const UI = await import('./ui/legacy/legacy.js' as string);
    UI.DockController.DockController.instance().setDockSide('bottom');
    await new Promise((r) => setTimeout(r, 300));
    const split = UI.InspectorView.InspectorView.instance().parentWidget();
    if (split?.setSidebarSize) split.setSidebarSize(h);
    return { w: window.innerWidth, h: window.innerHeight, split: !!split?.setSidebarSize };
  }, height);
  // The panel is an out-of-process frame: wait until it has been laid out at its new size.
  await panel.waitForFunction((h: number) => window.innerHeight > h - 80, { timeout: 5000 }, height).catch(() => undefined);
  await sleep(800);
  await panel.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => r(null)))));
  await dt.screenshot({ path: join(ROOT, 'docs/dev-mode.png'), clip: { x: 0, y: info.h - height, width: info.w, height } });
}
