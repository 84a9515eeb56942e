/**
 * `npm run bench`: how long measureJson takes against the engine's own JSON.parse of the same text
 * (the product's quality bar: "analysing a state costs no more than the browser's own JSON.parse of
 * it"), and against the naive parse + stringify-every-subtree approach.
 *
 *   node dist/bench/bench.js            1, 10 and 50 MB; 4 shapes x 2 formats (about a minute)
 *   node dist/bench/bench.js --quick    1 MB only (tests / CI)
 *   node dist/bench/bench.js --json     machine-readable results on stdout
 *
 * Timings are medians of interleaved runs (parse, measure, naive, parse, ...) after a warm-up, with
 * a forced GC before each run so one contender's garbage is not billed to the next.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { measureJson } from '../src/core/measure/measure-json';
import { formatBytes } from '../src/core/measure/format-bytes';
import { generateState, SHAPES, type Shape } from './generate';
import { naiveMeasure } from './naive';
import { pyDumps } from './py-dumps';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

/** measureJson may take at most this multiple of JSON.parse's time. */
const TARGET_RATIO = 1.0;
/** The naive approach is skipped for texts this big: it takes seconds and gigabytes. */
const NAIVE_MAX_BYTES = 20e6;

export interface BenchRow {
  shape: Shape;
  format: 'python' | 'compact';
  bytes: number;
  runs: number;
  parseMs: number;
  measureMs: number;
  naiveMs: number | null;
  naiveNote?: string;
  /** measureMs / parseMs: the target is <= TARGET_RATIO. */
  ratio: number;
  /** naiveMs / measureMs. */
  speedup: number | null;
  pass: boolean;
  fields: number;
}

function median(xs: number[]): number {
  const s = xs.slice().sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

function time(f: () => unknown): number {
  gc();
  const t0 = performance.now();
  f();
  return performance.now() - t0;
}

function benchText(shape: Shape, format: 'python' | 'compact', text: string, mb: number): BenchRow {
  const runs = mb <= 1 ? 9 : mb <= 10 ? 5 : 3;
  const bytes = Buffer.byteLength(text);
  const withNaive = bytes <= NAIVE_MAX_BYTES;
  // Warm-up: measureJson is JavaScript and needs the JIT (JSON.parse is native), so it gets a few
  // runs first; the sanity check makes sure the sizes are the real ones.
  JSON.parse(text);
  const m = measureJson(text);
  if (m.bytes !== bytes || m.problems.length) throw new Error(`measureJson disagrees on ${shape}/${format}: ${m.problems}`);
  const warmUntil = performance.now() + 300;
  for (let w = 0; w < 3 || performance.now() < warmUntil; w++) measureJson(text);
  // The naive approach takes seconds at 10 MB: one run there, three at 1 MB.
  const naiveRuns = withNaive ? (mb <= 1 ? 3 : 1) : 0;
  if (naiveRuns > 1) naiveMeasure(text);
  const parse: number[] = [];
  const measure: number[] = [];
  const naive: number[] = [];
  for (let r = 0; r < runs; r++) {
    parse.push(time(() => JSON.parse(text)));
    measure.push(time(() => measureJson(text)));
    if (r < naiveRuns) naive.push(time(() => naiveMeasure(text)));
  }
  const parseMs = median(parse);
  const measureMs = median(measure);
  const naiveMs = withNaive ? median(naive) : null;
  const ratio = measureMs / parseMs;
  return {
    shape,
    format,
    bytes,
    runs,
    parseMs,
    measureMs,
    naiveMs,
    ...(withNaive ? {} : { naiveNote: `skipped above ${formatBytes(NAIVE_MAX_BYTES)} (seconds per run)` }),
    ratio,
    speedup: naiveMs === null ? null : naiveMs / measureMs,
    pass: ratio <= TARGET_RATIO,
    fields: m.fields.length,
  };
}

function table(rows: BenchRow[]): string {
  const head = ['shape', 'format', 'size', 'JSON.parse ms', 'measure ms', 'naive ms', 'measure/parse', 'naive/measure', `target <= ${TARGET_RATIO.toFixed(2)}`];
  const body = rows.map((r) => [
    r.shape,
    r.format,
    formatBytes(r.bytes),
    r.parseMs.toFixed(1),
    r.measureMs.toFixed(1),
    r.naiveMs === null ? 'skipped' : r.naiveMs.toFixed(0),
    r.ratio.toFixed(2),
    r.speedup === null ? '-' : `${r.speedup.toFixed(1)}x`,
    r.pass ? 'PASS' : 'MISS',
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i]!.length)));
  const line = (cells: string[]): string => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  return [line(head), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...body.map(line)].join('\n');
}

function main(argv: string[]): void {
  const quick = argv.includes('--quick');
  const json = argv.includes('--json');
  const sizes = quick ? [1] : [1, 10, 50];
  const rows: BenchRow[] = [];
  const started = performance.now();
  for (const mb of sizes) {
    for (const shape of SHAPES) {
      process.stderr.write(`[bench] ${mb} MB ${shape}: generating... `);
      let value: unknown = generateState(shape, mb * 1e6);
      const texts = { python: pyDumps(value), compact: JSON.stringify(value) };
      value = undefined;
      for (const format of ['python', 'compact'] as const) {
        process.stderr.write(`${format}... `);
        rows.push(benchText(shape, format, texts[format], mb));
      }
      process.stderr.write('done\n');
    }
  }
  const seconds = (performance.now() - started) / 1000;
  if (json) {
    process.stdout.write(`${JSON.stringify({ node: process.version, targetRatio: TARGET_RATIO, seconds, rows }, null, 2)}\n`);
    return;
  }
  const passed = rows.filter((r) => r.pass).length;
  process.stdout.write(
    `measureJson vs JSON.parse (node ${process.version}; medians; forced GC between runs)\n\n${table(rows)}\n\n` +
      `${passed}/${rows.length} within the target (measure <= JSON.parse). Total ${seconds.toFixed(0)} s.\n` +
      'naive = JSON.parse + Buffer.byteLength(JSON.stringify(subtree)) for every path; its sizes are those of\n' +
      're-serialized compact JSON, not of the text (wrong for the python format).\n',
  );
}

main(process.argv.slice(2));
