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

/** Timed runs per size: single runs of one size vary by +-15% here; 9 rounds take ~10 s in all. */
const ROUNDS = 9;

export function runScaleBench(sizes: readonly number[]): ScaleResult {
  const cases = sizes.map((mb) => {
    log(`[bench] scale ${mb} MB: building... `);
    const { exchange, state } = stateExchange(0, chatState(mb * 1e6, Math.max(...sizes) * 1e6));
    const run = withNatives(() => analyzeExchanges([exchange]));
    run(); // warm-up, untimed
    log('warm\n');
    return { stateBytes: Buffer.byteLength(state), run, ms: [] as number[] };
  });
  // Round robin, not size after size: a load spike on this shared machine then lands on every size
  // alike instead of bending one point of the curve (single points moved 1.4-2x between runs before).
  for (let round = 0; round < ROUNDS; round++) {
    log(`[bench] scale round ${round + 1}/${ROUNDS}\n`);
    for (const c of cases) c.ms.push(time(c.run));
  }
  const points: ScalePoint[] = cases.map((c) => {
    const ms = median(c.ms);
    return { mb: c.stateBytes / 1e6, stateBytes: c.stateBytes, ms, msPerMb: ms / (c.stateBytes / 1e6) };
  });
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
