import type { MaxIncrease } from './increase';
import type { MetricId, MetricUnit } from './metrics';

/** Lighthouse CI's assertion levels: only `error` fails the build. */
export type BudgetLevel = 'off' | 'warn' | 'error';
export const BUDGET_LEVELS: readonly BudgetLevel[] = ['off', 'warn', 'error'];

/** A field budget checks each matching field (`each`, default) or their sum (`total`). */
export type FieldMode = 'each' | 'total';

/** As written in the config: `"warn"` or `["error", {"max": "250 kB"}]`. */
export type AssertionSetting =
  BudgetLevel | [BudgetLevel, { max?: string | number; of?: FieldMode; maxIncrease?: string | number }];

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
  /** Infinity when only `maxIncrease` was given: the budget is relative to the baseline only. */
  max: number;
  maxIncrease?: MaxIncrease;
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
  /** The growth allowed against the baseline, as configured (`maxIncrease`). */
  maxIncrease?: MaxIncrease;
  /** Only `maxIncrease` was given: `expected` is the baseline's value plus the growth allowed once compared. */
  relativeOnly?: true;
  /** Set once checked against `--baseline`: the baseline's value, the change, and the growth allowed. */
  baseline?: { file: string; before: number; change: number; allowed: number } | { file: string; missing: true };
}

export type AggregationMethod = 'median' | 'max';
