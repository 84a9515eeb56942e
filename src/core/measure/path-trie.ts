import { ANY_ITEM, keySegment } from './path';

/**
 * One node per *generalized* path: array indices replaced by `[*]`, so the 10,000 items of
 * `messages` share the nodes `messages[*]`, `messages[*].role`, `messages[*].content`. Nodes whose
 * path has a `[*]` accumulate the aggregates; every node carries the key segment that concrete
 * paths are built from, so concrete path strings are only made for values that get ranked.
 */
export class PathNode {
  /** Children by decoded key. */
  keys: Map<string, PathNode> | null = null;
  /**
   * The child seen at each key position of the previous object with this path. Objects in an
   * array usually repeat their keys in the same order, so the next key is checked against the text
   * in place (no substring, no hashing) before falling back to the map.
   */
  readonly byPosition: PathNode[] = [];
  item: PathNode | null = null;
  /** Aggregate sum over every value with this path (only when `isAggregate`). */
  bytes = 0;
  count = 0;
  /** Kind code of the first value seen (see kinds.ts). */
  kind = -1;

  constructor(
    /** Full generalized path, e.g. `messages[*].content`. */
    readonly path: string,
    /** What this node adds to its parent's concrete path: `count`, `.content`, `["k"]`; '' for items. */
    readonly segment: string,
    /** The key as it was written between the quotes (escapes undecoded): compared in place. */
    readonly rawKey: string,
    readonly depth: number,
    readonly isAggregate: boolean,
  ) {}
}

/** Owns the nodes and the budget of distinct paths. */
export class PathTrie {
  readonly root = new PathNode('', '', '', 0, false);
  /** Nodes in creation order (= order of first appearance in the text). */
  readonly nodes: PathNode[] = [];
  /** The budget ran out: new paths get detached nodes (still measured, never aggregated). */
  exhausted = false;

  constructor(private readonly maxNodes: number) {}

  keyChild(parent: PathNode, key: string, rawKey: string): PathNode {
    let map = parent.keys;
    const found = map?.get(key);
    if (found) return found;
    const path = parent.path + keySegment(key, parent.depth === 0);
    const node = new PathNode(path, keySegment(key, parent.depth === 0), rawKey, parent.depth + 1, parent.isAggregate);
    if (!this.admit(node)) return node;
    if (!map) map = parent.keys = new Map();
    map.set(key, node);
    return node;
  }

  itemChild(parent: PathNode): PathNode {
    if (parent.item) return parent.item;
    const node = new PathNode(parent.path + ANY_ITEM, '', '', parent.depth + 1, true);
    if (this.admit(node)) parent.item = node;
    return node;
  }

  private admit(node: PathNode): boolean {
    if (this.nodes.length >= this.maxNodes) {
      this.exhausted = true;
      return false;
    }
    this.nodes.push(node);
    return true;
  }
}
