import type { BudgetScope, NormalizedAssertion } from './budget-types';
import type { AssertionEntry, AssertionGroup, BudgetsConfig } from '../config/config-types';
import { metricDef, type MetricId } from './metrics';
import { PRESETS, RECOMMENDED } from '../config/presets';

/**
 * Validated budgets -> flat assertions (LHCI normalizes once, then evaluates purely). The preset
 * applies to the whole session; the user's entries override it metric by metric, and a bare level
 * keeps the preset's max. Scoped groups carry only what they say. `off` entries are dropped.
 */
export function normalizeBudgets(budgets: BudgetsConfig): NormalizedAssertion[] {
  const out: NormalizedAssertion[] = [];
  const preset = budgets.preset ? PRESETS[budgets.preset] : undefined;
  const top: AssertionGroup['assertions'] = {};
  if (preset) {
    for (const [metric, entry] of Object.entries(preset))
      top[metric as MetricId] = { level: entry.level, max: entry.max };
  }
  Object.assign(top, budgets.assertions);
  addGroup(out, { assertions: top, fields: budgets.fields }, {}, preset !== undefined);
  for (const scope of budgets.scopes) {
    const s: BudgetScope = {};
    if (scope.page) s.page = scope.page;
    if (scope.handler) s.handler = scope.handler;
    addGroup(out, scope, s, false);
  }
  return out;
}

function addGroup(out: NormalizedAssertion[], group: AssertionGroup, scope: BudgetScope, fromPreset: boolean) {
  const suffix = scopeSuffix(scope);
  for (const [metric, entry] of Object.entries(group.assertions) as [MetricId, AssertionEntry][]) {
    if (entry.level === 'off') continue;
    const reason = fromPreset ? presetReason(metric, entry) : undefined;
    out.push({
      id: `${metric}${suffix}`,
      level: entry.level,
      // A bare level keeps the preset's max; `maxIncrease` alone makes the budget relative only.
      max: entry.max ?? (entry.maxIncrease ? Infinity : RECOMMENDED[metric].max),
      ...(entry.maxIncrease ? { maxIncrease: entry.maxIncrease } : {}),
      unit: metricDef(metric).unit,
      target: { kind: 'metric', metric },
      scope,
      ...(reason ? { reason } : {}),
    });
  }
  for (const [glob, entry] of Object.entries(group.fields)) {
    if (entry.level === 'off' || (entry.max === undefined && !entry.maxIncrease)) continue;
    out.push({
      id: `field:${glob}${suffix}`,
      level: entry.level,
      max: entry.max ?? Infinity,
      ...(entry.maxIncrease ? { maxIncrease: entry.maxIncrease } : {}),
      unit: 'bytes',
      target: { kind: 'field', glob, mode: entry.of ?? 'each' },
      scope,
    });
  }
}

/** The preset's reason still applies when the user kept its max. */
function presetReason(metric: MetricId, entry: AssertionEntry): string | undefined {
  if (entry.maxIncrease && entry.max === undefined) return undefined;
  return entry.max === undefined || entry.max === RECOMMENDED[metric].max ? RECOMMENDED[metric].reason : undefined;
}

function scopeSuffix(scope: BudgetScope): string {
  const parts = [scope.page ? `page=${scope.page}` : '', scope.handler ? `handler=${scope.handler}` : ''].filter(
    Boolean,
  );
  return parts.length ? `@${parts.join(',')}` : '';
}
