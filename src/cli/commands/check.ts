import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import {
  adviceConfigFrom,
  type AggregationMethod,
  applyRelativeBudgets,
  type BudgetsConfig,
  didYouMean,
  diffAgainstBaseline,
  dropAdvanceBlame,
  type HarEntry,
  normalizeBudgets,
} from '../../core';
import { BROWSER_OPTIONS, BROWSER_USAGE, findBrowser } from '../app/chromium';
import { QUIET_MS } from '../capture';
import { parseAppConfig } from '../check/app-config';
import { readBaseline } from '../check/baseline-file';
import { openApp } from '../check/open-app';
import { createProgress, progressMode } from '../check/progress';
import { renderCheckText } from '../check/render-text';
import { runCheck } from '../check/run-check';
import { writeOutputs } from '../check/write-outputs';
import { withCapacity } from '../load/read-capacity';
import type { CliProcess } from '../cli-process';
import { colorEnabled, colorVerdicts, paint } from '../color';
import { resolveConfig } from '../config/load-config';
import { DEFAULT_STEP_TIMEOUT_MS, loadFlows } from '../flows/load-flows';
import type { Flow } from '../flows/flow-types';
import { parseOptions } from '../parse-options';
import type { Command } from '../run';
import { parseShard, shardOf } from '../shard/shard-flows';
import { TOOL_VERSION } from '../tool-version';
import { UserError, USER_ERRORS } from '../user-error';

const USAGE = `Usage: mesop-devtools check [--command "<cmd with {port}>" | --url <url>] [--flow <file>]... [options]
  Drives the app's user flows in headless Chromium, measures every Mesop UI event with the same
  engine as the DevTools panel, and checks the budgets. Config (app, flows, budgets) is discovered
  like analyze's (mesop-devtools.config.json, .mesop-devtoolsrc[.json], "mesop-devtools" in package.json).
  --command <cmd>      start the app: a shell command with {port}, e.g. "mesop main.py --port {port}"
  --url <url>          use a running app instead
  --flow <file>        a flow file (JSON steps, a DevTools Recorder JSON export, or a .js/.cjs/.mjs/.ts/.mts module);
                       repeatable; replaces the config's "flows"
  --config <file>      the config file to use
  --runs <n>           run every flow n times and aggregate the budgets (default 1)
  --aggregate <m>      median | max (default: budgets.aggregate, else median)
  --timeout <ms>       how long a step waits for its element (default ${DEFAULT_STEP_TIMEOUT_MS})
${BROWSER_USAGE}
  --json               print the check report (JSON, version 1) on stdout; no progress
  --out <file>         write the check report (JSON) - commit it as the next --baseline
  --junit <file>       JUnit XML, one test case per budget assertion
  --markdown <file>    Markdown for a sticky pull-request comment
  --html <file>        self-contained HTML report (opens offline)
  --baseline <file>    compare with an earlier report: change per flow, event and field
  --shard <i/n>        run only the i-th of n equal blocks of the flows (CI job matrix); join the
                       shards' --out reports with \`mesop-devtools merge-reports\`
  --only <flow name>   run only this flow (repeatable)
  --capacity <file>    a \`mesop-devtools load --json\` report: the backend advice quotes its measured users and RAM per session
  --har <file>         save the captured traffic (every flow run) as a HAR that analyze and the panel's Import read
  Exit codes: 0 every "error" budget holds, 1 one failed, 2 bad config, app did not start, or a flow step failed.`;

const IDLE_TIMEOUT_MS = 30_000;

function positiveInt(value: string | undefined, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1)
    throw new UserError(USER_ERRORS.USAGE, `${name} must be a whole number >= 1, got "${value}"`, USAGE.split('\n')[0]);
  return n;
}

/** `--only <name>` (repeatable): the flows to run, in config order; an unknown name is a usage error with a guess. */
function selectFlows(flows: Flow[], only: string[] | undefined): Flow[] {
  if (!only?.length) return flows;
  const names = flows.map((f) => f.name);
  for (const name of only) {
    if (names.includes(name)) continue;
    const guess = didYouMean(name, names);
    throw new UserError(
      USER_ERRORS.USAGE,
      `--only "${name}": no flow has that name`,
      `${guess ? `did you mean "${guess}"? ` : ''}flows: ${names.length ? names.map((n) => `"${n}"`).join(', ') : '(none configured)'}`,
    );
  }
  return flows.filter((f) => only.includes(f.name));
}

/** The captured traffic as one HAR, in the order it happened (each flow run starts with its own page load). */
async function writeHar(path: string, entries: HarEntry[]): Promise<void> {
  const har = {
    log: { version: '1.2', creator: { name: 'mesop-devtools check', version: TOOL_VERSION }, pages: [], entries },
  };
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, JSON.stringify(har));
}

export const checkCommand: Command = {
  name: 'check',
  summary: 'drive user flows in headless Chromium and fail when a payload budget is exceeded (CI)',
  usage: USAGE,
  async run(args: string[], proc: CliProcess): Promise<number> {
    const { values, positionals } = parseOptions(
      args,
      {
        command: { type: 'string' },
        url: { type: 'string' },
        flow: { type: 'string', multiple: true },
        config: { type: 'string' },
        runs: { type: 'string' },
        aggregate: { type: 'string' },
        timeout: { type: 'string' },
        ...BROWSER_OPTIONS,
        json: { type: 'boolean' },
        out: { type: 'string' },
        junit: { type: 'string' },
        markdown: { type: 'string' },
        html: { type: 'string' },
        baseline: { type: 'string' },
        shard: { type: 'string' },
        only: { type: 'string', multiple: true },
        har: { type: 'string' },
        capacity: { type: 'string' },
      },
      USAGE,
    );
    if (positionals.length)
      throw new UserError(USER_ERRORS.USAGE, `unexpected argument "${positionals[0]}"`, USAGE.split('\n')[0]);
    if (values.command && values.url)
      throw new UserError(USER_ERRORS.USAGE, 'give --command or --url, not both', USAGE.split('\n')[0]);
    const runs = positiveInt(values.runs, '--runs', 1);
    const timeoutMs = positiveInt(values.timeout, '--timeout', DEFAULT_STEP_TIMEOUT_MS);
    const shard = values.shard === undefined ? undefined : parseShard(values.shard);
    if (values.aggregate && values.aggregate !== 'median' && values.aggregate !== 'max') {
      throw new UserError(USER_ERRORS.USAGE, `--aggregate must be median or max, got "${values.aggregate}"`);
    }
    const cwd = proc.cwd();
    const loaded = await resolveConfig(proc, values.config);
    const configFile = loaded?.file ?? null;
    const configDir = loaded ? dirname(resolve(cwd, loaded.file)) : cwd;
    const appConfig = parseAppConfig(loaded?.config.app, configFile ?? '');
    let flows: Flow[] = selectFlows(
      await loadFlows(loaded?.config.flows, { file: configFile ?? '', baseDir: configDir, cwd }, values.flow ?? [], {
        timeoutMs,
      }),
      values.only,
    );
    const progress = createProgress(proc, progressMode(proc, !!values.json));
    if (flows.length === 0) {
      progress.info(
        'no flows configured: measuring the first page load only (add "flows" to the config or --flow <file>)',
      );
      flows = [{ kind: 'steps', name: 'page load', source: 'default', start: '/', timeoutMs, steps: [] }];
    }
    if (shard) {
      const all = flows.length;
      flows = shardOf(flows, shard);
      progress.info(
        `shard ${shard.index}/${shard.count}: ${flows.length} of ${all} flow(s)${flows.length ? `: ${flows.map((f) => f.name).join(', ')}` : ''}`,
      );
    }
    const chromium = findBrowser(values, proc.env);
    const budgets: BudgetsConfig = loaded?.config.budgets ?? {
      preset: 'recommended',
      aggregate: 'median',
      assertions: {},
      fields: {},
      scopes: [],
    };
    if (!loaded?.config.budgets) progress.info('no "budgets" in the config: checking the recommended preset');
    const aggregate = (values.aggregate ?? budgets.aggregate) as AggregationMethod;
    const advice = await withCapacity(adviceConfigFrom(loaded?.config), values.capacity, cwd);
    const baseline = values.baseline ? await readBaseline(resolve(cwd, values.baseline), values.baseline) : undefined;

    const env: Record<string, string> = {};
    for (const [k, v] of Object.entries(proc.env)) if (v !== undefined) env[k] = v;
    Object.assign(env, { PYTHONUNBUFFERED: '1' }, appConfig.env ?? {});
    const command = values.url ? undefined : (values.command ?? appConfig.command);
    const url = values.command ? undefined : (values.url ?? appConfig.url);
    const app = await openApp({
      ...(url ? { url } : {}),
      ...(command ? { command } : {}),
      env,
      cwd: values.command ? cwd : resolve(configDir, appConfig.cwd ?? '.'),
      ...(appConfig.readyPath ? { readyPath: appConfig.readyPath } : {}),
      ...(appConfig.startTimeoutMs ? { startTimeoutMs: appConfig.startTimeoutMs } : {}),
    });
    // As run: the port filled in, so the line can be pasted to reproduce the app.
    if (app.resolvedCommand) progress.info(`started the app: ${app.resolvedCommand}`);
    const harEntries: HarEntry[] | undefined = values.har ? [] : undefined;
    let report;
    try {
      progress.info(`checking ${flows.length} flow(s)${runs > 1 ? ` × ${runs} runs` : ''} against ${app.baseUrl}`);
      report = await runCheck(
        {
          app,
          chromium,
          flows,
          runs,
          aggregate,
          assertions: normalizeBudgets(budgets),
          advice,
          configFile,
          idleTimeoutMs: IDLE_TIMEOUT_MS,
          quietMs: QUIET_MS,
          ...(harEntries ? { harEntries } : {}),
        },
        progress,
      );
    } finally {
      await app.stop();
      // Written also when a flow failed: the traffic up to the failure is what to look at.
      if (values.har && harEntries) await writeHar(resolve(cwd, values.har), harEntries);
    }
    if (baseline) {
      report = applyRelativeBudgets(report, baseline, values.baseline!);
      report.baseline = diffAgainstBaseline(report, baseline, values.baseline!);
    } else if (report.flows.some((f) => f.budgets.some((b) => b.maxIncrease))) {
      report = dropAdvanceBlame(report);
      progress.info(
        'budgets with "maxIncrease" are checked against --baseline <file>; without one only their "max" applies',
      );
    }
    const written = await writeOutputs(
      report,
      { out: values.out, junit: values.junit, markdown: values.markdown, html: values.html },
      cwd,
    );
    if (values.json) proc.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    else proc.stdout.write(`\n${colorVerdicts(renderCheckText(report), paint(colorEnabled(proc)))}`);
    if (written.length) progress.info(`wrote ${written.join(', ')}`);
    return report.passed ? 0 : 1;
  },
};
