/**
 * Where a long task's time went, from Linux's scheduler statistics: how long the panel's main
 * thread ran on a core during the task, and how long it was ready to run but waited for one
 * (/proc/<pid>/task/<tid>/schedstat: run ns, run-queue wait ns, timeslices). The Long Tasks API
 * measures wall time only, so on a machine the feed saturates it cannot tell the panel's own work
 * from the scheduler's queue; this can, without a trace (under which the long tasks did not show).
 *
 * Linux only; everything answers `undefined` where /proc has no schedstat.
 */
import { readdirSync, readFileSync } from 'node:fs';

export interface ChromiumProcess {
  pid: number;
  type: string;
  extension: boolean;
}

/** The browser's process tree (the browser itself and every descendant), with each one's --type. */
export function chromiumProcesses(rootPid: number): ChromiumProcess[] {
  const parent = new Map<number, number>();
  for (const name of readdirSync('/proc')) {
    const pid = Number(name);
    if (!Number.isInteger(pid)) continue;
    const stat = readText(`/proc/${pid}/stat`);
    // "pid (comm) state ppid ...": comm may hold spaces and parentheses; the last ')' ends it.
    if (stat) parent.set(pid, Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
  }
  const inTree = (pid: number): boolean => {
    for (let p = pid, hops = 0; p > 1 && hops < 64; p = parent.get(p) ?? 0, hops++) if (p === rootPid) return true;
    return false;
  };
  const out: ChromiumProcess[] = [];
  for (const pid of parent.keys()) {
    if (!inTree(pid)) continue;
    // Chromium's children rewrite their process title: one string, the flags joined by spaces.
    const args = (readText(`/proc/${pid}/cmdline`) ?? '').split(/[\0 ]/);
    const type = args.find((a) => a.startsWith('--type='))?.slice(7) ?? (pid === rootPid ? 'browser' : 'other');
    out.push({ pid, type, extension: args.includes('--extension-process') });
  }
  return out;
}

/** CPU time (user + system, ms) of each process so far, from /proc/<pid>/stat (10 ms ticks). */
export function processCpuMs(pids: readonly number[]): Map<number, number> {
  const out = new Map<number, number>();
  for (const pid of pids) {
    const stat = readText(`/proc/${pid}/stat`);
    if (!stat) continue;
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // Fields 14 and 15 of stat(5) (utime, stime) are f[11] and f[12] once "pid (comm)" is cut off.
    out.set(pid, ((Number(f[11]) + Number(f[12])) * 1000) / CLOCK_TICKS);
  }
  return out;
}

/** Linux's USER_HZ: 100 on every architecture Chromium ships for (getconf CLK_TCK). */
const CLOCK_TICKS = 100;

/** Run and run-queue wait (ns) of a thread so far; undefined if the thread or schedstat is gone. */
export function schedstat(pid: number, tid = pid): { runNs: number; waitNs: number } | undefined {
  const s = readText(`/proc/${pid}/task/${tid}/schedstat`);
  if (!s) return undefined;
  const [run, wait] = s.trim().split(' ').map(Number);
  return Number.isFinite(run) && Number.isFinite(wait) ? { runNs: run!, waitNs: wait! } : undefined;
}

/**
 * Which of `candidates` runs the frame whose busy loop `spin` runs: the one whose main thread
 * wanted a core (ran, or was ready and waited: on a loaded machine it may run a fraction of the
 * loop) for most of the loop. The panel shares its process with the extension's DevTools page,
 * never with the inspected page or DevTools itself.
 */
export async function findMainThread(
  candidates: readonly number[],
  spin: (ms: number) => Promise<unknown>,
): Promise<number | undefined> {
  const SPIN_MS = 300;
  const busyNs = (pid: number) => {
    const s = schedstat(pid);
    return s ? s.runNs + s.waitNs : NaN;
  };
  const before = new Map(candidates.map((pid) => [pid, busyNs(pid)]));
  await spin(SPIN_MS);
  let best: number | undefined;
  let bestMs = 0;
  for (const pid of candidates) {
    const ms = (busyNs(pid) - before.get(pid)!) / 1e6;
    if (ms > bestMs) {
      best = pid;
      bestMs = ms;
    }
  }
  return bestMs >= SPIN_MS * 0.8 ? best : undefined;
}

/** What a thread did over a span of wall time: ran on a core, waited for one, or neither (slept, blocked). */
export interface ThreadSpan {
  wallMs: number;
  ranMs: number;
  waitedMs: number;
}

/**
 * Samples a thread's schedstat every `everyMs` (epoch ms stamps, like the panel's
 * performance.timeOrigin + startTime) so any span can be split afterwards, interpolating between
 * the samples around its ends. The kernel credits run-queue wait when the thread next gets a core,
 * so a span can include waiting from just before its start: on a loaded machine a span's ran +
 * waited may exceed its wall time by that much.
 */
export class ThreadSampler {
  readonly #t: number[] = [];
  readonly #run: number[] = [];
  readonly #wait: number[] = [];
  readonly #timer: NodeJS.Timeout;

  constructor(
    private readonly pid: number,
    everyMs = 5,
  ) {
    this.#sample();
    this.#timer = setInterval(() => this.#sample(), everyMs);
  }

  stop(): void {
    clearInterval(this.#timer);
    this.#sample();
  }

  /** The thread's time over [startMs, endMs] (epoch ms); undefined outside the sampled range. */
  span(startMs: number, endMs: number): ThreadSpan | undefined {
    const a = this.#at(startMs);
    const b = this.#at(endMs);
    if (!a || !b) return undefined;
    return { wallMs: endMs - startMs, ranMs: (b.run - a.run) / 1e6, waitedMs: (b.wait - a.wait) / 1e6 };
  }

  #at(ms: number): { run: number; wait: number } | undefined {
    const t = this.#t;
    if (t.length < 2 || ms < t[0]! || ms > t[t.length - 1]!) return undefined;
    let lo = 0;
    let hi = t.length - 1;
    while (hi - lo > 1) {
      const mid = (lo + hi) >> 1;
      if (t[mid]! <= ms) lo = mid;
      else hi = mid;
    }
    const f = t[hi] === t[lo] ? 0 : (ms - t[lo]!) / (t[hi]! - t[lo]!);
    return {
      run: this.#run[lo]! + f * (this.#run[hi]! - this.#run[lo]!),
      wait: this.#wait[lo]! + f * (this.#wait[hi]! - this.#wait[lo]!),
    };
  }

  #sample(): void {
    const s = schedstat(this.pid);
    if (!s) return;
    this.#t.push(performance.timeOrigin + performance.now());
    this.#run.push(s.runNs);
    this.#wait.push(s.waitNs);
  }
}

function readText(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}
