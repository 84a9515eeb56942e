/**
 * `--baseline` pairs events with pairEvents (the A/B pairing): a token retry in the current run is
 * folded into the action it retries, so the events after it are still compared with the same
 * actions of the baseline. Real report of the recorded chat fixture; the retry is a copy of an
 * event marked as one, so every expected change is that copy's size.
 */
import { diffAgainstBaseline } from '../../../src/core/report/baseline-diff';
import { checkReportFromPayload } from '../../../src/core/report/check-report';
import { payloadReport } from './check-report-support';

it('folds a token retry of the current run into the event it retries', () => {
  const before = payloadReport('chat');
  const after = checkReportFromPayload(payloadReport('chat'), 'chat');
  const events = after.flows[0]!.report.events;
  const at = events.findIndex((e) => e.kind !== 'init');
  const retried = events[at]!;
  const retry = {
    ...structuredClone(retried),
    tokenRetry: true,
    mirror: { stateBytes: retried.mirror.stateBytes.map((b) => b + 7) },
  };
  events.splice(at + 1, 0, retry);
  events.forEach((e, i) => {
    e.index = i;
  });

  const flow = diffAgainstBaseline(after, before, 'baseline.json').flows[0]!;
  expect(flow.events).toHaveLength(before.events.length);
  const changed = flow.events.filter(
    (e) => e.request.change !== 0 || e.response.change !== 0 || e.heldState.change !== 0,
  );
  expect(changed.map((e) => e.index)).toEqual([at]);
  expect(changed[0]).toMatchObject({
    request: { before: retried.request.bytes, after: 2 * retried.request.bytes, change: retried.request.bytes },
    response: { change: retried.response.bytes },
    heldState: { change: 7 * retried.mirror.stateBytes.length },
  });
  // The events after the retry keep their numbers in the current run (one more than the position).
  expect(flow.events.slice(at + 1).map((e) => e.index)).toEqual(events.slice(at + 2).map((e) => e.index));
});
