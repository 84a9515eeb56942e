/**
 * reportRun: a payload report read back as compareRuns' input gives the same comparison as the
 * sessions themselves (token retries folded the same way), on recorded fixtures.
 */
import { compareRuns, reportEventsRun, reportRun } from '../../../src/core/compare';
import { buildJsonReport } from '../../../src/core/report/json-report';
import { fixtureAnalysis } from '../../support/fixture-analysis';

/** The report writes portable handler ids (the module path cut to the app's file): compared apart. */
function withoutHandlerIds<T>(x: T): T {
  return JSON.parse(JSON.stringify(x, (k, v) => (k === 'handlerId' ? undefined : v)));
}

const reportOf = (name: string) =>
  buildJsonReport(fixtureAnalysis(name), { toolVersion: 'test', source: { kind: 'har', name } });

it.each([
  ['chat', 'chat-memory'],
  ['chat', 'chat-token-miss'],
  ['image', 'image'],
])('%s vs %s: the same as from the sessions', (a, b) => {
  const fromSessions = compareRuns(fixtureAnalysis(a).session, fixtureAnalysis(b).session);
  const fromReports = compareRuns(reportRun(reportOf(a)), reportRun(reportOf(b)));
  expect(withoutHandlerIds(fromReports)).toEqual(withoutHandlerIds(fromSessions));
  expect(fromReports.rows.map((r) => r.matched)).toEqual(fromSessions.rows.map((r) => r.matched));
});

it('a token retry is folded into the event it retries', () => {
  const run = reportRun(reportOf('chat-token-miss'));
  expect(run.events.some((e) => e.tokenRetry)).toBe(true);
  const cmp = compareRuns(run, run);
  expect(cmp.rows.length).toBe(run.events.filter((e) => !e.tokenRetry).length);
  expect(cmp.rows.some((r) => r.a!.tokenRetries > 0)).toBe(true);
});

it.each(['chat', 'chat-memory', 'chat-token-miss', 'chat-websocket', 'image'])(
  "%s: a run of report events gets the session's backend (one rule)",
  (name) => {
    const report = reportOf(name);
    const session = fixtureAnalysis(name).session;
    expect(reportEventsRun(report.events, session.transport).backend).toBe(session.backend);
  },
);
