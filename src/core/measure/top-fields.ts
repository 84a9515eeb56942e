import { ANY_ITEM, parentPath } from './path';
import type { FieldSize, StateMeasure } from './types';

export interface TopFieldsOptions {
  /**
   * 'flat' (default): where the bytes go, without counting a byte twice. 'top-level': the
   * state's own fields (depth 1), the Angular-DevTools "keys sorted by bytes" view.
   */
  mode?: 'flat' | 'top-level';
  /**
   * Flat mode drills into a container when one of its parts holds at least this share of it
   * (default 0.5).
   */
  dominance?: number;
}

/**
 * The n biggest fields, largest first, each with its share of the whole text.
 *
 * Flat mode ranks non-overlapping entries: start from the top-level fields and replace a
 * container by its parts while one part holds at least `dominance` of it. An array's parts are the
 * parts of its items aggregate, so `messages` (items `{role, content}` mostly content) becomes
 * `messages[*].content` and `messages[*].role`; an array of scalars stays `values`; an object whose
 * bytes are spread over many small fields stays itself (`settings`); marker objects (`image`, a
 * Python bytes value) are never split. So "messages" and "messages[*]" never both appear, and the
 * entries' shares add up to at most 100%.
 */
export function topFields(measure: StateMeasure, n: number, opts: TopFieldsOptions = {}): FieldSize[] {
  const picked = opts.mode === 'top-level' ? topLevel(measure) : flat(measure, opts.dominance ?? 0.5);
  return picked
    .sort((a, b) => b.bytes - a.bytes || (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
    .slice(0, Math.max(0, n))
    .map((f) => ({ ...f, share: measure.bytes > 0 ? f.bytes / measure.bytes : 0 }));
}

function topLevel(measure: StateMeasure): FieldSize[] {
  return measure.fields.filter((f) => f.depth === 1);
}

function flat(measure: StateMeasure, dominance: number): FieldSize[] {
  const aggregates = new Map(measure.aggregates.map((a) => [a.path, a]));
  const fieldKids = childrenByParent(measure.fields);
  const aggregateKids = childrenByParent(measure.aggregates);
  const aggregateSet = new Set(measure.aggregates);

  const partsOf = (e: FieldSize): FieldSize[] => {
    if (e.kind === 'array') {
      // Concrete arrays reached here have no index in their path, so `path[*]` is their items.
      const items = aggregates.get(e.path + ANY_ITEM);
      return items && (items.kind === 'object' || items.kind === 'array') ? partsOf(items) : [];
    }
    if (e.kind === 'object') return (aggregateSet.has(e) ? aggregateKids : fieldKids).get(e.path) ?? [];
    return [];
  };

  const rootItems = aggregates.get(ANY_ITEM);
  const queue: FieldSize[] = rootItems ? [rootItems] : measure.fields.filter((f) => f.depth === 1);
  const out: FieldSize[] = [];
  while (queue.length > 0) {
    const e = queue.pop()!;
    const parts = partsOf(e);
    const biggest = parts.reduce((m, p) => Math.max(m, p.bytes), 0);
    if (parts.length > 0 && biggest >= dominance * e.bytes) queue.push(...parts);
    else out.push(e);
  }
  return out;
}

function childrenByParent(entries: readonly FieldSize[]): Map<string, FieldSize[]> {
  const byParent = new Map<string, FieldSize[]>();
  for (const e of entries) {
    const parent = parentPath(e.path);
    // Array items are reached through their `[*]` aggregate, not listed as parts.
    if (parent === null || (e.path.endsWith(']') && !e.path.endsWith('"]'))) continue;
    let list = byParent.get(parent);
    if (!list) byParent.set(parent, (list = []));
    list.push(e);
  }
  return byParent;
}
