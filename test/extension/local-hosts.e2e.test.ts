/**
 * The full capture on every local host name Mesop users open, not only localhost / 127.0.0.1:
 * a real Mesop 1.3.7 chat app (test/apps/chat.py, bound to a free port) opened as
 * `http://myapp.localhost:<port>` and as `http://0.0.0.0:<port>` in real Chromium with the built
 * extension. DevTools is opened only after the page ran, so the init event (and every event
 * before the panel) can only come from the page hook: the content scripts must have run there.
 * The badge says "Mesop · dev (editor) · SSE", and the event list's sizes are the independent
 * Python oracle's on the panel's own capture.
 * Run: node scripts/build.mjs && npx jest test/extension/local-hosts.e2e
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Frame } from 'puppeteer-core';
import { expectedRows } from '../panel/support/oracle-values';
import { eventCount, shownRows, waitForEventCount } from '../panel/support/panel-dom';
import { oracleForPanel } from './support/capture-har';
import { CHAT_APP, sendChat } from './support/chat-app';
import { builtExtension, openDevTools, showMesopPanel } from './support/chromium';
import { mesopWithExtension } from './support/mesop-with-extension';
import { readPanel } from './support/panel-read';

const EXT = builtExtension();
const MESSAGES = ['Hello there', 'One more question'];
const EVENTS = 1 + 2 * MESSAGES.length; // the init, then blur + click per message
const tmp = mkdtempSync(join(tmpdir(), 'mesop-local-hosts-e2e-'));

afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const oracleFor = (panel: Frame, name: string) => oracleForPanel(panel, tmp, name);

describe.each([
  // Chromium resolves every *.localhost name to loopback itself (no DNS), as RFC 6761 allows.
  ['a *.localhost name', 'myapp.localhost'],
  // Linux connects 0.0.0.0 to this machine; Chromium navigates to it when typed in the address bar.
  ['0.0.0.0', '0.0.0.0'],
])('the Mesop tab on %s', (_label, host) => {
  const start = mesopWithExtension();

  test("shows the init event from before DevTools, the badge, and the oracle's sizes", async () => {
    const { server, session } = await start(CHAT_APP, { websockets: false }, EXT);
    const url = `http://${host}:${server.port}/`;
    await session.page.goto(url);
    await session.page.waitForSelector('input', { timeout: 60_000 });
    expect(session.page.url()).toBe(url);
    for (const m of MESSAGES) await sendChat(session.page, m);

    const { dt, extId } = await openDevTools(session);
    const panel = await showMesopPanel(dt, extId);
    await waitForEventCount(panel, EVENTS);

    const snap = await readPanel(panel);
    expect(snap.hookError).toBeUndefined();
    expect(snap.page).toMatchObject({ isMesop: true, mode: 'editor', websocketsEnabled: false });
    // DevTools was closed for all of them: only the page hook saw them, the init first.
    expect(snap.rows.map((r) => `${r.sources.join('+')}:${r.complete}`)).toEqual(Array(EVENTS).fill('hook:true'));
    expect(snap.rows[0]!.requestBody!.length).toBeLessThan(100);
    expect(await panel.$eval('#mode', (el) => el.textContent)).toBe('Mesop · dev (editor) · SSE');

    const oracle = await oracleFor(panel, host);
    expect(oracle.events).toHaveLength(EVENTS);
    expect(oracle.events[0]!.kind).toBe('init');
    expect(await eventCount(panel)).toBe(EVENTS);
    const rows = await shownRows(panel);
    expect(rows.map(({ up, down, upState, held }) => ({ up, down, upState, held }))).toEqual(expectedRows(oracle));
  });
});
