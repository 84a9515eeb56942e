/**
 * The path grammar shared by the panel, the reports, the budgets and the independent Python oracle
 * that checks recorded fixtures, so it is fixed exactly:
 *
 *   top-level identifier key   count
 *   nested identifier key      a.b
 *   any other key              a["my key"], ["my key"] at top level; the key is JSON.stringify(key)
 *   array item                 a[3], a[3].content, [0] at top level
 *   every item (aggregates)    messages[*].content
 *
 * An identifier is /^[A-Za-z_$][A-Za-z0-9_$]*$/. The root itself has the empty path.
 */
const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** Stands for "every item" in `pathOf` segments. */
export const ANY_ITEM = '[*]' as const;

export function isIdentifier(key: string): boolean {
  return IDENTIFIER.test(key);
}

/** The segment a key adds to its parent's path; `atTop` when the parent is the root. */
export function keySegment(key: string, atTop: boolean): string {
  if (IDENTIFIER.test(key)) return atTop ? key : `.${key}`;
  return `[${JSON.stringify(key)}]`;
}

/**
 * Builds a path from segments: strings are keys, numbers are array indices, ANY_ITEM is `[*]`.
 * DeepDiff paths in Mesop state diffs (`["d", "k", 0]`) map straight onto this.
 */
export function pathOf(segments: ReadonlyArray<string | number>): string {
  let path = '';
  for (const s of segments) {
    if (typeof s === 'number') path += `[${s}]`;
    else if (s === ANY_ITEM) path += ANY_ITEM;
    else path += keySegment(s, path === '');
  }
  return path;
}

/**
 * Splits a path into its segments' texts (`a["x.y"][2]` -> `a`, `["x.y"]`, `[2]`), so a path's
 * parent is the join of all but the last. Returns null if `path` is not in the grammar.
 */
export function splitPath(path: string): string[] | null {
  const out: string[] = [];
  let i = 0;
  while (i < path.length) {
    const start = i;
    const c = path[i];
    if (c === '[') {
      if (path[i + 1] === '"') {
        // A JSON string: skip escaped characters until the closing quote.
        i += 2;
        while (i < path.length && path[i] !== '"') i += path[i] === '\\' ? 2 : 1;
        if (path[i + 1] !== ']') return null;
        i += 2;
      } else {
        const close = path.indexOf(']', i);
        if (close < 0) return null;
        const inner = path.slice(i + 1, close);
        if (inner !== '*' && !/^\d+$/.test(inner)) return null;
        i = close + 1;
      }
    } else {
      if (c === '.') {
        if (start === 0) return null;
        i++;
      } else if (start !== 0) return null;
      const idStart = i;
      while (i < path.length && path[i] !== '.' && path[i] !== '[') i++;
      if (!IDENTIFIER.test(path.slice(idStart, i))) return null;
    }
    out.push(path.slice(start, i));
  }
  return out;
}

/** The parent's path ('' for a top-level field), or null if `path` is not in the grammar. */
export function parentPath(path: string): string | null {
  const segs = splitPath(path);
  if (!segs || segs.length === 0) return null;
  return path.slice(0, path.length - segs[segs.length - 1]!.length);
}

/** `history[*].content` and `history[3]` are inside `history` (a path is not inside itself). */
export const isInside = (path: string, ancestor: string): boolean =>
  path.length > ancestor.length &&
  path.startsWith(ancestor) &&
  (path[ancestor.length] === '.' || path[ancestor.length] === '[');
