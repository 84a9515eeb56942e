/**
 * The Firefox edition in Debian's Firefox ESR (puppeteer-core over WebDriver BiDi): the add-on is
 * installed as a temporary extension, a real Mesop 1.3.7 chat app (test/apps/chat.py) runs a short
 * flow, and the add-on's page hook, in Firefox's main world under Mesop's CSP, has captured every
 * exchange: what it handed to the content relay is read by a test-only listener in the page
 * (support/firefox.ts). The messages go through the panel's own HookSource and the core's
 * analysis; each event's sizes are the independent Python oracle's (python/oracle.py) on the same
 * capture. Not covered here: the relay, the background's pipe and the panel inside Firefox's
 * DevTools (Puppeteer cannot open Firefox's DevTools, and WebDriver BiDi refuses to open the
 * add-on's pages); docs/firefox.md says what was and was not checked.
 * Run: node scripts/build.mjs && npx jest test/extension/firefox.e2e
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { analyzeExchanges } from '../../src/core/analyze';
import { buildReport } from '../../src/core/report/build-report';
import { waitFor } from '../support/wait-for';
import { HookSource } from '../../panel/transport/extension/hook-source';
import { expectedRows, readOracle } from '../panel/support/oracle-values';
import type { Page } from 'puppeteer-core';
import { harOf } from './support/capture-har';
import { CHAT_APP } from './support/chat-app';
import {
  FIREFOX_EXTENSION_DIR,
  launchFirefoxWithExtension,
  recordHookMessages,
  type FirefoxSession,
} from './support/firefox';
import { startMesop, type MesopServer } from './support/mesop-server';

const ROOT = resolve(__dirname, '../..');
const MESSAGES = ['Hello from Firefox', 'One more question'];
const EVENTS = 1 + 2 * MESSAGES.length; // the init, then blur + click per message
const tmp = mkdtempSync(join(tmpdir(), 'mesop-firefox-e2e-'));
let server: MesopServer | undefined;
let session: FirefoxSession | undefined;

beforeAll(() => {
  if (!existsSync(join(FIREFOX_EXTENSION_DIR, 'manifest.json')))
    execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: ROOT, stdio: 'inherit' });
});
afterAll(async () => {
  await session?.close();
  await server?.stop();
  rmSync(tmp, { recursive: true, force: true });
});

/**
 * test/apps/chat.py's two events per message (the input's blur, the Send click), with what works
 * in headless Firefox over WebDriver BiDi: its document never has the system focus
 * (`document.hasFocus()` is false), so no native blur fires when the button is clicked, and
 * Puppeteer's locators did not fill the input there. The blur is dispatched on the input.
 */
async function sendChat(page: Page, text: string): Promise<void> {
  const input = await page.waitForSelector('input');
  await input!.focus();
  await input!.type(text);
  await input!.evaluate((el) => el.dispatchEvent(new FocusEvent('blur'))); // event 1: the draft
  const send = await page.waitForSelector('xpath/.//button[normalize-space(.)="Send"]');
  await send!.click(); // event 2
  await page.waitForFunction((t: string) => document.body.innerText.includes(`user: ${t}`), { timeout: 30_000 }, text);
}

test("the page hook captures every exchange of a short flow in Firefox, with the oracle's sizes", async () => {
  const [s, b] = await Promise.allSettled([startMesop(CHAT_APP, { websockets: false }), launchFirefoxWithExtension()]);
  if (s.status === 'fulfilled') server = s.value;
  if (b.status === 'fulfilled') session = b.value;
  if (s.status === 'rejected') throw s.reason;
  if (b.status === 'rejected') throw b.reason;

  const url = `http://127.0.0.1:${server!.port}/`;
  const hookMessages = await recordHookMessages(session!.page);
  await session!.page.goto(url);
  await session!.page.waitForSelector('input', { timeout: 60_000 });
  for (const m of MESSAGES) await sendChat(session!.page, m);

  // The hook decides a response ended in a task after Mesop's own listener, so the last event's
  // end may follow the page's update by a moment (seen once in CI): read until every request ended.
  const messages = await waitFor(
    'the hook to end every request',
    async () => {
      const all = await hookMessages();
      const probe = new HookSource(0, () => undefined);
      all.forEach((m) => probe.apply(m));
      return probe.exchanges().pending.size === 0 && all;
    },
    { timeoutMs: 15_000 },
  );
  const page = messages.find((m) => m.type === 'page');
  expect(page?.type === 'page' && page.page).toMatchObject({
    isMesop: true,
    mode: 'editor',
    websocketsEnabled: false,
    url,
  });

  // The panel's own hook path turns the messages into exchanges (idempotent by id, as in the panel).
  const hook = new HookSource(0, () => undefined);
  messages.forEach((m) => hook.apply(m));
  const { exchanges, pending } = hook.exchanges();
  expect([...pending]).toEqual([]);
  expect(exchanges.map((e) => [e.transport, e.status, e.captureNote])).toEqual(
    Array(EVENTS).fill(['sse', 200, undefined]),
  );
  expect(exchanges.every((e) => e.responseText?.endsWith('data: <stream_end>\n\n'))).toBe(true);

  const report = buildReport(analyzeExchanges(exchanges), {
    toolVersion: 'e2e',
    source: { kind: 'har', name: 'firefox' },
  });
  expect(report.skipped).toEqual([]);
  const sum = (xs: readonly number[]) => xs.reduce((a, x) => a + x, 0);
  const measured = report.events.map((e) => ({
    up: e.request.bytes,
    down: e.response.bytes,
    upState: sum(e.request.stateBytes),
    held: sum(e.mirror.stateBytes),
  }));

  const har = join(tmp, 'firefox.har');
  writeFileSync(har, JSON.stringify(harOf(exchanges)));
  execFileSync(join(ROOT, '.venv/bin/python'), [join(ROOT, 'python/oracle.py'), har], { cwd: ROOT, stdio: 'pipe' });
  const oracle = readOracle(join(tmp, 'firefox.expected.json'));
  expect(oracle.events).toHaveLength(EVENTS);
  expect(oracle.events[0]!.kind).toBe('init');
  expect(measured).toEqual(expectedRows(oracle));
});
