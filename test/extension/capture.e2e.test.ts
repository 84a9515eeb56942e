/**
 * The extension captures every Mesop UI event, end to end: real Chromium, the built extension,
 * DevTools with the Mesop panel shown, a real Mesop 1.3.7 server (test/apps/spike_capture.py),
 * in SSE and in WebSocket mode. Run: node scripts/build.mjs && npx jest test/extension/capture.e2e
 * (MESOP_EXT_DIR=<dir> tests another unpacked build).
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Frame } from 'puppeteer-core';
import { waitFor } from '../support/wait-for';
import { EXTENSION_DIR, openDevTools, showMesopPanel } from './support/chromium';
import { mesopWithExtension } from './support/mesop-with-extension';
import { readPanel } from './support/panel-read';
import { runEvents, SPIKE_APP, waitForApp } from './support/spike-app';

const N = 7; // increment/stream alternating, the 4th is "Add 200 kB"
const EXT = process.env.MESOP_EXT_DIR ?? EXTENSION_DIR;

beforeAll(() => {
  if (!process.env.MESOP_EXT_DIR && !existsSync(join(EXT, 'manifest.json'))) {
    execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: join(__dirname, '../..'), stdio: 'inherit' });
  }
});

describe.each([
  ['SSE', false],
  ['WebSocket', true],
])('capture in %s mode', (_name, websockets) => {
  const start = mesopWithExtension();

  test(`the panel lists exactly ${N}+1 exchanges with full bodies`, async () => {
    const t0 = Date.now();
    const { server, session } = await start(SPIKE_APP, { websockets }, EXT);
    const { dt, extId } = await openDevTools(session);
    const panel: Frame = await showMesopPanel(dt, extId);
    // The tab is still on about:blank: no content script answers the panel's port, and it says so.
    await panel.waitForFunction(
      () => /no Mesop DevTools content script/.test((window as any).__mesopDebug.capture.hook.error ?? ''),
      { timeout: 10_000, polling: 50 },
    );
    await session.page.goto(server.origin + '/');
    await waitForApp(session.page);
    const actions = await runEvents(session.page, N, { blobEvery: 4 });

    // Done when every event is complete and both paths saw it (the network path's WebSocket view
    // comes from getHAR polling, up to a second late).
    await panel
      .waitForFunction(
        (expected: number) => {
          const rows = (window as any).__mesopDebug.capture.log.entries;
          return (
            rows.length >= expected &&
            rows.every((r: { complete: boolean; sources: string[] }) => r.complete && r.sources.length === 2)
          );
        },
        { timeout: 20_000, polling: 100 },
        N + 1,
      )
      .catch(() => undefined);
    const snap = await readPanel(panel);
    const rows = snap.rows;

    expect(rows).toHaveLength(N + 1);
    expect(snap.hookError).toBeUndefined(); // the Mesop page's relay said hello, the panel connected
    expect(snap.page).toMatchObject({ isMesop: true, mode: 'editor', websocketsEnabled: websockets });
    for (const row of rows) {
      expect(row.transport).toBe(websockets ? 'websocket' : 'sse');
      expect(row.problems).toEqual([]);
      // Seen by both independent paths, which agreed on the request body (the merge key).
      expect(row.sources).toEqual(['hook', 'network']);
      expect(row.requestBody).toMatch(/^[A-Za-z0-9_-]+=*$/); // URL-safe base64, whole
      expect(row.payloads.length).toBeGreaterThanOrEqual(2);
      expect(row.payloads[row.payloads.length - 1]).toBe('<stream_end>');
      for (const p of row.payloads.slice(0, -1)) expect(p).toMatch(/^[A-Za-z0-9+/]+=*$/);
    }
    // The init is first; "Add 200 kB" makes the following uploads carry the 200 kB string (SSE only:
    // in WebSocket mode state stays on the server and requests carry none).
    expect(rows[0]!.requestBody!.length).toBeLessThan(100);
    const blobIndex = actions.indexOf('blob') + 1;
    if (!websockets) expect(rows[blobIndex + 1]!.requestBody!.length).toBeGreaterThan(200_000);
    // A generator handler yields 5 renders: 5 + the state event (SSE) + <stream_end>.
    const streamRow = rows[actions.indexOf('stream') + 1]!;
    expect(streamRow.payloads.length).toBe(websockets ? 6 : 7);
    console.log(`${_name}: ${N + 1} exchanges captured in ${Date.now() - t0} ms`);
  });
});

describe('events from before the panel, then live ones (SSE)', () => {
  const start = mesopWithExtension();

  // The relay sends nothing while no panel watches; the panel's backlog request brings the events
  // so far and opens the relay's live port, which must then carry every later event.
  test('the backlog has the early events and the relay streams the later ones', async () => {
    const { server, session } = await start(SPIKE_APP, { websockets: false }, EXT);
    await session.page.goto(server.origin + '/');
    await waitForApp(session.page);
    await runEvents(session.page, 3);
    const { dt, extId } = await openDevTools(session);
    const panel = await showMesopPanel(dt, extId);
    await panel.waitForFunction(() => (window as any).__mesopDebug.capture.log.entries.length >= 4, {
      timeout: 20_000,
      polling: 100,
    });
    await runEvents(session.page, 3);
    await panel
      .waitForFunction(
        () => {
          const rows = (window as any).__mesopDebug.capture.log.entries as { complete: boolean; sources: string[] }[];
          return rows.length >= 7 && rows.slice(4).every((r) => r.complete && r.sources.length === 2);
        },
        { timeout: 20_000, polling: 100 },
      )
      .catch(() => undefined);
    const { rows } = await readPanel(panel);
    expect(rows).toHaveLength(7);
    expect(rows.every((r) => r.complete && r.problems.length === 0)).toBe(true);
    // DevTools was closed for the first four: only the page hook (through the backlog) has them.
    expect(rows.map((r) => r.sources.join('+'))).toEqual([...Array(4).fill('hook'), ...Array(3).fill('hook+network')]);
  });
});

describe('a page restored from the back/forward cache (SSE)', () => {
  const start = mesopWithExtension();

  // Chrome closes extension ports of a page put in the back/forward cache, and a restored page runs
  // no content script anew: its relay must say hello again, or its later events never reach the panel
  // (checked: without the pageshow hello, 0 of these events arrived).
  test('its later events still reach the panel', async () => {
    const { server, session } = await start(SPIKE_APP, { websockets: false }, EXT);
    const { dt, extId } = await openDevTools(session);
    const panel = await showMesopPanel(dt, extId);
    const { page } = session;
    await page.goto(server.origin + '/');
    await waitForApp(page);
    await runEvents(page, 2);
    await page.evaluate(() => {
      (window as any).__sameDocument = true;
    });
    await page.goto(server.origin + '/no-such-page').catch(() => undefined);
    await page.goBack();
    // Restored, not reloaded: the old document (and its content script) came back.
    expect(await page.evaluate(() => (window as any).__sameDocument)).toBe(true);
    const restoredAt = Date.now();
    await runEvents(page, 2);
    const later = () =>
      panel.evaluate(
        (t: number) =>
          (
            (window as any).__mesopDebug.capture.log.entries as {
              exchange: { startedAt: number };
              sources: string[];
              complete: boolean;
            }[]
          ).filter((r) => r.exchange.startedAt >= t && r.sources.includes('hook') && r.complete).length,
        restoredAt,
      );
    await panel
      .waitForFunction(
        (t: number) =>
          (
            (window as any).__mesopDebug.capture.log.entries as {
              exchange: { startedAt: number };
              sources: string[];
              complete: boolean;
            }[]
          ).filter((r) => r.exchange.startedAt >= t && r.sources.includes('hook') && r.complete).length >= 2,
        { timeout: 20_000, polling: 100 },
        restoredAt,
      )
      .catch(() => undefined);
    expect(await later()).toBe(2);
  });
});

describe('a Mesop page nobody inspects (SSE)', () => {
  const start = mesopWithExtension();

  // Installed for every Mesop page a developer opens, the extension must cost next to nothing while
  // no DevTools is open: one hello per page load and no per-event message. The service worker hears
  // every runtime message a content script sends; counting there catches a regression to the first
  // design (one sendMessage per hook message).
  test('the extension hears one hello per page load and nothing per event', async () => {
    const { server, session } = await start(SPIKE_APP, { websockets: false }, EXT);
    const swTarget = await session.browser.waitForTarget(
      (t) => t.type() === 'service_worker' && t.url().startsWith('chrome-extension://'),
    );
    const sw = (await swTarget.worker())!;
    await sw.evaluate(() => {
      const heard: string[] = [];
      (globalThis as any).__heard = heard;
      chrome.runtime.onMessage.addListener((m: { kind?: string }) => {
        heard.push(`message:${m?.kind}`);
      });
      chrome.runtime.onConnect.addListener((p: chrome.runtime.Port) => {
        heard.push(`connect:${p.name}`);
      });
    });
    const { page } = session;
    await page.goto(server.origin + '/');
    await waitForApp(page);
    await runEvents(page, 4);
    await page.reload();
    await waitForApp(page);
    await runEvents(page, 2);
    // The marker that the quiet period passed: a third page load's hello. It is sent after anything
    // the first two loads' events could have sent, from the same tab through the same browser
    // process, so once it is heard every earlier message has been heard too.
    await page.reload();
    await waitForApp(page);
    const heard = await waitFor(
      "the third page load's hello",
      async () => {
        const h: string[] = await sw.evaluate(() => (globalThis as any).__heard);
        return h.length >= 3 && h;
      },
      { timeoutMs: 20_000, describe: async () => JSON.stringify(await sw.evaluate(() => (globalThis as any).__heard)) },
    );
    expect(heard).toEqual(['message:relay-hello', 'message:relay-hello', 'message:relay-hello']);
    await runEvents(page, 2);
    // Quiet, not deaf: the page's backlog held this load's events for the panel opened now.
    const { dt, extId } = await openDevTools(session);
    const panel = await showMesopPanel(dt, extId);
    await panel
      .waitForFunction(() => (window as any).__mesopDebug.capture.log.entries.length >= 3, {
        timeout: 20_000,
        polling: 100,
      })
      .catch(() => undefined);
    const { rows } = await readPanel(panel);
    expect(rows.map((r) => `${r.sources.join('+')}:${r.complete}`)).toEqual(Array(3).fill('hook:true'));
  });
});
