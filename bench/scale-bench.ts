/**
 * How analysis time grows with payload size (issue 7, "Scale"): analyzeExchanges on one SSE
 * exchange whose state is 1 to 100 MB. Fits ms per MB (least squares through the origin) and reports
 * the spread of ms/MB; linear means the spread stays small (sizes of 5 MB and up, where fixed costs
 * and the JIT warm-up no longer show).
 */
import { analyzeExchanges } from '../src/core/analyze';
import { chatState, stateExchange } from './state-exchange';
import { log, median, table, time, verdict, withNatives, type Figure } from './timing';

/** Linear enough: the largest ms/MB (>= 5 MB) is at most this multiple of the smallest. */
export const TARGET_SPREAD = 1.5;

export interface ScalePoint { mb: number; stateBytes: number; ms: number; msPerMb: number }
export interface ScaleResult { points: ScalePoint[]; slope: number; spread: number }

export function runScaleBench(sizes: readonly number[]): ScaleResult {
  const points: ScalePoint[] = [];
  for (const mb of sizes) {
    log(`[bench] scale ${mb} MB... `);
    let built: ReturnType<typeof stateExchange> | undefined = stateExchange(0, chatState(mb * 1e6, Math.max(...sizes) * 1e6));
    const { exchange, state } = built;
    const stateBytes = Buffer.byteLength(state);
    built = undefined;
    const run = withNatives(() => analyzeExchanges([exchange]));
    run();
    const runs = mb >= 50 ? 3 : 5;
    const ms = median(Array.from({ length: runs }, () => time(run)));
    points.push({ mb: stateBytes / 1e6, stateBytes, ms, msPerMb: ms / (stateBytes / 1e6) });
    log('done\n');
  }
  // Least squares through the origin: slope = sum(x*y) / sum(x*x).
  const slope = points.reduce((s, p) => s + p.mb * p.ms, 0) / points.reduce((s, p) => s + p.mb * p.mb, 0);
  const big = points.filter((p) => p.mb >= 5);
  const rates = (big.length ? big : points).map((p) => p.msPerMb);
  return { points, slope, spread: Math.max(...rates) / Math.min(...rates) };
}

export function scaleTable(r: ScaleResult): string {
  return table(['state', 'analyze ms', 'ms/MB', 'vs fit'], r.points.map((p) => [
    `${p.mb.toFixed(1)} MB`, p.ms.toFixed(0), p.msPerMb.toFixed(1), `${(((p.ms - r.slope * p.mb) / (r.slope * p.mb)) * 100).toFixed(0)}%`,
  ]));
}

export function scaleFigures(r: ScaleResult): Figure[] {
  const last = r.points[r.points.length - 1]!;
  return [{
    name: `analysis time vs size (${r.points.map((p) => Math.round(p.mb)).join(', ')} MB)`,
    value: `${r.slope.toFixed(1)} ms/MB fitted; ms/MB spread ${r.spread.toFixed(2)}x (>= 5 MB); ${last.mb.toFixed(0)} MB in ${(last.ms / 1000).toFixed(1)} s`,
    target: `linear: spread <= ${TARGET_SPREAD}x`,
    pass: r.spread <= TARGET_SPREAD,
  }];
}
