/**
 * The Recorder plugin "Mesop DevTools check", end to end: real Chromium with the built extension,
 * DevTools open with the Mesop tab capturing, a real Mesop app (test/apps/chat_padded.py). The
 * plugin is called as the Recorder calls it, through DevTools' own RecorderPluginManager (the
 * front end's list of registered plugins): its export is written to a file and run with the built
 * `mesop-devtools check`, which passes as exported and fails (exit 1, naming the event) against the
 * same app changed to upload a bigger state; its replay plays the recording in the page while the
 * Mesop tab captures, and the Recorder view it opens shows each step's bytes and budgets. What
 * this cannot click: the Recorder's own Export and Replay menus (docs/recorder-export.md).
 * Run: node scripts/build.mjs && npx jest test/extension/recorder-export
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Frame, Page } from 'puppeteer-core';
import { type CheckFile, formatBytes, type ReportEvent } from '../../src/core';
import type { ReplayState } from '../../panel/recorder-view/replay-messages';
import type { OracleEvent } from '../panel/support/oracle-values';
import { waitFor } from '../support/wait-for';
import { oracleForPanel } from './support/capture-har';
import { builtExtension, launchWithExtension, openDevTools, showMesopPanel, type Session } from './support/chromium';
import { startMesop, type MesopServer } from './support/mesop-server';

const ROOT = resolve(__dirname, '../..');
const EXT = builtExtension();
const APP = 'test/apps/chat_padded.py';
const MESSAGE = 'Hello budgets';
const tmp = mkdtempSync(join(tmpdir(), 'mesop-recorder-e2e-'));

/** A recording as DevTools' Recorder writes it for this flow (its JSON export of a real recording's steps). */
const recordingFor = (origin: string) => ({
  title: 'send a chat message',
  steps: [
    {
      type: 'setViewport',
      width: 1000,
      height: 700,
      deviceScaleFactor: 1,
      isMobile: false,
      hasTouch: false,
      isLandscape: false,
    },
    { type: 'navigate', url: `${origin}/`, assertedEvents: [{ type: 'navigation', url: `${origin}/`, title: 'Chat' }] },
    { type: 'change', value: MESSAGE, selectors: [['aria/Message'], ['input']], target: 'main' },
    {
      type: 'click',
      selectors: [['aria/Send[role="button"]'], ['text/Send']],
      offsetX: 10,
      offsetY: 10,
      target: 'main',
    },
    { type: 'waitForElement', selectors: [[`text/You said '${MESSAGE}'`]], target: 'main' },
  ],
});

/** Calls the registered plugin's method through DevTools' front end, as the Recorder's menus do. */
async function callPlugin(dt: Page, method: 'stringify' | 'replay' | 'describe', arg?: unknown): Promise<string> {
  return dt.evaluate(
    `import('./models/extensions/extensions.js').then(async (E) => {
      const plugins = E.RecorderPluginManager.RecorderPluginManager.instance().plugins();
      const plugin = plugins.find((p) => p.getName() === 'Mesop DevTools check');
      if (!plugin) return 'no plugin named "Mesop DevTools check" among [' + plugins.map((p) => p.getName()).join(', ') + ']';
      if (${JSON.stringify(method)} === 'describe') return JSON.stringify({ mediaType: plugin.getMediaType(), capabilities: plugin.getCapabilities() });
      if (${JSON.stringify(method)} === 'replay') { plugin.replay(${JSON.stringify(arg)}); return 'asked'; }
      return plugin.stringify(${JSON.stringify(arg)});
    })`,
  ) as Promise<string>;
}

/** The built CLI, as a user runs it on the exported file. */
function runCheck(args: string[]) {
  return spawnSync('node', [join(ROOT, 'dist/cli/mesop-devtools.js'), 'check', ...args], {
    cwd: tmp,
    encoding: 'utf8',
    env: { ...process.env, CI: 'true', NO_COLOR: '1' },
    timeout: 110_000,
  });
}

const panelEvents = (panel: Frame) =>
  panel.evaluate(() => (window as any).__mesopDebug.report?.events ?? []) as Promise<ReportEvent[]>;
const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);
/** Each event metric as the Python oracle measures an event. */
const ORACLE_METRICS = {
  'request-bytes': (e: OracleEvent) => e.request.wireBytes,
  'upload-state-bytes': (e: OracleEvent) => sum(e.request.stateBytes),
  'response-bytes': (e: OracleEvent) => e.response.wireBytes,
  'download-state-bytes': (e: OracleEvent) => sum(e.response.downStateBytes),
  'mirrored-state-bytes': (e: OracleEvent) => sum(e.mirror.stateBytes),
} as const;

let server: MesopServer | undefined;
let bigger: MesopServer | undefined;
let session: Session | undefined;
afterAll(async () => {
  await session?.close();
  await server?.stop();
  await bigger?.stop();
  rmSync(tmp, { recursive: true, force: true });
});

let dt: Page;
let panel: Frame;

test('the export of a captured flow is a check config that passes as exported, and fails naming the event once the state grows', async () => {
  const [s, b] = await Promise.all([startMesop(APP), launchWithExtension(EXT)]);
  [server, session] = [s, b];
  const opened = await openDevTools(session);
  dt = opened.dt;
  panel = await showMesopPanel(dt, opened.extId);
  const recording = recordingFor(server.origin);

  expect(JSON.parse(await callPlugin(dt, 'describe'))).toEqual({
    mediaType: 'application/json',
    capabilities: ['export', 'replay'],
  });
  // Nothing measured yet (the Mesop tab's capture is empty): no budgets, and the note says why.
  const empty = JSON.parse(await callPlugin(dt, 'stringify', recording)) as CheckFile;
  expect(empty.budgets).toBeUndefined();
  expect(empty.measured.note).toMatch(/^No budgets: the Mesop tab measured nothing for "send a chat message"/);

  // The flow, by hand, while the Mesop tab captures.
  const page = session.page;
  await page.goto(`${server.origin}/`);
  await page.locator('input').fill(MESSAGE);
  await page.locator('::-p-aria([name="Send"][role="button"])').click();
  await page.waitForFunction((t: string) => document.body.innerText.includes(`You said '${t}'`), {}, MESSAGE);
  const events = await waitFor('the Mesop tab to list the page load, the blur and the click', async () => {
    const evs = await panelEvents(panel);
    return evs.length === 3 && evs;
  });

  const text = await callPlugin(dt, 'stringify', recording);
  const file = JSON.parse(text) as CheckFile;
  expect(file.app).toEqual({ url: server.origin });
  expect(file.flows).toEqual([{ name: 'send a chat message', recording }]);
  expect(file.measured.from).toMatchObject({ kind: 'capture', events: 3 });
  expect(file.measured.margin).toBe('25%');
  // Each budget is the oracle's maximum over the captured events, plus 25%, rounded up.
  const oracle = await oracleForPanel(panel, tmp, 'captured');
  expect(oracle.events).toHaveLength(3);
  for (const [metric, of] of Object.entries(ORACLE_METRICS)) {
    const max = Math.max(...oracle.events.map(of));
    expect([metric, file.measured.metrics![metric as keyof typeof ORACLE_METRICS]!.measuredMax]).toEqual([metric, max]);
    expect([metric, file.budgets!.assertions[metric as keyof typeof ORACLE_METRICS]]).toEqual([
      metric,
      ['error', { max: Math.ceil(max * 1.25) }],
    ]);
  }
  expect(file.measured.metrics!['request-bytes']!.event.index).toBe(
    events.find((e) => e.request.bytes === file.measured.metrics!['request-bytes']!.measuredMax)!.index,
  );

  // As exported: check starts nothing (the file's app.url is the app the flow was recorded on).
  const path = join(tmp, 'send-a-chat-message.mesop-devtools.json');
  writeFileSync(path, text);
  const pass = runCheck(['--config', path]);
  expect(pass.stderr).not.toMatch(/\n\s+at /);
  expect([pass.status, pass.stdout]).toEqual([0, expect.stringMatching(/check passed/)]);

  // The same app, changed to start every session with 20 kB more state: every event uploads it.
  bigger = await startMesop(APP, { env: { CHAT_STATE_PADDING: '20000' } });
  const fail = runCheck(['--config', path, '--url', bigger.origin]);
  expect(fail.stderr).not.toMatch(/\n\s+at /);
  expect(fail.status).toBe(1);
  // The biggest upload is the Send click's (event #2): the verdict names it, its handler and the field.
  expect(fail.stdout).toMatch(
    /FAIL {2}request-bytes: [\d.]+ kB at event #2 is over the [\d.]+ B budget by [\d.]+ kB \(2 events over\) \[error\]\n\s+event #2 click on_send; field state class #1 notes/,
  );
  expect(fail.stdout).toMatch(/FAIL {2}upload-state-bytes: [\d.]+ kB at event #2 is over/);
  expect(fail.stdout).toMatch(/check FAILED: \d+ error budget\(s\) over/);
});

test('replay with budgets: the plugin replays the recording in the page and its Recorder view shows each step against the budgets', async () => {
  expect(server && panel).toBeTruthy();
  const recording = recordingFor(server!.origin);
  // The view the plugin registered with DevTools for its replays (chrome.devtools.recorder.createView).
  const views = JSON.parse(
    (await dt.evaluate(
      `import('./models/extensions/extensions.js').then((E) =>
        JSON.stringify(E.RecorderPluginManager.RecorderPluginManager.instance().views().map((v) => ({ title: v.title, pagePath: v.pagePath }))))`,
    )) as string,
  ) as { title: string; pagePath: string }[];
  expect(views).toEqual([
    {
      title: 'Mesop budgets',
      pagePath: expect.stringMatching(/^chrome-extension:\/\/\w+\/recorder-view\.html\?tab=\d+$/),
    },
  ]);
  // What DevTools hears of the view: the Recorder embeds it on RecorderPluginManager's request event,
  // raised only when the plugin calls view.show() within replay() itself.
  await dt.evaluate(
    `import('./models/extensions/extensions.js').then((E) => {
      window.__mesopViewsShown = [];
      E.RecorderPluginManager.RecorderPluginManager.instance().addEventListener('showViewRequested', (e) =>
        window.__mesopViewsShown.push(e.data.title));
    })`,
  );
  expect(await callPlugin(dt, 'replay', recording)).toBe('asked');
  await waitFor('DevTools to be asked to show the view', () =>
    dt.evaluate(`JSON.stringify(window.__mesopViewsShown)`).then((v) => v === JSON.stringify(['Mesop budgets'])),
  );

  const state = await waitFor(
    'the replay to end',
    async () => {
      const s = (await panel.evaluate(() => (window as any).__mesopDebug.recorderReplay)) as ReplayState | undefined;
      return s && s.status !== 'running' && s;
    },
    {
      timeoutMs: 60_000,
      describe: async () => JSON.stringify(await panel.evaluate(() => (window as any).__mesopDebug.recorderReplay)),
    },
  );
  // The steps with their notes, so a failure says which step and why.
  expect([state.status, state.steps.filter((s) => s.status === 'failed')]).toEqual(['done', []]);
  expect(state.steps.map((s) => [s.type, s.status, s.measure?.events])).toEqual([
    ['setViewport', 'skipped', undefined],
    ['navigate', 'done', 1],
    ['change', 'done', 0],
    ['click', 'done', 2],
    ['waitForElement', 'done', 0],
  ]);
  // The budgets checked are the ones the export wrote from the earlier capture; all hold.
  expect(state.budgetsFrom).toMatch(/^Budgets are the biggest value per event measured by the Mesop tab's capture/);
  for (const step of state.steps)
    for (const b of step.measure?.budgets ?? []) expect([b.metric, b.holds]).toEqual([b.metric, true]);
  // Each step's bytes are the Mesop tab's own numbers for the events of this replay (the page load,
  // then blur + click), which the oracle computes from the same capture.
  const events = await waitFor("the Mesop tab to list the replay's 3 events", async () => {
    const evs = await panelEvents(panel);
    return evs.length === 3 && evs;
  });
  const oracle = (await oracleForPanel(panel, tmp, 'replayed')).events.slice(-3);
  expect(oracle.map((e) => e.request.wireBytes)).toEqual(events.map((e) => e.request.bytes));
  expect(state.steps[1]!.measure).toMatchObject({
    requestBytes: oracle[0]!.request.wireBytes,
    responseBytes: oracle[0]!.response.wireBytes,
  });
  expect(state.steps[3]!.measure).toMatchObject({
    requestBytes: oracle[1]!.request.wireBytes + oracle[2]!.request.wireBytes,
    responseBytes: oracle[1]!.response.wireBytes + oracle[2]!.response.wireBytes,
  });

  // The Mesop tab says it too, and links the view's page.
  const banner = await panel.waitForFunction(
    () => {
      const b = document.querySelector('[data-replay-status="done"]');
      return b && [b.querySelector('.replay-verdict')?.textContent, (b.querySelector('a') as HTMLAnchorElement).href];
    },
    { timeout: 20_000 },
  );
  expect(await banner.jsonValue()).toEqual(['every error budget holds', views[0]!.pagePath]);

  // The view's page, opened in a tab of the same browser: DevTools did not embed it in this
  // Chromium when the replay was not started from the Recorder's own menu (docs/recorder-export.md).
  const viewPage = await session!.browser.newPage();
  await viewPage.goto(views[0]!.pagePath);
  await viewPage.waitForFunction(() => document.getElementById('verdict')?.textContent === 'every error budget holds', {
    timeout: 20_000,
  });
  const rows = await viewPage.$$eval('tbody tr', (trs) =>
    trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent)),
  );
  const kB = (n: number) => formatBytes(n);
  expect(rows.map((r) => [r[0], r[2], r[3], r[4], r[5]])).toEqual([
    ['1', 'skipped', '', '', ''],
    ['2', 'done', '1', kB(state.steps[1]!.measure!.requestBytes), kB(state.steps[1]!.measure!.responseBytes)],
    ['3', 'done', '0', kB(0), kB(0)],
    ['4', 'done', '2', kB(state.steps[3]!.measure!.requestBytes), kB(state.steps[3]!.measure!.responseBytes)],
    ['5', 'done', '0', kB(0), kB(0)],
  ]);
  expect(rows[3]![6]).toBe(`all ${state.steps[3]!.measure!.budgets.length} hold`);
  // docs/screenshots/recorder-replay.png (under `npm run screenshots`): the step table of this real replay.
  if (process.env.MESOP_SCREENSHOTS === '1') {
    await viewPage.setViewport({ width: 900, height: 420 });
    await viewPage.screenshot({ path: join(ROOT, 'docs/screenshots/recorder-replay.png') });
  }
  await viewPage.close();

  // The next export of this recording reads the replay's run.
  const file = JSON.parse(await callPlugin(dt, 'stringify', recording)) as CheckFile;
  expect(file.measured.from).toMatchObject({ kind: 'replay', events: 3 });
  expect(file.measured.note).toContain(`the Mesop tab's "Replay with budgets" of "send a chat message"`);
});
