import { parentPath } from '../../src/core';

export interface TreeNode {
  path: string;
  /** The last segment, as written in the path (`history`, `[3]`, `.content`, `["my key"]`). */
  label: string;
  bytes: number;
  children: TreeNode[];
}

/**
 * Builds the state tree from measured (path, bytes) pairs, children biggest first. Paths whose
 * parent was not measured (capped) hang from the nearest measured ancestor or the root.
 */
export function buildFieldTree(paths: readonly [string, number][], rootBytes: number): TreeNode {
  const root: TreeNode = { path: '', label: 'state', bytes: rootBytes, children: [] };
  const nodes = new Map<string, TreeNode>([['', root]]);
  for (const [path, bytes] of paths) nodes.set(path, { path, label: path, bytes, children: [] });
  for (const [path] of paths) {
    const node = nodes.get(path)!;
    let parent = parentPath(path);
    while (parent !== null && parent !== '' && !nodes.has(parent)) parent = parentPath(parent);
    const owner = nodes.get(parent ?? '') ?? root;
    node.label = owner === root ? path : path.slice(owner.path.length).replace(/^\./, '');
    owner.children.push(node);
  }
  const sort = (n: TreeNode) => {
    n.children.sort((a, b) => b.bytes - a.bytes || (a.path < b.path ? -1 : 1));
    n.children.forEach(sort);
  };
  sort(root);
  return root;
}

/** Ancestors of a path (excluding the root), outermost first: to open the tree down to a field. */
export function ancestorsOf(path: string): string[] {
  const out: string[] = [];
  let p = parentPath(path);
  while (p) {
    out.unshift(p);
    p = parentPath(p);
  }
  return out;
}
