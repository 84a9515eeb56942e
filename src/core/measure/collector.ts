import { MIN_BASE64_CHARS, type BlobDraft } from './blob-sniff';
import type { JsonSource } from './json-source';
import { K_ARRAY, K_BYTES, K_OBJECT, K_STRING, K_UPLOADED_FILE, markerCode } from './kinds';
import { markerKindOf } from './markers';
import { PathTrie, type PathNode } from './path-trie';
import type { JsonSink } from './scan-json';
import { TopN } from './top-n';

/**
 * Turns the scanner's events into fields, aggregates and blobs. Keeps one slot per open container
 * (index = depth). A ranked value is pushed with its path segment only (a key's shared segment or
 * an item index); concrete path strings are built at the end for the kept values (TopN), and here
 * only for blobs, from the cached path of their parent. It reads the input through a JsonSource
 * (a string, or UTF-8 bytes), so positions are whatever the scanner that feeds it reports.
 */
export class Collector implements JsonSink {
  readonly trie: PathTrie;
  readonly ranking: TopN;
  /** Values seen at listed depths: more than the ranking kept means the list is capped. */
  values = 0;
  readonly blobs: BlobDraft[] = [];
  readonly problems: string[] = [];
  /** Some value was deeper than maxDepth. */
  tooDeep = false;
  /** Depth of the innermost open container (-1 when none): at the end, > -1 only if truncated. */
  private openDepth = -1;

  // Per open container, by depth (0 = root); only depths <= maxDepth are tracked.
  private readonly nodes: PathNode[] = [];
  private readonly starts: number[] = [];
  /** Arrays: index of the current item. Objects: keys seen so far. */
  private readonly counts: number[] = [];
  private readonly isArray: boolean[] = [];
  /** Kind code of a marker first key, 0 when none. */
  private readonly markers: number[] = [];
  /** Concrete path, computed on first need. */
  private readonly paths: (string | undefined)[] = [];
  /**
   * Node of the value now starting in the container: objects, the current key's node (set by
   * `key`); arrays, the item node, looked up at the first item and then reused, so a scalar item
   * costs no trie call (null until then). Once the trie's budget is exhausted that item node may be
   * a detached one (never listed): reusing it within the array changes no result.
   */
  private readonly childNodes: (PathNode | null)[] = [];
  /** bytes / UploadedFile markers: index in `blobs` of their payload, or -1. */
  private readonly blobAt: number[] = [];
  private readonly fileMime: (string | undefined)[] = [];
  private readonly fileName: (string | undefined)[] = [];

  constructor(
    private readonly src: JsonSource,
    maxPaths: number,
    private readonly maxDepth: number,
    maxNodes: number,
  ) {
    this.trie = new PathTrie(maxNodes);
    this.ranking = new TopN(maxPaths);
  }

  open(isArray: boolean, startByte: number, d: number): void {
    this.openDepth = d;
    if (d > this.maxDepth) {
      this.tooDeep = true;
      return;
    }
    this.nodes[d] = d === 0 ? this.trie.root : this.childNode(d - 1);
    this.starts[d] = startByte;
    this.counts[d] = 0;
    this.isArray[d] = isArray;
    this.markers[d] = 0;
    this.paths[d] = d === 0 ? '' : undefined;
    this.childNodes[d] = null;
    // blobAt, fileMime and fileName are only used for a marker object: reset in checkMarker, not
    // here for every container (open runs once per object and array).
  }

  key(open: number, d: number): number {
    const src = this.src;
    if (d > this.maxDepth) return src.stringEnd(open);
    const k = this.counts[d]!++;
    if (d === this.maxDepth) {
      // Children are not listed, but the object may still be a marker.
      const close = src.stringEnd(open);
      if (k === 0 && close > 0) this.checkMarker(d, src.text(open + 1, close));
      return close;
    }
    const parent = this.nodes[d]!;
    const guess = parent.byPosition[k];
    let child: PathNode;
    let close: number;
    // (A raw key from an earlier complete key cannot end in an escaping backslash, so a matched
    // quote really closes the key.)
    if (guess !== undefined && (close = src.matchKey(open + 1, guess.rawKey)) > 0) {
      child = guess;
    } else {
      close = src.stringEnd(open);
      if (close < 0) return close;
      const raw = src.text(open + 1, close);
      child = this.trie.keyChild(parent, this.decodeKey(raw), raw);
      parent.byPosition[k] = child;
    }
    this.childNodes[d] = child;
    // Marker keys start with "__": only then look the key up.
    if (k === 0 && src.code(open + 1) === 95 && src.code(open + 2) === 95) {
      this.checkMarker(d, child.rawKey);
    }
    return close;
  }

  leaf(kind: number, start: number, end: number, startByte: number, endByte: number, d: number): void {
    if (d > this.maxDepth) {
      this.tooDeep = true;
      return;
    }
    if (d === 0) return; // a scalar root: it has no fields
    const p = d - 1;
    const node = this.childNode(p);
    const size = endByte - startByte;
    if (node.isAggregate) this.aggregate(node, kind, size);
    this.values++;
    if (this.ranking.wants(size, startByte)) {
      if (this.isArray[p]) this.ranking.push(size, startByte, kind, d, '', this.counts[p]!);
      else this.ranking.push(size, startByte, kind, d, this.childNodes[p]!.segment, -1);
    }
    if (
      kind === K_STRING &&
      (end - start >= MIN_BASE64_CHARS + 2 ||
        this.src.code(start + 1) === 100 /* "d" of data: */ ||
        this.markers[p] !== 0 ||
        (p > 0 && this.markers[p - 1] === K_UPLOADED_FILE))
    ) {
      this.stringBlob(start, end, size, p);
    }
    if (this.isArray[p]) this.counts[p]!++;
  }

  close(endByte: number, d: number): void {
    this.openDepth = d - 1;
    if (d > this.maxDepth || d === 0) return;
    const marker = this.markers[d]!;
    const kind = this.isArray[d] ? K_ARRAY : marker !== 0 && this.counts[d] === 1 ? marker : K_OBJECT;
    const node = this.nodes[d]!;
    const start = this.starts[d]!;
    const size = endByte - start;
    if (node.isAggregate) this.aggregate(node, kind, size);
    this.values++;
    if (this.ranking.wants(size, start)) {
      if (this.isArray[d - 1]) this.ranking.push(size, start, kind, d, '', this.counts[d - 1]!);
      else this.ranking.push(size, start, kind, d, node.segment, -1);
    }
    if ((kind === K_BYTES || kind === K_UPLOADED_FILE) && this.blobAt[d]! >= 0) {
      // The marker object, not its inner string, is what the user named in Python.
      const blob = this.blobs[this.blobAt[d]!]!;
      blob.path = this.containerPath(d);
      blob.marker = kind === K_BYTES ? 'bytes' : 'uploaded_file';
      if (this.fileMime[d]) blob.declaredType = this.fileMime[d];
      if (this.fileName[d] !== undefined) blob.fileName = this.fileName[d];
    }
    if (this.isArray[d - 1]) this.counts[d - 1]!++;
  }

  /**
   * The containers still open (a truncated text), by depth 1..depth: their starts and paths, which
   * the ranking needs to name the values inside them (they were never pushed themselves).
   */
  openContainers(): { depth: number; starts: number[]; paths: string[] } {
    const depth = Math.min(this.openDepth, this.maxDepth);
    const starts: number[] = [];
    const paths: string[] = [];
    for (let d = 1; d <= depth; d++) {
      starts[d] = this.starts[d]!;
      paths[d] = this.containerPath(d);
    }
    return { depth, starts, paths };
  }

  private aggregate(node: PathNode, kind: number, size: number): void {
    node.bytes += size;
    node.count++;
    if (node.kind < 0) node.kind = kind;
  }

  /** Node of the value now starting inside the container at depth p. */
  private childNode(p: number): PathNode {
    const node = this.childNodes[p];
    return node !== null && node !== undefined ? node : (this.childNodes[p] = this.trie.itemChild(this.nodes[p]!));
  }

  /** Concrete path of the open container at depth d, cached for its children. */
  private containerPath(d: number): string {
    const cached = this.paths[d];
    if (cached !== undefined) return cached;
    let k = d - 1;
    while (this.paths[k] === undefined) k--;
    let path = this.paths[k]!;
    for (let m = k + 1; m <= d; m++) {
      path += this.isArray[m - 1] ? `[${this.counts[m - 1]}]` : this.nodes[m]!.segment;
      this.paths[m] = path;
    }
    return path;
  }

  /** Concrete path of the scalar now ending inside the container at depth p. */
  private childPath(p: number): string {
    return this.containerPath(p) + (this.isArray[p] ? `[${this.counts[p]}]` : this.childNodes[p]!.segment);
  }

  private checkMarker(d: number, key: string): void {
    const kind = markerKindOf(key);
    if (kind) {
      this.markers[d] = markerCode(kind);
      this.blobAt[d] = -1;
      this.fileMime[d] = undefined;
      this.fileName[d] = undefined;
    }
  }

  /** A string that may be a blob, or an UploadedFile's name / mime_type. */
  private stringBlob(start: number, end: number, size: number, p: number): void {
    let owner = -1;
    if (this.markers[p] === K_BYTES && this.counts[p] === 1) owner = p;
    else if (p > 0 && this.markers[p - 1] === K_UPLOADED_FILE && this.counts[p - 1] === 1 && !this.isArray[p]) {
      const key = this.childNodes[p]!.rawKey;
      if (key === 'contents') owner = p - 1;
      else if (key === 'mime_type' || key === 'name') {
        const value = this.decodeString(this.src.text(start, end));
        if (key === 'mime_type') this.fileMime[p - 1] = value.toLowerCase();
        else this.fileName[p - 1] = value;
        return;
      }
    }
    const draft = this.src.sniffBlob(start, end - 1, size, owner >= 0);
    if (!draft) return;
    draft.path = this.childPath(p);
    if (owner >= 0) this.blobAt[owner] = this.blobs.length;
    this.blobs.push(draft);
  }

  private decodeKey(raw: string): string {
    if (raw.indexOf('\\') < 0) return raw;
    try {
      return JSON.parse(`"${raw}"`) as string;
    } catch {
      this.problems.push(`invalid escape in key "${raw.slice(0, 80)}": listed as written`);
      return raw;
    }
  }

  private decodeString(quoted: string): string {
    try {
      return JSON.parse(quoted) as string;
    } catch {
      return quoted.slice(1, -1);
    }
  }
}
