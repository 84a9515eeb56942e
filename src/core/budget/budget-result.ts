import { formatBytes } from '../measure/format-bytes';
import type { BudgetResult, NormalizedAssertion } from './budget-types';

export const formatValue = (value: number, unit: 'bytes' | 'count') => (unit === 'bytes' ? formatBytes(value) : String(value));

/** One assertion's outcome with its one-line message. */
export function result(a: NormalizedAssertion, actual: number, over: number[], inScope: number, where: string): BudgetResult {
  const relativeOnly = !Number.isFinite(a.max);
  const passed = actual <= a.max;
  return {
    id: a.id,
    level: a.level,
    unit: a.unit,
    // A relative-only budget has no limit of its own until the baseline gives it one (relative-budgets.ts).
    expected: relativeOnly ? actual : a.max,
    actual,
    passed,
    message: relativeOnly
      ? `${a.id}: ${formatValue(actual, a.unit)}${where}, checked against the baseline only (maxIncrease)`
      : budgetMessage(a.id, a.level, a.unit, a.max, actual, passed, inScope, where, over.length),
    events: over,
    ...(a.maxIncrease ? { maxIncrease: a.maxIncrease } : {}),
    ...(relativeOnly ? { relativeOnly: true as const } : {}),
  };
}

export function budgetMessage(id: string, level: string, unit: 'bytes' | 'count', max: number, actual: number,
  passed: boolean, inScope: number, where: string, overCount: number): string {
  if (inScope === 0) return `${id}: no event in scope (check the page/handler of this budget)`;
  const limit = `${formatValue(max, unit)} budget`;
  if (passed) return `${id}: ${formatValue(actual, unit)}${where}, within the ${limit}`;
  const events = overCount > 1 ? ` (${overCount} events over)` : '';
  return `${id}: ${formatValue(actual, unit)}${where} is over the ${limit} by ${formatValue(actual - max, unit)}${events} [${level}]`;
}
