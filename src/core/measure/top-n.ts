/**
 * Keeps the `limit` largest values of a stream. Values are appended to a buffer twice the limit;
 * when it is full, a quickselect keeps the `limit` best and raises the entry threshold. That is
 * O(1) amortized per value (a heap costs log(limit) swaps per insertion, which dominated on arrays
 * of similar objects). `wants` is one comparison, checked before the caller pushes.
 *
 * Order: more bytes ranks higher; on a tie the earlier value (smaller start) ranks higher. With
 * this order the kept set is closed upwards: a container is strictly bigger than any value inside
 * it, so if a value is kept, so are all its ancestors, and `fields` stays a tree. Entries keep the
 * order they were pushed in (see `documentOrder`).
 */
export class TopN {
  private bytes: Float64Array;
  private starts: Float64Array;
  private kinds: Int32Array;
  private depths: Int32Array;
  /**
   * Path segment of each entry: a key's segment (`.content`, shared with its PathNode, so storing it
   * allocates nothing), or, for an array item (`items[i] >= 0`), ''. Paths are only built at the
   * end, for the kept entries: most pushed entries are dropped by a later selection.
   */
  private segments: string[] = [];
  private items: Int32Array;
  private count = 0;
  /** Scratch sizes for `select` (allocated at the first selection). */
  private keyBytes = new Float64Array(0);
  /** Entry threshold: the worst kept entry after the last selection (-Infinity before). */
  minBytes = -Infinity;
  /** A double from the start (not 0): a later Smi -> double change would replace the map. */
  minStart = Infinity;

  constructor(private readonly limit: number) {
    const capacity = Math.min(2 * limit, 2048);
    this.bytes = new Float64Array(capacity);
    this.starts = new Float64Array(capacity);
    this.kinds = new Int32Array(capacity);
    this.depths = new Int32Array(capacity);
    this.items = new Int32Array(capacity);
    if (limit <= 0) this.minBytes = Infinity; // keep nothing
  }

  /** How many entries are kept (after `finish`) or buffered. */
  get size(): number {
    return Math.min(this.count, this.limit);
  }

  /** Whether a value of this size and start could be kept (check before pushing it). */
  wants(bytes: number, start: number): boolean {
    return bytes > this.minBytes || (bytes === this.minBytes && start < this.minStart);
  }

  /** `segment`: the key's path segment, or '' with `item` its index in its array (else -1). */
  push(bytes: number, start: number, kind: number, depth: number, segment: string, item: number): void {
    if (this.limit <= 0) return;
    if (this.count === this.bytes.length) {
      if (this.count < 2 * this.limit) this.grow(Math.min(2 * this.limit, 2 * this.count));
      else this.select();
    }
    const i = this.count++;
    this.bytes[i] = bytes;
    this.starts[i] = start;
    this.kinds[i] = kind;
    this.depths[i] = depth;
    this.segments[i] = segment;
    this.items[i] = item;
  }

  /**
   * Indices of the kept entries in document order (ascending start). Entries arrive in post-order
   * (a scalar when it ends, a container when it closes, after everything inside it) and `select`
   * keeps their order, so pre-order is rebuilt in O(n) from depths instead of sorting by start.
   * A stack holds the roots of finished subtrees (kept entries whose parent has not arrived yet),
   * each with its subtree as a pre-order linked list; an entry at depth d adopts every stack entry
   * deeper than d: they are exactly its kept descendants' roots, in order. What is left on the stack
   * at the end are top-level values, plus, in a truncated text, the children of containers left
   * open (never pushed): those follow each other in document order too.
   */
  documentOrder(): Int32Array {
    if (this.count > this.limit) this.select();
    const n = this.count;
    const depths = this.depths;
    const next = new Int32Array(n).fill(-1);
    const tail = new Int32Array(n);
    const stack = new Int32Array(n);
    // Allocated before the loops, not after them: V8 compiles the long first loop on-stack, and a
    // constructor call after it that the feedback has not seen yet deoptimized that code on every call.
    const order = new Int32Array(n);
    let top = 0;
    for (let i = 0; i < n; i++) {
      const d = depths[i]!;
      let first = top;
      while (first > 0 && depths[stack[first - 1]!]! > d) first--;
      let last = i;
      for (let s = first; s < top; s++) {
        const child = stack[s]!;
        next[last] = child;
        last = tail[child]!;
      }
      tail[i] = last;
      stack[first] = i;
      top = first + 1;
    }
    let k = 0;
    for (let s = 0; s < top; s++) for (let i = stack[s]!; i >= 0; i = next[i]!) order[k++] = i;
    return order;
  }

  /**
   * The kept entries in document order, each made by `make` (one object per field, not two), with
   * its path built from its parent's: in document order a parent comes right before its subtree.
   * In a truncated text the containers still open were never pushed: `open` gives their start and
   * path by depth (1..open.depth), and a value starting inside one is its child.
   *
   * `make` should be a module-level function, with what it needs passed as `context`: optimized
   * code that inlined a per-call closure holds it weakly, and is deoptimized when a GC frees it.
   */
  inDocumentOrder<T, C>(
    make: (path: string, bytes: number, kind: number, depth: number, context: C) => T,
    context: C,
    open: { depth: number; starts: readonly number[]; paths: readonly string[] },
  ): T[] {
    const order = this.documentOrder();
    const out: T[] = new Array(order.length);
    const pathAt: string[] = [''];
    for (let k = 0; k < order.length; k++) {
      const i = order[k]!;
      const d = this.depths[i]!;
      const start = this.starts[i]!;
      const parent =
        d - 1 >= 1 && d - 1 <= open.depth && start > open.starts[d - 1]! ? open.paths[d - 1]! : pathAt[d - 1]!;
      const item = this.items[i]!;
      const path = item >= 0 ? `${parent}[${item}]` : parent + this.segments[i]!;
      pathAt[d] = path;
      out[k] = make(path, this.bytes[i]!, this.kinds[i]!, d, context);
    }
    return out;
  }

  /**
   * Keeps the `limit` best entries, in the order they were pushed, and raises the threshold to the
   * worst of them. A quickselect on a copy of the sizes alone finds the k-th largest size B; then
   * one stable pass keeps every bigger entry and the first of those of size B. "First" in push
   * order is "earliest start": values of equal size are never nested, and disjoint values end in
   * the order they start.
   */
  private select(): void {
    const k = this.limit;
    const count = this.count;
    if (this.keyBytes.length < count) this.keyBytes = new Float64Array(this.bytes.length);
    const kb = this.keyBytes;
    const bytes = this.bytes;
    kb.set(bytes.subarray(0, count));
    // Quickselect, largest first: afterwards kb[k - 1] is the k-th largest size.
    const target = k - 1;
    let lo = 0;
    let hi = count - 1;
    while (lo < hi) {
      const pivot = kb[(lo + hi) >>> 1]!;
      let i = lo;
      let j = hi;
      while (i <= j) {
        while (kb[i]! > pivot) i++;
        while (kb[j]! < pivot) j--;
        if (i <= j) {
          const b = kb[i]!;
          kb[i] = kb[j]!;
          kb[j] = b;
          i++;
          j--;
        }
      }
      if (target <= j) hi = j;
      else if (target >= i) lo = i;
      else break;
    }
    const minBytes = kb[target]!;
    let ties = k;
    for (let i = 0; i < count; i++) if (bytes[i]! > minBytes) ties--;
    const starts = this.starts;
    const kinds = this.kinds;
    const depths = this.depths;
    const segments = this.segments;
    const items = this.items;
    let minStart = 0;
    let w = 0;
    for (let i = 0; i < count; i++) {
      const b = bytes[i]!;
      if (b > minBytes || (b === minBytes && ties-- > 0)) {
        if (b === minBytes) minStart = starts[i]!;
        bytes[w] = b;
        starts[w] = starts[i]!;
        kinds[w] = kinds[i]!;
        depths[w] = depths[i]!;
        segments[w] = segments[i]!;
        items[w] = items[i]!;
        w++;
      }
    }
    this.count = w;
    segments.length = w;
    this.minBytes = minBytes;
    this.minStart = minStart;
  }

  private grow(capacity: number): void {
    const bytes = new Float64Array(capacity);
    bytes.set(this.bytes);
    this.bytes = bytes;
    const starts = new Float64Array(capacity);
    starts.set(this.starts);
    this.starts = starts;
    const kinds = new Int32Array(capacity);
    kinds.set(this.kinds);
    this.kinds = kinds;
    const depths = new Int32Array(capacity);
    depths.set(this.depths);
    this.depths = depths;
    const items = new Int32Array(capacity);
    items.set(this.items);
    this.items = items;
  }
}
