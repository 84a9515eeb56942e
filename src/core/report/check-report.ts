/**
 * The result of `mesop-devtools check`, format version 1: one payload report (report-types.ts) per
 * flow, the budget results aggregated over `--runs`, what each failure is blamed on, and the change
 * against a baseline. `check --json` prints it, `--out` writes it, `--baseline` reads it back, and
 * the Markdown, JUnit and HTML renderers take it. Paths and sizes only, like the payload report.
 */
import type { AggregationMethod, BudgetResult } from '../budget/budget-types';
import type { BaselineDiff } from './baseline-diff';
import type { PayloadReport } from './report-types';

export const CHECK_REPORT_SCHEMA = 'mesop-devtools/check-report';
export const CHECK_REPORT_VERSION = 1;

/** What a failed (or warned) budget points at, so the report says which event and which field. */
export interface BudgetBlame {
  /** `error`: the first line of the server's exception, when the event failed (server-errors). */
  event?: { index: number; kind: string; handler: string; error?: string };
  /** The biggest field of the held state at that event (or the field the field-budget matched). */
  field?: { stateClass: number; path: string; bytes: number; share: number };
}

export interface CheckBudgetResult extends BudgetResult {
  flow: string;
  blame?: BudgetBlame;
}

export interface CheckRun {
  run: number;
  /** From opening the first page to the last settled step, in ms. */
  wallMs: number;
  events: number;
  requestBytes: number;
  responseBytes: number;
}

export interface CheckFlow {
  name: string;
  /** Where the flow was defined: `config flows[0]`, a file name, ... */
  source: string;
  /** The session report of the representative run (median total bytes); its `budgets` are the aggregated ones. */
  report: PayloadReport;
  budgets: CheckBudgetResult[];
  runs: CheckRun[];
  /** 1-based number of the run `report` comes from. */
  representativeRun: number;
}

export interface CheckSummary {
  budgets: number;
  passed: number;
  warned: number;
  failed: number;
}

export interface CheckReport {
  schema: typeof CHECK_REPORT_SCHEMA;
  version: typeof CHECK_REPORT_VERSION;
  generatedAt: string;
  tool: { name: 'mesop-devtools'; version: string };
  app: { origin: string; command: string | null };
  config: string | null;
  runs: number;
  aggregate: AggregationMethod;
  /** No `error` budget failed. */
  passed: boolean;
  summary: CheckSummary;
  flows: CheckFlow[];
  baseline: BaselineDiff | null;
}

export function summarize(flows: readonly CheckFlow[]): CheckSummary {
  const all = flows.flatMap((f) => f.budgets);
  const failed = all.filter((r) => !r.passed && r.level === 'error').length;
  const warned = all.filter((r) => !r.passed && r.level === 'warn').length;
  return { budgets: all.length, passed: all.length - failed - warned, warned, failed };
}

/**
 * A single payload report (the panel's export, `analyze --json`) seen as a one-flow check report,
 * so the Markdown and HTML renderers serve both faces.
 */
export function checkReportFromPayload(report: PayloadReport, name = report.source.name): CheckReport {
  const flow: CheckFlow = {
    name,
    source: report.source.kind,
    report,
    budgets: report.budgets.map((b) => ({ ...b, flow: name })),
    runs: [],
    representativeRun: 1,
  };
  const summary = summarize([flow]);
  return {
    schema: CHECK_REPORT_SCHEMA,
    version: CHECK_REPORT_VERSION,
    generatedAt: report.generatedAt,
    tool: report.tool,
    app: { origin: '', command: null },
    config: null,
    runs: 1,
    aggregate: 'median',
    passed: summary.failed === 0,
    summary,
    flows: [flow],
    baseline: null,
  };
}
