/**
 * The payload chart's thresholds are the state-upload ones: they go on the upload bars only, and
 * only where state goes up (not in WebSocket mode, not with a session backend), on recorded fixtures.
 */
import { buildJsonReport } from '../../src/core/report/json-report';
import { chartView, uploadsState } from '../../panel/chart/chart-view';
import { fixtureAnalysis } from '../support/fixture-analysis';

// chartView reads the panel's CSS colours; outside a page every colour is the same grey.
beforeAll(() => {
  Object.assign(globalThis, {
    document: { documentElement: {} },
    getComputedStyle: () => ({ getPropertyValue: () => '#888888' }),
  });
});

const events = (name: string) =>
  buildJsonReport(fixtureAnalysis(name), { toolVersion: 'test', source: { kind: 'har', name } }).events;

test('image (full state uploads of 1.4 MB): both thresholds, on the upload stack', () => {
  const view = chartView(events('image'), undefined, 100_000, 1_000_000, 'light');
  expect(view.thresholds.map((l) => [l.value, l.stack])).toEqual([
    [100_000, 'up'],
    [1_000_000, 'up'],
  ]);
});

test('chat (1.6 kB uploads): the thresholds are far above every upload bar, so none is drawn', () => {
  expect(uploadsState(events('chat'))).toBe(true);
  expect(chartView(events('chat'), undefined, 100_000, 1_000_000, 'light').thresholds).toEqual([]);
  // A low threshold is drawn, on the uploads only, though the download bars are far taller.
  expect(chartView(events('chat'), undefined, 1_000, 1_000_000, 'light').thresholds.map((l) => l.stack)).toEqual([
    'up',
  ]);
});

test('WebSocket mode and a session backend: no state goes up, no threshold and no note', () => {
  for (const name of ['chat-websocket', 'chat-memory']) {
    expect(uploadsState(events(name))).toBe(false);
    expect(chartView(events(name), undefined, 1, 2, 'light').thresholds).toEqual([]);
  }
});
