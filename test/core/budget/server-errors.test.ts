/** `server-errors` and `token-misses`: counted from the recorded fixtures, checked against the oracle's `response.error`. */
import { budgetsFailed } from '../../../src/core/budget/aggregate-runs';
import type { BudgetsConfig } from '../../../src/core/config/config-types';
import { evaluateBudgets } from '../../../src/core/budget/evaluate';
import { normalizeBudgets } from '../../../src/core/budget/normalize-budgets';
import { fixtureAnalysis, oracle } from '../../support/fixture-analysis';

const TOKEN_MISS = 'Token not found in state session backend.';
const recommended: BudgetsConfig = {
  preset: 'recommended',
  aggregate: 'median',
  assertions: {},
  fields: {},
  scopes: [],
};
const evaluate = (fixture: string) => evaluateBudgets(fixtureAnalysis(fixture), normalizeBudgets(recommended));

describe('server-errors budget (recommended: error, max 0)', () => {
  it('fails on the handler that raised, naming the event, the handler and the exception', () => {
    const raised = oracle('error')
      .events.map((e, i) => ({ i, error: e.response.error }))
      .filter((e) => e.error !== null && e.error !== TOKEN_MISS);
    expect(raised.length).toBeGreaterThan(0);
    const r = evaluate('error').find((x) => x.id === 'server-errors')!;
    expect(r).toMatchObject({
      level: 'error',
      unit: 'count',
      expected: 0,
      actual: raised.length,
      passed: false,
      events: raised.map((e) => e.i),
    });
    expect(r.message).toContain(`event #${raised[0]!.i} click on_boom: ${raised[0]!.error!.split('\n')[0]}`);
    expect(budgetsFailed([r])).toBe(true);
  });

  it('holds on a session without errors, and does not count token misses', () => {
    expect(evaluate('chat').find((x) => x.id === 'server-errors')).toMatchObject({ actual: 0, passed: true });
    const misses = oracle('chat-token-miss').events.filter((e) => e.response.error === TOKEN_MISS).length;
    expect(misses).toBeGreaterThan(0);
    const results = evaluate('chat-token-miss');
    expect(results.find((x) => x.id === 'server-errors')).toMatchObject({ actual: 0, passed: true });
    expect(results.find((x) => x.id === 'token-misses')).toMatchObject({
      level: 'warn',
      actual: misses,
      passed: false,
    });
  });
});
