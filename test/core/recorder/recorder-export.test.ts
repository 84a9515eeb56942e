/**
 * The Recorder export's file, built from measured events of the recorded chat fixture; every
 * expected number comes from the Python oracle (test/fixtures/chat.expected.json), not from the
 * code under test.
 */
import { EVENT_METRICS, type EventMetricId } from '../../../src/core/budget/metrics';
import { validateConfig } from '../../../src/core/config/validate-config';
import { buildJsonReport } from '../../../src/core/report/json-report';
import type { ReportEvent } from '../../../src/core/report/report-types';
import { buildCheckFile, stringifyCheckFile, withMargin } from '../../../src/core/recorder/check-file';
import {
  findMeasuredRun,
  type MeasuredRun,
  type RecorderRecording,
} from '../../../src/core/recorder/find-measured-run';
import { REPORT_EVENT_METRICS } from '../../../src/core/recorder/report-event-metrics';
import { eventLimits, measureStep } from '../../../src/core/recorder/step-budgets';
import { fixtureAnalysis, oracle } from '../../support/fixture-analysis';

const analysis = fixtureAnalysis('chat');
const events: ReportEvent[] = buildJsonReport(analysis, {
  toolVersion: 'test',
  source: { kind: 'live', name: 'test' },
  generatedAt: '2026-12-07T00:00:00.000Z',
}).events;
const truth = oracle('chat').events as unknown as {
  kind: string;
  request: { wireBytes: number; stateBytes: number[] };
  response: { wireBytes: number; downStateBytes: number[]; messages: { account: { componentTree: number } }[] };
  mirror: { stateBytes: number[] };
}[];
const total = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
/** Each metric of each event, as the oracle measured it with Mesop's own protobuf classes. */
const ORACLE: Record<EventMetricId, (i: number) => number> = {
  'request-bytes': (i) => truth[i]!.request.wireBytes,
  'upload-state-bytes': (i) => total(truth[i]!.request.stateBytes),
  'response-bytes': (i) => truth[i]!.response.wireBytes,
  'download-state-bytes': (i) => total(truth[i]!.response.downStateBytes),
  'component-bytes': (i) => total(truth[i]!.response.messages.map((m) => m.account.componentTree)),
  'mirrored-state-bytes': (i) => total(truth[i]!.mirror.stateBytes),
};
const METRICS = Object.keys(ORACLE) as EventMetricId[];
const oracleMax = (m: EventMetricId) => Math.max(...truth.map((_, i) => ORACLE[m](i)));

const recording: RecorderRecording = {
  title: 'send a message',
  steps: [
    { type: 'setViewport', width: 800, height: 600 },
    { type: 'navigate', url: 'http://127.0.0.1:32123/' },
    { type: 'click', selectors: [['aria/Send']] },
  ],
};
const run = (kind: MeasuredRun['kind'], evs: readonly ReportEvent[] = events): MeasuredRun => ({
  kind,
  at: '2026-12-07T20:00:00.000Z',
  events: evs,
});

it('reads the event metrics from report rows as the budget evaluator reads them from events, equal to the oracle', () => {
  expect(events).toHaveLength(truth.length);
  for (const m of METRICS)
    for (const [i, e] of events.entries()) {
      expect(REPORT_EVENT_METRICS[m](e)).toBe(EVENT_METRICS[m].of(analysis.session.events[i]!));
      expect(REPORT_EVENT_METRICS[m](e)).toBe(ORACLE[m](i));
    }
});

it('pre-fills an error budget per event metric: the measured maximum plus 25%, rounded up, with its source', () => {
  const file = buildCheckFile(
    recording,
    findMeasuredRun(recording, { replays: new Map(), capture: run('capture') }),
    25,
  );
  expect(file.app).toEqual({ url: 'http://127.0.0.1:32123' });
  expect(file.flows).toEqual([{ name: 'send a message', recording }]);
  expect(file.budgets!.preset).toBe('recommended');
  for (const m of METRICS) {
    const measured = oracleMax(m);
    expect(file.budgets!.assertions[m]).toEqual(['error', { max: Math.ceil(measured * 1.25) }]);
    const note = file.measured.metrics![m]!;
    expect(note.measuredMax).toBe(measured);
    expect(note.max).toBe(Math.ceil(measured * 1.25));
    expect(ORACLE[m](note.event.index)).toBe(measured); // the event named had that value
    expect(note.event.kind).toBe(truth[note.event.index]!.kind);
  }
  expect(file.measured.from).toEqual({ kind: 'capture', at: '2026-12-07T20:00:00.000Z', events: truth.length });
  expect(file.measured.margin).toBe('25%');
  expect(file.measured.note).toContain(
    `capture at 2026-12-07T20:00:00.000Z (events on /, the page the recording opens) (${truth.length} events), plus 25%`,
  );
});

it('is a config check accepts, and its event budgets are the ones check applies', () => {
  const file = buildCheckFile(recording, { run: run('replay'), why: 'a replay' }, 25);
  const parsed = JSON.parse(stringifyCheckFile(file));
  const validated = validateConfig(parsed, { file: 'x.json' });
  expect(validated.ok).toBe(true);
  const limits = eventLimits(file);
  for (const m of METRICS)
    expect(limits.find((l) => l.metric === m)).toEqual({
      metric: m,
      level: 'error',
      max: Math.ceil(oracleMax(m) * 1.25),
    });
});

it('uses the margin the user set', () => {
  for (const margin of [0, 10, 100]) {
    const file = buildCheckFile(recording, { run: run('capture'), why: 'x' }, margin);
    const measured = oracleMax('request-bytes');
    expect(file.budgets!.assertions['request-bytes']).toEqual([
      'error',
      { max: Math.ceil((measured * (100 + margin)) / 100) },
    ]);
    expect(file.measured.margin).toBe(`${margin}%`);
  }
  expect(withMargin(0, 25)).toBe(0);
  expect(withMargin(4, 25)).toBe(5);
  expect(withMargin(5, 25)).toBe(7); // 6.25 rounded up
});

describe('which measured events are the flow', () => {
  it('prefers the last "Replay with budgets" of a recording with the same title', () => {
    const replayed = run('replay', events.slice(0, 2));
    const found = findMeasuredRun(recording, {
      replays: new Map([
        ['send a message', replayed],
        ['other', run('replay')],
      ]),
      capture: run('capture'),
    });
    expect(found.run).toBe(replayed);
    expect(found.why).toBe('the Mesop tab\'s "Replay with budgets" of "send a message" at 2026-12-07T20:00:00.000Z');
  });

  it('takes the live capture when it holds events of the page the recording opens', () => {
    const capture = run('capture');
    expect(findMeasuredRun(recording, { replays: new Map([['other', run('replay')]]), capture }).run).toBe(capture);
  });

  it('never uses a capture of another page, and then writes no budgets, saying why', () => {
    const elsewhere = { ...recording, steps: [{ type: 'navigate', url: 'http://127.0.0.1:32123/admin' }] };
    const found = findMeasuredRun(elsewhere, { replays: new Map(), capture: run('capture') });
    expect(found.run).toBeUndefined();
    expect(found.why).toContain('holds events of /, not of /admin');
    const file = buildCheckFile(elsewhere, found, 25);
    expect(file.budgets).toBeUndefined();
    expect(file.measured).toEqual({ note: expect.stringMatching(/^No budgets: the Mesop tab measured nothing/) });
    expect(validateConfig(JSON.parse(stringifyCheckFile(file)), { file: 'x.json' }).ok).toBe(true);
  });

  it('writes no budgets when nothing was captured', () => {
    const found = findMeasuredRun(recording, { replays: new Map(), capture: run('capture', []) });
    expect(found.run).toBeUndefined();
    expect(found.why).toContain("the Mesop tab's capture is empty");
    expect(buildCheckFile(recording, found, 25).budgets).toBeUndefined();
  });
});

describe('a replayed step against the budgets', () => {
  const limits = eventLimits(buildCheckFile(recording, { run: run('replay'), why: 'x' }, 25));

  it("sums the step's bytes and holds every budget for the measured events", () => {
    const step = measureStep(events.slice(1, 3), limits);
    expect(step.events).toBe(2);
    expect(step.requestBytes).toBe(truth[1]!.request.wireBytes + truth[2]!.request.wireBytes);
    expect(step.responseBytes).toBe(truth[1]!.response.wireBytes + truth[2]!.response.wireBytes);
    expect(step.budgets.every((b) => b.holds)).toBe(true);
  });

  it('names the event over a budget', () => {
    const last = events[events.length - 1]!;
    const bigger = { ...last, request: { ...last.request, bytes: 10 * last.request.bytes } };
    const step = measureStep([bigger], limits);
    const request = step.budgets.find((b) => b.metric === 'request-bytes')!;
    expect(request).toMatchObject({
      holds: false,
      actual: 10 * truth[truth.length - 1]!.request.wireBytes,
      event: last.index,
    });
    expect(step.budgets.filter((b) => !b.holds).map((b) => b.metric)).toEqual(['request-bytes']);
  });

  it('with no budgets in the file, checks the recommended preset as check does', () => {
    const bare = eventLimits(buildCheckFile(recording, { why: 'nothing' }, 25));
    expect(bare).toContainEqual({ metric: 'request-bytes', level: 'error', max: 1_000_000 });
    expect(bare).toContainEqual({ metric: 'upload-state-bytes', level: 'warn', max: 100_000 });
  });
});
