import type { HookMessage } from '../../src/extension/protocol';
import { RelayOutbox } from '../../src/extension/relay-outbox';

const msg = (id: string): HookMessage => ({ type: 'sse-start', pageId: 'p', id, url: '/__ui__', startedAt: 0, requestBody: 'x' });
const ids = (batch: HookMessage[]) => batch.map((m) => (m as { id: string }).id);

describe('RelayOutbox: hook messages to the panel in batches', () => {
  let posted: HookMessage[][];
  beforeEach(() => { jest.useFakeTimers(); posted = []; });
  afterEach(() => jest.useRealTimers());

  test('what comes within the window goes as one batch, in order, when the window ends', () => {
    const box = new RelayOutbox((m) => posted.push(m), 50, 1000);
    box.add(msg('a'), 10);
    jest.advanceTimersByTime(30);
    box.add(msg('b'), 10);
    box.add(msg('c'), 10);
    expect(posted).toEqual([]);
    jest.advanceTimersByTime(20); // 50 ms after the first message, not after the last
    expect(posted.map(ids)).toEqual([['a', 'b', 'c']]);
    box.add(msg('d'), 10);
    jest.advanceTimersByTime(50);
    expect(posted.map(ids)).toEqual([['a', 'b', 'c'], ['d']]);
  });

  test('a batch never grows past the character bound: it goes at once', () => {
    const box = new RelayOutbox((m) => posted.push(m), 50, 100);
    box.add(msg('a'), 60);
    box.add(msg('b'), 60); // would make 120: a goes first, b waits
    expect(posted.map(ids)).toEqual([['a']]);
    box.add(msg('c'), 40); // 100: at the bound, goes now
    expect(posted.map(ids)).toEqual([['a'], ['b', 'c']]);
    box.add(msg('huge'), 500); // alone over the bound: goes alone, at once
    expect(posted.map(ids)).toEqual([['a'], ['b', 'c'], ['huge']]);
    jest.advanceTimersByTime(100);
    expect(posted).toHaveLength(3); // no empty batch from a stale timer
  });

  test('flush sends what waits now; clear forgets it (a new panel gets it in the backlog)', () => {
    const box = new RelayOutbox((m) => posted.push(m), 50, 1000);
    box.add(msg('a'), 10);
    box.flush();
    expect(posted.map(ids)).toEqual([['a']]);
    box.flush();
    expect(posted).toHaveLength(1);
    box.add(msg('b'), 10);
    box.clear();
    expect(box.waiting).toBe(0);
    jest.advanceTimersByTime(100);
    expect(posted).toHaveLength(1);
  });
});
