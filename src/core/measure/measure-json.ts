import { hostNatives } from '../host-natives';
import { finishBlob } from './blob-sniff';
import { Collector } from './collector';
import { TextSource } from './json-source';
import { KIND_NAMES } from './kinds';
import type { PathNode } from './path-trie';
import { scanJson } from './scan-json';
import { scanUtf8 } from './scan-utf8';
import type { FieldSize, MeasureOptions, StateMeasure } from './types';
import { utf8Length } from './utf8-length';
import { Utf8Source } from './utf8-source';

export const DEFAULT_MAX_PATHS = 5000;
export const DEFAULT_MAX_DEPTH = 64;

/**
 * One live instance of each bookkeeping class, kept for the life of the module. V8 holds the
 * hidden classes (maps) of an object's shape only weakly; when every Collector, PathNode and TopN of
 * a call is garbage, a full GC drops their maps and deoptimizes the code compiled against them, so
 * the next call runs in the interpreter again (measured: 10-30x slower at 1 MB, under frequent
 * GCs). Keeping one instance alive keeps the maps, and the optimized code, valid.
 */
const MAP_ANCHOR = new Collector(new TextSource('{"a":[1]}'), 1, 1, 1);
scanJson('{"a":[1]}', MAP_ANCHOR);
const UTF8_ANCHOR = new Collector(new Utf8Source(new Uint8Array([123, 34, 97, 34, 58, 91, 49, 93, 125])), 1, 1, 1);
scanUtf8(new Uint8Array([123, 34, 97, 34, 58, 91, 49, 93, 125]), UTF8_ANCHOR);

/**
 * Byte-exact sizes of every JSON path of a Mesop state (or any JSON text) in one pass, without
 * building the value: see scan-json.ts for the scan, collector.ts for the bookkeeping.
 *
 * Never throws: invalid or truncated text yields what was measured before the error, plus a
 * problem naming the byte offset. Containers still open at the error are not listed (their size
 * is unknown); everything that ended before it is.
 *
 * `input` is the JSON text, or its UTF-8 bytes when the caller holds them (a state as the decoder
 * read it from the protobuf payload, valid UTF-8): same result, at about half the cost (scan-utf8.ts).
 */
export function measureJson(input: string | Uint8Array, options: MeasureOptions = {}): StateMeasure {
  const maxPaths = Math.max(0, Math.floor(options.maxPaths ?? DEFAULT_MAX_PATHS));
  const maxDepth = Math.max(0, Math.floor(options.maxDepth ?? DEFAULT_MAX_DEPTH));
  // Distinct generalized paths (aggregate nodes) are bounded too: a dict keyed by ids inside a list
  // would otherwise grow one node per id.
  const maxNodes = Math.max(50_000, 4 * maxPaths);
  const problems: string[] = [];
  const isBytes = typeof input !== 'string';
  const ascii =
    isBytes && options.text !== undefined && options.text.length === input.length ? options.text : undefined;
  const collector = new Collector(
    isBytes ? new Utf8Source(input, ascii) : new TextSource(input),
    maxPaths,
    maxDepth,
    maxNodes,
  );
  let bytes: number;
  try {
    if (isBytes) {
      const scan = scanUtf8(input, collector, ascii);
      bytes = input.length;
      if (input.length === 0) problems.push('invalid JSON at byte 0: empty text');
      else if (scan.error) problems.push(scan.error);
    } else {
      const scan = scanJson(
        input,
        collector,
        options.nativeUtf8 ?? hostNatives.utf8Length,
        options.utf8Bytes === input.length,
      );
      bytes = scan.stopIndex >= input.length ? scan.stopByte : scan.stopByte + utf8Length(input.slice(scan.stopIndex));
      if (input.length === 0) problems.push('invalid JSON at byte 0: empty text');
      else if (scan.error) problems.push(scan.error);
    }
  } catch (e) {
    // Out of memory on a huge text, or a bug: still answer with what was measured.
    bytes = isBytes ? input.length : utf8Length(input);
    problems.push(`measuring stopped: ${e instanceof Error ? e.message : String(e)}`);
  }
  problems.push(...collector.problems);

  const fields: FieldSize[] = collector.ranking.inDocumentOrder(fieldSize, bytes, collector.openContainers());

  let nodes = collector.trie.nodes.filter(isListedAggregate);
  const aggregatesCapped = nodes.length > maxPaths;
  if (aggregatesCapped) {
    const keep = new Set(
      nodes
        .slice()
        .sort((a, b) => b.bytes - a.bytes)
        .slice(0, maxPaths),
    );
    nodes = nodes.filter((n) => keep.has(n));
  }
  const aggregates: FieldSize[] = [];
  for (const n of nodes) {
    aggregates.push({
      path: n.path,
      bytes: n.bytes,
      kind: KIND_NAMES[n.kind]!,
      depth: n.depth,
      count: n.count,
      share: share(n.bytes, bytes),
    });
  }

  if (collector.tooDeep) {
    problems.push(`values nested deeper than ${maxDepth} levels are not listed (their bytes count in their ancestors)`);
  }
  if (collector.trie.exhausted) {
    problems.push(`more than ${maxNodes} distinct paths: aggregates of the later ones are not listed`);
  }
  return {
    bytes,
    fields,
    aggregates,
    blobs: collector.blobs.map(finishBlob),
    problems,
    capped:
      collector.values > collector.ranking.size || aggregatesCapped || collector.tooDeep || collector.trie.exhausted,
  };
}

// The helpers of the result's assembly are module-level, not closures made per call: optimized code
// that inlined a closure holds it weakly, so once a call's closures are garbage a full GC (a real
// one too, not only the bench's forced one) deoptimizes that code and the next calls build their
// fields in unoptimized code until it is recompiled. (--trace-deopt still shows inDocumentOrder
// deoptimized for "weak objects" after some full GCs: another weakly held object, not found yet.)

function share(b: number, total: number): number {
  return total > 0 ? b / total : 0;
}

function fieldSize(path: string, b: number, kind: number, depth: number, total: number): FieldSize {
  return { path, bytes: b, kind: KIND_NAMES[kind]!, depth, share: share(b, total) };
}

function isListedAggregate(n: PathNode): boolean {
  return n.isAggregate && n.count > 0;
}
