import {
  aggregateRuns,
  type AggregationMethod,
  type CheckBudgetResult,
  type CheckFlow,
  type CheckRun,
} from '../../core';
import type { RunResult } from './evaluate-run';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[(xs.length - 1) >> 1]!;

/**
 * The runs of one flow -> one flow result: budgets aggregated over the runs (median or max, as
 * Lighthouse CI does), each keeping the blame of the run its value came from, and the report of
 * the run with the median total bytes as the one to show.
 */
export function aggregateFlow(
  name: string,
  source: string,
  runs: readonly RunResult[],
  method: AggregationMethod,
): CheckFlow {
  const totals = runs.map((r) => r.report.session.totals.requestBytes + r.report.session.totals.responseBytes);
  const mid = median(totals);
  const repIndex = totals.indexOf(mid);
  const rep = runs[repIndex]!;
  let budgets: CheckBudgetResult[];
  if (runs.length === 1) budgets = rep.budgets;
  else {
    const aggregated = aggregateRuns(
      runs.map((r) => r.budgets),
      method,
    );
    budgets = aggregated.map((a) => {
      // The run whose value was picked (aggregateRuns picks the nearest to the aggregate).
      const candidates = runs.map((r) => r.budgets.find((b) => b.id === a.id)).filter((b) => b !== undefined);
      const picked = candidates.reduce((p, b) =>
        Math.abs(b.actual - a.actual) < Math.abs(p.actual - a.actual) ? b : p,
      );
      const result: CheckBudgetResult = { ...a, flow: name };
      // maxIncrease budgets keep theirs until the baseline says whether they hold (relative-budgets.ts).
      if ((!a.passed || a.maxIncrease) && picked.blame) result.blame = picked.blame;
      return result;
    });
  }
  const checkRuns: CheckRun[] = runs.map((r, i) => ({
    run: i + 1,
    wallMs: Math.round(r.wallMs),
    events: r.report.events.length,
    requestBytes: r.report.session.totals.requestBytes,
    responseBytes: r.report.session.totals.responseBytes,
  }));
  const report = { ...rep.report, budgets: budgets.map(({ flow: _flow, blame: _blame, ...b }) => b) };
  return { name, source, report, budgets, runs: checkRuns, representativeRun: repIndex + 1 };
}
