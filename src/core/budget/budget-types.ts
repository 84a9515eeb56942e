import type { MetricId, MetricUnit } from './metrics';

/** Lighthouse CI's assertion levels: only `error` fails the build. */
export type BudgetLevel = 'off' | 'warn' | 'error';
export const BUDGET_LEVELS: readonly BudgetLevel[] = ['off', 'warn', 'error'];

/** A field budget checks each matching field (`each`, default) or their sum (`total`). */
export type FieldMode = 'each' | 'total';

/** As written in the config: `"warn"` or `["error", {"max": "250 kB"}]`. */
export type AssertionSetting = BudgetLevel | [BudgetLevel, { max?: string | number; of?: FieldMode }];

/** Restricts assertions to events on a page path and/or from a handler. */
export interface BudgetScope {
  /** Page path (`UiRequest.path`); `*` matches within a segment, `**` across segments. */
  page?: string;
  /** Handler id, its function name (`on_send`) or `module.fn` as in dev-mode handler ids. */
  handler?: string;
}

/** One assertion after normalization: limits in bytes/counts, preset merged in. */
export interface NormalizedAssertion {
  /** `request-bytes`, `field:history[*].content`, with `@page#handler` when scoped. */
  id: string;
  level: Exclude<BudgetLevel, 'off'>;
  max: number;
  unit: MetricUnit;
  target: { kind: 'metric'; metric: MetricId } | { kind: 'field'; glob: string; mode: FieldMode };
  scope: BudgetScope;
  /** Why this limit (presets say why; user entries may not). */
  reason?: string;
}

/** The outcome of one assertion (the `budgets` array of the JSON report). */
export interface BudgetResult {
  id: string;
  level: 'warn' | 'error';
  unit: MetricUnit;
  /** The max allowed. */
  expected: number;
  /** The measured value (for event and field budgets, the worst event). */
  actual: number;
  passed: boolean;
  message: string;
  /** Events over the limit (for session metrics: every event in scope when it fails). */
  events: number[];
  /** Fields over the limit (field budgets). */
  paths?: { stateClass: number; path: string }[];
  /** When aggregated over runs: the value of each run, and how they were combined. */
  runs?: { method: AggregationMethod; actuals: number[] };
}

export type AggregationMethod = 'median' | 'max';
