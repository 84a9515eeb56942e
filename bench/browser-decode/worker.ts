/**
 * Whole decode inside Chromium, in a dedicated worker exactly like the panel's analysis worker:
 * the same core, with the natives the panel's worker lends it (panel/worker/browser-natives.ts),
 * against what the browser itself must do with the same content: `atob` of every SSE payload plus
 * `JSON.parse` of the state. Timed runs are interleaved after a warm-up, each after a forced GC
 * (Chromium is launched with --js-flags=--expose-gc).
 */
import { analyzeExchanges } from '../../src/core/analyze';
import type { Exchange } from '../../src/core/capture/exchange';
import { useHostNatives } from '../../src/core/host-natives';
import { browserNatives } from '../../panel/worker/browser-natives';
import { measureJson } from '../../src/core/measure/measure-json';

export interface BrowserDecodeInput {
  exchange: Exchange;
  payloads: string[];
  state: string;
  stateBytes: number;
  runs: number;
  /** States to measure as the panel's worker does, against JSON.parse of the same text (issue 24). */
  measure: { label: string; text: string }[];
}
export interface WorkerMeasure {
  label: string;
  bytes: number;
  parseMs: number[];
  /** measureJson of the string with the worker's natives: the code before issue 24. */
  textMs: number[];
  /** measureJson of the UTF-8 bytes, as analyze.ts measures a full state since issue 24. */
  utf8Ms: number[];
}
export interface BrowserDecodeOutput {
  baselineMs: number[];
  jsMs: number[];
  nativeMs: number[];
  hasNativeBase64: boolean;
  agrees: string;
  measure: WorkerMeasure[];
}

const gc = (globalThis as unknown as { gc?: () => void }).gc ?? (() => undefined);

function time(f: () => unknown): number {
  gc();
  const t0 = performance.now();
  f();
  return performance.now() - t0;
}

self.onmessage = (ev: MessageEvent<BrowserDecodeInput>) => {
  const { exchange, payloads, state, stateBytes, runs } = ev.data;
  const natives = browserNatives();
  const baseline = () => {
    for (const p of payloads) atob(p);
    JSON.parse(state);
  };
  const js = () => {
    useHostNatives({});
    return analyzeExchanges([exchange]);
  };
  const native = () => {
    useHostNatives(natives);
    try {
      return analyzeExchanges([exchange]);
    } finally {
      useHostNatives({});
    }
  };
  // Both must measure the state exactly (bytes as sent), or the timing means nothing.
  const a = js().session.events[0]!;
  const b = native().session.events[0]!;
  const agrees =
    a.problems.length || b.problems.length
      ? `problems: ${[...a.problems, ...b.problems].join('; ')}`
      : a.mirror.stateBytes[0] !== stateBytes || b.mirror.stateBytes[0] !== stateBytes
        ? `state bytes ${a.mirror.stateBytes[0]} / ${b.mirror.stateBytes[0]} != ${stateBytes}`
        : JSON.stringify(a) !== JSON.stringify(b)
          ? 'JS and native events differ'
          : 'yes';
  for (let w = 0; w < 2; w++) {
    baseline();
    js();
    native();
  }
  const out: BrowserDecodeOutput = {
    baselineMs: [],
    jsMs: [],
    nativeMs: [],
    hasNativeBase64: natives.base64Decode !== undefined,
    agrees,
    measure: [],
  };
  for (let r = 0; r < runs; r++) {
    out.baselineMs.push(time(baseline));
    out.jsMs.push(time(js));
    out.nativeMs.push(time(native));
  }
  for (const { label, text } of ev.data.measure) out.measure.push(measureInWorker(label, text, natives));
  (self as unknown as Worker).postMessage(out);
};

/**
 * One state measured as the panel's worker measures it, against JSON.parse: the UTF-8 bytes are
 * what TextEncoder makes of the text (a plain Uint8Array, like the decoder's payload view).
 */
function measureInWorker(label: string, text: string, natives: ReturnType<typeof browserNatives>): WorkerMeasure {
  const utf8 = new TextEncoder().encode(text);
  const runs = utf8.length > 30e6 ? 3 : utf8.length > 3e6 ? 5 : 9;
  const parse = () => JSON.parse(text) as unknown;
  const fromText = () => {
    useHostNatives(natives);
    try {
      return measureJson(text, { utf8Bytes: utf8.length });
    } finally {
      useHostNatives({});
    }
  };
  const fromBytes = () => measureJson(utf8, { text });
  if (JSON.stringify(fromText()) !== JSON.stringify(fromBytes())) throw new Error(`${label}: bytes and text disagree`);
  // Warm-up by time as well as by count, as measure-bench.ts does in Node: two calls of a 1 MB state
  // left the scan in V8's baseline tiers here (5-18x JSON.parse in a first try).
  const warmUntil = performance.now() + (utf8.length <= 3e6 ? 1000 : 300);
  for (let w = 0; w < 3 || performance.now() < warmUntil; w++) {
    parse();
    fromText();
    fromBytes();
  }
  const m: WorkerMeasure = { label, bytes: utf8.length, parseMs: [], textMs: [], utf8Ms: [] };
  for (let r = 0; r < runs; r++) {
    m.parseMs.push(time(parse));
    m.textMs.push(time(fromText));
    m.utf8Ms.push(time(fromBytes));
  }
  return m;
}
