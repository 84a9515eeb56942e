/** Budgets: config validation, normalization, pure evaluation, aggregation over runs. */
export { parseSize, SIZE_UNITS } from './size';
export { validateConfig, type ValidationResult } from './validate-config';
export { formatConfigError, type ConfigError } from './config-error';
export type { ToolConfig, BudgetsConfig } from './config-types';
export { normalizeBudgets } from './normalize-budgets';
export { evaluateBudgets } from './evaluate-budgets';
export { aggregateRuns, budgetsFailed } from './aggregate-runs';
export { adviceConfigFrom } from './advice-config-from';
export { RECOMMENDED, PRESETS } from './presets';
export { METRIC_IDS, type MetricId } from './metrics';
export type { BudgetResult, NormalizedAssertion, BudgetLevel } from './budget-types';
