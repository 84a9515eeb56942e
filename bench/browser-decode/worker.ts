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

export interface BrowserDecodeInput {
  exchange: Exchange;
  payloads: string[];
  state: string;
  stateBytes: number;
  runs: number;
}
export interface BrowserDecodeOutput {
  baselineMs: number[];
  jsMs: number[];
  nativeMs: number[];
  hasNativeBase64: boolean;
  agrees: string;
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
  };
  for (let r = 0; r < runs; r++) {
    out.baselineMs.push(time(baseline));
    out.jsMs.push(time(js));
    out.nativeMs.push(time(native));
  }
  (self as unknown as Worker).postMessage(out);
};
