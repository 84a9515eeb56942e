import { summarize, TARGET_MARGINAL, type ScalePoint } from '../../bench/scale-bench';

const SIZES = [1, 2, 5, 10, 20, 30, 40, 50, 100];
const series = (ms: (mb: number) => number): ScalePoint[] =>
  SIZES.map((mb) => ({ mb, stateBytes: mb * 1e6, ms: ms(mb), msPerMb: ms(mb) / mb }));

describe('scale verdict: the marginal cost of an added MB, upper half vs lower half', () => {
  test('linear growth with a large fixed cost passes (the former ms/MB spread did not)', () => {
    const r = summarize(series((mb) => 40 + 4.5 * mb));
    expect(r.marginal).toBeCloseTo(1, 6);
    expect(r.fixedMs).toBeCloseTo(40, 6);
    expect(r.slope).toBeCloseTo(4.5, 6);
    expect(r.spread).toBeGreaterThan(1.5);
    expect(r.range).toEqual({ low: 5, mid: 50, high: 100 });
  });

  test('quadratic growth fails clearly, n log n passes', () => {
    expect(summarize(series((mb) => 0.05 * mb * mb)).marginal).toBeCloseTo(150 / 55, 6);
    expect(summarize(series((mb) => 0.05 * mb * mb)).marginal).toBeGreaterThan(TARGET_MARGINAL);
    expect(summarize(series((mb) => mb * Math.log2(mb + 1))).marginal).toBeCloseTo(1.27, 2);
  });

  test('a cache step (30% more per MB above 32 MB) stays within the target', () => {
    const r = summarize(series((mb) => (mb <= 32 ? 2.7 * mb : 2.7 * 32 + 3.5 * (mb - 32))));
    expect(r.marginal).toBeGreaterThan(1);
    expect(r.marginal).toBeLessThanOrEqual(TARGET_MARGINAL);
  });
});
