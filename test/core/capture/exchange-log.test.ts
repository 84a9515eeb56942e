/**
 * The panel's one capture log (src/core/capture/exchange-log.ts): numbers without gaps, found by
 * number after drops, the number as the exchange's id, the capture's notes inside the exchange,
 * and a revision that changes only when what the analysis reads changed.
 */
import { ExchangeLog } from '../../../src/core/capture/exchange-log';
import type { MergedExchange } from '../../../src/core/capture/capture-merge';

const row = (id: string, startedAt: number, extra: Partial<MergedExchange> = {}): MergedExchange => ({
  exchange: {
    id,
    transport: 'sse',
    url: 'http://127.0.0.1:1/__ui__',
    startedAt,
    requestBody: `body-${id}`,
    responseText: 'data: <stream_end>\n\n',
  },
  sources: ['hook'],
  sourceIds: { hook: id },
  complete: true,
  pending: false,
  problems: [],
  ...extra,
});

it('numbers rows from 1, renames their exchange to the number, and finds them by number after drops', () => {
  const log = new ExchangeLog();
  const seqs = ['h1', 'h2', 'h3', 'h4'].map((id, i) => log.append(row(id, i)).seq);
  expect(seqs).toEqual([1, 2, 3, 4]);
  expect(log.entries.map((e) => e.exchange.id)).toEqual(['1', '2', '3', '4']);
  expect(log.entries[1]!.sourceIds).toEqual({ hook: 'h2' });
  expect(log.dropOldest(2).map((e) => e.seq)).toEqual([1, 2]);
  expect(log.droppedThrough).toBe(2);
  expect(log.lastSeq).toBe(4);
  expect(log.get(2)).toBeUndefined();
  expect(log.get(3)!.sourceIds.hook).toBe('h3');
  expect(log.since(3).map((e) => e.seq)).toEqual([4]);
  expect(log.since(0).map((e) => e.seq)).toEqual([3, 4]);
  expect(log.append(row('h5', 9)).seq).toBe(5);
});

it("puts the capture notes into the exchange, where the decoder makes them the event's problems", () => {
  const log = new ExchangeLog();
  const entry = log.append(
    row('h1', 0, {
      problems: ['response cut after 1 message(s), no <stream_end> (hook: xhr timeout)'],
      exchange: { ...row('h1', 0).exchange, captureNote: 'xhr timeout' },
    }),
  );
  expect(entry.exchange.captureNote).toBe(
    'xhr timeout; response cut after 1 message(s), no <stream_end> (hook: xhr timeout)',
  );
  expect(entry.sourceNote).toBe('xhr timeout');
  expect(log.append(row('h2', 1)).exchange.captureNote).toBeUndefined();
});

it('changes its revision only when a replaced row would decode differently', () => {
  const log = new ExchangeLog();
  const first = row('h1', 0);
  log.append(first);
  log.replace(1, { ...first, sources: ['hook', 'network'], sourceIds: { hook: 'h1', network: 'net:x' } });
  expect(log.revision).toBe(0);
  expect(log.get(1)!.sources).toEqual(['hook', 'network']);
  log.replace(1, { ...first, problems: ["hook and DevTools network responses differ; showing the hook's"] });
  expect(log.revision).toBe(1);
  expect(log.replace(7, first)).toBeUndefined();
});
