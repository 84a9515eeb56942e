import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** What the independent Python oracle (python/oracle.py) says about a capture: the truth panel tests compare with. */
export interface OracleEvent {
  kind: string;
  request: { wireBytes: number; stateBytes: number[]; stateUpload: string };
  response: { wireBytes: number; downStateBytes: number[]; error: string | null };
  mirror: { stateBytes: number[]; fieldBytes: Record<string, number>[] };
}
export interface Oracle {
  transport: 'sse' | 'websocket';
  events: OracleEvent[];
}

export const readOracle = (file: string): Oracle => JSON.parse(readFileSync(file, 'utf8')) as Oracle;
export const fixtureOracle = (name: string): Oracle =>
  readOracle(join(__dirname, '../../fixtures', `${name}.expected.json`));

const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);

/** Per event, the numbers the event list carries in its data-* attributes. */
export function expectedRows(o: Oracle): { up: number; down: number; upState: number; held: number }[] {
  return o.events.map((e) => ({
    up: e.request.wireBytes,
    down: e.response.wireBytes,
    upState: sum(e.request.stateBytes),
    held: sum(e.mirror.stateBytes),
  }));
}

/** The biggest concrete field of the last event's first state class (no `[*]` aggregates). */
export function biggestField(o: Oracle): [string, number] | undefined {
  const fields = o.events[o.events.length - 1]?.mirror.fieldBytes[0];
  if (!fields) return undefined;
  return Object.entries(fields).sort((a, b) => b[1] - a[1])[0];
}
