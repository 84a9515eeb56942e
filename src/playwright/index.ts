/**
 * `mesop-devtools/playwright`: Playwright Test's `test` with a `mesop` fixture that captures the
 * test page's Mesop traffic completely (the same CDP capture as `check`) and measures it with the
 * same core, plus payload matchers and, opted in, the config's budgets after each test.
 *
 *   import { test, expect } from 'mesop-devtools/playwright';
 *   test('send', async ({ page, mesop }) => { ...; await expect(mesop).toUploadAtMost('100 kB'); });
 */
import { writeFile } from 'node:fs/promises';
import { test as base, expect as baseExpect, type TestInfo } from '@playwright/test';
import { blameText, type PayloadReport, renderHtml, type ReportEvent } from '../core';
import { budgetsFor, type MesopBudgetsOption } from './budgets-config';
import { mesopMatchers, type PayloadTarget } from './matchers';
import { TestCapture, type TestBudgets } from './test-capture';

/** The name of the JSON attachment the reporter (mesop-devtools/playwright-reporter) reads. */
export const REPORT_ATTACHMENT = 'mesop-payload.json';

/** What a test sees as `mesop`. */
export class MesopPayload implements PayloadTarget {
  readonly scope = 'test' as const;
  /** `expect(mesop.lastEvent)`: the matchers on the latest Mesop event only. */
  readonly lastEvent: PayloadTarget;

  constructor(
    readonly capture: TestCapture,
    private readonly name: string,
    private readonly budgets: () => Promise<TestBudgets>,
  ) {
    this.lastEvent = { capture, scope: 'last event' };
  }

  /** False in a browser without CDP (Firefox, WebKit): nothing is measured, `note` says why. */
  get complete(): boolean {
    return this.capture.complete;
  }
  get note(): string | null {
    return this.capture.note;
  }

  /** The test's Mesop events so far (as in the JSON report), once the traffic has settled. */
  async events(): Promise<ReportEvent[]> {
    return (await this.report()).events;
  }

  /** The versioned payload report of the test so far (the shape of `analyze --json`). */
  async report(): Promise<PayloadReport> {
    return this.capture.payloadReport(this.name, await this.budgets());
  }
}

/** The test's name in reports: its titles below the file (describe blocks, then the test). */
const testName = (info: TestInfo): string => info.titlePath.slice(1).join(' › ');

interface MesopOptions {
  /** Check the budgets of mesop-devtools.config.json after each test: true (find it) or its path. */
  mesopBudgets: MesopBudgetsOption;
}

interface Internal {
  _mesopCapture: { current: TestCapture | null };
}

export const test = base.extend<MesopOptions & Internal & { mesop: MesopPayload }>({
  mesopBudgets: [false, { option: true }],
  // Filled by whichever starts the capture first: the `mesop` fixture, or `page` when budgets are on.
  // eslint-disable-next-line no-empty-pattern -- Playwright reads a fixture's dependencies from this pattern; it has none
  _mesopCapture: async ({}, use) => {
    await use({ current: null });
  },

  page: async ({ page, mesopBudgets, browserName, _mesopCapture, baseURL }, use, testInfo) => {
    if (mesopBudgets !== false) _mesopCapture.current = await TestCapture.start(page, browserName);
    await use(page);
    const capture = _mesopCapture.current;
    if (!capture) return;
    // Before the page closes: let the last event finish, then report (and judge) the whole test.
    await capture.stop();
    if (!capture.complete) {
      testInfo.annotations.push({ type: 'mesop-devtools', description: capture.note! });
      console.warn(capture.note);
      return;
    }
    const budgets = await budgetsFor(mesopBudgets, testInfo.config.configFile, testInfo.config.rootDir);
    const origin = baseURL ?? originOf(page.url());
    const report = capture.checkReport(testName(testInfo), relativeFile(testInfo), origin, budgets);
    // As files: the list reporter then prints their paths, not a page of HTML under a failure.
    const json = testInfo.outputPath(REPORT_ATTACHMENT);
    const html = testInfo.outputPath('mesop-payload.html');
    await writeFile(json, `${JSON.stringify(report, null, 2)}\n`);
    await writeFile(html, renderHtml(report, `Mesop payload: ${testName(testInfo)}`));
    await testInfo.attach(REPORT_ATTACHMENT, { path: json, contentType: 'application/json' });
    await testInfo.attach('mesop-payload.html', { path: html, contentType: 'text/html' });
    const flow = report.flows[0]!;
    for (const w of flow.budgets.filter((b) => !b.passed && b.level === 'warn')) {
      testInfo.annotations.push({
        type: 'mesop-devtools warning',
        description: `${w.message}${blameText(w) ? `; ${blameText(w)}` : ''}`,
      });
    }
    const failed = flow.budgets.filter((b) => !b.passed && b.level === 'error');
    if (mesopBudgets !== false && failed.length > 0) {
      const lines = failed.map((b) => `  ${b.message}${blameText(b) ? `\n    ${blameText(b)}` : ''}`);
      throw new Error(`mesop-devtools: ${failed.length} error budget(s) of ${budgets.file} over:\n${lines.join('\n')}`);
    }
  },

  mesop: async ({ page, browserName, mesopBudgets, _mesopCapture }, use, testInfo) => {
    _mesopCapture.current ??= await TestCapture.start(page, browserName);
    const budgets = () => budgetsFor(mesopBudgets, testInfo.config.configFile, testInfo.config.rootDir);
    await use(new MesopPayload(_mesopCapture.current, testName(testInfo), budgets));
  },
});

export const expect = baseExpect.extend(mesopMatchers);

function relativeFile(info: TestInfo): string {
  const root = info.config.rootDir;
  return info.file.startsWith(`${root}/`) ? info.file.slice(root.length + 1) : info.file;
}

function originOf(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return url;
  }
}

export type { MesopBudgetsOption } from './budgets-config';
