/**
 * Driving the real panel under load (shared by bench/panel-perf.ts and
 * test/extension/panel-load.e2e.test.ts): long-task observers in a frame, waiting for the panel to
 * show N events, and the retained heap of the panel (main thread and analysis worker) after a GC.
 */
import type { Browser, CDPSession, Frame, Page } from 'puppeteer-core';

export interface LongTasks {
  /** Tasks over 50 ms (the Long Tasks API reports nothing shorter). */
  count: number;
  maxMs: number;
  totalMs: number;
  over: (threshold: number) => number;
  durations: number[];
  /** Each task over 50 ms as [start, duration] in epoch ms (performance.timeOrigin + startTime). */
  spans: [number, number][];
  /** Each task over 50 ms with the events the panel showed when it ended ("61 ms at 8412"). */
  at: string[];
}

/** Starts recording long tasks in a frame's event loop (the panel's, or the DevTools page's). */
export async function observeLongTasks(frame: Frame | Page): Promise<void> {
  await frame.evaluate(() => {
    const w = window as unknown as { __longTasks?: number[] };
    w.__longTasks = [];
    const shown = () => document.querySelector('#event-count')?.textContent ?? '?';
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) {
        w.__longTasks!.push(e.duration);
        // When, in events shown: tells a cost that grows with the session from one of the feed's rate.
        if (e.duration > 50) {
          ((w as unknown as { __longTaskAt: string[] }).__longTaskAt ??= []).push(
            `${Math.round(e.duration)} ms at ${shown()}`,
          );
          ((w as unknown as { __longTaskSpans: number[][] }).__longTaskSpans ??= []).push([
            performance.timeOrigin + e.startTime,
            e.duration,
          ]);
        }
        const a = (e as PerformanceEntry & { attribution?: { containerSrc?: string; containerName?: string }[] })
          .attribution?.[0];
        ((w as unknown as { __longTaskInfo: string[] }).__longTaskInfo ??= []).push(
          `${Math.round(e.duration)}ms ${e.name} ${a?.containerSrc ?? ''} @${Math.round(e.startTime)}`,
        );
      }
    }).observe({ type: 'longtask' });
    // Long animation frames say what ran in them (script, function, forced layout), which the
    // Long Tasks API does not; cheap enough to leave on in every run, unlike a trace (under which
    // the long tasks did not show at all).
    const frames: string[] = [];
    (w as unknown as { __longFrames: string[] }).__longFrames = frames;
    try {
      new PerformanceObserver((list) => {
        for (const e of list.getEntries() as (PerformanceEntry & LongFrameEntry)[]) {
          if (e.duration <= 50) continue;
          const render = e.renderStart
            ? ` render ${Math.round(e.startTime + e.duration - e.renderStart)}ms (style+layout ${Math.round(e.startTime + e.duration - e.styleAndLayoutStart)}ms)`
            : ' no render';
          const scripts = e.scripts.map(
            (x) =>
              `${x.invokerType} ${x.invoker} ${x.sourceFunctionName || '?'}@${x.sourceURL.split('/').pop()}:${x.sourceCharPosition} ${Math.round(x.duration)}ms${x.forcedStyleAndLayoutDuration ? ` (forced layout ${Math.round(x.forcedStyleAndLayoutDuration)}ms)` : ''}`,
          );
          frames.push(
            `${Math.round(e.duration)}ms (blocking ${Math.round(e.blockingDuration)}ms) at ${shown()} events${render}; scripts: ${scripts.join('; ') || 'none'}`,
          );
        }
      }).observe({ type: 'long-animation-frame' });
    } catch {
      /* a browser without the Long Animation Frames API */
    }
  });
}

interface LongFrameEntry {
  blockingDuration: number;
  renderStart: number;
  styleAndLayoutStart: number;
  scripts: {
    invokerType: string;
    invoker: string;
    sourceFunctionName: string;
    sourceURL: string;
    sourceCharPosition: number;
    duration: number;
    forcedStyleAndLayoutDuration: number;
  }[];
}

/** The long animation frames (over 50 ms) recorded so far, in words, longest first; `reset` forgets them. */
export async function readLongFrames(frame: Frame | Page, reset = false): Promise<string[]> {
  const frames = await frame.evaluate((r: boolean) => {
    const w = window as unknown as { __longFrames?: string[] };
    const out = [...(w.__longFrames ?? [])];
    if (r && w.__longFrames) w.__longFrames.length = 0;
    return out;
  }, reset);
  return frames.sort((a, b) => parseInt(b, 10) - parseInt(a, 10));
}

export async function readLongTasks(frame: Frame | Page, reset = false): Promise<LongTasks> {
  const { durations, at, spans } = await frame.evaluate((r: boolean) => {
    const w = window as unknown as {
      __longTasks?: number[];
      __longTaskAt?: string[];
      __longTaskSpans?: [number, number][];
    };
    const out = {
      durations: [...(w.__longTasks ?? [])],
      at: [...(w.__longTaskAt ?? [])],
      spans: [...(w.__longTaskSpans ?? [])],
    };
    if (r) {
      w.__longTasks = [];
      w.__longTaskAt = [];
      w.__longTaskSpans = [];
    }
    return out;
  }, reset);
  return {
    count: durations.length,
    maxMs: durations.length ? Math.max(...durations) : 0,
    totalMs: durations.reduce((a, b) => a + b, 0),
    over: (t) => durations.filter((d) => d > t).length,
    durations,
    spans,
    at,
  };
}

export const shownCount = (panel: Frame): Promise<number> =>
  panel.evaluate(() => Number(document.querySelector('#event-count')?.textContent ?? 0));

/** Events the panel dropped to bound its memory (its notice), 0 without one. */
export const droppedCount = (panel: Frame): Promise<number> =>
  panel.evaluate(() => Number(document.querySelector('#dropped-notice')?.getAttribute('data-dropped') ?? 0));

/** Waits until the panel's status line accounts for `n` events: shown, or dropped by its memory bound. */
export async function waitForShown(panel: Frame, n: number, timeoutMs: number): Promise<void> {
  await panel.waitForFunction(
    (k: number) =>
      Number(document.querySelector('#event-count')?.textContent ?? 0) +
        Number(document.querySelector('#dropped-notice')?.getAttribute('data-dropped') ?? 0) >=
      k,
    { timeout: timeoutMs, polling: 100 },
    n,
  );
}

/** Bytes used after a GC: the panel's main thread, and its workers together. */
export interface Heap {
  panelBytes: number;
  workerBytes: number;
}

/**
 * CDP sessions to the panel frame's isolate and to its workers: the analysis worker, and the chart
 * worker where the build has one (the chart's Chart.js heap was the panel's before it moved there).
 */
export async function heapProbe(
  browser: Browser,
  panel: Frame,
): Promise<{ read(): Promise<Heap>; close(): Promise<void> }> {
  // The panel is an out-of-process iframe of the DevTools page: its frame's own CDP session (not
  // public API, but stable across Puppeteer 2x) reaches the panel's isolate.
  const panelCdp = (panel as unknown as { client: CDPSession }).client;
  const workerSession = async (file: string, timeout: number) => {
    const target = await browser.waitForTarget((t) => t.url().endsWith(`/${file}`), { timeout }).catch(() => undefined);
    const cdp = target ? await target.createCDPSession().catch(() => undefined) : undefined;
    // A worker that has just started may still wait for its debugger: its commands would hang.
    await cdp?.send('Runtime.runIfWaitingForDebugger').catch(() => undefined);
    return cdp;
  };
  const workerCdp = await workerSession('analysis-worker.js', 10_000);
  const used = async (cdp: CDPSession | undefined) => {
    if (!cdp) return NaN;
    await cdp.send('HeapProfiler.collectGarbage');
    await cdp.send('HeapProfiler.collectGarbage');
    return (await cdp.send('Runtime.getHeapUsage')).usedSize;
  };
  // The chart worker lives as long as the chart is shown (a log emptied by a navigation or a clear
  // unmounts it, and the next event starts a new one): found anew at each read, 0 when none.
  const chartBytes = async () => {
    const cdp = await workerSession('chart-worker.js', 500);
    try {
      return cdp ? await used(cdp) : 0;
    } catch {
      return 0; // it closed meanwhile
    } finally {
      await cdp?.detach().catch(() => undefined);
    }
  };
  return {
    read: async () => ({
      panelBytes: await used(panelCdp),
      workerBytes: (await used(workerCdp)) + (await chartBytes()),
    }),
    close: async () => {
      await workerCdp?.detach().catch(() => undefined);
    },
  };
}
