/**
 * measureJson against the engine's own JSON.parse of the same text (the quality bar: "analysing a
 * state costs no more than the browser's own JSON.parse of it") and against the naive parse +
 * stringify-every-subtree approach other DevTools use. Two measure columns: the core as the panel
 * runs it (JavaScript only) and with Node's native UTF-8 counter passed in (what Node callers can do).
 *
 * Both take the product's path for a full state: the text is what TextDecoder makes of its UTF-8
 * bytes (V8 then holds an ASCII text as one byte per char; pyDumps' own output is a two-byte string
 * the product never sees), and its UTF-8 length is passed as `utf8Bytes`, as analyze.ts does with
 * the protobuf payload's length. A third column keeps the path without that length visible (a
 * patched state, whose length the mirror counts first): there an all-ASCII text costs a search for
 * non-ASCII.
 *
 * Since issue 24 a full state is measured on the UTF-8 bytes the decoder read (its protobuf payload,
 * measure/scan-utf8.ts): the "UTF-8 bytes" column, with the issue's target of at most 0.5x
 * `JSON.parse` of the same content. The string columns are the code before that change, which
 * still measures a state the mirror patched: the "before" beside it.
 */
import { formatBytes } from '../src/core/measure/format-bytes';
import { measureJson } from '../src/core/measure/measure-json';
import { generateState, SHAPES, type Shape } from './generate';
import { naiveMeasure } from './naive';
import { pyDumps } from './py-dumps';
import { log, median, nativeUtf8, table, time, verdict, type Figure } from './timing';

/** measureJson of a string (a patched state; before issue 24 every state) may take at most this multiple of JSON.parse's time. */
export const TARGET_RATIO = 1.0;
/** measureJson of a full state's UTF-8 bytes, the product's path since issue 24: at most half of JSON.parse. */
export const TARGET_UTF8_RATIO = 0.5;
/** ...and must be at least this many times faster than the naive approach. */
export const TARGET_SPEEDUP = 5;
/** The naive approach takes seconds and gigabytes above this nominal size: skipped there. */
const NAIVE_MAX_MB = 10;

export interface MeasureRow {
  shape: Shape;
  format: 'python' | 'compact';
  bytes: number;
  runs: number;
  parseMs: number;
  measureJsMs: number;
  measureMs: number;
  /** +native without `utf8Bytes`. */
  measureNoLengthMs: number;
  /** The product's path for a full state: measureJson of its UTF-8 bytes. */
  measureUtf8Ms: number;
  naiveMs: number | null;
  /** measureMs / parseMs (with the native counter): the target is <= TARGET_RATIO. */
  ratio: number;
  ratioJs: number;
  ratioNoLength: number;
  /** measureUtf8Ms / parseMs: the target is <= TARGET_UTF8_RATIO. */
  ratioUtf8: number;
  /** naiveMs / measureMs. */
  speedup: number | null;
}

function benchText(shape: Shape, format: 'python' | 'compact', text: string, utf8: Uint8Array, mb: number): MeasureRow {
  // 3 runs left single 10 MB cells 30% apart between the JS and +native columns of one ASCII text
  // (the same code path there): more runs where they are cheap enough.
  const runs = mb <= 1 ? 9 : mb <= 10 ? 7 : 3;
  const bytes = Buffer.byteLength(text);
  const js = () => measureJson(text, { utf8Bytes: bytes });
  const native = () => measureJson(text, { nativeUtf8, utf8Bytes: bytes });
  const noLength = () => measureJson(text, { nativeUtf8 });
  // As analyze.ts calls it: the mirror's string is lent too (used when it is all ASCII).
  const fromBytes = () => measureJson(utf8, { text });
  // Warm-up: measureJson is JavaScript and needs the JIT (JSON.parse is native); the sanity check
  // makes sure the sizes are the real ones.
  JSON.parse(text);
  const m = native();
  if (
    m.bytes !== bytes ||
    m.problems.length ||
    js().bytes !== bytes ||
    noLength().bytes !== bytes ||
    JSON.stringify(fromBytes()) !== JSON.stringify(m)
  )
    throw new Error(`measureJson disagrees on ${shape}/${format}: ${m.problems}`);
  const warmUntil = performance.now() + (mb <= 10 ? 300 : 0);
  for (let w = 0; w < (mb <= 10 ? 2 : 1) || performance.now() < warmUntil; w++) {
    js();
    native();
    noLength();
    fromBytes();
  }
  // The naive approach takes seconds at 10 MB: one run there, three at 1 MB, none above.
  const naiveRuns = mb <= NAIVE_MAX_MB ? (mb <= 1 ? 3 : 1) : 0;
  if (naiveRuns > 1) naiveMeasure(text);
  const parse: number[] = [];
  const measureJs: number[] = [];
  const measure: number[] = [];
  const measureNoLength: number[] = [];
  const measureUtf8: number[] = [];
  const naive: number[] = [];
  for (let r = 0; r < runs; r++) {
    parse.push(time(() => JSON.parse(text)));
    measureJs.push(time(js));
    measure.push(time(native));
    measureNoLength.push(time(noLength));
    measureUtf8.push(time(fromBytes));
    if (r < naiveRuns) naive.push(time(() => naiveMeasure(text)));
  }
  const parseMs = median(parse);
  const measureMs = median(measure);
  const naiveMs = naiveRuns ? median(naive) : null;
  return {
    shape,
    format,
    bytes,
    runs,
    parseMs,
    measureJsMs: median(measureJs),
    measureMs,
    measureNoLengthMs: median(measureNoLength),
    measureUtf8Ms: median(measureUtf8),
    naiveMs,
    ratio: measureMs / parseMs,
    ratioJs: median(measureJs) / parseMs,
    ratioNoLength: median(measureNoLength) / parseMs,
    ratioUtf8: median(measureUtf8) / parseMs,
    speedup: naiveMs === null ? null : naiveMs / measureMs,
  };
}

export function runMeasureBench(sizes: readonly number[]): MeasureRow[] {
  const rows: MeasureRow[] = [];
  for (const mb of sizes) {
    for (const shape of SHAPES) {
      log(`[bench] measure ${mb} MB ${shape}: generating... `);
      let value: unknown = generateState(shape, mb * 1e6);
      const texts = { python: asDecoded(pyDumps(value)), compact: asDecoded(JSON.stringify(value)) };
      // A plain Uint8Array as the decoder's payload view is (a Buffer has another map: the scan's
      // property loads would see two).
      const bytes = { python: asPayload(texts.python), compact: asPayload(texts.compact) };
      // Let the generated state be collected before the timings: the bench measures the texts only.
      // eslint-disable-next-line no-useless-assignment -- releases the memory, read by the GC, not by code
      value = undefined;
      for (const format of ['python', 'compact'] as const) {
        log(`${format}... `);
        rows.push(benchText(shape, format, texts[format], bytes[format], mb));
      }
      log('done\n');
    }
  }
  return rows;
}

/** The text as the product holds it: decoded by TextDecoder from its UTF-8 bytes (see the top). */
function asDecoded(text: string): string {
  return new TextDecoder().decode(Buffer.from(text, 'utf8'));
}

function asPayload(text: string): Uint8Array {
  const b = Buffer.from(text, 'utf8');
  return new Uint8Array(b.buffer.slice(b.byteOffset, b.byteOffset + b.length));
}

export function measureTable(rows: readonly MeasureRow[]): string {
  return table(
    [
      'shape',
      'format',
      'size',
      'JSON.parse ms',
      'measure ms (JS)',
      'measure ms (+native)',
      'measure ms (+native, no utf8Bytes)',
      'measure ms (UTF-8 bytes)',
      'naive ms',
      'measure/parse (JS)',
      'measure/parse',
      `<= ${TARGET_RATIO.toFixed(1)}`,
      'measure/parse (no utf8Bytes)',
      'UTF-8 bytes/parse',
      `<= ${TARGET_UTF8_RATIO.toFixed(1)}`,
      'naive/measure',
      `>= ${TARGET_SPEEDUP}x`,
    ],
    rows.map((r) => [
      r.shape,
      r.format,
      formatBytes(r.bytes),
      r.parseMs.toFixed(1),
      r.measureJsMs.toFixed(1),
      r.measureMs.toFixed(1),
      r.measureNoLengthMs.toFixed(1),
      r.measureUtf8Ms.toFixed(1),
      r.naiveMs === null ? 'skipped' : r.naiveMs.toFixed(0),
      r.ratioJs.toFixed(2),
      r.ratio.toFixed(2),
      verdict(r.ratio <= TARGET_RATIO),
      r.ratioNoLength.toFixed(2),
      r.ratioUtf8.toFixed(2),
      verdict(r.ratioUtf8 <= TARGET_UTF8_RATIO),
      r.speedup === null ? '-' : `${r.speedup.toFixed(1)}x`,
      r.speedup === null ? '-' : verdict(r.speedup >= TARGET_SPEEDUP),
    ]),
  );
}

export function measureFigures(rows: readonly MeasureRow[]): Figure[] {
  return [
    ratioFigure(rows, 'UTF-8 bytes (a full state, since issue 24)', (r) => r.ratioUtf8, TARGET_UTF8_RATIO),
    ratioFigure(rows, 'before, JS only', (r) => r.ratioJs),
    ratioFigure(rows, 'before, +native', (r) => r.ratio),
    ratioFigure(rows, '+native, UTF-8 length unknown (a patched state)', (r) => r.ratioNoLength),
    naiveFigure(rows),
  ];
}

function ratioFigure(
  rows: readonly MeasureRow[],
  variant: string,
  ratio: (r: MeasureRow) => number,
  target = TARGET_RATIO,
): Figure {
  const within = rows.filter((r) => ratio(r) <= target);
  const worst = rows.reduce((a, b) => (ratio(b) > ratio(a) ? b : a));
  const per = (mbMin: number, mbMax: number) => {
    const sel = rows.filter((r) => r.bytes >= mbMin * 1e6 && r.bytes < mbMax * 1e6);
    return `${sel.filter((r) => ratio(r) <= target).length}/${sel.length}`;
  };
  return {
    name: `measure vs JSON.parse, ${variant}`,
    value: `${within.length}/${rows.length} within (1 MB ${per(0, 5)}, 10 MB ${per(5, 30)}, 50 MB ${per(30, 1e9)}); worst ${ratio(worst).toFixed(2)}x (${worst.shape} ${worst.format} ${formatBytes(worst.bytes)})`,
    target: `<= ${target.toFixed(1)}x`,
    pass: within.length === rows.length,
  };
}

function naiveFigure(rows: readonly MeasureRow[]): Figure {
  const withNaive = rows.filter((r) => r.speedup !== null);
  const slowest = withNaive.reduce((a, b) => (b.speedup! < a.speedup! ? b : a));
  return {
    name: 'measure (+native) vs naive',
    value: `slowest ${slowest.speedup!.toFixed(1)}x faster (${slowest.shape} ${slowest.format} ${formatBytes(slowest.bytes)})`,
    target: `>= ${TARGET_SPEEDUP}x`,
    pass: slowest.speedup! >= TARGET_SPEEDUP,
  };
}
