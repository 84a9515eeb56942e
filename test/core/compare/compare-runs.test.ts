/** compareRuns on hand-made events: pairing, token-retry folding, totals and the saving. */
import { compareRuns } from '../../../src/core/compare';
import type { MesopEvent } from '../../../src/core/session/event';
import type { Session } from '../../../src/core/session/session';

function ev(
  index: number,
  kind: MesopEvent['kind'],
  up: number,
  down: number,
  stateUp: number[],
  opts: Partial<MesopEvent> = {},
): MesopEvent {
  return {
    index,
    exchangeId: String(index),
    transport: 'sse',
    kind,
    startedAt: 0,
    durationMs: 10,
    tokenRetry: false,
    handlerId: kind === 'init' ? undefined : 'h',
    request: { bytes: up, account: {} as never, stateUpload: stateUp.length ? 'full' : 'token', stateBytes: stateUp },
    response: {
      bytes: down,
      account: {} as never,
      messages: 2,
      stateDownload: 'diff',
      stateBytes: [5],
      componentTree: 'diff',
      streamEnded: true,
    },
    mirror: { stateBytes: [100] },
    problems: [],
    ...opts,
  } as MesopEvent;
}
const session = (events: MesopEvent[], backend: Session['backend']): Session => ({
  events,
  transport: 'sse',
  backend,
  stateClasses: 1,
  mirror: [],
  problems: [],
});

it('pairs events, folds token retries into B and measures the saving', () => {
  const a = session(
    [ev(0, 'init', 50, 900, []), ev(1, 'click', 400, 100, [300]), ev(2, 'click', 600, 100, [500])],
    'none',
  );
  const b = session(
    [
      ev(0, 'init', 50, 930, []),
      ev(1, 'click', 90, 120, []),
      ev(2, 'click', 90, 60, []),
      ev(3, 'click', 600, 120, [500], { tokenRetry: true }),
    ],
    'server-side',
  );
  const c = compareRuns(a, b, { a: 'none', b: 'memory' });
  expect(c.sameFlow).toBe(true);
  expect(c.rows).toHaveLength(3);
  expect(c.rows[1]!.delta).toEqual({ up: -310, down: 20, stateUp: -300, stateDown: 0, heldState: 0, timeMs: 0 });
  expect(c.rows[2]!.b).toMatchObject({ up: 690, down: 180, stateUp: 500, tokenRetries: 1, timeMs: 20 });
  expect(c.saving.up).toBe(1050 - 830);
  expect(c.saving.total).toBe(1050 + 1100 - (830 + 1230));
  expect(c.saving.upShare).toBeCloseTo(220 / 1050);
});

it('flags flows that differ and lists unpaired events', () => {
  const a = session([ev(0, 'init', 1, 1, []), ev(1, 'click', 1, 1, [1])], 'none');
  const b = session(
    [ev(0, 'init', 1, 1, []), ev(1, 'string_value', 1, 1, []), ev(2, 'click', 1, 1, [])],
    'server-side',
  );
  const c = compareRuns(a, b);
  expect(c.sameFlow).toBe(false);
  expect(c.rows.map((r) => r.matched)).toEqual([true, false, false]);
  expect(c.rows[2]).toMatchObject({ a: null, delta: null });
  expect(c.totals.b.events).toBe(3);
});
