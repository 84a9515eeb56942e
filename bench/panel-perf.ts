/**
 * The panel under load, in the real extension (issue 7, "Panel"): Chromium with dist/extension,
 * DevTools open on the Mesop tab, a Mesop-speaking Node server (bench/panel-load/) feeding
 *   (a) 1,000 events of a 200 kB state (every click uploads the whole state), and
 *   (b) 10,000 small events,
 * each in a fresh browser, one request in flight as Mesop's own SSE client sends them (the next
 * click waits for <stream_end>), as fast as the server answers: a load that keeps this 2-core
 * machine ~90 % busy by itself. Then, without a target,
 *   (s) 10,000 small events with 6 requests in flight (Chromium's per-host limit): more than
 *       Mesop's client ever sends, a stress feed whose responses finish together, run
 *       --stress-runs times (default 10; issue 24: no panel task over 50 ms in 10 of 10 runs), and
 *   (c) 2,000 small events paced at 40 a second (still ~40x a person clicking), so the panel's own
 *       long tasks can be told from the machine's saturation. Reports the panel's long tasks (PerformanceObserver 'longtask' in the
 * panel frame, and in the DevTools page for reference), the time until all events are shown, and
 * the heap the panel retains after a forced GC (CDP HeapProfiler.collectGarbage +
 * Runtime.getHeapUsage on the panel frame and on its analysis worker) at several event counts.
 *
 *   node scripts/build.mjs && node dist/bench/panel-perf.js [--json] [--big 1000] [--small 10000] [--stress 10000] [--stress-runs 10] [--paced 2000 --rate 40] [--in-flight 1]
 */
import { cpus, loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { launchWithExtension, openDevTools, showMesopPanel } from '../test/extension/support/chromium';
import {
  droppedCount,
  heapProbe,
  observeLongTasks,
  readLongFrames,
  readLongTasks,
  shownCount,
  waitForShown,
  type Heap,
} from './panel-load/drive';
import { watchCpu, type CpuShare } from './panel-load/cpu-watch';
import { startLoadServer } from './panel-load/server';
import type { ThreadSpan } from './panel-load/thread-cpu';

const ROOT = resolve(__dirname, '../..');
const EXT = join(ROOT, 'dist/extension');
const PAGE_SCRIPT = join(__dirname, 'panel-load-page.js');
const MAX_TASK_MS = 50;
const args = process.argv.slice(2);
const json = args.includes('--json');
const argNum = (name: string, d: number) => (args.includes(name) ? Number(args[args.indexOf(name) + 1]) : d);
/**
 * Requests the page keeps in flight in the phases with a target: 1, as Mesop's own client sends
 * them (SSE: the next event waits for <stream_end>), as fast as the server answers.
 */
const IN_FLIGHT = argNum('--in-flight', 1);
/** The stress phase: 6 in flight (Chromium's limit per host), more than Mesop's client ever sends. */
const STRESS = argNum('--stress', 10_000);
const STRESS_IN_FLIGHT = 6;
/** Fresh browsers the stress phase runs in: the target is met in every one (issue 24: 10 of 10). */
const STRESS_RUNS = Math.max(0, argNum('--stress-runs', 10));
const BIG = argNum('--big', 1000);
const SMALL = argNum('--small', 10_000);
const PACED = argNum('--paced', 2_000);
const PACED_RATE = argNum('--rate', 40);
const log = (s: string) => {
  if (!json) console.error(s);
};

interface Checkpoint {
  events: number;
  heap: Heap;
  /** Events the panel holds (the others were dropped by its memory bound). */
  kept: number;
  /** Retained heap over the base (panel + worker), per event held. */
  bytesPerEvent: number;
  capped: number;
}
interface PhaseResult {
  name: string;
  events: number;
  shown: number;
  feedMs: number;
  /** From the first click sent to the last event shown in the panel. */
  allShownMs: number;
  /** From the last answer received by the page to the last event shown. */
  lagMs: number;
  panel: { maxTaskMs: number; over50: number; longTasks: number; totalLongMs: number };
  devtools: { maxTaskMs: number; over50: number; longTasks: number };
  /**
   * The panel's tasks over 50 ms split by its main thread's scheduler statistics (Linux): time it
   * ran on a core, time it was ready but waited for one; and the CPU each process used in the phase.
   */
  cpu?: { tasks: ThreadSpan[]; shares: CpuShare[]; phaseMs: number };
  checkpoints: Checkpoint[];
  dropped: number;
  notice: string | null;
  sizesOk: boolean;
  sizeCheck: string;
}

async function phase(
  name: string,
  size: 'big' | 'small',
  total: number,
  marks: number[],
  perSecond = 0,
  inFlight = IN_FLIGHT,
): Promise<PhaseResult> {
  const server = await startLoadServer(PAGE_SCRIPT);
  const session = await launchWithExtension(EXT);
  try {
    const { dt, extId } = await openDevTools(session);
    const panel = await showMesopPanel(dt, extId);
    await session.page.goto(`${server.origin}/?size=${size}`);
    await session.page.evaluate(() => (window as any).__load.init());
    await waitForShown(panel, 1, 30_000);
    const probe = await heapProbe(session.browser, panel);
    const base = await probe.read();
    log(`${name}: base heap panel ${mb(base.panelBytes)} worker ${mb(base.workerBytes)}`);
    // Before the observers: finding the renderers runs a 300 ms busy loop in the panel, the page
    // and the DevTools window. Until 2026-11-23 it ran after them, and the panel's first frame
    // after the loops (which can wait on the DevTools window, its embedder) counted as a long task.
    const cpu = await watchCpu(session.browser, { panel, devtools: dt, inspected: session.page });
    if (!cpu) log(`${name}: no scheduler statistics here (/proc/<pid>/task/<tid>/schedstat): long tasks are not split`);
    await sleep(500);
    await observeLongTasks(panel);
    await observeLongTasks(dt);
    const spans: [number, number][] = [];

    const checkpoints: Checkpoint[] = [];
    const tasks: number[] = [];
    const taskTimes: string[] = [];
    const dtTasks: number[] = [];
    /** What ran in the panel's frames over 50 ms (Long Animation Frames API), for the log. */
    const longFrames: string[] = [];
    const t0 = Date.now();
    let feedMs = 0;
    let lastAnswer = t0;
    let events = 1;
    for (const mark of [...new Set(marks)].filter((m) => m <= total)) {
      while (events < mark) {
        const n = Math.min(mark - events, 500);
        const f0 = Date.now();
        events = await session.page.evaluate(
          (k: number, c: number, r: number) => (window as any).__load.run(k, c, r),
          n,
          inFlight,
          perSecond,
        );
        feedMs += Date.now() - f0;
        lastAnswer = Date.now();
      }
      // Memory at this count: wait until shown (outside the feed time), then GC and read.
      await waitForShown(panel, mark, 180_000).catch(() => log(`${name}: not all ${mark} events shown within 180 s`));
      const shownAt = Date.now();
      if (mark === total) log(`${name}: ${total} events shown ${shownAt - lastAnswer} ms after the last answer`);
      // The forced GC of the heap probe is a long task of its own: keep the feed's tasks, drop the probe's.
      await sleep(200);
      const feedTasks = await readLongTasks(panel, true);
      tasks.push(...feedTasks.durations);
      taskTimes.push(...feedTasks.at);
      spans.push(...feedTasks.spans);
      longFrames.push(...(await readLongFrames(panel, true)));
      dtTasks.push(...(await readLongTasks(dt, true)).durations);
      const unsettled = await unsettledRows(panel);
      const heap = await probe.read();
      await sleep(200);
      await readLongTasks(panel, true);
      await readLongFrames(panel, true);
      await readLongTasks(dt, true);
      const capped = await droppedCount(panel);
      const retained = heap.panelBytes + heap.workerBytes - base.panelBytes - base.workerBytes;
      const kept = await shownCount(panel);
      checkpoints.push({ events: mark, heap, kept, bytesPerEvent: retained / Math.max(1, kept - 1), capped });
      log(
        `${name}: ${mark} events: panel ${mb(heap.panelBytes)} worker ${mb(heap.workerBytes)}, ${kept} held (${Math.round(retained / Math.max(1, kept - 1))} B per held event over the base), dropped ${capped}; not final yet: ${unsettled}`,
      );
    }
    const lastShown = Date.now();
    const shown = await shownCount(panel);
    const last = await readLongTasks(panel);
    tasks.push(...last.durations);
    taskTimes.push(...last.at);
    spans.push(...last.spans);
    cpu?.stop();
    const split = cpu?.split(spans) ?? [];
    // "neither" (blocked) is what is left; interpolating between 5 ms samples can make it -1.
    for (const t of split)
      log(
        `${name}: task ${t.wallMs.toFixed(0)} ms: ran ${t.ranMs.toFixed(0)} ms, waited for a core ${t.waitedMs.toFixed(0)} ms, neither ${Math.max(0, t.wallMs - t.ranMs - t.waitedMs).toFixed(0)} ms`,
      );
    const shares = cpu?.shares() ?? [];
    const phaseMs = cpu?.elapsedMs() ?? 0;
    if (shares.length)
      log(
        `${name}: CPU used in ${(phaseMs / 1000).toFixed(0)} s: ${shares.map((c) => `${c.who} ${(c.ms / 1000).toFixed(1)} s`).join(', ')}`,
      );
    longFrames.push(...(await readLongFrames(panel)));
    longFrames.sort((a, b) => parseInt(b, 10) - parseInt(a, 10));
    for (const f of longFrames.slice(0, 3)) log(`${name}: long frame ${f}`);
    if (taskTimes.length) log(`${name}: tasks over 50 ms (events shown then): ${taskTimes.join(', ')}`);
    dtTasks.push(...(await readLongTasks(dt)).durations);
    const lt = summary(tasks);
    const dtl = summary(dtTasks);
    const check = await sizeCheck(session.page, panel);
    const notice = await panel.evaluate(() => document.querySelector('#dropped-notice')?.textContent ?? null);
    await probe.close();
    return {
      name,
      events: total,
      shown,
      feedMs,
      allShownMs: lastShown - t0,
      lagMs: 0,
      panel: { maxTaskMs: lt.maxMs, over50: lt.over(MAX_TASK_MS), longTasks: lt.count, totalLongMs: lt.totalMs },
      devtools: { maxTaskMs: dtl.maxMs, over50: dtl.over(MAX_TASK_MS), longTasks: dtl.count },
      cpu: cpu
        ? { tasks: split.map(({ wallMs, ranMs, waitedMs }) => ({ wallMs, ranMs, waitedMs })), shares, phaseMs }
        : undefined,
      checkpoints,
      dropped: await droppedCount(panel),
      notice,
      sizesOk: check.ok,
      sizeCheck: check.text,
    };
  } finally {
    await session.close();
    await server.stop();
  }
}

/**
 * Rows of the last seconds the capture has not made final yet (waiting for DevTools' copy, or for
 * FINAL_AFTER_MS): they still hold both capture paths' copies of their bodies.
 */
function unsettledRows(panel: import('puppeteer-core').Frame): Promise<string> {
  return panel.evaluate(() => {
    const c = (window as any).__mesopDebug.capture;
    return c ? `${c.hook.sse.size} hook, ${c.network.sse.size} network` : '?';
  });
}

/** What the page sent (body chars, state bytes) against what the panel decoded, for the events both still hold. */
async function sizeCheck(
  page: import('puppeteer-core').Page,
  panel: import('puppeteer-core').Frame,
): Promise<{ ok: boolean; text: string }> {
  const sent: { index: number; bodyChars: number; stateBytes: number }[] = await page.evaluate(
    () => (window as any).__load.sent,
  );
  const rows: { index: number; up: number; upState: number }[] = await panel.evaluate(() => {
    const r = (window as any).__mesopDebug?.report;
    const offset = Number((window as any).__mesopDebug?.droppedEvents ?? 0);
    return (r?.events ?? []).map((e: any) => ({
      index: e.index + offset,
      up: e.request.bytes,
      upState: e.request.stateBytes.reduce((a: number, b: number) => a + b, 0),
    }));
  });
  const byIndex = new Map(rows.map((r) => [r.index, r]));
  let compared = 0;
  const bad: string[] = [];
  for (const s of sent) {
    const r = byIndex.get(s.index);
    if (!r) continue;
    compared++;
    if (r.up !== s.bodyChars || r.upState !== s.stateBytes)
      bad.push(`#${s.index}: up ${r.up} vs ${s.bodyChars}, state ${r.upState} vs ${s.stateBytes}`);
  }
  return {
    ok: compared > 0 && bad.length === 0,
    text: bad.length ? bad.slice(0, 3).join('; ') : `${compared} events match the sent sizes`,
  };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
function summary(durations: number[]) {
  return {
    count: durations.length,
    maxMs: durations.length ? Math.max(...durations) : 0,
    totalMs: durations.reduce((a, b) => a + b, 0),
    over: (t: number) => durations.filter((d) => d > t).length,
  };
}

const mb = (b: number) => `${(b / 1048576).toFixed(1)} MB`;
const kb = (b: number) => `${(b / 1024).toFixed(1)} kB`;

async function main(): Promise<void> {
  const load0 = loadavg();
  const t0 = Date.now();
  const results: PhaseResult[] = [];
  // --big 0 / --small 0 skip a phase (e.g. to run the stress phase alone).
  if (BIG > 0) results.push(await phase(`${BIG} x 200 kB`, 'big', BIG, [100, BIG]));
  if (SMALL > 0) results.push(await phase(`${SMALL} small`, 'small', SMALL, [100, 1000, 5000, SMALL]));
  const stressRuns: PhaseResult[] = [];
  for (let run = 0; STRESS > 0 && run < STRESS_RUNS; run++) {
    log(`stress run ${run + 1} of ${STRESS_RUNS}`);
    stressRuns.push(
      await phase(
        `${STRESS} small, ${STRESS_IN_FLIGHT} in flight`,
        'small',
        STRESS,
        [100, STRESS],
        0,
        STRESS_IN_FLIGHT,
      ),
    );
  }
  // The run with the longest panel task stands for the phase in the rows below.
  const stress = stressRuns.reduce<PhaseResult | undefined>(
    (worst, r) => (worst === undefined || r.panel.maxTaskMs > worst.panel.maxTaskMs ? r : worst),
    undefined,
  );
  const stressMet = stressRuns.filter((r) => r.panel.maxTaskMs <= MAX_TASK_MS).length;
  const paced =
    PACED > 0 ? await phase(`${PACED} small at ${PACED_RATE}/s`, 'small', PACED, [100, PACED], PACED_RATE) : undefined;
  const load1 = loadavg();
  if (json) {
    console.log(
      JSON.stringify(
        {
          loadavg: [load0, load1],
          elapsedMs: Date.now() - t0,
          inFlight: IN_FLIGHT,
          results,
          stress,
          stressRuns,
          stressMet,
          paced,
        },
        null,
        2,
      ),
    );
    return;
  }
  const lines: string[] = [];
  const row = (what: string, value: string, target: string, pass?: boolean) =>
    lines.push(
      `${what.padEnd(52)} ${value.padStart(16)}  ${target.padEnd(22)} ${pass === undefined ? '' : pass ? 'PASS' : 'MISS'}`,
    );
  lines.push(
    `Panel under load (load average ${load0.map((x) => x.toFixed(2)).join(' ')} -> ${load1.map((x) => x.toFixed(2)).join(' ')}, ${((Date.now() - t0) / 1000).toFixed(0)} s; ${IN_FLIGHT} request${IN_FLIGHT === 1 ? '' : 's'} in flight${IN_FLIGHT === 1 ? ", as Mesop's client" : ''})`,
  );
  row('figure', 'value', 'target');
  for (const r of results) {
    row(`${r.name}: events shown`, `${r.shown}`, `${r.events}`, r.shown + r.dropped >= r.events);
    row(`${r.name}: sizes decoded`, r.sizesOk ? 'ok' : 'wrong', 'match sent', r.sizesOk);
    row(
      `${r.name}: panel max task`,
      `${r.panel.maxTaskMs < MAX_TASK_MS ? '<50' : r.panel.maxTaskMs.toFixed(0)} ms`,
      `<= ${MAX_TASK_MS} ms`,
      r.panel.maxTaskMs <= MAX_TASK_MS,
    );
    row(`${r.name}: panel tasks over 50 ms`, `${r.panel.over50}`, '0', r.panel.over50 === 0);
    if (r.cpu) {
      // Context for the two rows above: how much of those tasks was the panel's own work.
      const ran = r.cpu.tasks.map((t) => t.ranMs);
      const wall = r.cpu.tasks.reduce((a, t) => a + t.wallMs, 0);
      const waited = r.cpu.tasks.reduce((a, t) => a + t.waitedMs, 0);
      // Say how many were split: a task outside the sampled span is not, and must not pass unseen.
      const splitOf = `${ran.length} of ${r.panel.over50} split`;
      row(
        `${r.name}: tasks over 50 ms: most CPU one ran (info)`,
        ran.length ? `${Math.max(...ran).toFixed(0)} ms` : 'none',
        `(ran > 50 ms: ${ran.filter((x) => x > MAX_TASK_MS).length}; ${splitOf})`,
      );
      if (ran.length)
        row(
          `${r.name}: tasks over 50 ms: waited for a core (info)`,
          `${Math.round((100 * waited) / wall)} %`,
          `(${waited.toFixed(0)} of ${wall.toFixed(0)} ms)`,
        );
      if (r.cpu.shares.length)
        row(
          `${r.name}: CPU used, all processes (info)`,
          `${(r.cpu.shares.reduce((a, c) => a + c.ms, 0) / r.cpu.phaseMs).toFixed(2)} cores`,
          `(of ${cpus().length})`,
        );
    }
    row(
      `${r.name}: DevTools page max task (info)`,
      `${r.devtools.maxTaskMs < MAX_TASK_MS ? '<50' : r.devtools.maxTaskMs.toFixed(0)} ms`,
      `(DevTools' own)`,
    );
    row(
      `${r.name}: time until all shown`,
      `${(r.allShownMs / 1000).toFixed(1)} s`,
      `(feed ${(r.feedMs / 1000).toFixed(1)} s)`,
    );
    for (const c of r.checkpoints) {
      row(
        `${r.name}: retained at ${c.events} events`,
        `${mb(c.heap.panelBytes + c.heap.workerBytes)}`,
        `${kb(c.bytesPerEvent)}/held event${c.kept < c.events ? ` (${c.kept} held)` : ''}`,
      );
    }
    row(
      `${r.name}: dropped (cap)`,
      `${r.dropped}`,
      r.notice ? 'notice shown' : 'no notice',
      r.dropped === 0 || r.notice !== null,
    );
  }
  if (stress) {
    // Beyond what Mesop's client sends: several responses finish together. Issue 24: no panel
    // task over 50 ms in every run; the other rows are the worst run's.
    row(
      `${stress.name}: runs with no panel task over 50 ms`,
      `${stressMet}/${stressRuns.length}`,
      `${stressRuns.length}/${stressRuns.length}`,
      stressMet === stressRuns.length,
    );
    row(
      `${stress.name}: panel max task per run (info)`,
      stressRuns.map((r) => (r.panel.maxTaskMs < MAX_TASK_MS ? '<50' : r.panel.maxTaskMs.toFixed(0))).join(' '),
      '(ms)',
    );
    row(
      `${stress.name}: worst run's panel max task`,
      `${stress.panel.maxTaskMs < MAX_TASK_MS ? '<50' : stress.panel.maxTaskMs.toFixed(0)} ms`,
      `<= ${MAX_TASK_MS} ms`,
      stress.panel.maxTaskMs <= MAX_TASK_MS,
    );
    row(`${stress.name}: worst run's panel tasks over 50 ms (info)`, `${stress.panel.over50}`, '(no target)');
    if (stress.cpu?.tasks.length)
      row(
        `${stress.name}: tasks over 50 ms: most CPU one ran (info)`,
        `${Math.max(...stress.cpu.tasks.map((t) => t.ranMs)).toFixed(0)} ms`,
        `(${stress.cpu.tasks.length} of ${stress.panel.over50} split)`,
      );
    row(
      `${stress.name}: time until all shown`,
      `${(stress.allShownMs / 1000).toFixed(1)} s`,
      `(feed ${(stress.feedMs / 1000).toFixed(1)} s)`,
    );
    row(
      `${stress.name}: events shown`,
      `${stress.shown}`,
      `${stress.events}`,
      stress.shown + stress.dropped >= stress.events,
    );
  }
  if (paced) {
    // Context, no target: the same panel at a fixed rate, below what saturates the machine.
    row(
      `${paced.name}: panel max task (info)`,
      `${paced.panel.maxTaskMs < MAX_TASK_MS ? '<50' : paced.panel.maxTaskMs.toFixed(0)} ms`,
      '(no target)',
    );
    row(`${paced.name}: panel tasks over 50 ms (info)`, `${paced.panel.over50}`, '(no target)');
    row(
      `${paced.name}: events shown`,
      `${paced.shown}`,
      `${paced.events}`,
      paced.shown + paced.dropped >= paced.events,
    );
  }
  console.log(lines.join('\n'));
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
