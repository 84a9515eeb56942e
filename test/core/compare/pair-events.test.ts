/**
 * pairEvents, the one pairing of two runs' events (dev-mode A/B, MCP, `--baseline`), on hand-made
 * events whose figures are written out here: the expected numbers are sums done by hand.
 */
import { pairEvents, type ComparableEvent } from '../../../src/core/compare';

function ev(
  index: number,
  kind: ComparableEvent['kind'],
  up: number,
  down: number,
  opts: {
    handlerId?: string;
    retry?: boolean;
    stateUp?: number[];
    stateDown?: number[];
    held?: number[];
    ms?: number;
  } = {},
): ComparableEvent {
  return {
    index,
    kind,
    tokenRetry: opts.retry ?? false,
    ...(opts.handlerId !== undefined ? { handlerId: opts.handlerId } : {}),
    ...(opts.ms !== undefined ? { durationMs: opts.ms } : {}),
    request: { bytes: up, stateBytes: opts.stateUp ?? [] },
    response: { bytes: down, stateBytes: opts.stateDown ?? [] },
    mirror: { stateBytes: opts.held ?? [] },
  };
}

it('pairs by position, and lists the events of the longer run against null', () => {
  const a = [ev(0, 'init', 10, 100), ev(1, 'click', 20, 200, { handlerId: 'h' })];
  const b = [
    ev(0, 'init', 11, 90),
    ev(1, 'click', 25, 180, { handlerId: 'h' }),
    ev(2, 'click', 30, 300, { handlerId: 'h' }),
  ];
  const pairs = pairEvents(a, b);
  expect(pairs.map((p) => [p.position, p.a?.index ?? null, p.b?.index ?? null, p.matched])).toEqual([
    [0, 0, 0, true],
    [1, 1, 1, true],
    [2, null, 2, false],
  ]);
  expect(pairs[0]!.delta).toEqual({ up: 1, down: -10, stateUp: 0, stateDown: 0, heldState: 0, timeMs: null });
  expect(pairs[2]!.delta).toBeNull();
  // The other way round: the baseline had more.
  expect(pairEvents(b, a).map((p) => [p.a?.index ?? null, p.b?.index ?? null, p.delta])).toEqual([
    [0, 0, expect.anything()],
    [1, 1, expect.anything()],
    [2, null, null],
  ]);
});

it('folds a token retry on one side into the event it retries, so later events stay paired', () => {
  const a = [
    ev(0, 'init', 10, 100, { ms: 5 }),
    ev(1, 'click', 400, 50, { handlerId: 'h', stateUp: [300], held: [300], ms: 7 }),
    ev(2, 'click', 500, 60, { handlerId: 'h', stateUp: [400], held: [400], ms: 9 }),
  ];
  const b = [
    ev(0, 'init', 10, 120, { ms: 5 }),
    ev(1, 'click', 90, 40, { handlerId: 'h', stateDown: [8], held: [290], ms: 4 }),
    ev(2, 'click', 410, 50, { handlerId: 'h', retry: true, stateUp: [310], held: [310], ms: 6 }),
    ev(3, 'click', 90, 45, { handlerId: 'h', held: [420], ms: 3 }),
  ];
  const pairs = pairEvents(a, b);
  expect(pairs).toHaveLength(3);
  expect(pairs.every((p) => p.matched)).toBe(true);
  // b's event #1 and its retry #2 are one action: 90 + 410 up, 40 + 50 down, 4 + 6 ms, held after the retry.
  expect(pairs[1]!.b).toEqual({
    index: 1,
    kind: 'click',
    handlerId: 'h',
    up: 500,
    down: 90,
    stateUp: 310,
    stateDown: 8,
    heldState: 310,
    timeMs: 10,
    tokenRetries: 1,
  });
  expect(pairs[1]!.delta).toEqual({ up: 100, down: 40, stateUp: 10, stateDown: 8, heldState: 10, timeMs: 3 });
  // b's event #3 pairs with a's #2 (the retry did not shift it).
  expect([pairs[2]!.a!.index, pairs[2]!.b!.index]).toEqual([2, 3]);
  expect(pairs[2]!.delta).toEqual({ up: -410, down: -15, stateUp: -400, stateDown: 0, heldState: 20, timeMs: -6 });
});

it("a retry with an unmeasured duration makes the action's time unknown", () => {
  const b = [ev(0, 'click', 1, 1, { handlerId: 'h', ms: 4 }), ev(1, 'click', 1, 1, { handlerId: 'h', retry: true })];
  expect(pairEvents(b, b)[0]!.a!.timeMs).toBeNull();
  expect(pairEvents(b, b)[0]!.delta!.timeMs).toBeNull();
});

it('a retry with nothing before it stays an event of its own', () => {
  const pairs = pairEvents([ev(0, 'click', 5, 5, { handlerId: 'h', retry: true })], []);
  expect(pairs).toEqual([
    {
      position: 0,
      a: expect.objectContaining({ index: 0, up: 5, tokenRetries: 0 }),
      b: null,
      matched: false,
      delta: null,
    },
  ]);
});

it('flags pairs whose kind or handler differ, and still gives their deltas', () => {
  const a = [
    ev(0, 'click', 10, 10, { handlerId: 'h' }),
    ev(1, 'click', 10, 10, { handlerId: 'h' }),
    ev(2, 'click', 10, 10),
  ];
  const b = [
    ev(0, 'string_value', 12, 10, { handlerId: 'h' }),
    ev(1, 'click', 10, 10, { handlerId: 'g' }),
    ev(2, 'click', 10, 10),
  ];
  const pairs = pairEvents(a, b);
  expect(pairs.map((p) => p.matched)).toEqual([false, false, true]);
  expect(pairs[0]!.delta!.up).toBe(2);
});

it('two empty runs make no pairs', () => {
  expect(pairEvents([], [])).toEqual([]);
});
