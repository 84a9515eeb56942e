import { advise } from '../../core/advise/registry';
import type { AdviceConfig } from '../../core/advise/advice-config';
import { analyzeExchanges } from '../../core/analyze';
import type { NormalizedAssertion } from '../../core/budget/budget-types';
import { evaluateBudgets } from '../../core/budget/evaluate-budgets';
import type { Exchange } from '../../core/decode/exchange';
import type { CheckBudgetResult } from '../../core/report/check-report';
import { buildJsonReport } from '../../core/report/json-report';
import type { PayloadReport } from '../../core/report/report-types';
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
export function evaluateRun(flow: string, exchanges: readonly Exchange[], assertions: readonly NormalizedAssertion[],
  advice: AdviceConfig, wallMs: number): RunResult {
  const analysis = analyzeExchanges(exchanges, { topN: TOP_N, keepFieldBytes: true });
  const results = evaluateBudgets(analysis, assertions);
  const budgets: CheckBudgetResult[] = results.map((r, i) => {
    const blame = blameFor(r, assertions[i]!, analysis);
    return { ...r, flow, ...(blame ? { blame } : {}) };
  });
  const report: PayloadReport = {
    ...buildJsonReport(analysis, { toolVersion: TOOL_VERSION, source: { kind: 'check', name: flow } }),
    findings: advise(analysis, advice),
    budgets: results,
  };
  return { report, budgets, wallMs };
}
