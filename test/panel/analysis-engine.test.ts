/**
 * The panel's worker engine on live capture: an app's own API under a path ending in /__ui__ is
 * skipped with its reason (as the HAR import, analyze and check do), and drops follow the capture
 * log's sequence numbers (an exchange's id), so the events kept are exactly the newest Mesop ones.
 */
import { analyzeExchanges } from '../../src/core/analyze';
import type { Exchange } from '../../src/core/capture/exchange';
import { buildReport } from '../../src/core/report/build-report';
import { AnalysisEngine } from '../../panel/worker/analysis-engine';
import { fixture } from '../hardening/support/harness';

const api = (i: number): Exchange => ({
  id: `api${i}`,
  transport: 'sse',
  url: `http://127.0.0.1:1/api/__ui__?token=secret${i}`,
  startedAt: i,
  requestBody: JSON.stringify({ q: 'hello' }),
  responseText: '{"ok": true}',
  status: 200,
});

it('skips non-Mesop exchanges with a reason and drops through a log number', () => {
  const chat = fixture('chat').exchanges;
  // Numbered as the panel's capture log numbers them: the id is the sequence number.
  const live = [chat[0]!, api(1), ...chat.slice(1, 4), api(2), ...chat.slice(4)].map((ex, i) => ({
    ...ex,
    id: String(i + 1),
  }));
  const engine = new AnalysisEngine('test');
  engine.append(live.slice(0, 3));
  engine.append(live.slice(3));
  expect(engine.events).toBe(chat.length);
  expect(engine.skipped).toEqual([
    {
      url: 'http://127.0.0.1:1/api/__ui__',
      reason: expect.stringMatching(/^not Mesop traffic: request body is not base64/),
    },
    { url: 'http://127.0.0.1:1/api/__ui__', reason: expect.stringMatching(/^not Mesop traffic/) },
  ]);
  const sizes = (es: { request: { bytes: number }; response: { bytes: number } }[]) =>
    es.map((e) => [e.request.bytes, e.response.bytes]);
  const alone = buildReport(analyzeExchanges(chat), {
    toolVersion: 'test',
    source: { kind: 'live', name: 'x' },
  }).events;
  expect(sizes(engine.fullReport().events)).toEqual(sizes(alone));
  expect(engine.fullReport().skipped).toHaveLength(2);

  // The log dropped through number 5: 4 Mesop events and the first API call go.
  engine.dropThrough(5);
  expect(engine.events).toBe(chat.length - 4);
  expect(engine.skipped).toHaveLength(1);
  const report = engine.fullReport();
  expect(report.events).toHaveLength(chat.length - 4);
  expect(sizes(report.events)).toEqual(sizes(alone.slice(4)));
  expect(JSON.stringify(report)).not.toContain('secret');
  expect(report.events.map((e) => e.exchangeId)).toEqual(
    live
      .slice(5)
      .filter((ex) => !ex.id.startsWith('api') && !ex.url.includes('/api/'))
      .map((ex) => ex.id),
  );
});

it('views carry only the events the panel does not have, and where the log was dropped through', () => {
  const chat = fixture('chat').exchanges.map((ex, i) => ({ ...ex, id: String(i + 1) }));
  const engine = new AnalysisEngine('test');
  engine.append(chat.slice(0, 3));
  expect(engine.view().report.events.map((e) => e.exchangeId)).toEqual(['1', '2', '3']);
  engine.append(chat.slice(3, 5));
  const second = engine.view();
  expect(second.report.events.map((e) => e.exchangeId)).toEqual(['4', '5']);
  expect(second.droppedThrough).toBe(0);
  engine.dropThrough(2);
  engine.append(chat.slice(5, 6));
  const third = engine.view();
  expect(third.droppedThrough).toBe(2);
  expect(third.report.events.map((e) => [e.index, e.exchangeId])).toEqual([[3, '6']]);
  // Everything the panel had dropped: the next events are all new to it.
  engine.dropThrough(6);
  engine.append(chat.slice(6, 7));
  expect(engine.view().report.events.map((e) => [e.index, e.exchangeId])).toEqual([[0, '7']]);
});
