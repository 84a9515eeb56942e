/** Budgets evaluated on the recorded fixtures; expected numbers come from the oracle files. */
import { aggregateRuns, budgetsFailed } from '../../../src/core/budget/aggregate-runs';
import type { BudgetsConfig } from '../../../src/core/config/config-types';
import { evaluateBudgets } from '../../../src/core/budget/evaluate';
import { normalizeBudgets } from '../../../src/core/budget/normalize-budgets';
import { fixtureAnalysis, oracle } from '../../support/fixture-analysis';

const budgets = (b: Partial<BudgetsConfig>): BudgetsConfig => ({
  aggregate: 'median',
  assertions: {},
  fields: {},
  scopes: [],
  ...b,
});
const evaluate = (fixture: string, b: Partial<BudgetsConfig>) =>
  evaluateBudgets(fixtureAnalysis(fixture), normalizeBudgets(budgets(b)));
const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

describe('recommended preset', () => {
  it('fails the image app on request bytes (error) and upload state (warn)', () => {
    const results = evaluate('image', { preset: 'recommended' });
    const request = results.find((r) => r.id === 'request-bytes')!;
    expect(request).toMatchObject({
      level: 'error',
      expected: 1_000_000,
      actual: oracle('image').events[2]!.request.wireBytes,
      passed: false,
      events: [2],
    });
    expect(request.message).toBe('request-bytes: 1.4 MB at event #2 is over the 1.0 MB budget by 427 kB [error]');
    expect(results.find((r) => r.id === 'upload-state-bytes')).toMatchObject({
      level: 'warn',
      actual: 1070147,
      passed: false,
    });
    expect(results.map((r) => r.id)).not.toContain('event-count'); // off in the preset
    expect(budgetsFailed(results)).toBe(true);
  });

  it('passes the chat', () => {
    const results = evaluate('chat', { preset: 'recommended' });
    expect(results.every((r) => r.passed)).toBe(true);
    expect(budgetsFailed(results)).toBe(false);
  });

  it('a bare level keeps the preset max; user entries override it', () => {
    const [r] = normalizeBudgets(budgets({ assertions: { 'request-bytes': { level: 'warn' } } }));
    expect(r).toMatchObject({ id: 'request-bytes', level: 'warn', max: 1_000_000 });
    const withPreset = normalizeBudgets(
      budgets({
        preset: 'recommended',
        assertions: { 'request-bytes': { level: 'error', max: 2000 }, 'response-bytes': { level: 'off' } },
      }),
    );
    expect(withPreset.find((a) => a.id === 'request-bytes')).toMatchObject({ max: 2000 });
    expect(withPreset.find((a) => a.id === 'request-bytes')!.reason).toBeUndefined();
    expect(withPreset.find((a) => a.id === 'upload-state-bytes')!.reason).toMatch(/Slow 4G/);
    expect(withPreset.map((a) => a.id)).not.toContain('response-bytes');
  });
});

describe('per-event, per-session and scoped budgets', () => {
  it('lists every event over the limit and reports the worst', () => {
    const expected = oracle('chat').events;
    const [r] = evaluate('chat', { assertions: { 'request-bytes': { level: 'error', max: 2000 } } });
    expect(r).toMatchObject({
      actual: Math.max(...expected.map((e) => e.request.wireBytes)),
      passed: false,
      events: [13, 14],
    });
  });

  it('session metrics: totals, event count, growth per event', () => {
    const expected = oracle('chat').events;
    const results = evaluate('chat', {
      assertions: {
        'total-request-bytes': { level: 'warn', max: 100_000 },
        'event-count': { level: 'error', max: 10 },
        'state-growth-per-event': { level: 'warn', max: 100 },
      },
    });
    expect(results[0]).toMatchObject({ actual: sum(expected.map((e) => e.request.wireBytes)), passed: true });
    expect(results[1]).toMatchObject({ actual: 15, passed: false, unit: 'count' });
    expect(results[1]!.message).toBe('event-count: 15 is over the 10 budget by 5 (15 events over) [error]');
    expect(results[2]).toMatchObject({ actual: Math.round((1679 - 28) / 14), passed: false });
  });

  it('scopes by handler name and page path', () => {
    const results = evaluate('chat', {
      scopes: [
        { handler: 'on_send', assertions: { 'request-bytes': { level: 'error', max: 100_000 } }, fields: {} },
        { handler: 'on_blur', page: '/', assertions: { 'response-bytes': { level: 'warn', max: 1000 } }, fields: {} },
        { page: '/admin/**', assertions: { 'request-bytes': { level: 'error', max: 1 } }, fields: {} },
      ],
    });
    const expected = oracle('chat').events;
    expect(results[0]).toMatchObject({
      id: 'request-bytes@handler=on_send',
      actual: expected[14]!.request.wireBytes,
      passed: true,
    });
    expect(results[1]!.id).toBe('response-bytes@page=/,handler=on_blur');
    expect(results[1]!.events).toEqual([1, 3, 5, 7, 9, 11, 13]); // the blur events only
    expect(results[2]).toMatchObject({
      passed: true,
      message: 'request-bytes@page=/admin/**: no event in scope (check the page/handler of this budget)',
    });
  });
});

describe('field budgets', () => {
  it('`each` checks every matching field; `total` their sum (= the oracle aggregate)', () => {
    const results = evaluate('chat', {
      fields: {
        'history[*].content': { level: 'warn', max: 150 },
        'history[*].role': { level: 'error', max: 100, of: 'total' },
      },
    });
    expect(results[0]).toMatchObject({ id: 'field:history[*].content', passed: false });
    expect(results[0]!.actual).toBeGreaterThan(150);
    expect(results[0]!.paths!.every((p) => /^history\[\d+\]\.content$/.test(p.path))).toBe(true);
    // 14 roles after 7 sends: 7 x '"user"' (6 B) + 7 x '"bot"' (5 B) = 77 B, as measured.
    expect(results[1]).toMatchObject({ actual: 77, passed: true, events: [] });
  });

  it('`*.x` and `**` globs match by segment', () => {
    const [star, deep] = evaluate('image', {
      fields: { '*': { level: 'warn', max: 1_000_000 }, '**': { level: 'warn', max: 5000 } },
    });
    expect(star).toMatchObject({
      actual: oracle('image').events[2]!.mirror.fieldBytes![0]!.image_data_url,
      passed: false,
    });
    expect(deep!.paths).toEqual([{ stateClass: 1, path: 'image_data_url' }]);
  });
});

describe('aggregateRuns', () => {
  it('takes the median or the max over runs and recomputes pass/fail', () => {
    const base = { level: 'error' as const, unit: 'bytes' as const, expected: 1000, message: '', events: [1] };
    const runs = [
      [{ ...base, id: 'request-bytes', actual: 900, passed: true, events: [] }],
      [{ ...base, id: 'request-bytes', actual: 1200, passed: false }],
      [{ ...base, id: 'request-bytes', actual: 950, passed: true, events: [] }],
    ];
    const [median] = aggregateRuns(runs, 'median');
    expect(median).toMatchObject({ actual: 950, passed: true, runs: { method: 'median', actuals: [900, 1200, 950] } });
    const [max] = aggregateRuns(runs, 'max');
    expect(max).toMatchObject({ actual: 1200, passed: false, events: [1] });
    expect(max!.message).toBe('request-bytes (max of 3 runs): 1.2 kB is over the 1.0 kB budget by 200 B [error]');
  });
});
