/**
 * How analysis time grows with payload size (issue 7, "Scale"): analyzeExchanges on one SSE
 * exchange whose state is 1 to 100 MB.
 *
 * The verdict is the marginal cost: ms per added MB in the upper half of the range (50 -> 100 MB)
 * against the lower half (5 -> 50 MB). Linear growth keeps it near 1x; quadratic growth would give
 * ~2.7x over these sizes (n log n ~1.3x: the check tells linear from quadratic, not from n log n).
 * It replaced the spread of ms/MB (each point's time over its size), still printed: that one
 * charges fixed per-call costs to the small sizes, and those depend on what ran before in the process (5 MB took 19 ms alone and 63 ms after the measure and decode
 * benches in one `npm run bench`, while 20-100 MB stayed within 10%).
 */
import { analyzeExchanges } from '../src/core/analyze';
import { chatState, stateExchange } from './state-exchange';
import { log, median, table, time, withNatives, type Figure } from './timing';

/** Linear enough: an added MB costs at most this multiple more at the top of the range than at the bottom. */
export const TARGET_MARGINAL = 1.5;

export interface ScalePoint {
  mb: number;
  stateBytes: number;
  ms: number;
  msPerMb: number;
}
export interface ScaleResult {
  points: ScalePoint[];
  /** Least-squares line through the points >= 5 MB: ms = fixedMs + slope * MB. */
  slope: number;
  fixedMs: number;
  /** ms per added MB from the first point >= 5 MB to the middle one, and from there to the last. */
  lowerMsPerMb: number;
  upperMsPerMb: number;
  range: { low: number; mid: number; high: number };
  /** upperMsPerMb / lowerMsPerMb: the verdict. */
  marginal: number;
  /** Largest over smallest ms/MB (>= 5 MB), fixed costs included: the former statistic. */
  spread: number;
}

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
  return summarize(points);
}

export function summarize(points: ScalePoint[]): ScaleResult {
  const big = points.filter((p) => p.mb >= 5);
  const pts = big.length >= 3 ? big : points;
  const n = pts.length;
  const mx = pts.reduce((a, p) => a + p.mb, 0) / n;
  const my = pts.reduce((a, p) => a + p.ms, 0) / n;
  const slope = pts.reduce((a, p) => a + (p.mb - mx) * (p.ms - my), 0) / pts.reduce((a, p) => a + (p.mb - mx) ** 2, 0);
  const low = pts[0]!;
  const high = pts[n - 1]!;
  const middle = (low.mb + high.mb) / 2;
  const mid = pts
    .slice(1, -1)
    .reduce((best, p) => (Math.abs(p.mb - middle) < Math.abs(best.mb - middle) ? p : best), pts[1]!);
  const lowerMsPerMb = (mid.ms - low.ms) / (mid.mb - low.mb);
  const upperMsPerMb = (high.ms - mid.ms) / (high.mb - mid.mb);
  const rates = pts.map((p) => p.msPerMb);
  return {
    points,
    slope,
    fixedMs: my - slope * mx,
    lowerMsPerMb,
    upperMsPerMb,
    range: { low: low.mb, mid: mid.mb, high: high.mb },
    marginal: upperMsPerMb / lowerMsPerMb,
    spread: Math.max(...rates) / Math.min(...rates),
  };
}

export function scaleTable(r: ScaleResult): string {
  const fit = (mb: number) => r.fixedMs + r.slope * mb;
  return table(
    ['state', 'analyze ms', 'ms/MB', 'vs line'],
    r.points.map((p) => [
      `${p.mb.toFixed(1)} MB`,
      p.ms.toFixed(0),
      p.msPerMb.toFixed(1),
      `${(((p.ms - fit(p.mb)) / fit(p.mb)) * 100).toFixed(0)}%`,
    ]),
  );
}

export function scaleFigures(r: ScaleResult): Figure[] {
  const last = r.points[r.points.length - 1]!;
  const { low, mid, high } = r.range;
  const mbs = (x: number) => x.toFixed(0);
  return [
    {
      name: `analysis time vs size (${r.points.map((p) => Math.round(p.mb)).join(', ')} MB)`,
      value:
        `${r.upperMsPerMb.toFixed(1)} ms per added MB at ${mbs(mid)}-${mbs(high)} MB vs ${r.lowerMsPerMb.toFixed(1)} at ${mbs(low)}-${mbs(mid)} MB: ${r.marginal.toFixed(2)}x; ` +
        `line ${r.fixedMs.toFixed(0)} ms + ${r.slope.toFixed(1)} ms/MB; ${last.mb.toFixed(0)} MB in ${(last.ms / 1000).toFixed(1)} s; ms/MB spread ${r.spread.toFixed(2)}x (fixed costs included)`,
      target: `linear: marginal <= ${TARGET_MARGINAL}x`,
      pass: r.marginal <= TARGET_MARGINAL,
    },
  ];
}
