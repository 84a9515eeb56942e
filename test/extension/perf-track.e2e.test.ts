/**
 * The "Mesop" track in Chrome's Performance panel (docs/performance-track.md), end to end: real
 * Chromium with the built extension, DevTools open on a real Mesop 1.3.7 chat app
 * (test/apps/chat.py), the Mesop tab shown. A Performance recording is started and stopped
 * through DevTools' own action (docs/performance-panel-probe.md), and the trace DevTools recorded
 * is read from its Performance panel:
 * - the Mesop track group holds one entry per event of the recording, as many as the Mesop tab
 *   lists for that time, labelled with the panel rows' kind, handler and bytes, bytes equal to
 *   the independent Python oracle's, each entry as long as the event;
 * - events before the recording started and after it stopped are not in it, and no eval reaches
 *   the page while no recording runs.
 * Under `npm run screenshots` the second test saves docs/screenshots/performance-track.png.
 * Run: node scripts/build.mjs && npx jest test/extension/perf-track.e2e
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { Frame, Page } from 'puppeteer-core';
import { formatBytes } from '../../src/core';
import { expectedRows } from '../panel/support/oracle-values';
import { eventCount, shownRows, waitForEventCount } from '../panel/support/panel-dom';
import { waitFor } from '../support/wait-for';
import { oracleForPanel } from './support/capture-har';
import { CHAT_APP, sendChat } from './support/chat-app';
import { builtExtension, launchWithExtension, openDevTools, showMesopPanel, type Session } from './support/chromium';
import { startMesop, type MesopServer } from './support/mesop-server';
import { pressInPanel } from './support/panel-press';
import { screenshotPath } from './support/screenshot-path';

const EXT = builtExtension();
const BEFORE = 1 + 2; // the init, then blur + click of one message, before the recording
const DURING = ['Hello there', 'How big is my state?']; // 2 events each
const tmp = mkdtempSync(join(tmpdir(), 'mesop-perf-track-e2e-'));

let server: MesopServer | undefined;
let session: Session | undefined;

afterAll(async () => {
  await session?.close();
  await server?.stop();
  rmSync(tmp, { recursive: true, force: true });
});

interface TrackCounts {
  recording: boolean;
  evals: number;
  written: number;
  failed: number;
}
/**
 * waitForEventCount polls on animation frames, which a hidden panel (the Performance panel is
 * shown) does not get: this one polls on a timer.
 */
const listed = (panel: Frame, n: number) =>
  waitFor(`${n} events listed in the Mesop tab`, async () => (await eventCount(panel)) === n, {
    describe: async () => `it lists ${await eventCount(panel)}`,
  });

const counts = (panel: Frame): Promise<TrackCounts> =>
  panel.evaluate(() => ({ ...(window as any).__mesopDebug.performanceTrack }) as TrackCounts);

/** Starts or stops a Performance recording with DevTools' own action, as a user's click does. */
async function toggleRecording(dt: Page): Promise<void> {
  await dt.evaluate(`import('./ui/legacy/legacy.js').then(async (UI) => {
    await UI.ViewManager.ViewManager.instance().showView('timeline');
    await UI.ActionRegistry.ActionRegistry.instance().getAction('timeline.toggle-recording').execute();
  })`);
}

/** A TimeStamp event of the trace, as Chromium records console.timeStamp. */
interface TraceTimeStamp {
  name: string;
  ts: number;
  args: {
    data: {
      message?: string;
      name?: string;
      start?: number;
      end?: number;
      track?: string;
      trackGroup?: string;
      color?: string;
    };
  };
}

/** The trace DevTools recorded (empty until it is loaded): the events `keep` (a function's source) keeps. */
const traceEvents = <T>(dt: Page, keep: string): Promise<T[]> =>
  dt.evaluate(`import('./panels/timeline/timeline.js').then((T) => {
    const events = T.TimelinePanel.TimelinePanel.instance().getTraceEngineRawTraceEventsForLayoutTests() ?? [];
    return events.filter(${keep});
  }).catch(() => [])`) as Promise<T[]>;

/**
 * Waits for a stopped recording's trace (the first whose /__ui__ requests were all sent after
 * `after`, a trace timestamp), then reads its Mesop TimeStamps, /__ui__ requests and user timings.
 */
async function readTrace(dt: Page, after = 0) {
  const sends = await waitFor(
    'the recorded trace in the Performance panel',
    async () => {
      const got = await traceEvents<{ ts: number; args: { data: { url: string } } }>(
        dt,
        `(e) => e.name === 'ResourceSendRequest' && (e.args?.data?.url ?? '').includes('/__ui__')`,
      );
      return got.length > 0 && got.every((e) => e.ts > after) ? got.sort((x, y) => x.ts - y.ts) : undefined;
    },
    { timeoutMs: 60_000 },
  );
  const stamps = await traceEvents<TraceTimeStamp>(
    dt,
    `(e) => e.name === 'TimeStamp' && e.args?.data?.trackGroup === 'Mesop'`,
  );
  const measures = await traceEvents<TraceMeasure>(dt, `(e) => e.cat === 'blink.user_timing'`);
  // The browser's own first byte of each /__ui__ response (its first ResourceReceivedData).
  const ids = sends.map((e) => (e.args.data as { requestId?: string }).requestId);
  const received = await traceEvents<{ ts: number; args: { data: { requestId: string } } }>(
    dt,
    `(e) => e.name === 'ResourceReceivedData' && ${JSON.stringify(ids)}.includes(e.args?.data?.requestId)`,
  );
  const firstData = ids.map((id) => Math.min(...received.filter((e) => e.args.data.requestId === id).map((e) => e.ts)));
  return { stamps, sends, measures, firstData };
}

/** A performance.measure of the trace (its begin and end, ph "b" and "e"). */
interface TraceMeasure {
  name: string;
  ph: string;
  ts: number;
  args: Record<string, unknown>;
}

/** The label of a TimeStamp (Chromium records it as `message`, and `name` in newer builds). */
const label = (s: TraceTimeStamp) => s.args.data.message ?? s.args.data.name ?? '';
const byStart = (a: TraceTimeStamp, b: TraceTimeStamp) => a.args.data.start! - b.args.data.start!;
/** The Mesop tab's rows: kind and handler cells, and their bytes. */
async function listedRows(panel: Frame) {
  const rows = await shownRows(panel);
  const names = await panel.$$eval('#event-rows tr[data-index]', (trs) =>
    trs.map((tr) =>
      [...tr.querySelectorAll('td')]
        .slice(2, 4)
        .map((td) => td.textContent)
        .join(' '),
    ),
  );
  const durations = await panel.evaluate(() =>
    ((window as any).__mesopDebug.report.events as { durationMs: number }[]).map((e) => e.durationMs),
  );
  return rows.map((r, i) => ({ ...r, name: names[i]!, durationMs: durations[i]! }));
}

let dt: Page;
let extId: string;
let panel: Frame;
/** Events listed so far, and the trace time of the last recording's last /__ui__ request. */
let listedSoFar = 0;
let lastSend = 0;
/** The waits for the first byte measured in the first recording (ms), printed for docs/performance-track.md. */
let serverFigures: number[] = [];
/** The hook's first byte minus the trace's first received data, per event (ms). */
let firstByteApart: number[] = [];

test('a Performance recording gets one Mesop entry per event of the recording, labelled as the Mesop tab and the oracle say', async () => {
  [server, session] = await Promise.all([startMesop(CHAT_APP, { websockets: false }), launchWithExtension(EXT)]);
  const { page } = session;
  ({ dt, extId } = await openDevTools(session));
  panel = await showMesopPanel(dt, extId);
  await page.goto(`${server.origin}/`);
  await page.waitForSelector('input');
  await sendChat(page, 'Before the recording');
  await waitForEventCount(panel, BEFORE);
  // The panel analysed and listed them, with no recording running: nothing was evaluated in the page.
  expect(await counts(panel)).toEqual({ recording: false, evals: 0, written: 0, failed: 0 });

  await toggleRecording(dt);
  await waitFor('DevTools to say the recording started', async () => (await counts(panel)).recording);
  for (const m of DURING) await sendChat(page, m);
  const all = BEFORE + 2 * DURING.length;
  await listed(panel, all);
  // Per event: its Events entry, its wait for the first byte and one Server entry per response message.
  const entriesDue = await panel.evaluate(
    (before) =>
      ((window as any).__mesopDebug.report.events as { response: { messages: number } }[])
        .slice(before)
        .reduce((n, e) => n + 2 + e.response.messages, 0),
    BEFORE,
  );
  await waitFor('the recorded events written', async () => (await counts(panel)).written >= entriesDue, {
    describe: async () => `${entriesDue} due, ${JSON.stringify(await counts(panel))}`,
  });
  await toggleRecording(dt);
  await waitFor('DevTools to say the recording stopped', async () => !(await counts(panel)).recording);
  const { stamps, sends, measures, firstData } = await readTrace(dt);
  const afterStop = await counts(panel);
  expect(afterStop).toMatchObject({ written: entriesDue, failed: 0 });
  expect(stamps).toHaveLength(entriesDue);

  // One entry per event the Mesop tab lists for the recording's time (the events after the first
  // BEFORE, which came before it), in its order, with its names and bytes.
  const rows = await listedRows(panel);
  expect(rows).toHaveLength(all);
  const entries = stamps.filter((s) => s.args.data.track === 'Events').sort(byStart);
  expect(entries.map(label)).toEqual(
    rows.slice(BEFORE).map((r) => `${r.name} ↑${formatBytes(r.up)} ↓${formatBytes(r.down)}`),
  );
  // The same bytes from the independent Python oracle run on the panel's capture.
  const oracleOfPanel = await oracleForPanel(panel, tmp, 'perf-track');
  const oracleEvents = oracleOfPanel.events;
  const oracle = expectedRows(oracleOfPanel);
  expect(oracle).toHaveLength(all);
  expect(entries.map((s) => label(s).replace(/^.* ↑/, '↑'))).toEqual(
    oracle.slice(BEFORE).map((o) => `↑${formatBytes(o.up)} ↓${formatBytes(o.down)}`),
  );
  expect(entries.every((s) => s.args.data.color === 'primary')).toBe(true); // far under the thresholds
  // At its real time: each entry starts where the browser sent its request (the trace's own
  // network event; the hook notes the time in send(), events are seconds apart), and lasts
  // as long as the Mesop tab says (trace times are microseconds).
  expect(sends).toHaveLength(entries.length);
  entries.forEach((s, i) => {
    expect(Math.abs(s.args.data.start! - sends[i]!.ts)).toBeLessThan(50_000);
    expect(Math.abs(s.args.data.end! - s.args.data.start! - rows[BEFORE + i]!.durationMs * 1000)).toBeLessThanOrEqual(
      1000,
    );
  });
  // The Server track: per event the wait from its start to the first byte, then one entry per
  // response message the oracle decoded (a render, then the state update), each ending when it
  // arrived, all within the event.
  const serverStamps = stamps.filter((s) => s.args.data.track === 'Server').sort(byStart);
  const waits = serverStamps.filter((s) => label(s) === 'waiting for Mesop');
  expect(waits).toHaveLength(entries.length);
  const recorded = (oracleEvents as unknown as { response: { messages: { type: string; protoBytes: number }[] } }[])
    .slice(BEFORE)
    .map((o) => o.response.messages);
  entries.forEach((e, i) => {
    const { start, end } = e.args.data;
    expect(waits[i]!.args.data.start).toBe(start);
    expect(waits[i]!.args.data.end).toBeGreaterThanOrEqual(start!);
    expect(waits[i]!.args.data.end).toBeLessThanOrEqual(end! + 1000);
    const messages = serverStamps.filter(
      (s) => s !== waits[i] && s.args.data.end! >= start! && s.args.data.end! <= end! + 1000,
    );
    // A render's wire bytes: `data: ` + the base64 of its protobuf + the blank line.
    const renders = recorded[i]!.filter((m) => m.type === 'render').length;
    expect(messages.map(label)).toEqual(
      recorded[i]!.map((m, k) =>
        m.type === 'render'
          ? `render ${k + 1}/${renders} · ${formatBytes(8 + 4 * Math.ceil(m.protoBytes / 3))}`
          : expect.stringMatching(/^state (full|diff), /),
      ),
    );
    expect(messages[0]!.args.data.start).toBe(waits[i]!.args.data.end); // the first message arrives with the first byte
  });
  serverStamps.forEach((s) => expect(s.args.data.end).toBeGreaterThanOrEqual(s.args.data.start!));
  serverFigures = waits.map((w) => (w.args.data.end! - w.args.data.start!) / 1000);
  // The hook's first byte against the browser's (the trace's first ResourceReceivedData of that request).
  firstByteApart = waits.map((w, i) => (w.args.data.end! - firstData[i]!) / 1000);
  firstByteApart.forEach((ms) => expect(Math.abs(ms)).toBeLessThan(50)); // as for the starts above
  // No markers (small state, no token miss), and nothing in the app's own performance timeline.
  expect(stamps.filter((s) => s.args.data.track === 'Markers')).toEqual([]);
  expect(measures.filter((m) => JSON.stringify(m.args).includes('Mesop'))).toEqual([]);

  // After the recording stopped, events write nothing.
  await sendChat(page, 'After the recording');
  await listed(panel, all + 2);
  expect(await counts(panel)).toEqual(afterStop);
  listedSoFar = all + 2;
  lastSend = sends.at(-1)!.ts;
  console.log(
    `waits for the first byte (ms): ${serverFigures.map((ms) => ms.toFixed(1)).join(', ')}; ` +
      `hook's first byte minus the trace's first ResourceReceivedData (ms): ${firstByteApart.map((ms) => ms.toFixed(1)).join(', ')}`,
  );
}, 240_000);

test('with the richer entries on and a lower threshold: measures with the details, warning colours, and markers', async () => {
  const { page } = session!;
  await showMesopPanel(dt, extId);
  await pressInPanel(panel, '#tab-advice');
  await panel.evaluate(() =>
    document.querySelectorAll('details.thresholds').forEach((d) => d.setAttribute('open', '')),
  );
  // A full-state upload of 100 B or more now earns a warning (the chat uploads its whole state each event).
  await panel.$eval('input[name=stateUploadWarn]', (el) => {
    (el as HTMLInputElement).value = '100 B';
    el.dispatchEvent(new Event('change', { bubbles: true }));
  });
  await pressInPanel(panel, 'input[name=richerTrackEntries]');
  const before = await counts(panel);

  await toggleRecording(dt);
  await waitFor('DevTools to say the recording started', async () => (await counts(panel)).recording);
  await sendChat(page, 'With the richer entries');
  await listed(panel, listedSoFar + 2);
  // Per event: its measure, its marker (over 100 B), its wait and its response messages.
  const due = await panel.evaluate(
    (from) =>
      ((window as any).__mesopDebug.report.events as { response: { messages: number } }[])
        .slice(from)
        .reduce((n, e) => n + 3 + e.response.messages, 0),
    listedSoFar,
  );
  await waitFor('the recorded events written', async () => (await counts(panel)).written >= before.written + due, {
    describe: async () => `${due} due, ${JSON.stringify(await counts(panel))}`,
  });
  await toggleRecording(dt);
  await waitFor('DevTools to say the recording stopped', async () => !(await counts(panel)).recording);
  const { stamps, measures } = await readTrace(dt, lastSend);
  const all = listedSoFar + 2;
  const rows = (await listedRows(panel)).slice(all - 2);
  const oracle = expectedRows(await oracleForPanel(panel, tmp, 'perf-track-richer')).slice(all - 2);
  expect(oracle).toHaveLength(2);
  expect(oracle.every((o) => o.upState >= 100)).toBe(true);

  // The events are performance.measure entries now (begin "b" + end "e"), none a TimeStamp.
  const begins = measures.filter((m) => m.ph === 'b').sort((x, y) => x.ts - y.ts);
  expect(begins.map((m) => m.name)).toEqual(rows.map((r) => `${r.name} ↑${formatBytes(r.up)} ↓${formatBytes(r.down)}`));
  const details = begins.map(
    (m) =>
      JSON.parse(m.args.detail as string) as { devtools: Record<string, unknown> & { properties: [string, string][] } },
  );
  details.forEach(({ devtools }, i) => {
    expect(devtools).toMatchObject({ dataType: 'track-entry', track: 'Events', trackGroup: 'Mesop', color: 'warning' });
    const props = new Map(devtools.properties);
    expect(props.get('up state')).toBe(`full, ${formatBytes(oracle[i]!.upState)}`);
    expect(props.get('token-miss retry')).toBe('no');
    expect(props.get('biggest field')).toMatch(/^history/);
  });
  expect(stamps.filter((s) => s.args.data.track === 'Events')).toEqual([]);
  // A marker at the start of each over the threshold, with the oracle's bytes.
  const markers = stamps.filter((s) => s.args.data.track === 'Markers').sort(byStart);
  expect(markers.map((s) => [label(s), s.args.data.color])).toEqual(
    oracle.map((o) => [`full state ↑${formatBytes(o.upState)} over 100 B`, 'warning']),
  );
  markers.forEach((s, i) => expect(s.args.data.start).toBe(begins[i]!.ts));
  if (process.env.MESOP_SCREENSHOTS === '1') await screenshot();
}, 240_000);

/**
 * docs/screenshots/performance-track.png (under `npm run screenshots`): the Performance panel
 * with the richer entries' recording (warning colours, markers), DevTools in its own window sized like a real one (as panel.e2e does).
 */
async function screenshot(): Promise<void> {
  await dt.evaluate(async () => {
    const UI = await import('./ui/legacy/legacy.js' as string);
    UI.DockController.DockController.instance().setDockSide('undocked');
  });
  await dt.setViewport({ width: 1360, height: 840 });
  // Open the Mesop group, close the main thread (DevTools' internals: best effort, the picture only).
  const how = await dt.evaluate(`import('./panels/timeline/timeline.js').then((T) => {
    const p = T.TimelinePanel.TimelinePanel.instance();
    const main = p.flameChart?.mainFlameChart ?? p.flameChart?.getMainFlameChart?.();
    const groups = main?.timelineData?.()?.groups ?? [];
    const names = groups.map((g) => g.name);
    names.forEach((n, i) => {
      if (['Mesop', 'Events', 'Markers', 'Server'].includes(n) && !groups[i].expanded) main.toggleGroupExpand(i);
    });
    const thread = names.findIndex((n) => /^Main/.test(n));
    if (thread >= 0 && groups[thread].expanded) main.toggleGroupExpand(thread);
    return names.join(' | ');
  }).catch((e) => 'not reached: ' + e.message)`);
  console.log(`Performance panel groups: ${String(how)}`);
  await new Promise((r) => setTimeout(r, 1000)); // the flame chart redraws at the new size
  const file = screenshotPath('screenshots/performance-track.png', tmp);
  mkdirSync(dirname(file), { recursive: true });
  await dt.screenshot({ path: file });
}
