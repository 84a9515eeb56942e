/** Loads a recorded fixture (test/fixtures/<name>.har) through the real core, with its oracle values. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeExchanges, type Analysis } from '../../src/core/analyze';
import { harToExchanges } from '../../src/core/capture/har';

export const FIXTURES_DIR = join(__dirname, '../fixtures');

export interface OracleEventLite {
  kind: string;
  request: { wireBytes: number; stateUpload: string; stateBytes: number[] };
  response: { error: string | null; messages: { account: { componentTree: number; total: number } }[] };
  mirror: { stateBytes: number[]; fieldBytes?: Record<string, number>[] };
}

const cache = new Map<string, Analysis>();

export function fixtureAnalysis(name: string): Analysis {
  let analysis = cache.get(name);
  if (!analysis) {
    const har = readFileSync(join(FIXTURES_DIR, `${name}.har`), 'utf8');
    analysis = analyzeExchanges(harToExchanges(har).exchanges, { keepFieldBytes: true });
    cache.set(name, analysis);
  }
  return analysis;
}

export function oracle(name: string): { events: OracleEventLite[] } {
  return JSON.parse(readFileSync(join(FIXTURES_DIR, `${name}.expected.json`), 'utf8'));
}
