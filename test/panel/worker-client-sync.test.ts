/**
 * The worker client follows the one capture log by sequence number (panel/worker/worker-client.ts):
 * new entries are appended once, the log's drops and a clear become one `drop through N`, a pause
 * keeps entries out, and only a rewritten entry (the log's revision) or another log starts again.
 * The worker is a fake that records what it was posted.
 */
import { ExchangeLog } from '../../src/core/capture/exchange-log';
import type { MergedExchange } from '../../src/core/capture/capture-merge';
import { initialRecording, logFilter, togglePause, clearRecording } from '../../panel/state/recording';
import type { ToWorker } from '../../panel/worker/messages';
import { WorkerClient } from '../../panel/worker/worker-client';

let posted: ToWorker[] = [];
beforeAll(() => {
  (globalThis as { Worker?: unknown }).Worker = class {
    onmessage = null;
    onerror = null;
    postMessage(m: ToWorker) {
      posted.push(m);
    }
  };
});
afterAll(() => {
  delete (globalThis as { Worker?: unknown }).Worker;
});

const row = (id: string, startedAt: number): MergedExchange => ({
  exchange: {
    id,
    transport: 'sse',
    url: 'http://127.0.0.1:1/__ui__',
    startedAt,
    requestBody: `b${id}`,
    responseText: 'data: <stream_end>\n\n',
  },
  sources: ['hook'],
  sourceIds: { hook: id },
  complete: true,
  pending: false,
  problems: [],
});
const source = { kind: 'live' as const, name: 't' };
const summary = () => {
  const out = posted.map((m) => {
    if (m.type === 'append' || m.type === 'reset') return `${m.type} ${m.exchanges.map((e) => e.id).join(',')}`;
    if (m.type === 'drop') return `drop ${m.through}`;
    return m.type;
  });
  posted = [];
  return out;
};

it('appends each entry once, drops through a number, and starts again only when it must', () => {
  const client = new WorkerClient('w.js');
  const log = new ExchangeLog();
  let rec = initialRecording(false);
  const sync = () => client.sync(log, logFilter(rec, []), source);
  [1000, 1001].forEach((t, i) => log.append(row(`h${i}`, t)));
  sync();
  expect(summary()).toEqual(['reset 1,2']);
  sync();
  expect(summary()).toEqual([]); // nothing new: nothing sent
  log.append(row('h2', 1002));
  sync();
  expect(summary()).toEqual(['append 3']);

  // The memory bound drops the two oldest: one message, by number.
  log.dropOldest(2);
  log.append(row('h3', 1003));
  sync();
  expect(summary()).toEqual(['drop 2', 'append 4']);

  // Paused: an event started meanwhile never reaches the worker, even once resumed.
  rec = togglePause(rec, 2000);
  log.append(row('h4', 2001));
  sync();
  rec = togglePause(rec, 3000);
  log.append(row('h5', 3001));
  sync();
  expect(summary()).toEqual(['append 6']);

  // A clear drops through the last entry started before it.
  rec = clearRecording(rec, 3500);
  log.append(row('h6', 3600));
  sync();
  expect(summary()).toEqual(['drop 6', 'append 7']);

  // An entry rewritten in a way the analysis sees: everything shown is sent again.
  log.replace(7, { ...row('h6', 3600), problems: ["hook and DevTools network responses differ; showing the hook's"] });
  sync();
  expect(summary()).toEqual(['reset 7']);
  // Another log (a HAR loaded in the fixture page): again.
  const other = new ExchangeLog();
  other.append(row('x', 4000));
  client.sync(other, logFilter(rec, []), source);
  expect(summary()).toEqual(['reset 1']);
});
