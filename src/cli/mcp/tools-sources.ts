/**
 * Where sessions come from: a recorded HAR (analyze_har) or a `check` run of the app's flows
 * (run_flow). Both go through the same entry points as the CLI commands, so the numbers, findings
 * and budgets are the ones `analyze` and `check` print.
 */
import { basename, dirname, resolve } from 'node:path';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import {
  adviceConfigFrom,
  type AggregationMethod,
  analyzeExchanges,
  BACKEND_NAMES,
  type BackendName,
  type BudgetsConfig,
  buildReport,
  DEPLOYMENTS,
  dropAdvanceBlame,
  normalizeBudgets,
} from '../../core';
import { findBrowser } from '../app/chromium';
import { QUIET_MS } from '../capture';
import { parseAppConfig } from '../check/app-config';
import { openApp } from '../check/open-app';
import type { Progress } from '../check/progress';
import { runCheck } from '../check/run-check';
import { readHar } from '../commands/analyze';
import { resolveConfig } from '../config/load-config';
import { DEFAULT_STEP_TIMEOUT_MS, loadFlows } from '../flows/load-flows';
import type { Flow } from '../flows/flow-types';
import { TOOL_VERSION } from '../tool-version';
import { UserError, USER_ERRORS } from '../user-error';
import type { ServerContext } from './context';
import { sessionSummaryShape, summarizeSession } from './summary';
import { answer, guarded } from './tool-kit';

/** Fields kept per event for top_fields; the report itself keeps analyze's 10. */
export const MAX_TOP_FIELDS = 100;
const REPORT_TOP_FIELDS = 10;
/** Same as `check`: how long the app may stay busy after a step. */
const IDLE_TIMEOUT_MS = 30_000;

const deployments = DEPLOYMENTS.filter((d) => d !== 'unknown') as [string, ...string[]];

export function registerSourceTools(server: McpServer, ctx: ServerContext): void {
  server.registerTool(
    'analyze_har',
    {
      title: 'Analyze a HAR file',
      description:
        'Start here when you have a recording. Reads a HAR file (Chrome DevTools > Network > Export HAR, or `check`), ' +
        'decodes every Mesop UI event and measures it: returns a session id and a short summary (totals, the biggest event and ' +
        "field, the findings' titles, budget counts). Non-Mesop entries are ignored. Relative paths are resolved against the server's working directory.",
      inputSchema: {
        path: z.string().min(1).describe('The .har file'),
        config: z
          .string()
          .optional()
          .describe(
            'A mesop-devtools config with "budgets" (default: discovered from the working directory, like `analyze`)',
          ),
        deployment: z
          .enum(deployments)
          .optional()
          .describe('How the app is deployed; picks the session backend the advice recommends'),
        backend: z
          .enum(BACKEND_NAMES as unknown as [string, ...string[]])
          .optional()
          .describe(
            'The session backend the app ran with, named in the advice (the traffic shows a token, not which backend)',
          ),
      },
      outputSchema: sessionSummaryShape,
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    guarded(async ({ path, config, deployment, backend }) => {
      const loaded = await resolveConfig(ctx.proc, config);
      const { exchanges, skipped } = await readHar(resolve(ctx.proc.cwd(), path), path);
      const analysis = analyzeExchanges(exchanges, { topN: MAX_TOP_FIELDS, keepFieldBytes: true });
      // The report is exactly `analyze --json`'s: its events keep the top 10 fields.
      const reportView = { ...analysis, topFields: analysis.topFields.map((t) => t.slice(0, REPORT_TOP_FIELDS)) };
      const report = buildReport(
        reportView,
        { toolVersion: TOOL_VERSION, source: { kind: 'har', name: basename(path) }, skipped },
        {
          advice: adviceConfigFrom(
            loaded?.config,
            deployment as (typeof DEPLOYMENTS)[number] | undefined,
            backend as BackendName | undefined,
          ),
          ...(loaded?.config.budgets ? { budgets: normalizeBudgets(loaded.config.budgets) } : {}),
        },
      );
      const session = ctx.sessions.add({ origin: { kind: 'har', file: path }, report, analysis, exchanges });
      ctx.sessions.latest = { kind: 'har', session };
      const summary = summarizeSession(session, path);
      return answer(
        summary,
        `${session.id}: ${report.session.events} events from ${path}; next: findings {session: "${session.id}"} for what to change, list_events to browse.`,
      );
    }),
  );

  server.registerTool(
    'run_flow',
    {
      title: "Run the app's flows (a `check` run)",
      description:
        'Starts the app (or uses a running one), drives its user flows in headless Chromium, measures every Mesop event and ' +
        'checks the budgets, exactly like `mesop-devtools check`. Without arguments it uses the config discovered from the working ' +
        'directory ("app", "flows", "budgets"). Returns one session per flow and the budget verdict. Takes seconds to a minute: ' +
        'the server sends progress notifications. The app and the browser it starts are stopped when the run ends.',
      inputSchema: {
        config: z.string().optional().describe('The config file (default: discovered from the working directory)'),
        flow: z
          .union([z.string(), z.array(z.string())])
          .optional()
          .describe(
            'Flow file(s): JSON steps, a DevTools Recorder export, or a .js module; replaces the config\'s "flows"',
          ),
        command: z
          .string()
          .optional()
          .describe('Start the app with this shell command, with {port}: "mesop main.py --port {port}"'),
        url: z.string().url().optional().describe('Use this running app instead (http://127.0.0.1:PORT/)'),
        runs: z
          .number()
          .int()
          .min(1)
          .max(10)
          .optional()
          .describe('Run every flow n times and aggregate the budgets (default 1)'),
        timeoutMs: z
          .number()
          .int()
          .min(1)
          .optional()
          .describe(`How long a step waits for its element (default ${DEFAULT_STEP_TIMEOUT_MS})`),
        chrome: z
          .string()
          .optional()
          .describe(
            'The browser executable (default: $CHROME_PATH, else Google Chrome or Chromium where they usually are)',
          ),
      },
      outputSchema: {
        passed: z.boolean().describe('No "error" budget failed'),
        summary: z.object({
          budgets: z.number().int(),
          passed: z.number().int(),
          warned: z.number().int(),
          failed: z.number().int(),
        }),
        app: z.string().describe('The origin the flows ran against'),
        flows: z
          .array(z.object({ flow: z.string(), ...sessionSummaryShape }))
          .describe('One session per flow (the representative run when runs > 1)'),
        failedBudgets: z
          .array(z.object({ flow: z.string(), id: z.string(), message: z.string() }))
          .describe('Error budgets that failed'),
      },
      annotations: { readOnlyHint: false, openWorldHint: false },
    },
    guarded(async (args, extra) => {
      const token = extra._meta?.progressToken;
      let tick = 0;
      const notify = (message: string) => {
        ctx.proc.stderr.write(`${message}\n`);
        if (token !== undefined)
          void extra
            .sendNotification({
              method: 'notifications/progress',
              params: { progressToken: token, progress: ++tick, message },
            })
            .catch(() => undefined);
      };
      const progress: Progress = {
        info: notify,
        flowDone: notify,
        end: () => undefined,
        step: (flow, run, index, total, label) =>
          notify(`${flow}${run} · ${index < 0 ? 'start' : `step ${index + 1}/${total}`} · ${label}`),
      };
      const report = await runFlows(ctx, args, progress);
      const flows = report.flows.map((f) => {
        const session = ctx.sessions.add({
          origin: { kind: 'flow', flow: f.name, check: report },
          report: f.report,
          checkBudgets: f.budgets,
        });
        return { flow: f.name, ...summarizeSession(session, f.name) };
      });
      ctx.sessions.latest = { kind: 'check', report };
      const failedBudgets = report.flows.flatMap((f) =>
        f.budgets
          .filter((b) => !b.passed && b.level === 'error')
          .map((b) => ({ flow: f.name, id: b.id, message: b.message })),
      );
      const s = report.summary;
      return answer(
        { passed: report.passed, summary: s, app: report.app.origin, flows, failedBudgets },
        `check ${report.passed ? 'passed' : 'FAILED'}: ${s.failed} failed, ${s.warned} warned, ${s.passed} passed; sessions ${flows.map((f) => `${f.session} (${f.flow})`).join(', ')}.`,
      );
    }),
  );
}

interface RunFlowArgs {
  config?: string;
  flow?: string | string[];
  command?: string;
  url?: string;
  runs?: number;
  timeoutMs?: number;
  chrome?: string;
}

/** The `check` command's plan, from the tool's arguments instead of the command line (src/cli/commands/check.ts). */
async function runFlows(ctx: ServerContext, a: RunFlowArgs, progress: Progress) {
  if (a.command && a.url) throw new UserError(USER_ERRORS.USAGE, 'give command or url, not both');
  const cwd = ctx.proc.cwd();
  const loaded = await resolveConfig(ctx.proc, a.config);
  const configFile = loaded?.file ?? null;
  const configDir = loaded ? dirname(resolve(cwd, loaded.file)) : cwd;
  const appConfig = parseAppConfig(loaded?.config.app, configFile ?? '');
  const timeoutMs = a.timeoutMs ?? DEFAULT_STEP_TIMEOUT_MS;
  const flowFiles = a.flow === undefined ? [] : Array.isArray(a.flow) ? a.flow : [a.flow];
  let flows: Flow[] = await loadFlows(
    loaded?.config.flows,
    { file: configFile ?? '', baseDir: configDir, cwd },
    flowFiles,
    { timeoutMs },
  );
  if (flows.length === 0) {
    progress.info('no flows configured: measuring the first page load only');
    flows = [{ kind: 'steps', name: 'page load', source: 'default', start: '/', timeoutMs, steps: [] }];
  }
  const chromium = findBrowser(a.chrome ? { chrome: a.chrome } : {}, ctx.proc.env);
  const budgets: BudgetsConfig = loaded?.config.budgets ?? {
    preset: 'recommended',
    aggregate: 'median',
    assertions: {},
    fields: {},
    scopes: [],
  };
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(ctx.proc.env)) if (v !== undefined) env[k] = v;
  Object.assign(env, { PYTHONUNBUFFERED: '1' }, appConfig.env ?? {});
  const command = a.url ? undefined : (a.command ?? appConfig.command);
  const url = a.command ? undefined : (a.url ?? appConfig.url);
  const app = await openApp({
    ...(url ? { url } : {}),
    ...(command ? { command } : {}),
    env,
    cwd: a.command ? cwd : resolve(configDir, appConfig.cwd ?? '.'),
    ...(appConfig.readyPath ? { readyPath: appConfig.readyPath } : {}),
    ...(appConfig.startTimeoutMs ? { startTimeoutMs: appConfig.startTimeoutMs } : {}),
  });
  ctx.apps.add(app);
  if (app.resolvedCommand) progress.info(`started the app: ${app.resolvedCommand}`);
  try {
    const report = await runCheck(
      {
        app,
        chromium,
        flows,
        runs: a.runs ?? 1,
        aggregate: budgets.aggregate as AggregationMethod,
        assertions: normalizeBudgets(budgets),
        advice: adviceConfigFrom(loaded?.config),
        configFile,
        idleTimeoutMs: IDLE_TIMEOUT_MS,
        quietMs: QUIET_MS,
      },
      progress,
    );
    // As check without --baseline: the blame taken in advance for maxIncrease budgets goes again.
    return report.flows.some((f) => f.budgets.some((b) => b.maxIncrease)) ? dropAdvanceBlame(report) : report;
  } finally {
    ctx.apps.delete(app);
    await app.stop();
  }
}
