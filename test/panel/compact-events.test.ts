/**
 * The panel keeps its report events compacted (panel/worker/compact-events.ts): rebuilt with shared
 * strings and literal objects. Nothing about them may change: every fixture's events, after the
 * structured clone they cross from the worker in, compact to values equal to what the engine built,
 * blobs and problems included.
 */
import { AnalysisEngine } from '../../panel/worker/analysis-engine';
import { EventCompactor } from '../../panel/worker/compact-events';
import { fixture } from '../hardening/support/harness';

const FIXTURES = [
  'chat',
  'chat-memory',
  'chat-websocket',
  'chat-token-miss',
  'error',
  'image',
  'kitchen',
  'table',
  'upload',
];

it.each(FIXTURES)("%s: compacted events equal the engine's", (name) => {
  const engine = new AnalysisEngine('test');
  engine.append(fixture(name).exchanges);
  const events = engine.fullReport().events;
  expect(events.length).toBeGreaterThan(0);
  const compactor = new EventCompactor();
  const compacted = structuredClone(events).map((e) => compactor.compact(e));
  expect(compacted).toEqual(events);
  // Serialised the same way too (exports and copies of the panel's report are JSON), up to key order.
  expect(compacted.map(sortedJson)).toEqual(events.map(sortedJson));
});

it('covers blobs and problems, shares empty lists, and bounds what it remembers', () => {
  const engine = new AnalysisEngine('test');
  const chat = fixture('chat').exchanges;
  // A response cut in the middle: its event carries problems.
  const cut = { ...chat[1]!, id: 'cut', responseText: chat[1]!.responseText!.slice(0, 40) };
  engine.append([...fixture('image').exchanges, ...fixture('error').exchanges, cut]);
  const events = engine.fullReport().events;
  expect(events.some((e) => e.topFields.some((f) => f.blob !== undefined))).toBe(true);
  expect(events.some((e) => e.problems.length > 0)).toBe(true);
  const compactor = new EventCompactor();
  const compacted = events.map((e) => compactor.compact(structuredClone(e)));
  const clean = compacted.filter((e) => e.problems.length === 0);
  expect(clean.length).toBeGreaterThan(1);
  expect(clean.every((e) => e.problems === clean[0]!.problems && Object.isFrozen(e.problems))).toBe(true);
  // The pool holds distinct values: kinds, handler ids, paths seen, far fewer than the events' strings.
  expect(compactor.distinctStrings).toBeLessThan(events.length * 4);
});

function sortedJson(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b)))
      : v,
  );
}
