/**
 * `mesop-devtools/playwright-reporter`: every test's payload (the JSON the `mesop` fixture
 * attaches) gathered into one check report, written as `check` writes it: JSON, JUnit, the
 * Markdown PR comment and the HTML report, compared with a baseline when given one.
 *
 *   reporter: [['list'], ['mesop-devtools/playwright-reporter', { outputDir: 'mesop-payload', baseline: 'payload-baseline.json' }]]
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { FullConfig, Reporter, TestCase, TestResult } from '@playwright/test/reporter';
import { applyRelativeBudgets, CHECK_REPORT_SCHEMA, type CheckReport, diffAgainstBaseline } from '../core';
import { readBaseline } from '../cli/check/baseline-file';
import { writeOutputs } from '../cli/check/write-outputs';
import { mergeCheckReports } from '../cli/merge/merge-check-reports';
import { UserError } from '../cli/user-error';

export interface MesopReporterOptions {
  /** Where the files go (default `mesop-payload-report`, relative to playwright.config.ts). */
  outputDir?: string;
  /** File names inside outputDir; `false` skips one. */
  json?: string | false;
  junit?: string | false;
  markdown?: string | false;
  html?: string | false;
  /** A check report (`check --out`, or this reporter's JSON) to compare with, as `check --baseline`. */
  baseline?: string;
}

const ATTACHMENT = 'mesop-payload.json';

export default class MesopPayloadReporter implements Reporter {
  private readonly reports = new Map<string, CheckReport>();
  private rootDir = process.cwd();
  private multiProject = false;

  constructor(private readonly options: MesopReporterOptions = {}) {}

  onBegin(config: FullConfig): void {
    this.rootDir = config.configFile ? resolve(config.configFile, '..') : config.rootDir;
    this.multiProject = config.projects.length > 1;
  }

  onTestEnd(test: TestCase, result: TestResult): void {
    const attachment = result.attachments.find((a) => a.name === ATTACHMENT);
    if (!attachment) return;
    const text = attachment.body
      ? attachment.body.toString('utf8')
      : attachment.path
        ? readFileSync(attachment.path, 'utf8')
        : '';
    const report = JSON.parse(text) as CheckReport;
    if (report.schema !== CHECK_REPORT_SCHEMA) return;
    const project = test.parent.project()?.name;
    // One flow per test (the last retry wins); with several projects each test is one flow per project.
    const key = this.multiProject && project ? `${report.flows[0]!.name} [${project}]` : report.flows[0]!.name;
    for (const f of report.flows) f.name = key;
    this.reports.set(key, report);
  }

  async onEnd(): Promise<void> {
    if (this.reports.size === 0) {
      console.log('mesop-devtools: no test used the mesop fixture: no payload report written');
      return;
    }
    try {
      let report = mergeCheckReports([...this.reports].map(([file, r]) => ({ file, report: r })));
      const o = this.options;
      if (o.baseline) {
        const baseline = await readBaseline(resolve(this.rootDir, o.baseline), o.baseline);
        report = applyRelativeBudgets(report, baseline, o.baseline);
        report.baseline = diffAgainstBaseline(report, baseline, o.baseline);
      }
      const dir = o.outputDir ?? 'mesop-payload-report';
      const name = (v: string | false | undefined, dflt: string) => (v === false ? undefined : `${dir}/${v ?? dflt}`);
      const files = {
        out: name(o.json, 'report.json'),
        junit: name(o.junit, 'junit.xml'),
        markdown: name(o.markdown, 'comment.md'),
        html: name(o.html, 'report.html'),
      };
      const written = await writeOutputs(
        report,
        Object.fromEntries(Object.entries(files).filter(([, v]) => v)),
        this.rootDir,
        'Mesop payload (Playwright tests)',
      );
      const s = report.summary;
      console.log(
        `mesop-devtools: ${report.flows.length} test(s) measured, ${s.failed} error budget(s) over, ${s.warned} warning(s); wrote ${written.join(', ')}`,
      );
    } catch (e) {
      console.error(e instanceof UserError ? e.line() : `mesop-devtools reporter: ${(e as Error).message}`);
      throw e;
    }
  }

  printsToStdio(): boolean {
    return false;
  }
}
