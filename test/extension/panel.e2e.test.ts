/**
 * The full Mesop panel, end to end: real Chromium with the built unpacked extension, DevTools open
 * on a real Mesop 1.3.7 chat app (test/apps/chat.py), the Mesop tab shown, messages sent. What the
 * panel shows is checked against the independent Python oracle run on the same capture, in each
 * mode: SSE without backend, SSE with the memory backend, WebSocket. The SSE run also exports the
 * report through the panel's Export button and takes a screenshot: docs/panel.png under
 * `npm run screenshots`, a temporary file otherwise.
 * Run: node scripts/build.mjs && npx jest test/extension/panel.e2e
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Frame, Page } from 'puppeteer-core';
import { biggestField, expectedRows } from '../panel/support/oracle-values';
import { biggestFields, chartInk, eventCount, findings, selectEvent, shownRows } from '../panel/support/panel-dom';
import { oracleForPanel } from './support/capture-har';
import { CHAT_APP, sendChat } from './support/chat-app';
import { builtExtension, launchWithExtension, openDevTools, showMesopPanel, type Session } from './support/chromium';
import { startMesop, type MesopServer } from './support/mesop-server';
import { pressInPanel } from './support/panel-press';
import { waitFor } from '../support/wait-for';
import { screenshotPath } from './support/screenshot-path';

const EXT = builtExtension();
const MESSAGES = ['Hello there', 'How big is my state?', 'Ça marche ? 東京 🎉', 'One more question'];
const EVENTS = 1 + 2 * MESSAGES.length;
const tmp = mkdtempSync(join(tmpdir(), 'mesop-panel-e2e-'));

afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const oracleFor = (panel: Frame, name: string) => oracleForPanel(panel, tmp, name);

describe.each([
  ['SSE, no backend', 'sse', {}, false, 'none', false],
  ['SSE, memory backend', 'sse-memory', { MESOP_STATE_SESSION_BACKEND: 'memory' }, false, 'server-side', false],
  ['WebSocket', 'websocket', {}, true, 'websocket', false],
  ['SSE, prod mode (mesop --prod)', 'sse-prod', {}, false, 'none', true],
] as const)('panel on a real Mesop app: %s', (label, name, env, websockets, backend, prod) => {
  let server: MesopServer | undefined;
  let session: Session | undefined;
  afterAll(async () => {
    await session?.close();
    await server?.stop();
  });

  test("shows every event with the oracle's sizes, the biggest field, the chart and advice", async () => {
    const t0 = Date.now();
    [server, session] = await Promise.all([startMesop(CHAT_APP, { websockets, env, prod }), launchWithExtension(EXT)]);
    const { dt, extId } = await openDevTools(session);
    dt.on('pageerror', (e) => console.log('panel page error:', e));
    const panel = await showMesopPanel(dt, extId);
    // Undocked only once the panel is registered: in 3 of 3 full CI runs that undocked first, one
    // block of this file waited for a registration that never came (showMesopPanel's reload
    // recovered it), and no other e2e file, none of which undocks, ever did.
    await undock(dt);
    await session.page.goto(`${server.origin}/`);
    await session.page.waitForSelector('input');
    for (const m of MESSAGES) await sendChat(session.page, m);
    await panel
      .waitForFunction(
        (n: number) => document.querySelector('#event-count')?.textContent === String(n),
        { timeout: 30_000 },
        EVENTS,
      )
      .catch(async (e) => {
        console.log(
          await panel.evaluate(
            () =>
              `${document.querySelector('#status')?.textContent} | rows=${JSON.stringify((window as any).__mesopDebug.capture.log.entries.map((r: any) => [r.exchange.id, r.pending, r.complete, r.sources.join('+'), r.exchange.startedAt]))} | ${document.querySelector('.banner')?.textContent ?? ''} | ${document.querySelector('#empty-state')?.textContent ?? ''}`,
          ),
        );
        throw e;
      });

    const oracle = await oracleFor(panel, name);
    expect(oracle.events).toHaveLength(EVENTS);
    expect(await eventCount(panel)).toBe(EVENTS);
    const rows = await shownRows(panel);
    expect(rows.map(({ up, down, upState, held }) => ({ up, down, upState, held }))).toEqual(expectedRows(oracle));
    expect(rows.every((r) => !r.problem)).toBe(true);
    expect(await chartInk(panel)).toBeGreaterThan(1000);
    const mode = await panel.$eval('#mode', (el) => el.textContent);
    expect(mode).toBe(`Mesop · ${prod ? 'prod' : 'dev (editor)'} · ${websockets ? 'WebSocket' : 'SSE'}`);
    expect(await panel.$eval('#status', (el) => el.textContent)).toContain(
      {
        none: 'no session backend',
        'server-side': 'session backend: state token',
        websocket: 'WebSocket: state on the server',
      }[backend],
    );

    // The growing chat history is flagged (SSE: the client holds the state and uploads it).
    const advice = await findings(panel);
    if (backend === 'none')
      expect(advice.some((f) => f.rule === 'growing-field' && f.text.includes('history'))).toBe(true);

    await selectEvent(panel, EVENTS - 1);
    if (backend !== 'websocket') {
      // The client holds the state (SSE): the biggest field, with the oracle's bytes.
      await panel.waitForSelector('.detail .tree');
      const truth = oracle.events[EVENTS - 1]!.mirror.fieldBytes[0]!;
      const fields = await biggestFields(panel);
      expect(fields[0]!.path).toBe('history[*].content');
      for (const f of fields) expect(f.bytes).toBe(truth[f.path]);
      expect(biggestField(oracle)![0]).toBe('history');
      expect(await panel.$eval('.tree-row[data-path="history"] .num', (el) => el.textContent)).toBeTruthy();
    } else {
      expect(await panel.$eval('.detail', (el) => el.textContent)).toContain(
        'WebSocket mode: state stays on the server',
      );
    }

    if (name === 'sse-memory') {
      // A reload starts a new log (the new page's init only); with "Preserve log" the old events stay.
      await session.page.reload();
      await panel.waitForFunction(() => document.querySelector('#event-count')?.textContent === '1', {
        timeout: 20_000,
      });
      await pressInPanel(panel, '#preserve-log');
      await session.page.reload();
      await panel.waitForFunction(() => document.querySelector('#event-count')?.textContent === '2', {
        timeout: 20_000,
      });
    }
    if (name === 'sse') {
      await pressInPanel(panel, '#tab-advice');
      await panel.evaluate(() => document.querySelector('.thresholds')?.removeAttribute('open'));
      await selectEvent(panel, EVENTS - 1);
      await screenshot(dt, panel);
      await exportThroughPanel(session, panel);
    }
    console.log(`${label}: ${EVENTS} events checked against the oracle in ${Date.now() - t0} ms`);
  });
});

/** DevTools in its own window, sized like a real one (docked right, the panel would be 550 px wide). */
async function undock(dt: Page): Promise<void> {
  await dt.evaluate(async () => {
    const UI = await import('./ui/legacy/legacy.js' as string);
    UI.DockController.DockController.instance().setDockSide('undocked');
  });
  await dt.setViewport({ width: 1360, height: 840 });
}

/** docs/panel.png (see screenshotPath): the DevTools window with the Mesop tab, from this real run. */
async function screenshot(dt: Page, panel: Frame): Promise<void> {
  await panel.evaluate(() => new Promise((r) => requestAnimationFrame(() => r(null))));
  await dt.screenshot({ path: screenshotPath('panel.png', tmp) });
}

/** Clicks Export (JSON) in the panel and reads the file Chromium downloaded. */
async function exportThroughPanel(session: Session, panel: Frame): Promise<void> {
  const dir = mkdtempSync(join(tmp, 'dl-'));
  const cdp = await session.browser.target().createCDPSession();
  await cdp.send('Browser.setDownloadBehavior', { behavior: 'allow', downloadPath: dir, eventsEnabled: true });
  let completed = false;
  cdp.on('Browser.downloadProgress', (e) => {
    if (e.state === 'completed') completed = true;
  });
  await panel.click('#export-json');
  await waitFor('the export to download', () => completed, {
    timeoutMs: 15_000,
    describe: () => readdirSync(dir).join(', '),
  });
  const files = readdirSync(dir).filter((f) => f.endsWith('.json'));
  expect(files).toHaveLength(1);
  const text = readFileSync(join(dir, files[0]!), 'utf8');
  const report = JSON.parse(text);
  expect(report).toMatchObject({
    schema: 'mesop-devtools/payload-report',
    version: 1,
    source: { kind: 'live' },
    session: { events: EVENTS, backend: 'none' },
  });
  expect(report.findings.length).toBeGreaterThan(0);
  // Redacted by default: no message text, no cookies or headers.
  expect(text).not.toMatch(/Hello there|cookie|"headers"/i);
  await cdp.detach();
}
