/**
 * Applies one state class's DeepDiff flat-dict diff the way Mesop's browser client does
 * (mesop/web/src/utils/diff.ts `applyStateDiff`, described in docs/protocol.md §4), so that our
 * mirror holds exactly the JSON the client holds and would upload next:
 * - a diff text of exactly `[]` leaves the state string untouched (no re-serialization);
 * - `iterable_item_removed` rows are applied first, in reverse order, so indices stay valid;
 * - then, in order: values_changed / type_changes / data_frame_changed / mesop_equality_changed and
 *   dictionary_item_added set the value at the path; dictionary_item_removed deletes the key;
 *   iterable_item_added splices in; set_item_added / set_item_removed push to / remove from the list
 *   at a path ending in `__python.set__`; iterable_items_inserted / iterable_items_deleted splice
 *   ranges `t2_from_index..t2_to_index`; `iterable_items_equal` (DeepDiff 8 marks the unchanged runs
 *   around an edit in the middle of a list) is a normal row the client skips; any other action is
 *   ignored, as the client ignores it, with a note;
 * - the result is re-serialized with JSON.stringify (compact), as the client does.
 *
 * The 1.3.7 client deletes `t2_to_index - t2_from_index + 1` items for `iterable_items_deleted`, but
 * the server removed `t1_to_index - t1_from_index` (for a deletion `t2_from == t2_to`, so the client
 * always removes one), and it ignores `iterable_items_replaced` (a run of items replaced by a run of
 * another length). We apply both as the client does and report each row that leaves the browser's
 * list a different length from the server's as a `ListDesync`.
 */
import { pathOf } from '../measure/path';
import { parseJsonTolerant } from './tolerant-json';

type Segment = string | number;
interface DiffRow {
  path: Segment[];
  action: string;
  value?: unknown;
  t1_from_index?: number;
  t1_to_index?: number;
  t2_from_index?: number;
  t2_to_index?: number;
}

/**
 * A list where the browser's copy no longer matches the server's after a diff (Mesop's client
 * bug above). Sizes and positions only: reports never carry state values.
 */
export interface ListDesync {
  /** Field path of the list (measure/path.ts grammar). */
  path: string;
  /** What the server did: deleted a run of items, or replaced one with a run of another length. */
  action: 'deleted' | 'replaced';
  /** Index of the first item the server deleted or replaced. */
  at: number;
  serverRemoved: number;
  /** Items the server put in their place (replaced; 0 for a deletion). */
  serverAdded: number;
  browserRemoved: number;
  /** Items in the list as the browser now holds it, and as the server holds it. */
  browserItems: number;
  serverItems: number;
}

export type DiffResult =
  { ok: true; state: string; notes: string[]; desyncs: ListDesync[] } | { ok: false; reason: string };

export function applyStateDiff(stateJson: string, diffJson: string): DiffResult {
  if (diffJson === '[]') return { ok: true, state: stateJson, notes: [], desyncs: [] };
  const state = parseJsonTolerant(stateJson);
  if (!state.ok) return { ok: false, reason: `held state is not JSON: ${state.reason}` };
  const diff = parseJsonTolerant(diffJson);
  if (!diff.ok) return { ok: false, reason: `state diff is not JSON: ${diff.reason}` };
  if (!Array.isArray(diff.value)) return { ok: false, reason: 'state diff is not a list' };
  const notes: string[] = [];
  const desyncs: ListDesync[] = [];
  if (state.nonFinite || diff.nonFinite) notes.push("state holds NaN/Infinity, which Mesop's client cannot parse");

  const root = { value: state.value };
  const rows = diff.value as DiffRow[];
  try {
    for (let i = rows.length - 1; i >= 0; i--) {
      const row = rows[i]!;
      if (row.action === 'iterable_item_removed') spliceAt(root, row.path, (list, at) => list.splice(Number(at), 1));
    }
    for (const row of rows) applyRow(root, row, notes, desyncs);
  } catch (e) {
    return { ok: false, reason: `state diff does not apply: ${(e as Error).message}` };
  }
  // JSON.stringify recurses: a state nested 100,000 deep (valid JSON, which JSON.parse takes)
  // overflows the stack, and a result over V8's string limit throws too. Found by the fuzz test.
  try {
    return { ok: true, state: JSON.stringify(root.value), notes, desyncs };
  } catch (e) {
    return { ok: false, reason: `patched state cannot be re-serialized: ${(e as Error).message}` };
  }
}

function applyRow(root: { value: unknown }, row: DiffRow, notes: string[], desyncs: ListDesync[]): void {
  switch (row.action) {
    case 'values_changed':
    case 'type_changes':
    case 'data_frame_changed':
    case 'mesop_equality_changed':
    case 'dictionary_item_added':
      setAt(root, row.path, row.value);
      break;
    case 'dictionary_item_removed':
      withParent(root, row.path, (parent, key) => {
        delete (parent as Record<string, unknown>)[String(key)];
      });
      break;
    case 'iterable_item_added':
      spliceAt(root, row.path, (list, at) => list.splice(Number(at), 0, row.value));
      break;
    case 'set_item_added':
      withParent(
        root,
        row.path,
        (parent, key) => {
          asList((parent as Record<string, unknown>)[key], row.path).push(row.value);
        },
        true,
      );
      break;
    case 'set_item_removed':
      withParent(root, row.path, (parent, key) => {
        const holder = parent as Record<string, unknown>;
        // The client round-trips through a Set: duplicates collapse, order is kept.
        holder[key] = [...new Set(asList(holder[key], row.path))].filter((item) => item !== row.value);
      });
      break;
    case 'iterable_items_inserted':
      if (row.t2_from_index !== undefined && row.t2_to_index !== undefined) {
        withParent(root, row.path, (parent, key) => {
          asList((parent as Record<string, unknown>)[key], row.path).splice(
            row.t2_from_index!,
            0,
            ...(row.value as unknown[]),
          );
        });
      }
      break;
    case 'iterable_items_deleted':
      if (row.t2_from_index !== undefined && row.t2_to_index !== undefined) {
        withParent(root, row.path, (parent, key) => {
          const list = asList((parent as Record<string, unknown>)[key], row.path);
          const before = list.length;
          const browserRemoved = list.splice(row.t2_from_index!, row.t2_to_index! - row.t2_from_index! + 1).length;
          const serverRemoved =
            row.t1_from_index !== undefined && row.t1_to_index !== undefined
              ? row.t1_to_index - row.t1_from_index
              : browserRemoved;
          if (serverRemoved !== browserRemoved) {
            desyncs.push({
              path: pathOf(row.path),
              action: 'deleted',
              at: row.t2_from_index!,
              serverRemoved,
              serverAdded: 0,
              browserRemoved,
              browserItems: list.length,
              serverItems: before - serverRemoved,
            });
          }
        });
      }
      break;
    case 'iterable_item_removed':
      break; // done first
    case 'iterable_items_equal':
      break; // an unchanged run around an edit: nothing to apply
    case 'iterable_items_replaced': {
      // Ignored by the client: a desync when the run changes length (the list's length then differs).
      const { t1_from_index: f1, t1_to_index: t1, t2_from_index: f2, t2_to_index: t2 } = row;
      if (f1 === undefined || t1 === undefined || f2 === undefined || t2 === undefined || t1 - f1 === t2 - f2) break;
      withParent(root, row.path, (parent, key) => {
        const held = asList((parent as Record<string, unknown>)[key], row.path).length;
        desyncs.push({
          path: pathOf(row.path),
          action: 'replaced',
          at: f2,
          serverRemoved: t1 - f1,
          serverAdded: t2 - f2,
          browserRemoved: 0,
          browserItems: held,
          serverItems: held - (t1 - f1) + (t2 - f2),
        });
      });
      break;
    }
    default:
      notes.push(`diff action "${row.action}" is ignored (Mesop's client ignores it too)`);
  }
}

function setAt(root: { value: unknown }, path: Segment[], value: unknown): void {
  if (path.length === 0) {
    root.value = value;
    return;
  }
  withParent(root, path, (parent, key) => {
    (parent as Record<string, unknown>)[key] = value;
  });
}

function spliceAt(root: { value: unknown }, path: Segment[], op: (list: unknown[], at: Segment) => void): void {
  withParent(root, path, (parent, key) => {
    if (!Array.isArray(parent)) throw new Error(`${formatPath(path)}: parent is not a list`);
    op(parent, key);
  });
}

/** Walks to the container holding the last segment. `create` makes a missing list (client quirk for sets). */
function withParent(
  root: { value: unknown },
  path: Segment[],
  op: (parent: object, key: string | number) => void,
  create = false,
): void {
  if (!Array.isArray(path) || path.length === 0) throw new Error('diff row without a path');
  let node: unknown = root.value;
  for (let i = 0; i < path.length - 1; i++) {
    if (node === null || typeof node !== 'object')
      throw new Error(`${formatPath(path)}: ${formatPath(path.slice(0, i))} is not an object`);
    const holder = node as Record<string, unknown>;
    const seg = path[i]!;
    if (create && holder[seg] === undefined && i + 2 === path.length) holder[seg] = [];
    node = holder[seg];
  }
  if (node === null || typeof node !== 'object') throw new Error(`${formatPath(path)}: parent is not an object`);
  op(node, path[path.length - 1]!);
}

function asList(value: unknown, path: Segment[]): unknown[] {
  if (!Array.isArray(value)) throw new Error(`${formatPath(path)} is not a list`);
  return value;
}

const formatPath = (path: Segment[]): string => path.map(String).join('.') || '(root)';
