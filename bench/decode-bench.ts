/**
 * Whole decode (issue 7): a ~20 MB SSE body through the core exactly as every face runs it,
 * analyzeExchanges (SSE framing -> base64 -> protobuf -> UTF-8 states -> mirror -> field measure),
 * against what the browser itself must do with the same content: `atob` of every event plus
 * `JSON.parse` of the state. Target: at most 2x.
 */
import { analyzeExchanges } from '../src/core/analyze';
import type { BrowserDecodeResult } from './browser-decode-bench';
import { formatBytes } from '../src/core/measure/format-bytes';
import { stateExchange } from './state-exchange';
import { log, median, table, time, verdict, withNatives, type Figure } from './timing';

export const TARGET_DECODE_RATIO = 2.0;

export interface DecodeResult {
  bodyBytes: number;
  stateBytes: number;
  runs: number;
  baselineMs: number;
  analyzeJsMs: number;
  analyzeMs: number;
  ratio: number;
  ratioJs: number;
}

export function runDecodeBench(bodyMb: number): DecodeResult {
  log(`[bench] whole decode: building a ${bodyMb} MB SSE body... `);
  const { exchange, state, payloads, bodyBytes } = stateExchange(bodyMb * 1e6);
  const baseline = () => {
    for (const p of payloads) atob(p);
    JSON.parse(state);
  };
  const js = () => analyzeExchanges([exchange]);
  const native = withNatives(() => analyzeExchanges([exchange]));
  const check = native().session.events[0]!;
  if (check.problems.length || check.mirror.stateBytes[0] !== Buffer.byteLength(state))
    throw new Error(`whole decode disagrees: ${check.problems}`);
  for (let w = 0; w < 2; w++) {
    baseline();
    js();
    native();
  }
  const runs = 5;
  const b: number[] = [];
  const a: number[] = [];
  const n: number[] = [];
  for (let r = 0; r < runs; r++) {
    b.push(time(baseline));
    a.push(time(js));
    n.push(time(native));
  }
  log('done\n');
  const baselineMs = median(b);
  return {
    bodyBytes,
    stateBytes: Buffer.byteLength(state),
    runs,
    baselineMs,
    analyzeJsMs: median(a),
    analyzeMs: median(n),
    ratio: median(n) / baselineMs,
    ratioJs: median(a) / baselineMs,
  };
}

export function decodeTable(r: DecodeResult, b: BrowserDecodeResult | undefined): string {
  const row = (
    where: string,
    x: {
      bodyBytes: number;
      stateBytes: number;
      baselineMs: number;
      analyzeJsMs: number;
      analyzeMs: number;
      ratioJs: number;
      ratio: number;
    },
  ) => [
    where,
    formatBytes(x.bodyBytes),
    formatBytes(x.stateBytes),
    x.baselineMs.toFixed(0),
    x.analyzeJsMs.toFixed(0),
    x.analyzeMs.toFixed(0),
    x.ratioJs.toFixed(2),
    x.ratio.toFixed(2),
    verdict(x.ratio <= TARGET_DECODE_RATIO),
  ];
  return table(
    [
      'where',
      'SSE body',
      'state',
      'atob + JSON.parse ms',
      'analyze ms (JS)',
      'analyze ms (+native)',
      'ratio (JS)',
      'ratio (+native)',
      `<= ${TARGET_DECODE_RATIO}x`,
    ],
    [
      row('Node (CLI)', r),
      ...(b ? [row(`Chromium worker (panel)${b.hasNativeBase64 ? '' : ' no fromBase64!'}`, b)] : []),
    ],
  );
}

/**
 * The target is judged on what each face runs: the CLI lends the core Node's Buffer, the panel's
 * worker lends it Uint8Array.fromBase64. The core alone (JS only) is shown for reference.
 */
export function decodeFigures(r: DecodeResult, b: BrowserDecodeResult | undefined): Figure[] {
  const figure = (name: string, ratio: number, ms: number, baselineMs: number): Figure => ({
    name,
    value: `${ratio.toFixed(2)}x atob + JSON.parse (${ms.toFixed(0)} vs ${baselineMs.toFixed(0)} ms)`,
    target: `<= ${TARGET_DECODE_RATIO}x`,
    pass: ratio <= TARGET_DECODE_RATIO,
  });
  return [
    figure(`whole decode ${formatBytes(r.bodyBytes)} SSE, CLI (Node natives)`, r.ratio, r.analyzeMs, r.baselineMs),
    ...(b
      ? [
          figure(
            `whole decode ${formatBytes(b.bodyBytes)} SSE, panel (Chromium worker)`,
            b.ratio,
            b.analyzeMs,
            b.baselineMs,
          ),
        ]
      : []),
  ];
}
