import type { AdviceThresholds, BackendName, Deployment } from '../advise/advice-config';
import type { AggregationMethod, BudgetLevel, FieldMode } from '../budget/budget-types';
import type { MaxIncrease } from '../budget/increase';
import type { MetricId } from '../budget/metrics';
import type { PresetName } from './presets';

/** An assertion after validation: sizes are numbers; `max` absent means "the preset's max". */
export interface AssertionEntry {
  level: BudgetLevel;
  max?: number;
  of?: FieldMode;
  /** Growth allowed against `--baseline` (checked by the CLI once the baseline is read). */
  maxIncrease?: MaxIncrease;
}

export interface AssertionGroup {
  assertions: Partial<Record<MetricId, AssertionEntry>>;
  /** Field-path globs (`history[*].content`, `*.image`) -> assertion on the held state. */
  fields: Record<string, AssertionEntry>;
}

export interface ScopedGroup extends AssertionGroup {
  page?: string;
  handler?: string;
}

export interface BudgetsConfig extends AssertionGroup {
  preset?: PresetName;
  /** How several runs of a flow are combined (the CI check's `--runs N`). */
  aggregate: AggregationMethod;
  scopes: ScopedGroup[];
}

/** The whole config file, validated. Unknown keys never get here. */
export interface ToolConfig {
  deployment?: Deployment;
  /** The session backend the app runs with, when set: the advice names it (the traffic cannot tell which). */
  backend?: BackendName;
  advice: { thresholds: Partial<AdviceThresholds>; disabledRules: string[] };
  budgets?: BudgetsConfig;
  /** Reserved for `mesop-devtools check` (how to start the app); only its shape is checked here. */
  app?: Record<string, unknown>;
  /** Reserved for `mesop-devtools check` (user flows); only its shape is checked here. */
  flows?: unknown[];
}
