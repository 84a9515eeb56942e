/**
 * The panel bench's view of the machine during a phase: how each long task of the panel splits
 * into running and waiting for a core, and which processes used the CPU (the panel's renderer, the
 * inspected page, DevTools, the rest of Chromium, the bench itself with its load server).
 */
import type { Browser, Frame, Page } from 'puppeteer-core';
import { chromiumProcesses, findMainThread, processCpuMs, ThreadSampler, type ThreadSpan } from './thread-cpu';

export interface CpuShare {
  who: string;
  ms: number;
}
export interface CpuWatch {
  /** Each long task ([epoch start ms, duration ms]) split by the panel's main thread's schedstat. */
  split(spans: readonly [number, number][]): (ThreadSpan & { startMs: number })[];
  /** CPU time used by each process (group) since the watch began, largest first. */
  shares(): CpuShare[];
  /** Wall time since the watch began, ms. */
  elapsedMs(): number;
  stop(): void;
}

/**
 * Finds the renderer of each frame by a short busy loop in it (before any long task is observed:
 * the loops are long tasks themselves), then samples the panel's main thread. Undefined where
 * /proc has no schedstat (not Linux) or a renderer cannot be told apart.
 */
export async function watchCpu(
  browser: Browser,
  frames: { panel: Frame; devtools: Page; inspected: Page },
): Promise<CpuWatch | undefined> {
  const root = browser.process()?.pid;
  if (root === undefined) return undefined;
  const processes = chromiumProcesses(root);
  const renderers = processes.filter((p) => p.type === 'renderer').map((p) => p.pid);
  const spin = (f: Frame | Page) => (ms: number) =>
    f.evaluate((t: number) => {
      const end = performance.now() + t;
      while (performance.now() < end) {
        /* busy */
      }
    }, ms);
  const panelPid = await findMainThread(renderers, spin(frames.panel));
  if (panelPid === undefined) return undefined;
  const named = new Map<number, string>([[panelPid, "panel renderer (with the extension's DevTools page)"]]);
  const inspected = await findMainThread(renderers, spin(frames.inspected));
  if (inspected !== undefined) named.set(inspected, 'inspected page renderer');
  const devtools = await findMainThread(renderers, spin(frames.devtools));
  if (devtools !== undefined && !named.has(devtools)) named.set(devtools, 'DevTools renderer');

  const pids = processes.map((p) => p.pid);
  const cpu0 = processCpuMs(pids);
  const bench0 = process.cpuUsage();
  const sampler = new ThreadSampler(panelPid);
  const started = Date.now();
  return {
    split: (spans) =>
      spans.flatMap(([start, duration]) => {
        const s = sampler.span(start, start + duration);
        return s ? [{ ...s, startMs: start }] : [];
      }),
    shares: () => {
      const totals = new Map<string, number>();
      const add = (who: string, ms: number) => totals.set(who, (totals.get(who) ?? 0) + ms);
      for (const [pid, ms] of processCpuMs(pids)) {
        const p = processes.find((x) => x.pid === pid)!;
        add(
          named.get(pid) ?? (p.type === 'renderer' ? 'other renderers' : `Chromium ${p.type}`),
          ms - (cpu0.get(pid) ?? ms),
        );
      }
      const b = process.cpuUsage(bench0);
      add('bench (Node: load server, Puppeteer)', (b.user + b.system) / 1000);
      return [...totals].map(([who, ms]) => ({ who, ms })).sort((a, b) => b.ms - a.ms);
    },
    elapsedMs: () => Date.now() - started,
    stop: () => sampler.stop(),
  };
}
