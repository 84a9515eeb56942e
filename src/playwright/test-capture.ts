import type { Page } from '@playwright/test';
import {
  type AdviceConfig,
  type Analysis,
  analyzeExchanges,
  CHECK_REPORT_SCHEMA,
  CHECK_REPORT_VERSION,
  type CheckReport,
  type NormalizedAssertion,
  partitionUiExchanges,
  type PayloadReport,
  summarize,
} from '../core';
import { startSessionCapture, waitForMesopIdle, type CdpSessionLike, type SessionCapture } from '../cli/capture';
import { aggregateFlow } from '../cli/check/aggregate-flow';
import { evaluateRun } from '../cli/check/evaluate-run';
import { TOOL_VERSION } from '../cli/tool-version';

/** The budgets a test is checked against (from the config), and the advice thresholds. */
export interface TestBudgets {
  assertions: NormalizedAssertion[];
  advice: AdviceConfig;
  /** The config file as shown in reports, or null without one. */
  file: string | null;
}

/** Why a test's payload is not measured (Firefox, WebKit: no CDP, so no complete capture). */
export const incompleteNote = (browserName: string): string =>
  `mesop-devtools: payload not measured in ${browserName}: complete capture of Mesop's /__ui__ traffic ` +
  "(SSE bodies after the client aborts, WebSocket frames) needs Chromium's DevTools Protocol; run this test in the chromium project";

/**
 * One test's Mesop traffic, captured over a CDP session of the test's page with the same capture
 * as `check` (src/cli/capture), and analyzed by the same core. `capture` is null when the browser
 * cannot give a complete capture: then everything here answers "not measured" instead of numbers.
 */
export class TestCapture {
  private stopped = false;
  private readonly t0 = performance.now();

  private constructor(
    readonly capture: SessionCapture | null,
    readonly note: string | null,
  ) {}

  static async start(page: Page, browserName: string): Promise<TestCapture> {
    if (browserName !== 'chromium') return new TestCapture(null, incompleteNote(browserName));
    const session = await page.context().newCDPSession(page);
    return new TestCapture(await startSessionCapture(session as unknown as CdpSessionLike), null);
  }

  get complete(): boolean {
    return this.capture !== null;
  }

  /** Waits until the Mesop traffic the test caused so far is over (no request in flight, page idle). */
  async settle(timeoutMs = 30_000): Promise<void> {
    if (!this.capture || this.stopped) return;
    await waitForMesopIdle(this.capture, { expectRequests: 0, timeoutMs });
  }

  /** The analysis of everything captured so far (after `settle`), with field sizes for blame. */
  async analysis(): Promise<Analysis> {
    await this.settle();
    const { mesop } = partitionUiExchanges(this.capture?.exchanges() ?? []);
    return analyzeExchanges(mesop, { topN: 25, keepFieldBytes: true });
  }

  /** Ends the capture (the page is about to close); records stay readable. */
  async stop(): Promise<void> {
    if (!this.capture || this.stopped) return;
    await this.settle().catch(() => undefined); // a page that never settles is still reported as captured
    this.stopped = true;
    await this.capture.stop();
  }

  /** The test as one flow of a check report: the same evaluation, blame and shape as `check`. */
  checkReport(name: string, source: string, origin: string, budgets: TestBudgets): CheckReport {
    const run = evaluateRun(
      name,
      this.capture?.exchanges() ?? [],
      budgets.assertions,
      budgets.advice,
      performance.now() - this.t0,
    );
    const flow = aggregateFlow(name, source, [run], 'median');
    const summary = summarize([flow]);
    return {
      schema: CHECK_REPORT_SCHEMA,
      version: CHECK_REPORT_VERSION,
      generatedAt: new Date().toISOString(),
      tool: { name: 'mesop-devtools', version: TOOL_VERSION },
      app: { origin, command: null },
      config: budgets.file,
      runs: 1,
      aggregate: 'median',
      passed: summary.failed === 0,
      summary,
      flows: [flow],
      baseline: null,
    };
  }

  /** The versioned payload report of the test so far (what `analyze --json` writes). */
  async payloadReport(name: string, budgets: TestBudgets): Promise<PayloadReport> {
    await this.settle();
    return evaluateRun(name, this.capture?.exchanges() ?? [], budgets.assertions, budgets.advice, 0).report;
  }
}
