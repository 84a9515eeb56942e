import type { Analysis } from '../analyze';
import type { BudgetResult, NormalizedAssertion } from './budget-types';
import { evaluateField } from './evaluate-field';
import { result } from './budget-result';
import { EVENT_METRICS, isEventMetric, SESSION_METRICS } from './metrics';
import { eventsInScope } from './scope-match';
import { describeEvent } from '../report/describe-event';

/**
 * Pure: assertions x measured session -> one result per assertion. Event and field budgets hold
 * when every event in scope is within the max (actual = the worst event); session budgets compare
 * one number for the events in scope. Field budgets need `keepFieldBytes` in the analysis.
 */
export function evaluateBudgets(analysis: Analysis, assertions: readonly NormalizedAssertion[]): BudgetResult[] {
  return assertions.map((a) => {
    const events = eventsInScope(analysis.session.events, a.scope);
    if (a.target.kind === 'field') return evaluateField(a, a.target, events, analysis);
    const metric = a.target.metric;
    if (isEventMetric(metric)) {
      const values = events.map((e) => ({ index: e.index, value: EVENT_METRICS[metric].of(e) }));
      const worst = values.reduce((w, v) => (v.value > w.value ? v : w), { index: -1, value: 0 });
      const over = values.filter((v) => v.value > a.max).map((v) => v.index);
      return result(a, worst.value, over, events.length, worst.index >= 0 ? ` at event #${worst.index}` : '');
    }
    const def = SESSION_METRICS[metric];
    const actual = def.of(events);
    if (def.counted) {
      // A count of events of one sort (server errors): name those events, and the first one's cause.
      const counted = def.counted(events);
      const first = counted[0];
      return result(a, actual, actual > a.max ? counted.map((e) => e.index) : [], events.length, first ? ` (first: ${describeEvent(first)})` : '');
    }
    return result(a, actual, actual > a.max ? events.map((e) => e.index) : [], events.length, '');
  });
}
