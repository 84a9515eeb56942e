/**
 * `npm test` runs the properties with a fixed seed and few runs (deterministic, a few seconds);
 * `npm run fuzz` sets MESOP_FUZZ_RUNS and gets a fresh seed, printed so a failure can be replayed
 * with MESOP_FUZZ_SEED=<seed> npm run fuzz.
 */
import fc from 'fast-check';

const FIXED_SEED = 20260501;
const longRun = Number(process.env.MESOP_FUZZ_RUNS) || 0;
const envSeed = process.env.MESOP_FUZZ_SEED;

export const SEED =
  envSeed !== undefined ? Number(envSeed) : longRun ? (Date.now() ^ (Math.random() * 0x7fffffff)) | 0 : FIXED_SEED;
if (longRun || envSeed !== undefined) {
  process.stderr.write(`[fuzz] seed ${SEED} (replay: MESOP_FUZZ_SEED=${SEED} npm run fuzz)\n`);
}

/** Runs per property: `scale` is how expensive one run is (1 = cheap). */
export function params(scale = 1): fc.Parameters<unknown> {
  const base = longRun || 100;
  return { seed: SEED, numRuns: Math.max(5, Math.round(base / scale)), endOnFailure: true };
}
