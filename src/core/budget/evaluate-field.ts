import { stateClassNumber } from '../session/numbering';
import type { Analysis } from '../analyze';
import type { MesopEvent } from '../session/event';
import type { BudgetResult, FieldMode, NormalizedAssertion } from './budget-types';
import { result } from './budget-result';
import { fieldGlobMatcher } from './field-glob';

interface Hit { event: number; stateClass: number; path: string; bytes: number }

const isInside = (path: string, ancestor: string) =>
  path.length > ancestor.length && path.startsWith(ancestor) && (path[ancestor.length] === '.' || path[ancestor.length] === '[');

/**
 * A field budget on the state the browser holds after each event: `each` checks the biggest
 * matching field, `total` the sum of the matching fields (outermost only, so `**` does not count
 * a field twice).
 */
export function evaluateField(a: NormalizedAssertion, target: { glob: string; mode: FieldMode }, events: MesopEvent[], analysis: Analysis): BudgetResult {
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
    const value = target.mode === 'each'
      ? Math.max(0, ...hits.map((h) => h.bytes))
      : hits.filter((h) => !hits.some((o) => o.stateClass === h.stateClass && isInside(h.path, o.path))).reduce((s, h) => s + h.bytes, 0);
    if (value > worst.value || worst.event < 0) worst = { event: e.index, value, hits };
    if (value > a.max) {
      over.push(e.index);
      for (const h of hits) if (target.mode === 'total' || h.bytes > a.max) overPaths.set(`${h.stateClass}:${h.path}`, h);
    }
  }
  const where = worst.event >= 0 && worst.hits.length ? ` at event #${worst.event}` : '';
  const r = result(a, worst.value, over, events.length, where);
  if (overPaths.size) r.paths = [...overPaths.values()].map(({ stateClass, path }) => ({ stateClass, path }));
  return r;
}
