import type { Analysis } from '../analyze';
import { formatBytes } from '../measure/format-bytes';
import { isInside } from '../measure/path';
import { describeEvent } from '../report/describe-event';
import type { MesopEvent } from '../session/event';
import { stateClassNumber } from '../session/numbering';
import { sum } from '../sum';
import type { BudgetResult, BudgetScope, FieldMode, NormalizedAssertion } from './budget-types';
import { fieldGlobMatcher, pageGlobMatcher } from './field-glob';
import { EVENT_METRICS, isEventMetric, SESSION_METRICS } from './metrics';

/**
 * The budget evaluator, in the shape of Lighthouse CI's assertions: one pure function takes the
 * assertions (normalize-budgets.ts makes them from the config) and what was measured, and returns
 * one result per assertion with its one-line message. Aggregation over runs (aggregate-runs.ts) and
 * the baseline's relative limits (report/relative-budgets.ts) work on these results.
 */

/**
 * Event and field budgets hold when every event in scope is within the max (actual = the worst
 * event); session budgets compare one number for the events in scope. Field budgets need
 * `keepFieldBytes` in the analysis.
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
      return result(
        a,
        actual,
        actual > a.max ? counted.map((e) => e.index) : [],
        events.length,
        first ? ` (first: ${describeEvent(first)})` : '',
      );
    }
    return result(a, actual, actual > a.max ? events.map((e) => e.index) : [], events.length, '');
  });
}

/**
 * Does a handler id match what the user wrote? Dev-mode ids are `module.fn_name.<sha256>`, prod
 * ids a bare sha256 (docs/protocol.md §6), so accept the full id or any dot-aligned part of it:
 * the function name (`on_send`), `module.on_send`, the hash.
 */
function handlerMatches(id: string | undefined, wanted: string): boolean {
  if (!id) return false;
  if (id === wanted) return true;
  // Mesop 1.3 appends the event class after a colon: `.app.main.on_send.<sha>:mesop.events.events.ClickEvent`.
  const base = id.split(':')[0]!;
  return `.${base}.`.includes(`.${wanted}.`);
}

function eventsInScope(events: readonly MesopEvent[], scope: BudgetScope): MesopEvent[] {
  const page = scope.page ? pageGlobMatcher(scope.page) : undefined;
  return events.filter(
    (e) =>
      (!page || (e.path !== undefined && page(e.path))) &&
      (!scope.handler || handlerMatches(e.handlerId, scope.handler)),
  );
}

interface Hit {
  event: number;
  stateClass: number;
  path: string;
  bytes: number;
}

/**
 * A field budget on the state the browser holds after each event: `each` checks the biggest
 * matching field, `total` the sum of the matching fields (outermost only, so `**` does not count
 * a field twice).
 */
function evaluateField(
  a: NormalizedAssertion,
  target: { glob: string; mode: FieldMode },
  events: MesopEvent[],
  analysis: Analysis,
): BudgetResult {
  const matches = fieldGlobMatcher(target.glob);
  let worst: { event: number; value: number; hits: Hit[] } = { event: -1, value: 0, hits: [] };
  const over: number[] = [];
  const overPaths = new Map<string, Hit>();
  for (const e of events) {
    const hits: Hit[] = [];
    (analysis.fieldBytes[e.index] ?? []).forEach((paths, position) => {
      const stateClass = stateClassNumber(position);
      for (const [path, bytes] of paths) if (matches(path)) hits.push({ event: e.index, stateClass, path, bytes });
    });
    const value =
      target.mode === 'each'
        ? Math.max(0, ...hits.map((h) => h.bytes))
        : sum(
            hits
              .filter((h) => !hits.some((o) => o.stateClass === h.stateClass && isInside(h.path, o.path)))
              .map((h) => h.bytes),
          );
    if (value > worst.value || worst.event < 0) worst = { event: e.index, value, hits };
    if (value > a.max) {
      over.push(e.index);
      for (const h of hits)
        if (target.mode === 'total' || h.bytes > a.max) overPaths.set(`${h.stateClass}:${h.path}`, h);
    }
  }
  const where = worst.event >= 0 && worst.hits.length ? ` at event #${worst.event}` : '';
  const r = result(a, worst.value, over, events.length, where);
  if (overPaths.size) r.paths = [...overPaths.values()].map(({ stateClass, path }) => ({ stateClass, path }));
  return r;
}

export const formatValue = (value: number, unit: 'bytes' | 'count') =>
  unit === 'bytes' ? formatBytes(value) : String(value);

/** One assertion's outcome with its one-line message. */
function result(a: NormalizedAssertion, actual: number, over: number[], inScope: number, where: string): BudgetResult {
  const relativeOnly = !Number.isFinite(a.max);
  const passed = actual <= a.max;
  return {
    id: a.id,
    level: a.level,
    unit: a.unit,
    // A relative-only budget has no limit of its own until the baseline gives it one (report/relative-budgets.ts).
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

export function budgetMessage(
  id: string,
  level: string,
  unit: 'bytes' | 'count',
  max: number,
  actual: number,
  passed: boolean,
  inScope: number,
  where: string,
  overCount: number,
): string {
  if (inScope === 0) return `${id}: no event in scope (check the page/handler of this budget)`;
  const limit = `${formatValue(max, unit)} budget`;
  if (passed) return `${id}: ${formatValue(actual, unit)}${where}, within the ${limit}`;
  const events = overCount > 1 ? ` (${overCount} events over)` : '';
  return `${id}: ${formatValue(actual, unit)}${where} is over the ${limit} by ${formatValue(actual - max, unit)}${events} [${level}]`;
}
