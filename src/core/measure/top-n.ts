/**
 * Keeps the `limit` largest values of a stream. Values are appended to a buffer twice the limit;
 * when it is full, a quickselect keeps the `limit` best and raises the entry threshold. That is
 * O(1) amortized per value (a heap costs log(limit) swaps per insertion, which dominated on arrays
 * of similar objects). `wants` is one comparison, checked before the caller builds a path string.
 *
 * Order: more bytes ranks higher; on a tie the earlier value (smaller start) ranks higher. With
 * this order the kept set is closed upwards: a container is strictly bigger than any value inside
 * it, so if a value is kept, so are all its ancestors, and `fields` stays a tree.
 */
export interface RankedField {
  path: string;
  bytes: number;
  /** Byte offset where the value starts: the tie-breaker and the document order (unique). */
  start: number;
  kind: number;
  depth: number;
}

export class TopN {
  private bytes: Float64Array;
  private starts: Float64Array;
  private kinds: Int32Array;
  private depths: Int32Array;
  private paths: string[] = [];
  private count = 0;
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
    if (limit <= 0) this.minBytes = Infinity; // keep nothing, build no path
  }

  /** How many entries are kept (after `finish`) or buffered. */
  get size(): number {
    return Math.min(this.count, this.limit);
  }

  /** Whether a value of this size and start could be kept (check before building its path). */
  wants(bytes: number, start: number): boolean {
    return bytes > this.minBytes || (bytes === this.minBytes && start < this.minStart);
  }

  push(bytes: number, start: number, kind: number, depth: number, path: string): void {
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
    this.paths[i] = path;
  }

  /** The kept entries in document order. */
  inDocumentOrder(): RankedField[] {
    if (this.count > this.limit) this.select();
    const n = this.count;
    const starts = this.starts;
    const order = new Int32Array(n);
    // Sort (start, index) pairs packed into one double with the native numeric sort (no comparator
    // calls); fall back to a comparator when the packing would exceed 2^53.
    const scale = 2 ** Math.ceil(Math.log2(n + 1));
    let maxStart = 0;
    for (let i = 0; i < n; i++) if (starts[i]! > maxStart) maxStart = starts[i]!;
    if ((maxStart + 1) * scale < Number.MAX_SAFE_INTEGER) {
      const keys = new Float64Array(n);
      for (let i = 0; i < n; i++) keys[i] = starts[i]! * scale + i;
      keys.sort();
      for (let k = 0; k < n; k++) order[k] = keys[k]! % scale;
    } else {
      for (let i = 0; i < n; i++) order[i] = i;
      order.sort((a, b) => starts[a]! - starts[b]!);
    }
    const out: RankedField[] = new Array(n);
    for (let k = 0; k < n; k++) {
      const i = order[k]!;
      out[k] = { path: this.paths[i]!, bytes: this.bytes[i]!, start: starts[i]!, kind: this.kinds[i]!, depth: this.depths[i]! };
    }
    return out;
  }

  /** Keeps the `limit` best entries (unordered) and raises the threshold to the worst of them. */
  private select(): void {
    const k = this.limit;
    let lo = 0;
    let hi = this.count - 1;
    // Quickselect: afterwards entries [0, k) rank at or above entry k-1, the rest below.
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const pivotBytes = this.bytes[mid]!;
      const pivotStart = this.starts[mid]!;
      let i = lo;
      let j = hi;
      while (i <= j) {
        while (this.above(i, pivotBytes, pivotStart)) i++;
        while (this.belowPivot(j, pivotBytes, pivotStart)) j--;
        if (i <= j) this.swap(i++, j--);
      }
      if (k - 1 <= j) hi = j;
      else if (k - 1 >= i) lo = i;
      else break;
    }
    this.count = k;
    // The threshold is the worst of the kept.
    let worst = 0;
    for (let i = 1; i < k; i++) {
      const b = this.bytes[i]!;
      const w = this.bytes[worst]!;
      if (b < w || (b === w && this.starts[i]! > this.starts[worst]!)) worst = i;
    }
    this.minBytes = this.bytes[worst]!;
    this.minStart = this.starts[worst]!;
    this.paths.length = k;
  }

  /** Entry i ranks strictly above the pivot. */
  private above(i: number, bytes: number, start: number): boolean {
    const b = this.bytes[i]!;
    return b > bytes || (b === bytes && this.starts[i]! < start);
  }

  /** Entry j ranks strictly below the pivot. */
  private belowPivot(j: number, bytes: number, start: number): boolean {
    const b = this.bytes[j]!;
    return b < bytes || (b === bytes && this.starts[j]! > start);
  }

  private swap(i: number, j: number): void {
    const b = this.bytes[i]!;
    this.bytes[i] = this.bytes[j]!;
    this.bytes[j] = b;
    const s = this.starts[i]!;
    this.starts[i] = this.starts[j]!;
    this.starts[j] = s;
    const kd = this.kinds[i]!;
    this.kinds[i] = this.kinds[j]!;
    this.kinds[j] = kd;
    const d = this.depths[i]!;
    this.depths[i] = this.depths[j]!;
    this.depths[j] = d;
    const p = this.paths[i]!;
    this.paths[i] = this.paths[j]!;
    this.paths[j] = p;
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
  }
}
