/**
 * The observer effect (issue 24): what the extension costs the Mesop app it profiles. One real
 * Mesop 1.3.7 `--prod` app without a session backend (bench/observer/observer_app.py: every event
 * carries the whole state up and its new value down), Chromium instances side by side
 * (bench/observer/instances.ts: no extension, extension with DevTools closed, the Mesop tab open,
 * DevTools alone, and DevTools alone again as an A/A control), rounds rotating over them with the
 * machine idle between events. Per state size it reports
 *   - the hook's main-thread time per event (a CPU profile of the page, attributed to the
 *     extension's script URLs: bench/observer/profile-attribution.ts), in separate profiled rounds,
 *   - "done" times (click to the result in the DOM) as ratios paired by round,
 *   - the page's heap after GC at the end of the size's rounds (extension closed over none),
 *   - in WebSocket mode, how long the hook delays the app's handler of a frame (a trace:
 *     bench/observer/trace-delay.ts).
 * With `--reference <dir>` (an older build's dist/extension) the closed and panel instances run
 * again with that build, in the same rounds, as a second column.
 *
 *   node scripts/build.mjs && node dist/bench/observer-effect.js [--quick] [--rounds 15] [--big-rounds 9]
 *     [--profiled 5] [--sizes 100,1000,5000,10000] [--ws-rounds 3] [--no-ws] [--reference DIR] [--json]
 */
import { existsSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import type { CDPSession } from 'puppeteer-core';
import { startMesop, type MesopServer } from '../src/cli/app/mesop-server';
import { chromiumProcesses, findMainThread, schedstat } from './panel-load/thread-cpu';
import { attachDevTools, launch, panelEvents, specs, type Instance } from './observer/instances';
import { heapAfterGc, lastResponseChars, loadState, touch } from './observer/page-event';
import { extensionUrl, hookShare, type CpuProfile } from './observer/profile-attribution';
import { printReport } from './observer/report';
import type { SizeSamples } from './observer/summary';
import { frameDelays, type TraceEvent } from './observer/trace-delay';

const ROOT = resolve(__dirname, '../..');
const args = process.argv.slice(2);
const flag = (name: string) => args.includes(name);
const option = (name: string) => (flag(name) ? args[args.indexOf(name) + 1] : undefined);
const quick = flag('--quick');
const json = flag('--json');
const ROUNDS = Number(option('--rounds') ?? (quick ? 5 : 15));
/** Rounds at 5 MB and over, where an event takes seconds on 2 cores (`--rounds` sets both). */
const BIG_ROUNDS = Number(option('--big-rounds') ?? option('--rounds') ?? (quick ? 3 : 9));
const BIG_KB = 5000;
const PROFILED = Number(option('--profiled') ?? (quick ? 3 : 5));
const WS_ROUNDS = flag('--no-ws') ? 0 : Number(option('--ws-rounds') ?? (quick ? 2 : 3));
const SIZES_KB = (option('--sizes') ?? (quick ? '100,1000,5000' : '100,1000,5000,10000')).split(',').map(Number);
const REFERENCE = option('--reference');
/** Pause after each event (and after the panel has it): the machine idle before the next instance's event. */
const IDLE_MS = 250;
const PANEL_WAIT_MS = 30_000;
/** CPU profiler sampling interval asked for, µs (V8 gets ~100-300 µs on this machine). */
const SAMPLING_US = 100;

const progress = (s: string) => process.stderr.write(`[observer] ${s}\n`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function usageError(message: string): never {
  process.stderr.write(`observer-effect: ${message}\n`);
  process.exit(2);
}

interface Live extends Instance {
  cdp: CDPSession;
  touches: number;
  /** The page's renderer (its main thread's schedstat), where Linux tells it. */
  rendererPid?: number;
}

/** One event on one instance, the panel given time to take it; returns the done time. */
async function event(inst: Live): Promise<number> {
  const before = inst.panel ? await panelEvents(inst.panel) : 0;
  const ms = await touch(inst.page, ++inst.touches);
  // The panel's work on the event must not spill into the next instance's: wait until it lists it.
  if (inst.panel)
    await inst.panel
      .waitForFunction(
        (n: number) =>
          Number(document.querySelector('#event-count')?.textContent ?? 0) +
            Number(document.querySelector('#dropped-notice')?.getAttribute('data-dropped') ?? 0) >
          n,
        { timeout: PANEL_WAIT_MS, polling: 50 },
        before,
      )
      .catch(() =>
        progress(`${inst.name}: the Mesop tab did not list event ${inst.touches} within ${PANEL_WAIT_MS / 1000} s`),
      );
  await sleep(IDLE_MS);
  return ms;
}

const rotate = <T>(xs: readonly T[], by: number): T[] => xs.map((_, i) => xs[(i + by) % xs.length]!);
const push = (rec: Record<string, number[]>, key: string, v: number) => (rec[key] ??= []).push(v);

/**
 * The hook's main-thread time in one event. The profile's times are wall time: on a loaded machine
 * a sample also covers the time its thread waited for a core. Where Linux tells the main thread's
 * CPU time (schedstat), the hook's share of the profile's busy samples is applied to it instead.
 */
async function profiledEvent(
  inst: Live,
): Promise<{ cpuMs: number; wallMs: number; byEntry: { entry: string; ms: number }[] }> {
  const before = inst.rendererPid ? schedstat(inst.rendererPid) : undefined;
  await inst.cdp.send('Profiler.start');
  await event(inst);
  const { profile } = (await inst.cdp.send('Profiler.stop')) as { profile: CpuProfile };
  const after = inst.rendererPid ? schedstat(inst.rendererPid) : undefined;
  const share = hookShare(profile, extensionUrl(inst.extId!));
  const ranMs = before && after ? (after.runNs - before.runNs) / 1e6 : undefined;
  return {
    byEntry: share.byEntry,
    wallMs: share.hookMs,
    // Never over the wall time: where the thread worked outside V8 (style, layout) the profile
    // shows it idle, the busy samples undercount its CPU time and the scaled share overshoots.
    cpuMs: ranMs && share.busyMs > 0 ? Math.min(share.hookMs, (share.hookMs / share.busyMs) * ranMs) : share.hookMs,
  };
}

/** The renderer whose main thread runs the page: the one busy during a short loop in it (Linux). */
async function findRenderer(inst: Instance): Promise<number | undefined> {
  const root = inst.browser.process()?.pid;
  if (root === undefined) return undefined;
  const renderers = chromiumProcesses(root)
    .filter((p) => p.type === 'renderer' && !p.extension)
    .map((p) => p.pid);
  return findMainThread(renderers, (ms) =>
    inst.page.evaluate((t: number) => {
      const end = performance.now() + t;
      while (performance.now() < end) {
        /* busy */
      }
    }, ms),
  );
}

async function tracedEvent(inst: Live): Promise<number | undefined> {
  await inst.page.tracing.start({ categories: ['devtools.timeline'] });
  await event(inst);
  const buf = await inst.page.tracing.stop();
  const events =
    (JSON.parse(buf ? Buffer.from(buf).toString('utf8') : '{}') as { traceEvents?: TraceEvent[] }).traceEvents ?? [];
  const frameId = (inst.page.mainFrame() as unknown as { _id: string })._id;
  const frames = frameDelays(events, frameId, extensionUrl(inst.extId!));
  // The event's frame that carried the state is the one the app took longest to handle.
  const big = frames.sort((a, b) => b.appMs - a.appMs)[0];
  return big?.delayMs;
}

async function sizeRun(kb: number, live: Live[], server: MesopServer): Promise<SizeSamples> {
  const s: SizeSamples = { kb, doneMs: {}, hookMs: {}, hookWallMs: {}, heapBytes: {}, bodyChars: 0 };
  for (const inst of live) {
    await loadState(inst.page, server.origin, kb);
    inst.touches = 0;
  }
  // After the navigation: Chromium may have moved the page to a new renderer (a same-site
  // navigation swaps processes where the back/forward cache can keep the old page).
  for (const inst of live.filter((i) => i.extId)) {
    inst.rendererPid = await findRenderer(inst);
    if (!inst.rendererPid) progress(`${inst.name}: its renderer's CPU time is not readable: hook times are wall time`);
  }
  const rounds = kb >= BIG_KB ? BIG_ROUNDS : ROUNDS;
  for (let r = 0; r < rounds; r++) {
    for (const inst of rotate(live, r)) push(s.doneMs, inst.name, await event(inst));
    progress(
      `${kb} kB, round ${r + 1}/${rounds}: ${live.map((i) => `${i.name} ${s.doneMs[i.name]!.at(-1)!.toFixed(0)}`).join(', ')} ms`,
    );
  }
  // The heap now, while every instance has had the same events: Mesop logs each event's request
  // and response objects (console.debug in its channel) and V8's console message storage keeps
  // them (up to 1000 messages), ~1x the state per event, in every instance alike. Measured after the
  // profiled events below (run by the extension instances only), the extension's columns held
  // those events' logs too (scripts/heap-retention.ts shows it, with the retainers); the previous
  // size's page must be gone as well (no back/forward cache: instances.ts).
  for (const inst of live) s.heapBytes[inst.name] = await heapAfterGc(inst.cdp);
  progress(
    `${kb} kB, heap after GC: ${live.map((i) => `${i.name} ${(s.heapBytes[i.name]! / 1048576).toFixed(1)}`).join(', ')} MB`,
  );
  // Bodies of one event: the request carries the state in base64 (4/3 of its bytes, plus a few
  // bytes of protobuf); the response's decoded size is the page's own Resource Timing.
  const none = live.find((i) => i.mode === 'none')!;
  s.bodyChars = Math.ceil((kb * 1000 * 4) / 3) + (await lastResponseChars(none.page));
  const withExt = live.filter((i) => i.extId);
  for (const inst of withExt) {
    await inst.cdp.send('Profiler.enable');
    await inst.cdp.send('Profiler.setSamplingInterval', { interval: SAMPLING_US });
  }
  // Where the hook's sampled time goes, by its outermost function, summed over the rounds.
  const byEntry = new Map<string, Map<string, number>>();
  for (let r = 0; r < PROFILED; r++)
    for (const inst of rotate(withExt, r)) {
      const t = await profiledEvent(inst);
      push(s.hookMs, inst.name, t.cpuMs);
      push(s.hookWallMs, inst.name, t.wallMs);
      const mine = byEntry.get(inst.name) ?? new Map<string, number>();
      byEntry.set(inst.name, mine);
      for (const e of t.byEntry) mine.set(e.entry, (mine.get(e.entry) ?? 0) + e.ms);
    }
  progress(
    `${kb} kB, hook time: ${withExt.map((i) => `${i.name} ${s.hookMs[i.name]!.map((x) => x.toFixed(1)).join('/')}`).join(', ')} ms`,
  );
  for (const [name, entries] of byEntry) {
    const top = [...entries].sort((a, b) => b[1] - a[1]).slice(0, 4);
    progress(
      `${kb} kB, ${name}: hook time by entry (wall, per event): ${top.map(([e, ms]) => `${e} ${(ms / PROFILED).toFixed(1)}`).join(', ')} ms`,
    );
  }
  for (const inst of withExt) await inst.cdp.send('Profiler.disable');
  return s;
}

async function wsRun(kb: number, live: Live[], server: MesopServer, into: SizeSamples): Promise<void> {
  const withExt = live.filter((i) => i.extId);
  for (const inst of withExt) {
    await loadState(inst.page, server.origin, kb);
    inst.touches = 0;
  }
  into.wsDelayMs = {};
  for (let r = 0; r < WS_ROUNDS; r++)
    for (const inst of rotate(withExt, r)) {
      const d = await tracedEvent(inst);
      if (d !== undefined) push(into.wsDelayMs, inst.name, d);
    }
  progress(
    `${kb} kB WebSocket, frame delay: ${withExt.map((i) => `${i.name} ${(into.wsDelayMs![i.name] ?? []).map((x) => x.toFixed(1)).join('/')}`).join(', ')} ms`,
  );
}

const USAGE = `usage: node dist/bench/observer-effect.js [--quick] [--rounds N] [--big-rounds N] [--profiled N]
       [--ws-rounds N | --no-ws] [--sizes kB,kB,...] [--reference DIR] [--json]
(docs/benchmarks.md, "Observer effect")`;
const FLAGS = new Set(['--quick', '--json', '--no-ws']);
const OPTIONS = new Set(['--rounds', '--big-rounds', '--profiled', '--ws-rounds', '--sizes', '--reference']);

/** An unknown word would otherwise start the whole default run (minutes) with the user's intent ignored. */
function checkArgs(): void {
  if (flag('--help') || flag('-h')) {
    process.stdout.write(`${USAGE}\n`);
    process.exit(0);
  }
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (OPTIONS.has(a)) {
      if (args[i + 1] === undefined || args[i + 1]!.startsWith('--')) usageError(`${a} needs a value`);
      i++;
    } else if (!FLAGS.has(a)) usageError(`unknown argument ${a} (--help lists them)`);
  }
}

async function main(): Promise<void> {
  checkArgs();
  const extDir = join(ROOT, 'dist/extension');
  if (!existsSync(join(extDir, 'main-world-hook.js'))) usageError(`no build in ${extDir}: run node scripts/build.mjs`);
  if (REFERENCE && !existsSync(join(REFERENCE, 'manifest.json')))
    usageError(`--reference ${REFERENCE}: not an unpacked extension (no manifest.json)`);
  if (
    ![ROUNDS, BIG_ROUNDS, PROFILED, WS_ROUNDS].every((n) => Number.isInteger(n) && n >= 0) ||
    Math.min(ROUNDS, BIG_ROUNDS, PROFILED) < 1
  )
    usageError('--rounds, --big-rounds and --profiled take a whole number from 1, --ws-rounds from 0');
  if (!SIZES_KB.every((n) => Number.isInteger(n) && n > 0)) usageError('--sizes takes kB, e.g. 100,1000');

  const load0 = loadavg();
  const t0 = Date.now();
  const app = join(ROOT, 'bench/observer/observer_app.py');
  const mesopBin = join(ROOT, '.venv/bin/mesop');
  const env = (ws: boolean) => ({ MESOP_WEBSOCKETS_ENABLED: ws ? 'true' : 'false', OBSERVER_RENDER: ws ? '1' : '0' });
  const servers: MesopServer[] = [];
  const live: Live[] = [];
  try {
    const sse = await startMesop({ app, mesopBin, prod: true, env: env(false) });
    servers.push(sse);
    const ws = WS_ROUNDS > 0 ? await startMesop({ app, mesopBin, prod: true, env: env(true) }) : undefined;
    if (ws) servers.push(ws);
    for (const spec of specs(extDir, REFERENCE)) {
      const inst = await launch(spec);
      await inst.page.goto(`${sse.origin}/?kb=1`);
      await attachDevTools(inst);
      live.push({ ...inst, cdp: await inst.page.createCDPSession(), touches: 0 });
      progress(`started ${spec.name}`);
    }
    const sizes: SizeSamples[] = [];
    for (const kb of SIZES_KB) sizes.push(await sizeRun(kb, live, sse));
    // The WebSocket phase after every SSE size: the renderer of a page that ran it kept tens of MB
    // after navigating back (same site, same process), and the next size's heap row read them as
    // the extension's (+77 MB at 10 MB, for this build and the reference alike; 2.9 MB without).
    if (ws) for (const [i, kb] of SIZES_KB.entries()) await wsRun(kb, live, ws, sizes[i]!);
    printReport({
      json,
      sizes,
      reference: REFERENCE,
      rounds: `${ROUNDS} (${BIG_ROUNDS} from ${BIG_KB / 1000} MB)`,
      profiled: PROFILED,
      wsRounds: WS_ROUNDS,
      loadavg: [load0, loadavg()],
      elapsedMs: Date.now() - t0,
    });
  } finally {
    for (const inst of live) await inst.close();
    for (const s of servers) await s.stop();
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(3);
});
