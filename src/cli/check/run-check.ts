import {
  type AdviceConfig,
  type AggregationMethod,
  CHECK_REPORT_SCHEMA,
  CHECK_REPORT_VERSION,
  type CheckFlow,
  type CheckReport,
  type HarEntry,
  type NormalizedAssertion,
  summarize,
} from '../../core';
import { launchChromium } from '../app/chromium';
import type { Flow } from '../flows/flow-types';
import { StepFailure } from '../flows/run-steps';
import { TOOL_VERSION } from '../tool-version';
import { UserError, USER_ERRORS } from '../user-error';
import { aggregateFlow } from './aggregate-flow';
import { evaluateRun, type RunResult } from './evaluate-run';
import { saveFiles, type AppHandle } from './open-app';
import type { Progress } from './progress';
import { runFlowOnce } from './run-flow';

export interface CheckPlan {
  app: AppHandle;
  chromium: string;
  flows: Flow[];
  runs: number;
  aggregate: AggregationMethod;
  assertions: NormalizedAssertion[];
  advice: AdviceConfig;
  configFile: string | null;
  idleTimeoutMs: number;
  quietMs: number;
  /** Collects every run's traffic as HAR entries (`--har`). */
  harEntries?: HarEntry[];
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/**
 * Drives every flow `runs` times in one headless Chromium (the first run in the fresh browser's
 * own context, every later run in a new one), and turns the captures into the check report. The browser is always closed; the app is the caller's.
 */
export async function runCheck(plan: CheckPlan, progress: Progress): Promise<CheckReport> {
  const host = new URL(plan.app.origin).hostname;
  const chromium = await launchChromium({
    executablePath: plan.chromium,
    allowHosts: [...new Set(['127.0.0.1', host])],
  });
  const flows: CheckFlow[] = [];
  let pristineBrowser = true;
  try {
    for (const flow of plan.flows) {
      const runs: RunResult[] = [];
      for (let run = 1; run <= plan.runs; run++) {
        const runLabel = plan.runs > 1 ? ` run ${run}/${plan.runs}` : '';
        const total = flow.kind === 'steps' ? flow.steps.length : 0;
        const pristine = pristineBrowser;
        pristineBrowser = false;
        let captured;
        let page: PageSnapshot | undefined;
        try {
          captured = await runFlowOnce(flow, {
            browser: chromium.browser,
            baseUrl: plan.app.baseUrl,
            idleTimeoutMs: plan.idleTimeoutMs,
            quietMs: plan.quietMs,
            onStep: (i, label) => progress.step(flow.name, runLabel, i, total, label),
            pristineBrowser: pristine,
            ...(plan.harEntries ? { harEntries: plan.harEntries } : {}),
            onFailure: async (p) => {
              page = { png: await p.screenshot({ fullPage: true }), html: await p.content() };
            },
          });
        } catch (e) {
          progress.end();
          throw flowError(flow, e, plan.app, page);
        }
        if (captured.exchanges.length === 0) {
          throw new UserError(
            USER_ERRORS.NO_MESOP_TRAFFIC,
            `flow "${flow.name}" captured no Mesop UI traffic at ${plan.app.baseUrl}`,
            'is it a Mesop app? requests to a path ending in /__ui__ are measured',
          );
        }
        const result = evaluateRun(flow.name, captured.exchanges, plan.assertions, plan.advice, captured.wallMs);
        runs.push(result);
        const failed = result.budgets.filter((b) => !b.passed && b.level === 'error').length;
        progress.flowDone(
          `${failed ? '✗' : '✓'} ${flow.name}${runLabel}: ${result.report.events.length} events, ${seconds(captured.wallMs)}${failed ? `, ${failed} error budget(s) over` : ''}`,
        );
      }
      flows.push(aggregateFlow(flow.name, flow.source, runs, plan.aggregate));
    }
  } finally {
    await chromium.close();
  }
  const summary = summarize(flows);
  return {
    schema: CHECK_REPORT_SCHEMA,
    version: CHECK_REPORT_VERSION,
    generatedAt: new Date().toISOString(),
    tool: { name: 'mesop-devtools', version: TOOL_VERSION },
    app: { origin: plan.app.origin, command: plan.app.command },
    config: plan.configFile,
    runs: plan.runs,
    aggregate: plan.aggregate,
    passed: summary.failed === 0,
    summary,
    flows,
    baseline: null,
  };
}

interface PageSnapshot {
  png: Uint8Array;
  html: string;
}

/**
 * A flow that could not be played is a user error: one line with the flow, step and reason, and
 * where to look: the page as it was (screenshot and HTML) next to the app's output.
 */
function flowError(flow: Flow, e: unknown, app: AppHandle, page: PageSnapshot | undefined): Error {
  const log = app.log();
  const files: Record<string, string | Uint8Array> = {};
  if (page) Object.assign(files, { 'page.png': page.png, 'page.html': page.html });
  if (log) files['app-output.log'] = log;
  const saved = Object.keys(files).length ? saveFiles(files) : [];
  const where = saved.length ? `${page ? 'the page: ' : ''}${saved.join(', ')}` : '';
  const advice = flow.kind === 'steps' ? 'check the selector, or raise --timeout' : undefined;
  const hint = [advice, where].filter(Boolean).join('; ') || undefined;
  if (e instanceof StepFailure) {
    const where = e.step === 0 ? `(${e.label})` : `step ${e.step} (${e.label})`;
    return new UserError(USER_ERRORS.FLOW_STEP_FAILED, `flow "${flow.name}" ${where}: ${e.message}`, hint);
  }
  if (flow.kind === 'module') {
    const msg = e instanceof Error ? e.message.split('\n')[0] : String(e);
    return new UserError(USER_ERRORS.FLOW_STEP_FAILED, `flow "${flow.name}" (${flow.source}) threw: ${msg}`, hint);
  }
  return e instanceof Error ? e : new Error(String(e));
}
