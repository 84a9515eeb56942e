import { type Analysis, stateClassNumber } from '../../src/core';
import type { DiffRow, EventDetail, FieldRow, StateClassDetail } from './messages';

const MAX_DIFF_ROWS = 60;
const MAX_TOP_PER_CLASS = 15;

/** What the panel shows for one selected event: per state class, its biggest fields and all paths; the diff to the event before. */
export function eventDetail(analysis: Analysis, eventIndex: number): EventDetail | null {
  const event = analysis.session.events[eventIndex];
  if (!event) return null;
  const fieldBytes = analysis.fieldBytes[eventIndex] ?? [];
  const top = analysis.topFields[eventIndex] ?? [];
  const classes: StateClassDetail[] = event.mirror.stateBytes.map((bytes, position) => ({
    stateClass: stateClassNumber(position),
    bytes,
    top: top
      .filter((f) => f.stateClass === stateClassNumber(position))
      .slice(0, MAX_TOP_PER_CLASS)
      .map((f): FieldRow => ({ ...f })),
    paths: [...(fieldBytes[position] ?? new Map<string, number>())].filter(([p]) => !p.includes('[*]')),
  }));
  return { eventIndex, classes, diff: diffRows(analysis.fieldBytes[eventIndex - 1] ?? [], fieldBytes) };
}

/**
 * Size changes between two events, over concrete paths and `[*]` aggregates. Children of a
 * changed container change too; keeping all of them is honest (the panel shows paths), and the
 * list is capped to the biggest changes.
 */
export function diffRows(before: readonly Map<string, number>[], after: readonly Map<string, number>[]): DiffRow[] {
  const rows: DiffRow[] = [];
  const classes = Math.max(before.length, after.length);
  for (let c = 0; c < classes; c++) {
    const b = before[c] ?? new Map<string, number>();
    const a = after[c] ?? new Map<string, number>();
    for (const [path, bytes] of a) {
      const prev = b.get(path);
      if (prev !== bytes)
        rows.push({
          stateClass: stateClassNumber(c),
          path,
          before: prev ?? null,
          after: bytes,
          delta: bytes - (prev ?? 0),
        });
    }
    for (const [path, bytes] of b)
      if (!a.has(path)) rows.push({ stateClass: stateClassNumber(c), path, before: bytes, after: null, delta: -bytes });
  }
  return rows
    .sort((x, y) => Math.abs(y.delta) - Math.abs(x.delta) || (x.path < y.path ? -1 : 1))
    .slice(0, MAX_DIFF_ROWS);
}
