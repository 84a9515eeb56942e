/**
 * The real panel under load (issue 7; the strict figures are `npm run bench`'s, bench/panel-perf.ts):
 * Chromium with the built extension, DevTools on the Mesop tab, the Mesop-speaking load server of
 * bench/panel-load/ (no Python). Feeds 400 events of a 200 kB state, then 3,000 small events, and
 * checks that every event is accounted for (shown, or dropped by the panel's memory bound with its
 * notice), that the panel did not freeze (no main-thread task of seconds: a liveness check, not a
 * speed figure; the 50 ms line is measured by the bench, never asserted here, since this shared
 * 2-core machine stretches every task with its load), and that a lowered event cap drops exactly the oldest events
 * past it. About 50 s on a quiet machine.
 * Run: node scripts/build.mjs && npx jest test/extension/panel-load.e2e
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import type { Frame } from 'puppeteer-core';
import {
  droppedCount,
  heapProbe,
  observeLongTasks,
  readLongTasks,
  shownCount,
  waitForShown,
} from '../../bench/panel-load/drive';
import { startLoadServer, type LoadServer } from '../../bench/panel-load/server';
import { waitFor } from '../support/wait-for';
import { EXTENSION_DIR, launchWithExtension, openDevTools, showMesopPanel, type Session } from './support/chromium';

const ROOT = resolve(__dirname, '../..');
const PAGE_SCRIPT = join(ROOT, 'dist/bench/panel-load-page.js');
/** A frozen panel blocks for seconds; tasks of ~1 s were seen at load 8 on 2 cores without any freeze. */
const FREEZE_BOUND_MS = 3000;
const taskBound = (): number => FREEZE_BOUND_MS;
/** 200 kB events: ~1.6x the 64 Mi-character bound (the stale-closure leak showed at 400 and 600). */
const BIG = 400;

let server: LoadServer | undefined;
let session: Session | undefined;
let panel: Frame;

beforeAll(async () => {
  if (!existsSync(join(EXTENSION_DIR, 'panel.js')) || !existsSync(PAGE_SCRIPT)) {
    execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: ROOT, stdio: 'inherit' });
  }
  [server, session] = await Promise.all([startLoadServer(PAGE_SCRIPT), launchWithExtension()]);
  const { dt, extId } = await openDevTools(session);
  panel = await showMesopPanel(dt, extId);
});
afterAll(async () => {
  await session?.close();
  await server?.stop();
});

/** Opens the load app (a new page: the panel starts a new log) and sends `events` events in all. */
async function feed(size: 'big' | 'small', events: number): Promise<void> {
  const page = session!.page;
  await page.goto(`${server!.origin}/?size=${size}`);
  await page.evaluate(() => (window as any).__load.init());
  await waitForShown(panel, 1, 20_000);
  await page.evaluate((n: number) => (window as any).__load.run(n, 4), events - 1);
}

/**
 * Shown + dropped, once they add up to `n`. The notice follows the capture at once, the event count
 * follows the worker's next view (a few hundred ms later): in between their sum can pass `n`.
 * A lasting mismatch (an event lost or counted twice) times out here.
 */
async function accountedFor(n: number): Promise<{ shown: number; dropped: number }> {
  const read = () =>
    panel.evaluate(() => ({
      shown: Number(document.querySelector('#event-count')?.textContent ?? 0),
      dropped: Number(document.querySelector('#dropped-notice')?.getAttribute('data-dropped') ?? 0),
    }));
  await panel
    .waitForFunction(
      (k: number) =>
        Number(document.querySelector('#event-count')?.textContent ?? 0) +
          Number(document.querySelector('#dropped-notice')?.getAttribute('data-dropped') ?? 0) ===
        k,
      { timeout: 30_000, polling: 100 },
      n,
    )
    .catch(async () => {
      throw new Error(`not accounted for: ${JSON.stringify(await read())} of ${n}`);
    });
  return read();
}

const sentEvents = () => session!.page.evaluate(() => (window as any).__load.events as number);
const notice = () => panel.evaluate(() => document.querySelector('#dropped-notice')?.textContent ?? null);

/**
 * Every exchange object the capture shows, as it comes, held weakly (a WeakRef keeps nothing alive).
 * After the bound dropped some and a forced GC, an exchange that is no longer in the capture but
 * still alive is kept by something: the stale-closure leak (an old render's closure; panel/app/use-analysis.ts now keeps the log out of renders) kept ~175.
 * "In the capture": its rows, and what its two sources hold for rows not final yet (a row only
 * one path has seen so far shows that source's own object until its twin comes).
 */
const trackRows = () =>
  panel.evaluate(() => {
    const w = window as any;
    const seen = new WeakSet<object>();
    w.__trackedExchanges = [] as WeakRef<object>[];
    w.__trackTimer = setInterval(() => {
      for (const r of w.__mesopDebug.capture.log.entries)
        if (!seen.has(r.exchange)) {
          seen.add(r.exchange);
          w.__trackedExchanges.push(new WeakRef(r.exchange));
        }
    }, 50);
  });
const droppedButAlive = () =>
  panel.evaluate(() => {
    const w = window as any;
    clearInterval(w.__trackTimer);
    const capture = w.__mesopDebug.capture;
    const rows = new Set((capture.log.entries as any[]).map((r) => r.exchange));
    const rowIds = new Set((capture.log.entries as any[]).map((r) => r.exchange.id));
    const inSources = new Set([...capture.hook.exchanges().exchanges, ...capture.network.exchanges()]);
    const refs = w.__trackedExchanges as WeakRef<object>[];
    const outsideRows = refs
      .map((ref) => ref.deref() as { id: string } | undefined)
      .filter((x) => x !== undefined && !rows.has(x));
    const alive = outsideRows.filter((x) => !inSources.has(x));
    return {
      alive: alive.length,
      tracked: refs.length,
      // An older copy of a row still listed (merged since), or the copy of a row gone (dropped).
      replaced: alive.filter((x) => rowIds.has(x!.id)).length,
    };
  });

/**
 * The panel lets go of rows the capture dropped or replaced at its next render after that update,
 * and the update can come at any time (a row turns final 5 s after its end): a GC in between still
 * finds them, held by the last render. A leak lasts: look again, 2 s apart, for 6 s (4 looks).
 */
async function lingeringForGood(probe: {
  read(): Promise<unknown>;
}): Promise<{ alive: number; tracked: number; looks: number }> {
  let looks = 0;
  let found = { alive: 0, tracked: 0, replaced: 0 };
  await waitFor(
    'dropped exchanges to be let go',
    async () => {
      if (looks > 0) {
        console.log(
          `look ${looks}: ${found.alive} dropped exchanges alive (${found.replaced} older copies of rows still listed); looking again`,
        );
        await probe.read(); // forced GCs
      }
      found = await droppedButAlive();
      looks++;
      return found.alive === 0;
    },
    { timeoutMs: 6_000, everyMs: 2_000 },
  ).catch(() => undefined); // the caller asserts on what was found last
  return { alive: found.alive, tracked: found.tracked, looks };
}

/** Characters of the bodies the capture holds (each kept once): what the panel means to retain. */
const heldChars = () =>
  panel.evaluate(() =>
    ((window as any).__mesopDebug.capture.log.entries as any[]).reduce(
      (a: number, r: any) => a + (r.exchange.requestBody?.length ?? 0) + (r.exchange.responseText?.length ?? 0),
      0,
    ),
  );

test(`${BIG} events of a 200 kB state: all accounted for, the 64 MB body bound drops the oldest with a notice, and nothing dropped stays in memory`, async () => {
  const probe = await heapProbe(session!.browser, panel);
  const base = (await probe.read()).panelBytes;
  await trackRows();
  await observeLongTasks(panel);
  await feed('big', BIG);
  await waitForShown(panel, BIG, 90_000);
  const { shown, dropped } = await accountedFor(BIG);
  expect(shown + dropped).toBe(BIG);
  // 400 uploads of ~270 kB of base64 pass the 64 Mi-character bound: the oldest go, and the panel says so.
  expect(dropped).toBeGreaterThan(0);
  expect(shown).toBeGreaterThan(150);
  expect(await notice()).toBe(`${dropped} older events dropped to bound memory`);
  // The first event shown is the oldest kept one, numbered 0, with the decoded state size.
  const first = await panel.evaluate(() => (window as any).__mesopDebug.report.events[0]);
  expect(first.index).toBe(0);
  expect(first.request.stateBytes[0]).toBeGreaterThan(200_000);
  const tasks = await readLongTasks(panel, true);
  const bound = taskBound();
  // The panel's heap grows by the bodies it holds (one-byte strings) plus a little per event. A
  // closure of an old render once kept the rows of that render alive after the bound dropped them
  // (an old render's closure; panel/app/use-analysis.ts now keeps the log out of renders): up to ~1.9x the held bodies at 1,000 events in the bench.
  const held = await heldChars();
  const grown = (await probe.read()).panelBytes - base; // after forced GCs
  const lingering = await lingeringForGood(probe);
  await probe.close();
  console.log(
    `${BIG} x 200 kB: ${shown} shown, ${dropped} dropped; ${lingering.alive} of ${lingering.tracked} exchanges no longer in the capture still alive (${lingering.looks} look(s)); panel heap +${(grown / 1048576).toFixed(1)} MB for ${(held / 1048576).toFixed(1)} Mi chars of bodies held; panel long tasks ${tasks.count}, max ${Math.round(tasks.maxMs)} ms (bound ${bound} ms at load ${loadavg()[0]!.toFixed(1)})`,
  );
  expect(lingering).toEqual({ alive: 0, tracked: expect.any(Number), looks: expect.any(Number) });
  expect(grown).toBeLessThan(1.1 * held + 8 * 1048576);
  expect(tasks.maxMs).toBeLessThanOrEqual(bound);
}, 180_000);

test('3,000 small events: all shown; a lowered event cap drops exactly the oldest past it, and frees them', async () => {
  await feed('small', 3000);
  await waitForShown(panel, 3000, 80_000);
  expect(await shownCount(panel)).toBe(3000);
  expect(await droppedCount(panel)).toBe(0); // the navigation started a new log: the big page's drops are not this log's
  await trackRows();

  // Lower the bound as a user does (Recommendations > Thresholds and deployment > Keep the newest),
  // then send more: the oldest go past it.
  await panel.click('#tab-advice');
  await panel.evaluate(() => {
    document.querySelector<HTMLDetailsElement>('details.thresholds')!.open = true;
    const input = document.querySelector<HTMLInputElement>('input[name=keepEvents]')!;
    input.value = '1000';
    input.dispatchEvent(new Event('change', { bubbles: true }));
  });
  await panel.waitForFunction(() => (window as any).__mesopDebug.capture.limits.maxEvents === 1000, {
    timeout: 10_000,
    polling: 50,
  });
  await session!.page.evaluate(() => (window as any).__load.run(200, 4));
  const total = await sentEvents();
  expect(total).toBe(3200);
  // The cap holds for settled rows; the newest few seconds' rows join them (and the count) as they settle.
  await panel.waitForFunction(() => Number(document.querySelector('#event-count')?.textContent ?? 0) <= 1000, {
    timeout: 30_000,
    polling: 100,
  });
  const { shown, dropped } = await accountedFor(total);
  // The notice counts the dropped events of the log shown (this page's; the big page's drops were before the navigation).
  expect(shown + dropped).toBe(total);
  expect(shown).toBeLessThanOrEqual(1000);
  expect(await notice()).toBe(`${dropped} older events dropped to bound memory`);
  // The kept events are the newest: the last one shown is the last one sent (the state's count says which).
  const last = await panel.evaluate(() => {
    const r = (window as any).__mesopDebug.report;
    return r.events[r.events.length - 1];
  });
  expect(last.index).toBe(shown - 1);
  const probe = await heapProbe(session!.browser, panel);
  await probe.read(); // forced GCs
  const lingering = await lingeringForGood(probe);
  await probe.close();
  expect(lingering).toEqual({ alive: 0, tracked: expect.any(Number), looks: expect.any(Number) });
  expect(lingering.tracked).toBeGreaterThanOrEqual(3000);
  const tasks = await readLongTasks(panel);
  const bound = taskBound();
  console.log(
    `3,000 + 200 small: ${shown} shown, ${dropped} dropped; ${lingering.alive} of ${lingering.tracked} exchanges no longer in the capture still alive (${lingering.looks} look(s)); panel long tasks ${tasks.count}, max ${Math.round(tasks.maxMs)} ms (bound ${bound} ms at load ${loadavg()[0]!.toFixed(1)})`,
  );
  expect(tasks.maxMs).toBeLessThanOrEqual(bound);
}, 120_000);
