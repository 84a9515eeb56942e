import type { AggregationMethod, BudgetResult } from './budget-types';
import { budgetMessage, formatValue } from './evaluate';

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};

/**
 * Several runs of the same flow -> one result per assertion (Lighthouse CI's aggregation): the
 * median tames noise, max is the pessimistic choice. Events come from the run whose value was
 * picked (the nearest one for an even-count median).
 */
export function aggregateRuns(runs: readonly BudgetResult[][], method: AggregationMethod): BudgetResult[] {
  const byId = new Map<string, BudgetResult[]>();
  for (const run of runs) for (const r of run) byId.set(r.id, [...(byId.get(r.id) ?? []), r]);
  return [...byId.values()].map((results) => {
    const actuals = results.map((r) => r.actual);
    const actual = method === 'max' ? Math.max(...actuals) : median(actuals);
    const picked = results.reduce((p, r) => (Math.abs(r.actual - actual) < Math.abs(p.actual - actual) ? r : p));
    const label = `${picked.id} (${method} of ${results.length} runs)`;
    if (picked.relativeOnly) {
      // No limit of its own: the baseline gives it one later (report/relative-budgets.ts).
      return {
        ...picked,
        actual,
        expected: actual,
        passed: true,
        events: [],
        message: `${label}: ${formatValue(actual, picked.unit)}, checked against the baseline only (maxIncrease)`,
        runs: { method, actuals },
      };
    }
    const passed = actual <= picked.expected;
    return {
      ...picked,
      actual,
      passed,
      events: passed ? [] : picked.events,
      message: budgetMessage(
        label,
        picked.level,
        picked.unit,
        picked.expected,
        actual,
        passed,
        1,
        '',
        passed ? 0 : picked.events.length,
      ),
      runs: { method, actuals },
    };
  });
}

/** Only `error` budgets fail the build; warnings are printed. */
export const budgetsFailed = (results: readonly BudgetResult[]) =>
  results.some((r) => r.level === 'error' && !r.passed);
