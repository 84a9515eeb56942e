import type { Browser } from 'puppeteer-core';
import type { Exchange } from '../../core/decode/exchange';
import { startCapture } from '../capture';
import type { Flow, FlowContext, Step } from '../flows/flow-types';
import { runSteps, StepFailure, type StepRunner } from '../flows/run-steps';
import { waitForMesopIdle } from '../capture';

export interface FlowRunOptions {
  browser: Browser;
  /** The app's base URL; flow paths resolve against it. */
  baseUrl: string;
  idleTimeoutMs: number;
  quietMs: number;
  /** Called before each step (and before the implicit first page load, with index -1). */
  onStep?(index: number, label: string): void;
}

/** Where a module flow failed: its error message, as a "step" with no number. */
export class ModuleFlowFailure extends Error {}

/**
 * One run of one flow in a fresh browser context (a new Mesop session: no cookies, no client
 * state), captured over CDP from the first request. Returns the Mesop exchanges and the wall time
 * from opening the page to the last settled step.
 */
export async function runFlowOnce(flow: Flow, o: FlowRunOptions): Promise<{ exchanges: Exchange[]; wallMs: number }> {
  const context = await o.browser.createBrowserContext();
  try {
    const page = await context.newPage();
    const capture = await startCapture(page);
    const t0 = performance.now();
    const runner: StepRunner = {
      page, capture, timeoutMs: flow.timeoutMs, idleTimeoutMs: o.idleTimeoutMs, quietMs: o.quietMs,
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
    } finally {
      await capture.stop();
    }
    return { exchanges: capture.exchanges(), wallMs: performance.now() - t0 };
  } finally {
    await context.close().catch(() => undefined);
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
      since, actionEndedAt: Date.now(), quietMs: r.quietMs,
      expectRequests: opts.expectRequests ?? 0, timeoutMs: opts.timeoutMs ?? r.idleTimeoutMs,
    });
  };
  return {
    page: r.page,
    capture: r.capture,
    origin: new URL(r.url('/')).origin,
    goto: async (path) => {
      const since = r.capture.activity().started;
      await r.page.goto(r.url(path), { waitUntil: 'load' });
      await waitForMesopIdle(r.capture, { since, actionEndedAt: Date.now(), quietMs: r.quietMs, expectRequests: 1, timeoutMs: r.idleTimeoutMs });
    },
    waitForIdle,
    settle: async (action, opts = {}) => {
      const since = r.capture.activity().started;
      await action();
        await waitForMesopIdle(r.capture, {
        since, actionEndedAt: Date.now(), quietMs: r.quietMs,
        expectRequests: opts.expectRequests ?? 0, timeoutMs: opts.timeoutMs ?? r.idleTimeoutMs,
      });
    },
  };
}
