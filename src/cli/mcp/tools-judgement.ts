/**
 * What to do about a session: the advice rules' findings, the budgets, and the comparison with a
 * baseline. Each answer is the report's own data (src/core/advise, src/core/budget,
 * src/core/compare), so it is what `analyze`, `check` and the panel say.
 */
import { resolve } from 'node:path';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import {
  type BudgetResult,
  type BudgetsConfig,
  CHECK_REPORT_SCHEMA,
  type CheckReport,
  compareRuns,
  evaluateBudgets,
  normalizeBudgets,
  type PayloadReport,
  reportRun,
} from '../../core';
import { readBaseline } from '../check/baseline-file';
import { resolveConfig } from '../config/load-config';
import { UserError, USER_ERRORS } from '../user-error';
import type { ServerContext } from './context';
import type { StoredSession } from './sessions';
import { answer, guarded, ToolInputError } from './tool-kit';

const RECOMMENDED: BudgetsConfig = {
  preset: 'recommended',
  aggregate: 'median',
  assertions: {},
  fields: {},
  scopes: [],
};
const MAX_ROWS = 200;

const fieldRef = z
  .object({ stateClass: z.number().int().describe('State class number, from 1'), path: z.string() })
  .passthrough();

/** The report's Finding (src/core/advise/finding.ts); objects stay open, as the report grows additively. */
const findingShape = z
  .object({
    id: z.string().describe('Stable id: <rule> or <rule>:<subject>'),
    ruleId: z.string(),
    level: z.enum(['info', 'warn', 'error']),
    title: z.string(),
    evidence: z
      .object({
        numbers: z.record(z.number()).describe('Named measurements, in bytes unless the name says otherwise'),
        events: z.array(z.number().int()).describe('Event indices the numbers come from'),
        paths: z.array(fieldRef).describe('State fields concerned'),
      })
      .passthrough(),
    advice: z.string().describe('What to do, in sentences'),
    envLines: z
      .array(z.string())
      .describe("Exact lines for the app's .env (Mesop reads it at start: restart to apply)"),
    effect: z
      .object({
        direction: z.enum(['up', 'down']),
        bytesPerEvent: z.number().describe('Mean wire bytes saved per affected event by following the advice'),
        maxBytesPerEvent: z.number().optional().describe('The most saved on one event'),
        sessionBytes: z.number().optional().describe('Bytes saved over the whole recorded session'),
        secondsPerEventSlow4G: z.number(),
        secondsPerEvent3G: z.number(),
      })
      .passthrough()
      .describe('What following the advice saves'),
  })
  .passthrough();

const budgetShape = z
  .object({
    id: z.string(),
    level: z.enum(['warn', 'error']),
    unit: z.string(),
    expected: z.number().describe('The limit'),
    actual: z.number().describe('The measured value (event and field budgets: the worst event)'),
    passed: z.boolean(),
    message: z.string(),
    events: z.array(z.number().int()).describe('Events over the limit'),
    paths: z.array(fieldRef).optional(),
    runs: z
      .object({ method: z.string(), actuals: z.array(z.number()) })
      .optional()
      .describe("runs > 1: each run's value and how they were combined"),
    flow: z.string().optional(),
    blame: z
      .object({})
      .passthrough()
      .optional()
      .describe('run_flow sessions: the event and field a failure is blamed on'),
  })
  .passthrough();

const totalsShape = z.object({
  up: z.number(),
  down: z.number(),
  stateUp: z.number(),
  stateDown: z.number(),
  timeMs: z.number().nullable(),
  events: z.number().int(),
});

export function registerJudgementTools(server: McpServer, ctx: ServerContext): void {
  server.registerTool(
    'findings',
    {
      title: 'What to change',
      description:
        "The advice rules' findings for a session, most severe first: what was seen (numbers, events, field paths), what to do, " +
        'the exact .env lines when a setting fixes it, and the effect (bytes saved per event, seconds on Slow 4G and 3G). Call this right after analyze_har or run_flow.',
      inputSchema: { session: z.string() },
      outputSchema: { session: z.string(), findings: z.array(findingShape) },
      annotations: { readOnlyHint: true },
    },
    guarded(({ session }) => {
      const s = ctx.sessions.get(session);
      const f = s.report.findings;
      return answer(
        { session, findings: f },
        f.length
          ? `${f.length} finding(s): ${f.map((x) => `[${x.level}] ${x.title}`).join('; ')}`
          : 'No findings: nothing the rules would change.',
      );
    }),
  );

  server.registerTool(
    'budgets',
    {
      title: 'Budget results',
      description:
        'Evaluates payload budgets on a session. For a HAR session: the budgets of `config` if given, else of the config it was analyzed with, ' +
        'else the recommended preset. For a run_flow session: the budgets its check aggregated and blamed (give a config to run_flow instead).',
      inputSchema: {
        session: z.string(),
        config: z.string().optional().describe('A mesop-devtools config file with "budgets"'),
      },
      outputSchema: {
        session: z.string(),
        source: z.string().describe('Where the budgets come from'),
        passed: z.boolean().describe('No "error" budget failed'),
        budgets: z.array(budgetShape),
      },
      annotations: { readOnlyHint: true },
    },
    guarded(async ({ session, config }) => {
      const s = ctx.sessions.get(session);
      const { results, source } = await budgetsOf(ctx, s, config);
      const failed = results.filter((b) => !b.passed && b.level === 'error');
      return answer(
        { session, source, passed: failed.length === 0, budgets: results },
        `${results.length} budget(s) from ${source}: ${failed.length} failed, ${results.filter((b) => !b.passed && b.level === 'warn').length} warned.`,
      );
    }),
  );

  server.registerTool(
    'compare',
    {
      title: 'Compare with a baseline',
      description:
        'Event by event, the session against a baseline (another session id, or a report file from `analyze --json` or `check --out`): ' +
        'bytes up and down and state bytes up and down per event, totals, and the saving (positive = the session sends less than the baseline). ' +
        `Rows are paginated (at most ${MAX_ROWS} per call).`,
      inputSchema: {
        baseline: z.string().describe('A session id (s1, ...) or a report JSON file'),
        session: z.string().describe('The session to compare with it'),
        offset: z.number().int().min(0).default(0),
        limit: z.number().int().min(1).max(MAX_ROWS).default(50),
      },
      outputSchema: {
        baseline: z.string(),
        session: z.string(),
        sameFlow: z.boolean().describe('Every position has the same event kind and handler on both sides'),
        totals: z.object({ baseline: totalsShape, session: totalsShape }),
        saving: z
          .object({ up: z.number(), down: z.number(), total: z.number(), upShare: z.number(), totalShare: z.number() })
          .describe('Bytes the session saves over the baseline on paired events (negative: it sends more)'),
        rows: z
          .array(z.object({}).passthrough())
          .describe('Per position: baseline figures (a), session figures (b), delta (b - a)'),
        totalRows: z.number().int(),
        offset: z.number().int(),
        nextOffset: z.number().int().nullable(),
      },
      annotations: { readOnlyHint: true },
    },
    guarded(async ({ baseline, session, offset, limit }) => {
      const s = ctx.sessions.get(session);
      const base = await baselineReport(ctx, baseline, s);
      const cmp = compareRuns(reportRun(base), reportRun(s.report), { a: baseline, b: session });
      const rows = cmp.rows.slice(offset, offset + limit);
      const next = offset + rows.length < cmp.rows.length ? offset + rows.length : null;
      return answer(
        {
          baseline,
          session,
          sameFlow: cmp.sameFlow,
          totals: { baseline: cmp.totals.a, session: cmp.totals.b },
          saving: cmp.saving,
          rows,
          totalRows: cmp.rows.length,
          offset,
          nextOffset: next,
        },
        `${session} vs ${baseline}: saves ${cmp.saving.total} bytes (${(cmp.saving.totalShare * 100).toFixed(1)}%) over ${Math.min(cmp.totals.a.events, cmp.totals.b.events)} paired event(s)${cmp.sameFlow ? '' : '; the flows differ'}.`,
      );
    }),
  );
}

async function budgetsOf(
  ctx: ServerContext,
  s: StoredSession,
  config: string | undefined,
): Promise<{ results: BudgetResult[]; source: string }> {
  if (s.checkBudgets) {
    if (config)
      throw new ToolInputError(
        `Session ${s.id} comes from run_flow, whose budgets are its check's; call run_flow with config "${config}" instead.`,
      );
    return { results: s.checkBudgets, source: 'the check run' };
  }
  if (!config && s.report.budgets.length)
    return { results: s.report.budgets, source: 'the config it was analyzed with' };
  const loaded = config ? await resolveConfig(ctx.proc, config) : undefined;
  if (config && !loaded?.config.budgets)
    throw new UserError(
      USER_ERRORS.BAD_CONFIG,
      `${loaded?.file ?? config} has no "budgets" key`,
      'add "budgets": {"preset": "recommended"}',
    );
  const budgets = loaded?.config.budgets ?? RECOMMENDED;
  return {
    results: evaluateBudgets(s.analysis!, normalizeBudgets(budgets)),
    source: loaded ? loaded.file : 'the recommended preset',
  };
}

/** A session's report, or a report file's (a check report: the flow of the same name, else its only flow). */
async function baselineReport(
  ctx: ServerContext,
  baseline: string,
  s: StoredSession,
): Promise<Pick<PayloadReport, 'events' | 'session'>> {
  if (/^s\d+$/.test(baseline)) return ctx.sessions.get(baseline).report;
  const file = await readBaseline(resolve(ctx.proc.cwd(), baseline), baseline);
  if (file.schema !== CHECK_REPORT_SCHEMA) return file as PayloadReport;
  const flows = (file as CheckReport).flows;
  const name = s.origin.kind === 'flow' ? s.origin.flow : undefined;
  const flow = flows.find((f) => f.name === name) ?? (flows.length === 1 ? flows[0] : undefined);
  if (!flow)
    throw new ToolInputError(
      `${baseline} has ${flows.length} flows (${flows.map((f) => f.name).join(', ')}) and none is named like session ${s.id}'s.`,
    );
  return flow.report;
}
