/**
 * Whole decode (issue 7): a ~20 MB SSE body through the core exactly as every face runs it,
 * analyzeExchanges (SSE framing -> base64 -> protobuf -> UTF-8 states -> mirror -> field measure),
 * against what the browser itself must do with the same content: `atob` of every event plus
 * `JSON.parse` of the state. Target: at most 2x.
 */
import { analyzeExchanges } from '../src/core/analyze';
import { formatBytes } from '../src/core/measure/format-bytes';
import { stateExchange } from './state-exchange';
import { log, median, table, time, verdict, withNatives, type Figure } from './timing';

export const TARGET_DECODE_RATIO = 2.0;

export interface DecodeResult { bodyBytes: number; stateBytes: number; runs: number; baselineMs: number; analyzeJsMs: number; analyzeMs: number; ratio: number; ratioJs: number }

export function runDecodeBench(bodyMb: number): DecodeResult {
  log(`[bench] whole decode: building a ${bodyMb} MB SSE body... `);
  const { exchange, state, payloads, bodyBytes } = stateExchange(bodyMb * 1e6);
  const baseline = () => { for (const p of payloads) atob(p); JSON.parse(state); };
  const js = () => analyzeExchanges([exchange]);
  const native = withNatives(() => analyzeExchanges([exchange]));
  const check = native().session.events[0]!;
  if (check.problems.length || check.mirror.stateBytes[0] !== Buffer.byteLength(state)) throw new Error(`whole decode disagrees: ${check.problems}`);
  for (let w = 0; w < 2; w++) { baseline(); js(); native(); }
  const runs = 5;
  const b: number[] = [];
  const a: number[] = [];
  const n: number[] = [];
  for (let r = 0; r < runs; r++) { b.push(time(baseline)); a.push(time(js)); n.push(time(native)); }
  log('done\n');
  const baselineMs = median(b);
  return {
    bodyBytes, stateBytes: Buffer.byteLength(state), runs, baselineMs, analyzeJsMs: median(a), analyzeMs: median(n),
    ratio: median(n) / baselineMs, ratioJs: median(a) / baselineMs,
  };
}

export function decodeTable(r: DecodeResult): string {
  return table(
    ['SSE body', 'state', 'atob + JSON.parse ms', 'analyze ms (JS)', 'analyze ms (+native)', 'ratio (JS)', 'ratio', `<= ${TARGET_DECODE_RATIO}x`],
    [[formatBytes(r.bodyBytes), formatBytes(r.stateBytes), r.baselineMs.toFixed(0), r.analyzeJsMs.toFixed(0), r.analyzeMs.toFixed(0), r.ratioJs.toFixed(2), r.ratio.toFixed(2), verdict(r.ratio <= TARGET_DECODE_RATIO)]],
  );
}

export function decodeFigures(r: DecodeResult): Figure[] {
  return [
    { name: `whole decode ${formatBytes(r.bodyBytes)} SSE, JS only`, value: `${r.ratioJs.toFixed(2)}x atob + JSON.parse (${r.analyzeJsMs.toFixed(0)} vs ${r.baselineMs.toFixed(0)} ms)`, target: `<= ${TARGET_DECODE_RATIO}x`, pass: r.ratioJs <= TARGET_DECODE_RATIO },
    { name: `whole decode ${formatBytes(r.bodyBytes)} SSE, +native`, value: `${r.ratio.toFixed(2)}x atob + JSON.parse (${r.analyzeMs.toFixed(0)} vs ${r.baselineMs.toFixed(0)} ms)`, target: `<= ${TARGET_DECODE_RATIO}x`, pass: r.ratio <= TARGET_DECODE_RATIO },
  ];
}
