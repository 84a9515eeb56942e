import { readFile } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import { DEPLOYMENTS, type Deployment } from '../../core/advise/advice-config';
import { analyzeExchanges } from '../../core/analyze';
import { adviceConfigFrom } from '../../core/budget/advice-config-from';
import { budgetsFailed } from '../../core/budget/aggregate-runs';
import { didYouMean } from '../../core/budget/did-you-mean';
import { normalizeBudgets } from '../../core/budget/normalize-budgets';
import { harToExchanges, HarFormatError } from '../../core/decode/har';
import type { Exchange } from '../../core/decode/exchange';
import { renderEventTable } from '../../core/report/event-table';
import { renderBudgets, renderFindings } from '../../core/report/findings-text';
import { buildReport } from '../../core/report/build-report';
import type { PayloadReport } from '../../core/report/report-types';
import type { CliProcess } from '../cli-process';
import { resolveConfig } from '../config/load-config';
import { parseOptions } from '../parse-options';
import type { Command } from '../run';
import { TOOL_VERSION } from '../tool-version';
import { UserError, USER_ERRORS } from '../user-error';

const USAGE = `Usage: mesop-devtools analyze <file.har> [--json] [--budget <config.json>] [--deployment <kind>]
  Reads a HAR file (Chrome DevTools > Network > Export HAR), prints the payload of every Mesop UI
  event, then what to do about it (findings, most severe first) and the budget results.
  Non-Mesop entries are ignored.
  --json               print the versioned JSON report (with findings and budgets) instead
  --budget <file>      config with "budgets" (default: mesop-devtools.config.json, .mesop-devtoolsrc.json,
                       .mesop-devtoolsrc or "mesop-devtools" in package.json, searched upward)
  --deployment <kind>  ${DEPLOYMENTS.filter((d) => d !== 'unknown').join(' | ')}
                       (picks the session backend to recommend; also "deployment" in the config)
  Exit codes: 0 ok (warnings included), 1 an "error" budget failed, 2 usage or config error.`;

export const analyzeCommand: Command = {
  name: 'analyze',
  summary: 'per-event payload table, findings and budgets (or --json report) of a HAR file',
  usage: USAGE,
  async run(args: string[], proc: CliProcess): Promise<number> {
    const { values, positionals } = parseOptions(args, {
      json: { type: 'boolean' }, budget: { type: 'string' }, deployment: { type: 'string' },
    }, USAGE);
    if (positionals.length !== 1) throw new UserError(USER_ERRORS.USAGE, 'analyze takes exactly one HAR file', USAGE.split('\n')[0]);
    const deployment = parseDeployment(values.deployment);
    const loaded = await resolveConfig(proc, values.budget);
    if (values.budget && !loaded?.config.budgets) {
      throw new UserError(USER_ERRORS.BAD_CONFIG, `${loaded?.file ?? values.budget} has no "budgets" key`, 'add "budgets": {"preset": "recommended"}');
    }
    const file = positionals[0]!;
    const { exchanges, skipped } = await readHar(resolve(proc.cwd(), file), file);

    const analysis = analyzeExchanges(exchanges, { keepFieldBytes: true });
    const report = buildReport(
      analysis,
      { toolVersion: TOOL_VERSION, source: { kind: 'har', name: basename(file) }, skipped },
      { advice: adviceConfigFrom(loaded?.config, deployment), budgets: loaded?.config.budgets ? normalizeBudgets(loaded.config.budgets) : undefined },
    );
    const { findings, budgets } = report;
    if (values.json) proc.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    else {
      const configLine = loaded ? `config: ${loaded.file}\n` : '';
      proc.stdout.write(`${renderEventTable(report)}\n${renderFindings(findings)}${budgets.length ? `\n${renderBudgets(budgets)}` : ''}${configLine}`);
    }
    return budgetsFailed(budgets) ? 1 : 0;
  },
};

function parseDeployment(value: string | undefined): Deployment | undefined {
  if (value === undefined) return undefined;
  if ((DEPLOYMENTS as readonly string[]).includes(value)) return value as Deployment;
  const guess = didYouMean(value, DEPLOYMENTS);
  throw new UserError(USER_ERRORS.USAGE, `unknown --deployment "${value}"`, `${guess ? `did you mean "${guess}"? ` : ''}use one of: ${DEPLOYMENTS.join(', ')}`);
}

export async function readHar(path: string, file: string): Promise<{ exchanges: Exchange[]; skipped: PayloadReport['skipped'] }> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    throw new UserError(USER_ERRORS.FILE_NOT_FOUND, `cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  let imported;
  try {
    imported = harToExchanges(text);
  } catch (e) {
    if (e instanceof HarFormatError) throw new UserError(USER_ERRORS.NOT_A_HAR, `${file} is ${e.message}`, 'export one from Chrome DevTools > Network > Export HAR');
    throw e;
  }
  if (imported.exchanges.length === 0) {
    throw new UserError(USER_ERRORS.NO_MESOP_TRAFFIC, `${file} has no Mesop UI traffic (no request to a path ending in /__ui__ among ${imported.otherEntries} entries)`,
      'record with DevTools open before the page loads');
  }
  return { exchanges: imported.exchanges, skipped: imported.skipped };
}
