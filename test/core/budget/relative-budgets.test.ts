/**
 * Budgets relative to the baseline (`maxIncrease`). The baseline is the chat fixture's report, the
 * current run the image fixture's, under one flow name; expected numbers come from the oracle files.
 */
import type { BudgetsConfig } from '../../../src/core/config/config-types';
import { evaluateBudgets } from '../../../src/core/budget/evaluate';
import { normalizeBudgets } from '../../../src/core/budget/normalize-budgets';
import { validateConfig } from '../../../src/core/config/validate-config';
import { formatConfigError } from '../../../src/core/config/config-error';
import { checkReportFromPayload } from '../../../src/core/report/check-report';
import { buildJsonReport } from '../../../src/core/report/json-report';
import { applyRelativeBudgets } from '../../../src/core/report/relative-budgets';
import { renderMarkdown } from '../../../src/core/report/markdown-report';
import { fixtureAnalysis, oracle } from '../../support/fixture-analysis';

const FILE = 'mesop-devtools.config.json';
const config = (assertions: unknown, fields: unknown = {}) => {
  const r = validateConfig({ budgets: { assertions, fields } }, { file: FILE });
  if (!r.ok) throw new Error(r.errors.map(formatConfigError).join('\n'));
  return r.config.budgets as BudgetsConfig;
};
const reportOf = (fixture: string, budgets: BudgetsConfig) => {
  const analysis = fixtureAnalysis(fixture);
  return checkReportFromPayload(
    {
      ...buildJsonReport(analysis, {
        toolVersion: 't',
        source: { kind: 'check', name: 'flow' },
        generatedAt: '2026-01-01T00:00:00.000Z',
      }),
      budgets: evaluateBudgets(analysis, normalizeBudgets(budgets)),
    },
    'flow',
  );
};
const maxRequest = (fixture: string) => Math.max(...oracle(fixture).events.map((e) => e.request.wireBytes));

describe('maxIncrease', () => {
  it('is validated: percentages and sizes pass, a bad value names the key and a fix', () => {
    expect(config({ 'request-bytes': ['error', { maxIncrease: '10%' }] }).assertions['request-bytes']).toEqual({
      level: 'error',
      maxIncrease: { kind: 'percent', value: 10 },
    });
    expect(
      config({ 'request-bytes': ['warn', { max: '1 MB', maxIncrease: '+5 kB' }] }).assertions['request-bytes'],
    ).toEqual({ level: 'warn', max: 1_000_000, maxIncrease: { kind: 'amount', value: 5000 } });
    expect(config({ 'event-count': ['warn', { maxIncrease: 2 }] }).assertions['event-count']).toEqual({
      level: 'warn',
      maxIncrease: { kind: 'amount', value: 2 },
    });
    const bad = validateConfig(
      {
        budgets: {
          assertions: {
            'request-bytes': ['error', { maxIncrease: '10 percent' }],
            'event-count': ['warn', { maxIncrease: '+2 kB' }],
          },
          fields: { '*.image': ['error', { maxIncrease: '5 kb' }] },
        },
      },
      { file: FILE },
    );
    expect(bad.ok).toBe(false);
    expect(bad.ok ? [] : bad.errors.map(formatConfigError)).toEqual([
      `${FILE}: budgets.assertions.request-bytes[1].maxIncrease: unknown size unit "percent" in "10 percent" (write a share of the baseline such as "10%", or a size such as "+5 kB" (units: B, kB, MB, GB, KiB, MiB, GiB))`,
      `${FILE}: budgets.assertions.event-count[1].maxIncrease: "+2 kB" is not an increase (write a share of the baseline such as "10%", or a count such as 2)`,
      `${FILE}: budgets.fields["*.image"][1].maxIncrease: unknown size unit "kb" in "5 kb" (did you mean "5 kB"? write a share of the baseline such as "10%", or a size such as "+5 kB" (units: B, kB, MB, GB, KiB, MiB, GiB))`,
    ]);
  });

  it('fails when the value grew more than allowed, naming the baseline and the change', () => {
    const budgets = config({
      'request-bytes': ['error', { maxIncrease: '10%' }],
      'event-count': ['warn', { maxIncrease: 100 }],
    });
    const before = reportOf('chat', budgets);
    const after = applyRelativeBudgets(reportOf('image', budgets), before, 'baseline.json');
    const r = after.flows[0]!.budgets.find((b) => b.id === 'request-bytes')!;
    const [was, now] = [maxRequest('chat'), maxRequest('image')];
    expect(r).toMatchObject({
      passed: false,
      actual: now,
      expected: was + Math.floor(was / 10),
      baseline: { file: 'baseline.json', before: was, change: now - was, allowed: Math.floor(was / 10) },
    });
    expect(r.message).toMatch(
      new RegExp(
        `^request-bytes: .*, \\+.* \\(\\+\\d+%\\) against the baseline baseline\\.json \\(.*\\), over the allowed \\+10% \\[error\\]$`,
      ),
    );
    expect(after.passed).toBe(false);
    expect(after.flows[0]!.budgets.find((b) => b.id === 'event-count')).toMatchObject({
      passed: true,
      baseline: {
        before: oracle('chat').events.length,
        change: oracle('image').events.length - oracle('chat').events.length,
      },
    });
    expect(renderMarkdown(after)).toMatch(/baseline `baseline\.json`: .*, change \+.*, allowed \+10%/);
    // the other way round it shrank: it holds
    expect(applyRelativeBudgets(reportOf('chat', budgets), reportOf('image', budgets), 'b.json').passed).toBe(true);
  });

  it('without a baseline a relative-only budget holds and says so; max still applies', () => {
    const report = reportOf(
      'image',
      config({
        'request-bytes': ['error', { maxIncrease: '10%' }],
        'response-bytes': ['error', { max: '1 kB', maxIncrease: '10%' }],
      }),
    );
    const [request, response] = ['request-bytes', 'response-bytes'].map((id) =>
      report.flows[0]!.budgets.find((b) => b.id === id)!,
    );
    expect(request).toMatchObject({ passed: true, relativeOnly: true });
    expect(request!.message).toMatch(/checked against the baseline only/);
    expect(response).toMatchObject({ passed: false, expected: 1000 });
  });
});
