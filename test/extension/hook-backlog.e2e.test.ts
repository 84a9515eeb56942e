/**
 * The page hook while nobody looks (issue 24): real Chromium with the built extension, a real
 * Mesop 1.3.7 app (test/apps/spike_capture.py) whose "Add 200 kB" events make bodies of up to a
 * megabyte, DevTools closed. The hook must send nothing and serialize no body (counted by the
 * debug build's `window.__mesopHookDebug`, absent from the Web Store zip), keep its backlog under
 * its cap, and still give the panel opened later every event: the newest whole, the older ones as
 * their exact sizes (checked against the request bodies Chromium itself sent), with the count shown.
 * The cap is a panel setting the extension stores; a page hears it change and a new page reads it.
 * Run: node scripts/build.mjs && npx jest test/extension/hook-backlog.e2e
 */
import type { HTTPRequest, Page } from 'puppeteer-core';
import { HOOK_BACKLOG_DEFAULTS } from '../../src/extension/protocol';
import { waitFor } from '../support/wait-for';
import { openDevTools, showMesopPanel } from './support/chromium';
import { mesopWithExtension } from './support/mesop-with-extension';
import { pressInPanel } from './support/panel-press';
import { runEvents, SPIKE_APP, waitForApp } from './support/spike-app';

interface HookDebug {
  messages: number;
  bodies: number;
  jsonChars: number;
  backlog: {
    events: number;
    chars: number;
    notKept: number;
    sizesOnly: number;
    limits: { maxChars: number; maxEvents: number };
    watching: boolean;
  };
}
const hookDebug = (page: Page): Promise<HookDebug> =>
  page.evaluate(() => {
    const d = (window as any).__mesopHookDebug;
    return { messages: d.messages, bodies: d.bodies, jsonChars: d.jsonChars, backlog: d.backlog() };
  });

const N = 9; // with the init: 10 events; every 2nd adds 200 kB to the state (up to 800 kB)

describe('the page hook while no panel watches (SSE)', () => {
  const start = mesopWithExtension();

  test('serializes and sends nothing, stays under its cap, and the panel opened later lists every event with its exact sizes', async () => {
    const { server, session } = await start(SPIKE_APP, { websockets: false });
    const { page } = session;
    // What Chromium sent, in order: the independent truth for the sizes of events kept as sizes only.
    const sent: Promise<number>[] = [];
    page.on('request', (r: HTTPRequest) => {
      if (r.method() === 'POST' && new URL(r.url()).pathname.endsWith('/__ui__'))
        sent.push(r.fetchPostData().then((body) => body?.length ?? -1));
    });
    await page.goto(server.origin + '/');
    await waitForApp(page);
    await runEvents(page, N, { blobEvery: 2 });

    const quiet = await waitFor('the backlog has every event', async () => {
      const d = await hookDebug(page);
      return d.backlog.events === N + 1 && d;
    });
    // Nothing crossed to the relay: no message, no body, not a character of JSON.
    expect({ messages: quiet.messages, bodies: quiet.bodies, jsonChars: quiet.jsonChars }).toEqual({
      messages: 0,
      bodies: 0,
      jsonChars: 0,
    });
    expect(quiet.backlog.watching).toBe(false);
    expect(quiet.backlog.limits).toEqual(HOOK_BACKLOG_DEFAULTS);
    // More bodies than the cap came (the last events alone carry ~2 MB each way), and it held.
    expect(quiet.backlog.chars).toBeLessThanOrEqual(HOOK_BACKLOG_DEFAULTS.maxChars);
    expect(quiet.backlog.sizesOnly).toBeGreaterThan(0);
    expect(quiet.backlog.notKept).toBe(0);
    const sentSizes = await Promise.all(sent);
    expect(sentSizes).toHaveLength(N + 1);
    expect(sentSizes.reduce((a, b) => a + b, 0)).toBeGreaterThan(HOOK_BACKLOG_DEFAULTS.maxChars);

    const { dt, extId } = await openDevTools(session);
    const panel = await showMesopPanel(dt, extId);
    await panel.waitForFunction(
      (n: number) => (window as any).__mesopDebug.capture.log.entries.length >= n,
      { timeout: 30_000, polling: 100 },
      N + 1,
    );
    const rows: { sources: string[]; up: number; whole: boolean; notes: string }[] = await panel.evaluate(() =>
      (window as any).__mesopDebug.capture.log.entries.map((r: any) => ({
        sources: r.sources,
        up: r.exchange.requestBody?.length ?? r.exchange.requestBytesNotCaptured,
        whole: r.exchange.requestBody !== null && r.exchange.responseText !== null,
        notes: r.exchange.captureNote ?? '',
      })),
    );
    expect(rows).toHaveLength(N + 1);
    expect(rows.every((r) => r.sources.join('+') === 'hook')).toBe(true); // DevTools was closed for all
    // Every event's upload size is what Chromium sent, whether its body was kept or only its size.
    expect(rows.map((r) => r.up)).toEqual(sentSizes);
    // The oldest are sizes only (and say why), the newest whole.
    const sizesOnly = rows.filter((r) => !r.whole);
    expect(sizesOnly).toHaveLength(quiet.backlog.sizesOnly);
    expect(rows.slice(0, sizesOnly.length).every((r) => !r.whole)).toBe(true);
    expect(rows.at(-1)!.whole).toBe(true);
    for (const r of sizesOnly) expect(r.notes).toMatch(/kept as its size only by the page before the panel opened/);
    // The panel says how many (a visible notice).
    await panel.waitForSelector('#backlog-sizes-only', { timeout: 10_000 });
    expect(await panel.$eval('#backlog-sizes-only', (el) => el.getAttribute('data-sizes-only'))).toBe(
      String(quiet.backlog.sizesOnly),
    );
    // Watched now: the hook sends.
    const watched = await hookDebug(page);
    expect(watched.backlog.watching).toBe(true);
    expect(watched.messages).toBeGreaterThan(0);

    // The cap is a panel setting: the open page hears it at once, a new page reads it at start.
    await pressInPanel(panel, '#tab-advice');
    await panel.waitForSelector('input[name="pageBacklogMb"]', { timeout: 10_000 });
    await panel.$eval('input[name="pageBacklogMb"]', (el) => {
      const input = el as HTMLInputElement;
      input.value = '64';
      input.dispatchEvent(new Event('change', { bubbles: true }));
    });
    const raised = { maxChars: 64 * 1024 * 1024, maxEvents: HOOK_BACKLOG_DEFAULTS.maxEvents };
    await waitFor('the open page hears the new cap', async () => {
      const d = await hookDebug(page);
      return JSON.stringify(d.backlog.limits) === JSON.stringify(raised) && d;
    });
    await page.reload();
    await waitForApp(page);
    await waitFor('a new page reads the cap at start', async () => {
      const d = await hookDebug(page);
      return JSON.stringify(d.backlog.limits) === JSON.stringify(raised) && d;
    });
  }, 180_000);
});
