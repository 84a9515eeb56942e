/**
 * A maxIncrease budget that fails against the baseline names its worst event, like any failed
 * budget: check's own evaluation (evaluateRun, aggregateFlow) on recorded fixtures' traffic, the
 * chat fixture as the baseline and the image fixture as the run. Expected numbers: the oracle files.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { aggregateFlow } from '../../src/cli/check/aggregate-flow';
import { evaluateRun } from '../../src/cli/check/evaluate-run';
import { defaultAdviceConfig } from '../../src/core/advise/advice-config';
import { normalizeBudgets } from '../../src/core/budget/normalize-budgets';
import { validateConfig } from '../../src/core/config/validate-config';
import { harToExchanges } from '../../src/core/capture/har';
import {
  CHECK_REPORT_SCHEMA,
  CHECK_REPORT_VERSION,
  summarize,
  type CheckReport,
} from '../../src/core/report/check-report';
import { applyRelativeBudgets, dropAdvanceBlame } from '../../src/core/report/relative-budgets';
import { FIXTURES_DIR, oracle } from '../support/fixture-analysis';

const checked = validateConfig(
  { budgets: { assertions: { 'request-bytes': ['error', { maxIncrease: '10%' }] } } },
  { file: 'c.json' },
);
const assertions = normalizeBudgets(
  checked.ok
    ? checked.config.budgets!
    : (() => {
        throw new Error('bad config');
      })(),
);

function checkOf(fixture: string, runs: number): CheckReport {
  const exchanges = harToExchanges(readFileSync(join(FIXTURES_DIR, `${fixture}.har`), 'utf8')).exchanges;
  const results = Array.from({ length: runs }, () =>
    evaluateRun('flow', exchanges, assertions, defaultAdviceConfig(), 1000),
  );
  const flows = [aggregateFlow('flow', 'test', results, 'median')];
  const summary = summarize(flows);
  return {
    schema: CHECK_REPORT_SCHEMA,
    version: CHECK_REPORT_VERSION,
    generatedAt: 'x',
    tool: { name: 'mesop-devtools', version: 't' },
    app: { origin: '', command: null },
    config: null,
    runs,
    aggregate: 'median',
    passed: summary.failed === 0,
    summary,
    flows,
    baseline: null,
  };
}

it.each([1, 3])('blames the worst event of a relative failure (%i run(s)), and nothing when it holds', (runs) => {
  const requests = oracle('image').events.map((e) => e.request.wireBytes);
  const worst = requests.indexOf(Math.max(...requests));
  const failed = applyRelativeBudgets(checkOf('image', runs), checkOf('chat', runs), 'baseline.json').flows[0]!
    .budgets[0]!;
  expect(failed).toMatchObject({
    passed: false,
    blame: { event: { index: worst, kind: oracle('image').events[worst]!.kind, handler: 'on_touch' } },
  });
  const held = applyRelativeBudgets(checkOf('chat', runs), checkOf('image', runs), 'baseline.json').flows[0]!
    .budgets[0]!;
  expect(held.passed).toBe(true);
  expect(held.blame).toBeUndefined();
  expect(dropAdvanceBlame(checkOf('image', runs)).flows[0]!.budgets[0]!.blame).toBeUndefined();
});
