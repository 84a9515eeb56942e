import {
  type AdviceConfig,
  analyzeExchanges,
  buildReport,
  type CheckBudgetResult,
  type Exchange,
  type NormalizedAssertion,
  partitionUiExchanges,
  type PayloadReport,
} from '../../core';
import { TOOL_VERSION } from '../tool-version';
import { blameFor } from './blame';

export interface RunResult {
  report: PayloadReport;
  budgets: CheckBudgetResult[];
  wallMs: number;
}

/** Top fields kept per event: enough for the baseline's field comparison. */
const TOP_N = 25;

/**
 * One run of one flow through the same engine as the panel: analyze, advise, evaluate the budgets,
 * blame what did not hold. The analysis (with every field's size) is dropped afterwards; the
 * report keeps paths and sizes only.
 */
export function evaluateRun(
  flow: string,
  exchanges: readonly Exchange[],
  assertions: readonly NormalizedAssertion[],
  advice: AdviceConfig,
  wallMs: number,
): RunResult {
  // An app's own non-Mesop endpoint under …/__ui__ is reported as skipped, never measured.
  const { mesop, skipped } = partitionUiExchanges(exchanges);
  const analysis = analyzeExchanges(mesop, { topN: TOP_N, keepFieldBytes: true });
  const report = buildReport(
    analysis,
    { toolVersion: TOOL_VERSION, source: { kind: 'check', name: flow }, skipped },
    { advice, budgets: assertions },
  );
  const budgets: CheckBudgetResult[] = report.budgets.map((r, i) => {
    // A maxIncrease budget may still fail against the baseline (later, relative-budgets.ts): blame its worst event now,
    // while the analysis is here. The blame is dropped again if it holds.
    const blame =
      r.maxIncrease && r.passed
        ? blameFor(
            { ...r, passed: false, events: analysis.session.events.map((e) => e.index) },
            assertions[i]!,
            analysis,
          )
        : blameFor(r, assertions[i]!, analysis);
    return { ...r, flow, ...(blame ? { blame } : {}) };
  });
  return { report, budgets, wallMs };
}
