/**
 * The Playwright reporter on the attachments tests leave: each a one-flow check report built by the
 * same pieces as `check` (evaluateRun + aggregateFlow on a recorded session), gathered into one
 * report with check's outputs, and compared with a baseline as `check --baseline` does.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { adviceConfigFrom } from '../../src/core/config/advice-config-from';
import { normalizeBudgets } from '../../src/core/budget/normalize-budgets';
import { harToExchanges } from '../../src/core/capture/har';
import {
  CHECK_REPORT_SCHEMA,
  CHECK_REPORT_VERSION,
  summarize,
  type CheckReport,
} from '../../src/core/report/check-report';
import { aggregateFlow } from '../../src/cli/check/aggregate-flow';
import { evaluateRun } from '../../src/cli/check/evaluate-run';
import MesopPayloadReporter from '../../src/playwright/reporter';
import { FIXTURES_DIR } from '../support/fixture-analysis';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'pw-reporter-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** What the fixture attaches for a test: the recorded chat session under a budget on uploads. */
function testReport(name: string, maxUpload: string): CheckReport {
  const { exchanges } = harToExchanges(readFileSync(join(FIXTURES_DIR, 'chat.har'), 'utf8'));
  const assertions = normalizeBudgets({
    aggregate: 'median',
    assertions: { 'total-request-bytes': { level: 'error', max: parseInt(maxUpload, 10) } },
    fields: {},
    scopes: [],
  });
  const flow = aggregateFlow(
    name,
    'tests/chat.spec.ts',
    [evaluateRun(name, exchanges, assertions, adviceConfigFrom(undefined), 1000)],
    'median',
  );
  const summary = summarize([flow]);
  return {
    schema: CHECK_REPORT_SCHEMA,
    version: CHECK_REPORT_VERSION,
    generatedAt: '2026-01-01T00:00:00.000Z',
    tool: { name: 'mesop-devtools', version: '0.1.0' },
    app: { origin: 'http://127.0.0.1:1', command: null },
    config: null,
    runs: 1,
    aggregate: 'median',
    passed: summary.failed === 0,
    summary,
    flows: [flow],
    baseline: null,
  };
}

async function runReporter(
  options: ConstructorParameters<typeof MesopPayloadReporter>[0],
  tests: CheckReport[],
): Promise<CheckReport> {
  const reporter = new MesopPayloadReporter({ outputDir: 'out', ...options });
  reporter.onBegin({
    configFile: join(dir, 'playwright.config.ts'),
    rootDir: dir,
    projects: [{ name: 'chromium' }],
  } as never);
  for (const r of tests) {
    const attachment = {
      name: 'mesop-payload.json',
      contentType: 'application/json',
      body: Buffer.from(JSON.stringify(r)),
    };
    reporter.onTestEnd(
      { parent: { project: () => ({ name: 'chromium' }) } } as never,
      { attachments: [attachment] } as never,
    );
  }
  const log = jest.spyOn(console, 'log').mockImplementation(() => undefined);
  await reporter.onEnd();
  log.mockRestore();
  return JSON.parse(readFileSync(join(dir, 'out/report.json'), 'utf8'));
}

it('gathers every test into one check report and writes JSON, JUnit, Markdown and HTML', async () => {
  const report = await runReporter({}, [testReport('small', '100000'), testReport('strict', '1000')]);
  expect(report.flows.map((f) => f.name)).toEqual(['small', 'strict']);
  expect(report.summary).toMatchObject({ budgets: 2, failed: 1 });
  expect(report.passed).toBe(false);
  const junit = readFileSync(join(dir, 'out/junit.xml'), 'utf8');
  expect(junit).toMatch(/<testsuite name="strict"[^>]*failures="1"/);
  expect(readFileSync(join(dir, 'out/comment.md'), 'utf8')).toMatch(/\| strict \| `total-request-bytes` \|/);
  expect(readFileSync(join(dir, 'out/report.html'), 'utf8')).toMatch(/^<!doctype html>/);
});

it('compares with a baseline as check --baseline does', async () => {
  const baseline = testReport('small', '100000');
  baseline.flows[0]!.report.session.totals.requestBytes -= 500; // the baseline uploaded 500 B less
  writeFileSync(join(dir, 'baseline.json'), JSON.stringify(baseline));
  const report = await runReporter({ baseline: 'baseline.json' }, [testReport('small', '100000')]);
  const flow = report.baseline!.flows.find((f) => f.name === 'small')!;
  expect(flow.status).toBe('compared');
  expect(flow.totals.requestBytes.change).toBe(500);
});

it('skips a file it is told to skip', async () => {
  await runReporter({ html: false, junit: 'pw-junit.xml' }, [testReport('small', '100000')]);
  expect(() => readFileSync(join(dir, 'out/report.html'))).toThrow();
  expect(readFileSync(join(dir, 'out/pw-junit.xml'), 'utf8')).toMatch(/<testsuites/);
});
