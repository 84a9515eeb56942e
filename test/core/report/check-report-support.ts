/** A check report built from recorded fixtures through the real core (no browser), for renderer tests. */
import { advise } from '../../../src/core/advise/registry';
import { evaluateBudgets } from '../../../src/core/budget/evaluate';
import { normalizeBudgets } from '../../../src/core/budget/normalize-budgets';
import { checkReportFromPayload, summarize, type CheckReport } from '../../../src/core/report/check-report';
import { buildJsonReport } from '../../../src/core/report/json-report';
import type { PayloadReport } from '../../../src/core/report/report-types';
import { fixtureAnalysis } from '../../support/fixture-analysis';

export function payloadReport(fixture: string, requestMax = 100_000): PayloadReport {
  const analysis = fixtureAnalysis(fixture);
  const budgets = evaluateBudgets(
    analysis,
    normalizeBudgets({
      preset: 'recommended',
      aggregate: 'median',
      scopes: [],
      assertions: { 'request-bytes': { level: 'error', max: requestMax } },
      fields: { '*': { level: 'warn', max: 500_000 } },
    }),
  );
  return {
    ...buildJsonReport(analysis, {
      toolVersion: '0.0.0-test',
      source: { kind: 'check', name: fixture },
      generatedAt: '2026-01-01T00:00:00.000Z',
    }),
    findings: advise(analysis),
    budgets,
  };
}

/** Two flows (chat passes, image fails its request budget), as `check` would report them. */
export function twoFlowReport(): CheckReport {
  const chat = checkReportFromPayload(payloadReport('chat'), 'chat');
  const image = checkReportFromPayload(payloadReport('image'), 'image <big> & "quoted"');
  const failed = image.flows[0]!.budgets.find((b) => b.id === 'request-bytes')!;
  failed.blame = {
    event: { index: 2, kind: 'click', handler: 'on_touch' },
    field: { stateClass: 1, path: 'image_data_url', bytes: 1_070_000, share: 0.99 },
  };
  const flows = [...chat.flows, ...image.flows];
  const summary = summarize(flows);
  return {
    ...chat,
    flows,
    summary,
    passed: summary.failed === 0,
    app: { origin: 'http://127.0.0.1:1', command: 'mesop main.py --port {port}' },
  };
}

/**
 * GitHub-flavoured Markdown -> HTML with `marked`. marked ships ESM only (through its exports map),
 * which jest's CommonJS runtime cannot load; its UMD build is the same code, so load that by path.
 */
export function markdownToHtml(md: string): string {
  const { marked } = require(
    require('node:path').join(__dirname, '../../../node_modules/marked/lib/marked.umd.js'),
  ) as { marked: { parse(s: string, o: object): string } };
  return marked.parse(md, { gfm: true, async: false });
}
