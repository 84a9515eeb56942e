/** Budgets: config validation, normalization, pure evaluation, aggregation over runs. */
export { parseSize, SIZE_UNITS } from '../config/size';
export { validateConfig, type ValidationResult } from '../config/validate-config';
export { formatConfigError, type ConfigError } from '../config/config-error';
export type { ToolConfig, BudgetsConfig } from '../config/config-types';
export { normalizeBudgets } from './normalize-budgets';
export { evaluateBudgets } from './evaluate-budgets';
export { aggregateRuns, budgetsFailed } from './aggregate-runs';
export { adviceConfigFrom } from '../config/advice-config-from';
export { RECOMMENDED, PRESETS } from '../config/presets';
export { METRIC_IDS, type MetricId } from './metrics';
export type { BudgetResult, NormalizedAssertion, BudgetLevel } from './budget-types';
