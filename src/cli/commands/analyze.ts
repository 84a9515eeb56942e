import { readFile } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';
import {
  adviceConfigFrom,
  analyzeExchanges,
  BACKEND_NAMES,
  type BackendName,
  blameText,
  budgetsFailed,
  buildReport,
  checkReportFromPayload,
  type Deployment,
  DEPLOYMENTS,
  didYouMean,
  type Exchange,
  HarFormatError,
  harToExchanges,
  normalizeBudgets,
  type PayloadReport,
  renderBudgets,
  renderEventTable,
  renderFindings,
} from '../../core';
import { blameFor } from '../check/blame';
import { writeOutputs } from '../check/write-outputs';
import { withCapacity } from '../load/read-capacity';
import type { CliProcess } from '../cli-process';
import { colorEnabled, colorVerdicts, paint } from '../color';
import { resolveConfig } from '../config/load-config';
import { parseOptions } from '../parse-options';
import type { Command } from '../run';
import { TOOL_VERSION } from '../tool-version';
import { UserError, USER_ERRORS } from '../user-error';

const USAGE = `Usage: mesop-devtools analyze <file.har[.gz]> [--json] [--budget <config.json>] [--deployment <kind>] [--backend <name>] [--markdown <file>] [--html <file>] [--out <file>] [--capacity <file>]
  Reads a HAR file (Chrome DevTools > Network > Export HAR), prints the payload of every Mesop UI
  event, then what to do about it (findings, most severe first) and the budget results.
  Non-Mesop entries are ignored.
  --json               print the versioned JSON report (with findings and budgets) instead
  --budget <file>      config with "budgets" (default: mesop-devtools.config.json, .mesop-devtoolsrc.json,
                       .mesop-devtoolsrc or "mesop-devtools" in package.json, searched upward)
  --markdown <file>    Markdown for a pull-request comment (as check --markdown)
  --html <file>        self-contained HTML report (opens offline)
  --out <file>         the session as a one-flow check report (JSON, with each failed budget's blame)
  --deployment <kind>  ${DEPLOYMENTS.filter((d) => d !== 'unknown').join(' | ')}
                       (picks the session backend to recommend; also "deployment" in the config)
  --capacity <file>    a \`mesop-devtools load --json\` report: the backend advice quotes its measured users and RAM per session
  --backend <name>     ${BACKEND_NAMES.join(' | ')}: the session backend the app ran with, named
                       in the advice (the traffic shows a token, not which backend; also "backend" in the config)
  Exit codes: 0 ok (warnings included), 1 an "error" budget failed, 2 usage or config error.`;

export const analyzeCommand: Command = {
  name: 'analyze',
  summary: 'per-event payload table, findings and budgets (or --json report) of a HAR file',
  usage: USAGE,
  async run(args: string[], proc: CliProcess): Promise<number> {
    const { values, positionals } = parseOptions(
      args,
      {
        json: { type: 'boolean' },
        budget: { type: 'string' },
        deployment: { type: 'string' },
        backend: { type: 'string' },
        markdown: { type: 'string' },
        html: { type: 'string' },
        capacity: { type: 'string' },
        out: { type: 'string' },
      },
      USAGE,
    );
    if (positionals.length !== 1)
      throw new UserError(USER_ERRORS.USAGE, 'analyze takes exactly one HAR file', USAGE.split('\n')[0]);
    const deployment = parseDeployment(values.deployment);
    const backend = parseBackend(values.backend);
    const loaded = await resolveConfig(proc, values.budget);
    if (values.budget && !loaded?.config.budgets) {
      throw new UserError(
        USER_ERRORS.BAD_CONFIG,
        `${loaded?.file ?? values.budget} has no "budgets" key`,
        'add "budgets": {"preset": "recommended"}',
      );
    }
    const file = positionals[0]!;
    const { exchanges, skipped } = await readHar(resolve(proc.cwd(), file), file);

    const analysis = analyzeExchanges(exchanges, { keepFieldBytes: true });
    const assertions = loaded?.config.budgets ? normalizeBudgets(loaded.config.budgets) : undefined;
    const report = buildReport(
      analysis,
      { toolVersion: TOOL_VERSION, source: { kind: 'har', name: basename(file) }, skipped },
      {
        advice: await withCapacity(adviceConfigFrom(loaded?.config, deployment, backend), values.capacity, proc.cwd()),
        budgets: assertions,
      },
    );
    const { findings, budgets } = report;
    // The same renderers as check's, on the session seen as one flow, with the same blame (event, handler, field).
    const asCheck = checkReportFromPayload(report);
    const flow = asCheck.flows[0]!;
    flow.budgets = flow.budgets.map((r, i) => {
      const blame = blameFor(r, assertions![i]!, analysis);
      return blame ? { ...r, blame } : r;
    });
    if (values.markdown || values.html || values.out) {
      await writeOutputs(
        asCheck,
        { markdown: values.markdown, html: values.html, out: values.out },
        proc.cwd(),
        'Mesop payload report',
      );
    }
    if (values.json) proc.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    else {
      const configLine = loaded ? `config: ${loaded.file}\n` : '';
      const text = `${renderEventTable(report)}\n${renderFindings(findings)}${budgets.length ? `\n${renderBudgets(budgets, (i) => (flow.budgets[i]!.passed ? '' : blameText(flow.budgets[i]!)))}` : ''}${configLine}`;
      proc.stdout.write(colorVerdicts(text, paint(colorEnabled(proc))));
    }
    return budgetsFailed(budgets) ? 1 : 0;
  },
};

function parseDeployment(value: string | undefined): Deployment | undefined {
  if (value === undefined) return undefined;
  if ((DEPLOYMENTS as readonly string[]).includes(value)) return value as Deployment;
  const guess = didYouMean(value, DEPLOYMENTS);
  throw new UserError(
    USER_ERRORS.USAGE,
    `unknown --deployment "${value}"`,
    `${guess ? `did you mean "${guess}"? ` : ''}use one of: ${DEPLOYMENTS.join(', ')}`,
  );
}

function parseBackend(value: string | undefined): BackendName | undefined {
  if (value === undefined) return undefined;
  if ((BACKEND_NAMES as readonly string[]).includes(value)) return value as BackendName;
  const guess = didYouMean(value, BACKEND_NAMES);
  throw new UserError(
    USER_ERRORS.USAGE,
    `unknown --backend "${value}"`,
    `${guess ? `did you mean "${guess}"? ` : ''}use one of: ${BACKEND_NAMES.join(', ')}`,
  );
}

/** A HAR (or .har.gz) file's Mesop exchanges; a one-line user error when it has none. Also used by load. */
export async function readHar(
  path: string,
  file: string,
): Promise<{ exchanges: Exchange[]; skipped: PayloadReport['skipped'] }> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (e) {
    throw new UserError(
      USER_ERRORS.FILE_NOT_FOUND,
      `cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`,
    );
  }
  let text: string;
  // A gzipped HAR (`session.har.gz`, what CI artifacts are often stored as) is known by its magic bytes, whatever its name.
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) {
    try {
      text = gunzipSync(bytes).toString('utf8');
    } catch (e) {
      throw new UserError(
        USER_ERRORS.NOT_A_HAR,
        `${file} is not a readable gzip file: ${(e as Error).message}`,
        'gzip -t it, or pass the uncompressed HAR',
      );
    }
  } else text = bytes.toString('utf8');
  let imported;
  try {
    imported = harToExchanges(text);
  } catch (e) {
    if (e instanceof HarFormatError)
      throw new UserError(
        USER_ERRORS.NOT_A_HAR,
        `${file} is ${e.message}`,
        'export one from Chrome DevTools > Network > Export HAR',
      );
    throw e;
  }
  if (imported.exchanges.length === 0) {
    throw new UserError(
      USER_ERRORS.NO_MESOP_TRAFFIC,
      `${file} has no Mesop UI traffic (no request to a path ending in /__ui__ among ${imported.otherEntries} entries)`,
      'record with DevTools open before the page loads',
    );
  }
  return { exchanges: imported.exchanges, skipped: imported.skipped };
}
