/**
 * Budgets relative to the baseline (`"maxIncrease": "10%"` or `"+5 kB"`): each such budget of a
 * flow is compared with the same budget (same id) of the same flow in the baseline report, whose
 * `actual` is the value measured then, with the same config. Pure: the CLI reads the file.
 */
import { formatValue } from '../budget/evaluate';
import type { BudgetResult } from '../budget/budget-types';
import { allowedIncrease, increaseText } from '../budget/increase';
import { baselineFlows, type Baseline } from './baseline-diff';
import { summarize, type CheckBudgetResult, type CheckReport } from './check-report';

export function applyRelativeBudgets(report: CheckReport, baseline: Baseline, file: string): CheckReport {
  const before = baselineFlows(baseline, report);
  const flows = report.flows.map((flow) => {
    const old = before.get(flow.name)?.budgets ?? [];
    const budgets = flow.budgets.map((r) =>
      r.maxIncrease
        ? relative(
            r,
            old.find((b) => b.id === r.id),
            file,
          )
        : r,
    );
    return { ...flow, budgets, report: { ...flow.report, budgets: budgets.map(({ flow: _f, blame: _b, ...b }) => b) } };
  });
  const summary = summarize(flows);
  return { ...report, flows, summary, passed: summary.failed === 0 };
}

function relative(r: CheckBudgetResult, old: BudgetResult | undefined, file: string): CheckBudgetResult {
  const inc = r.maxIncrease!;
  const fmt = (n: number) => formatValue(n, r.unit);
  if (!old) {
    // Nothing to compare with (a new flow, or a budget the baseline did not have): say so, do not fail.
    return withoutBlameIfPassed({
      ...r,
      baseline: { file, missing: true },
      message: `${r.message}; not in the baseline ${file}, so its ${increaseText(inc, fmt)} was not checked`,
    });
  }
  const change = r.actual - old.actual;
  const allowed = allowedIncrease(inc, old.actual);
  const relativeOk = change <= allowed;
  const pct = old.actual ? ` (${change >= 0 ? '+' : ''}${Math.round((change / old.actual) * 100)}%)` : '';
  const changeText = `${change >= 0 ? '+' : '−'}${fmt(Math.abs(change))}${pct}`;
  const verdict = relativeOk ? 'within' : 'over';
  const message =
    `${r.id}: ${fmt(r.actual)}, ${changeText} against the baseline ${file} (${fmt(old.actual)}), ${verdict} the allowed ${increaseText(inc, fmt)}${relativeOk ? '' : ` [${r.level}]`}` +
    (r.passed ? '' : `; ${r.message}`);
  const relativeOnly = r.relativeOnly === true;
  return withoutBlameIfPassed({
    ...r,
    // A relative-only budget's limit is the baseline's value plus the growth allowed.
    expected: relativeOnly ? old.actual + allowed : r.expected,
    passed: relativeOk && r.passed,
    message,
    baseline: { file, before: old.actual, change, allowed },
  });
}

/** Without a baseline: the blame taken in advance for maxIncrease budgets goes again. */
export function dropAdvanceBlame(report: CheckReport): CheckReport {
  return { ...report, flows: report.flows.map((f) => ({ ...f, budgets: f.budgets.map(withoutBlameIfPassed) })) };
}

/** The check blames its worst event in advance (evaluate-run.ts); a budget that holds points at nothing. */
function withoutBlameIfPassed(r: CheckBudgetResult): CheckBudgetResult {
  if (!r.passed || !r.blame) return r;
  const { blame: _blame, ...rest } = r;
  return rest;
}
