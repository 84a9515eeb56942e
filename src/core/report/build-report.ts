import type { AdviceConfig } from '../advise/advice-config';
import { advise } from '../advise/registry';
import type { Analysis } from '../analyze';
import { evaluateBudgets } from '../budget/evaluate';
import type { NormalizedAssertion } from '../budget/budget-types';
import { buildJsonReport, type ReportMeta } from './json-report';
import type { PayloadReport } from './report-types';

export interface Judgement {
  advice?: AdviceConfig;
  /** Normalized budget assertions; none -> no budget results. */
  budgets?: readonly NormalizedAssertion[];
}

/**
 * The whole report: measured events, the advice rules' findings and the budget results. Every face
 * (analyze, check, the panel's export) calls this, so the numbers and the advice are the same
 * wherever they are read.
 */
export function buildReport(analysis: Analysis, meta: ReportMeta, judgement: Judgement = {}): PayloadReport {
  return {
    ...buildJsonReport(analysis, meta),
    findings: advise(analysis, judgement.advice),
    budgets: judgement.budgets ? evaluateBudgets(analysis, judgement.budgets) : [],
  };
}
