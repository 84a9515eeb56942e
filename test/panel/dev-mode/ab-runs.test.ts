/**
 * Run A / run B bookkeeping of the dev-mode comparison (panel/dev-mode/ab-runs.ts): which report
 * events make a run, and that the comparison is compareRuns over exactly those events' figures.
 */
import { compareAb, freezeRunA, pageEvents, transportNote } from '../../../panel/dev-mode/ab-runs';
import { reportEventsRun } from '../../../src/core/compare';
import type { PayloadReport, ReportEvent } from '../../../src/core/report/report-types';

const T0 = Date.parse('2026-01-01T00:00:00Z');

function ev(
  kind: string,
  at: number,
  up: number,
  upload: ReportEvent['request']['stateUpload'],
  extra: Partial<ReportEvent> = {},
): ReportEvent {
  return {
    index: 0,
    exchangeId: String(at),
    kind,
    handlerId: kind === 'click' ? 'main.on_send' : null,
    key: null,
    path: '/',
    startedAt: new Date(T0 + at).toISOString(),
    durationMs: 10,
    request: {
      bytes: up,
      protoBytes: up,
      stateUpload: upload,
      stateBytes: upload === 'full' ? [up - 20] : [],
      tokenSent: upload === 'token',
    },
    response: {
      bytes: 1000,
      protoBytes: 700,
      messages: 1,
      stateDownload: 'diff',
      stateBytes: [50],
      componentTree: 'diff',
      componentTreeBytes: 500,
      commandsBytes: 0,
      errorBytes: 0,
      tokenIssued: upload === 'token',
      streamEnded: true,
    },
    error: null,
    tokenRetry: false,
    mirror: { stateBytes: [100] },
    topFields: [],
    problems: [],
    ...extra,
  };
}

const report = (events: ReportEvent[]): PayloadReport => ({
  schema: 'mesop-devtools/payload-report',
  version: 1,
  generatedAt: '',
  tool: { name: 'mesop-devtools', version: '0' },
  source: { kind: 'live', name: 't' },
  session: {
    transport: 'sse',
    backend: 'none',
    stateClasses: 1,
    events: events.length,
    totals: { requestBytes: 0, responseBytes: 0, upStateBytes: 0, downStateBytes: 0, componentTreeBytes: 0 },
  },
  events,
  findings: [],
  budgets: [],
  skipped: [],
  problems: [],
});

const runA = [ev('init', 0, 30, 'none'), ev('click', 100, 300, 'full'), ev('click', 200, 600, 'full')];

test('a run is the latest page load (from its init), after the given start', () => {
  const older = [ev('init', -1000, 30, 'none'), ev('click', -900, 300, 'full')];
  expect(pageEvents(report([...older, ...runA]))).toEqual(runA);
  expect(pageEvents(report([...runA, ev('click', 5000, 1, 'token')]), T0 + 4000)).toHaveLength(1);
  // No start time: cannot be placed in a run.
  expect(pageEvents(report([...runA, ev('click', 300, 1, 'full', { startedAt: null })]))).toEqual(runA);
});

test('the comparison is compareRuns over the two runs, and the saving is measured on them', () => {
  const a = freezeRunA(report(runA), 'none');
  expect(a).toMatchObject({ backend: 'none', transport: 'sse' });
  const b = { backend: 'memory', from: T0 + 1000 };
  const runB = [ev('init', 1100, 30, 'none'), ev('click', 1200, 100, 'token'), ev('click', 1300, 100, 'token')];
  expect(compareAb({ a, b }, report(runA))).toBeUndefined(); // run B not recorded yet
  const cmp = compareAb({ a, b }, report([...runA, ...runB]))!;
  expect(cmp).toMatchObject({
    a: { label: 'none', backend: 'none' },
    b: { label: 'memory', backend: 'server-side' },
    sameFlow: true,
  });
  expect(cmp.rows.map((r) => [r.a!.up, r.b!.up])).toEqual([
    [30, 30],
    [300, 100],
    [600, 100],
  ]);
  expect(cmp.saving.up).toBe(930 - 230);
  expect(cmp.rows[1]!.a!.stateUp).toBe(280);
});

test('a token retry folds into the event it retries (its cost counts against B)', () => {
  const b = [
    ev('init', 0, 30, 'none'),
    ev('click', 10, 100, 'token'),
    ev('click', 20, 400, 'full', { tokenRetry: true }),
  ];
  const run = reportEventsRun(b, 'sse');
  expect(run.events.map((e) => e.index)).toEqual([0, 1, 2]);
  const cmp = compareAb({ a: freezeRunA(report(runA), 'none'), b: { backend: 'memory', from: T0 } }, report(b))!;
  expect(cmp.rows).toHaveLength(3);
  expect(cmp.rows[1]!.b).toMatchObject({ up: 500, tokenRetries: 1 });
});

test('says when the transports make the backend irrelevant to the bytes, and only then', () => {
  const side = (transport: 'sse' | 'websocket' | 'mixed' | 'unknown') => ({
    label: 'x',
    backend: 'none' as const,
    transport,
  });
  expect(transportNote({ a: side('sse'), b: side('sse') })).toBeUndefined();
  expect(transportNote({ a: side('sse'), b: side('unknown') })).toBeUndefined();
  expect(transportNote({ a: side('websocket'), b: side('websocket') })).toMatch(
    /^Both runs used WebSocket mode: no state crossed the wire/,
  );
  expect(transportNote({ a: side('sse'), b: side('websocket') })).toBe(
    'Run A used SSE and run B WebSocket mode: the saving compares transports, not only backends.',
  );
  expect(transportNote({ a: side('websocket'), b: side('mixed') })).toBe(
    'Run A used WebSocket mode and run B mixed: the saving compares transports, not only backends.',
  );
  // A comparison built from WebSocket runs (the panel's own path) carries the transports through.
  const ws = [ev('init', 0, 30, 'none'), ev('click', 100, 90, 'empty')];
  const cmp = compareAb(
    { a: { backend: 'none', transport: 'websocket', events: ws }, b: { backend: 'memory', from: T0 + 1000 } },
    {
      ...report([...ws, ev('init', 2000, 30, 'none'), ev('click', 2100, 90, 'empty')]),
      session: { ...report([]).session, transport: 'websocket' },
    },
  );
  expect(cmp && transportNote(cmp)).toMatch(/^Both runs used WebSocket mode/);
  expect(cmp?.saving.up).toBe(0);
});
