/** The sum of some numbers (0 for none): byte totals, counts, durations. One helper for the whole core. */
export const sum = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0);
