import type { Browser, Page } from 'puppeteer-core';
import type { Exchange, HarEntry } from '../../core';
import { startCapture, waitForMesopIdle } from '../capture';
import type { Flow, FlowContext, Step } from '../flows/flow-types';
import { runSteps, StepFailure, type StepRunner } from '../flows/run-steps';

export interface FlowRunOptions {
  browser: Browser;
  /** The app's base URL; flow paths resolve against it. */
  baseUrl: string;
  idleTimeoutMs: number;
  quietMs: number;
  /** Called before each step (and before the implicit first page load, with index -1). */
  onStep?(index: number, label: string): void;
  /**
   * The browser was just launched on an empty profile and nothing has run in it yet: its default
   * context is as clean as a new one, so the run uses it and its blank tab (about 0.2 s less than
   * creating a context and a page, most of `check`'s fixed cost on a short flow). Later runs get a
   * new context each.
   */
  pristineBrowser?: boolean;
  /** Receives the run's traffic as HAR entries (also when a step failed): `check --har`. */
  harEntries?: HarEntry[];
  /** Called with the page when a step or the module failed, before the page is closed (screenshot, HTML). */
  onFailure?(page: Page): Promise<void>;
}

/** Where a module flow failed: its error message, as a "step" with no number. */
export class ModuleFlowFailure extends Error {}

/**
 * One run of one flow in a clean browser context (a new Mesop session: no cookies, no client
 * state), captured over CDP from the first request. Returns the Mesop exchanges and the wall time
 * from opening the page to the last settled step.
 */
export async function runFlowOnce(flow: Flow, o: FlowRunOptions): Promise<{ exchanges: Exchange[]; wallMs: number }> {
  const context = o.pristineBrowser ? o.browser.defaultBrowserContext() : await o.browser.createBrowserContext();
  try {
    const blank = o.pristineBrowser ? (await context.pages()).find((p) => p.url() === 'about:blank') : undefined;
    const page = blank ?? (await context.newPage());
    const capture = await startCapture(page);
    const t0 = performance.now();
    const runner: StepRunner = {
      page,
      capture,
      timeoutMs: flow.timeoutMs,
      idleTimeoutMs: o.idleTimeoutMs,
      quietMs: o.quietMs,
      url: (path) => new URL(path, o.baseUrl).href,
      onStep: (i, step: Step) => o.onStep?.(i, step.label),
    };
    try {
      // A Recorder export starts with setViewport, then navigate: that navigate is the first page.
      const first = flow.kind === 'steps' ? flow.steps.find((s) => s.action.kind !== 'viewport') : undefined;
      if (!first || first.action.kind !== 'goto') {
        o.onStep?.(-1, `open ${flow.start}`);
        await openStart(runner, flow.start);
      }
      if (flow.kind === 'steps') await runSteps(runner, flow.steps);
      else await flow.run(moduleContext(runner));
    } catch (e) {
      await o.onFailure?.(page).catch(() => undefined);
      throw e;
    } finally {
      await capture.stop();
      o.harEntries?.push(...capture.toHar().log.entries);
    }
    return { exchanges: capture.exchanges(), wallMs: performance.now() - t0 };
  } finally {
    // The default context cannot be closed: its pages are, so nothing of this run keeps running into the next.
    if (o.pristineBrowser) await Promise.all((await context.pages()).map((p) => p.close().catch(() => undefined)));
    else await context.close().catch(() => undefined);
  }
}

async function openStart(r: StepRunner, path: string): Promise<void> {
  try {
    await runSteps(r, [{ action: { kind: 'goto', path }, label: `open ${path}`, settle: true, expectRequests: 1 }]);
  } catch (e) {
    if (e instanceof StepFailure) throw new StepFailure(0, `open ${path}`, e.message);
    throw e;
  }
}

function moduleContext(r: StepRunner): FlowContext {
  const waitForIdle: FlowContext['waitForIdle'] = async (opts = {}) => {
    const since = r.capture.activity().started;
    await waitForMesopIdle(r.capture, {
      since,
      actionEndedAt: Date.now(),
      quietMs: r.quietMs,
      expectRequests: opts.expectRequests ?? 0,
      timeoutMs: opts.timeoutMs ?? r.idleTimeoutMs,
    });
  };
  return {
    page: r.page,
    capture: r.capture,
    origin: new URL(r.url('/')).origin,
    goto: async (path) => {
      const since = r.capture.activity().started;
      await r.page.goto(r.url(path), { waitUntil: 'load' });
      await waitForMesopIdle(r.capture, {
        since,
        actionEndedAt: Date.now(),
        quietMs: r.quietMs,
        expectRequests: 1,
        timeoutMs: r.idleTimeoutMs,
      });
    },
    waitForIdle,
    settle: async (action, opts = {}) => {
      const since = r.capture.activity().started;
      await action();
      await waitForMesopIdle(r.capture, {
        since,
        actionEndedAt: Date.now(),
        quietMs: r.quietMs,
        expectRequests: opts.expectRequests ?? 0,
        timeoutMs: opts.timeoutMs ?? r.idleTimeoutMs,
      });
    },
  };
}
