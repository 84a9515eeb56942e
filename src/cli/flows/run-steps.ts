import type { Locator, Page } from 'puppeteer-core';
import { loadPuppeteer } from '../app/load-puppeteer';
import type { Capture } from '../capture';
import type { Action, Step, Target } from './flow-types';
import { waitForMesopIdle } from '../capture';

/** A step that could not be done: the runner turns it into one FLOW_STEP_FAILED line. */
export class StepFailure extends Error {
  constructor(
    readonly step: number,
    readonly label: string,
    reason: string,
  ) {
    super(reason);
  }
}

export interface StepRunner {
  page: Page;
  capture: Capture;
  /** Resolves app paths (`/chat`) to URLs. */
  url(path: string): string;
  timeoutMs: number;
  idleTimeoutMs: number;
  quietMs: number;
  onStep?(index: number, step: Step): void;
}

/** Several selectors (a Recorder step's alternatives) race; the first that matches wins. */
async function locate(page: Page, target: Target, timeoutMs: number): Promise<Locator<Element>> {
  const { Locator } = await loadPuppeteer();
  const locators = target.selectors.map((s) => page.locator(s));
  const loc = locators.length === 1 ? locators[0]! : Locator.race(locators);
  return loc.setTimeout(timeoutMs);
}

async function act(r: StepRunner, a: Action, timeoutMs: number): Promise<void> {
  const { page } = r;
  switch (a.kind) {
    case 'goto': {
      // A page load is not an element lookup: it gets the idle timeout, not the step's.
      const res = await page.goto(r.url(a.path), { timeout: Math.max(timeoutMs, r.idleTimeoutMs), waitUntil: 'load' });
      if (res && res.status() >= 400) throw new Error(`GET ${a.path} answered HTTP ${res.status()}`);
      return;
    }
    case 'click':
      return (await locate(page, a.target, timeoutMs)).click({ count: a.count });
    case 'hover':
      return (await locate(page, a.target, timeoutMs)).hover();
    case 'type':
      return (await locate(page, a.target, timeoutMs)).fill(a.text);
    case 'press':
      if (a.target) await (await locate(page, a.target, timeoutMs)).click();
      return page.keyboard.press(a.key as Parameters<Page['keyboard']['press']>[0]);
    case 'keyDown':
      return page.keyboard.down(a.key as Parameters<Page['keyboard']['down']>[0]);
    case 'keyUp':
      return page.keyboard.up(a.key as Parameters<Page['keyboard']['up']>[0]);
    case 'upload': {
      const handle = await (await locate(page, a.target, timeoutMs)).waitHandle();
      try {
        await (handle as unknown as { uploadFile(...files: string[]): Promise<void> }).uploadFile(...a.files);
      } finally {
        await handle.dispose();
      }
      return;
    }
    case 'waitForIdle':
      return;
    case 'waitForElement':
      await (await locate(page, a.target, timeoutMs)).wait();
      return;
    case 'waitForExpression':
      await page.waitForFunction(a.expression, { timeout: timeoutMs });
      return;
    case 'assertText':
      await page.waitForFunction(
        (t: string) => document.body?.innerText.includes(t),
        { timeout: timeoutMs, polling: 100 },
        a.text,
      );
      return;
    case 'viewport':
      return page.setViewport(a);
    case 'scroll':
      await page.evaluate((x: number, y: number) => window.scrollTo(x, y), a.x, a.y);
      return;
  }
}

function reasonOf(a: Action, e: unknown, timeoutMs: number): string {
  const msg = e instanceof Error ? e.message.split('\n')[0]! : String(e);
  if (e instanceof Error && e.name === 'TimeoutError') {
    if (a.kind === 'assertText') return `the page did not show ${JSON.stringify(a.text)} within ${timeoutMs} ms`;
    if ('target' in a && a.target) return `no element matched ${a.target.describe} within ${timeoutMs} ms`;
    return `timed out after ${timeoutMs} ms`;
  }
  return msg;
}

/** Runs the steps in order; step numbers in failures are 1-based as the user counts them. */
export async function runSteps(r: StepRunner, steps: readonly Step[]): Promise<void> {
  for (const [i, step] of steps.entries()) {
    r.onStep?.(i, step);
    const timeoutMs = step.timeoutMs ?? r.timeoutMs;
    const since = r.capture.activity().started;
    try {
      await act(r, step.action, timeoutMs);
    } catch (e) {
      throw new StepFailure(i + 1, step.label, reasonOf(step.action, e, timeoutMs));
    }
    if (!step.settle) continue;
    try {
      await waitForMesopIdle(r.capture, {
        since,
        actionEndedAt: Date.now(),
        quietMs: r.quietMs,
        expectRequests: step.expectRequests ?? (step.action.kind === 'goto' ? 1 : 0),
        timeoutMs: step.action.kind === 'waitForIdle' ? timeoutMs : r.idleTimeoutMs,
      });
    } catch (e) {
      throw new StepFailure(i + 1, step.label, (e as Error).message);
    }
  }
}
