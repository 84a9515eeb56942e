import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { CHECK_REPORT_SCHEMA, CHECK_REPORT_VERSION, type CheckReport } from '../../core';
import { renderCheckText } from '../check/render-text';
import { writeOutputs } from '../check/write-outputs';
import type { CliProcess } from '../cli-process';
import { mergeCheckReports, type NamedReport } from '../merge/merge-check-reports';
import { parseOptions } from '../parse-options';
import type { Command } from '../run';
import { UserError, USER_ERRORS } from '../user-error';

const USAGE = `Usage: mesop-devtools merge-reports <report.json>... [--out <file>] [--markdown <file>] [--junit <file>] [--html <file>] [--json]
  Merges the JSON reports of a sharded check (\`check --shard i/n --out report.json\` in n CI jobs)
  into one check report, in the order given: the flows of every shard, one verdict, one Markdown
  comment.
  --out, --junit, --markdown, --html, --json   as for check
  Exit codes: 0 every "error" budget holds, 1 one failed, 2 a file is missing or not a check report.`;

async function readCheckReport(cwd: string, file: string): Promise<NamedReport> {
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(resolve(cwd, file), 'utf8'));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new UserError(
      code ? USER_ERRORS.FILE_NOT_FOUND : USER_ERRORS.USAGE,
      `cannot read ${file}: ${code ?? (e as Error).message}`,
    );
  }
  const r = raw as { schema?: unknown; version?: unknown };
  if (r?.schema !== CHECK_REPORT_SCHEMA || r.version !== CHECK_REPORT_VERSION) {
    throw new UserError(
      USER_ERRORS.USAGE,
      `${file} is not a check report (schema ${JSON.stringify(r?.schema)}, version ${JSON.stringify(r?.version)})`,
      'merge files written by `mesop-devtools check --out` or `--json`',
    );
  }
  return { file, report: raw as CheckReport };
}

export const mergeReportsCommand: Command = {
  name: 'merge-reports',
  summary: 'merge the JSON reports of a sharded check into one report and one comment',
  usage: USAGE,
  async run(args: string[], proc: CliProcess): Promise<number> {
    const { values, positionals } = parseOptions(
      args,
      {
        out: { type: 'string' },
        junit: { type: 'string' },
        markdown: { type: 'string' },
        html: { type: 'string' },
        json: { type: 'boolean' },
      },
      USAGE,
    );
    const cwd = proc.cwd();
    const parts: NamedReport[] = [];
    for (const file of positionals) parts.push(await readCheckReport(cwd, file));
    const report = mergeCheckReports(parts);
    const written = await writeOutputs(
      report,
      { out: values.out, junit: values.junit, markdown: values.markdown, html: values.html },
      cwd,
    );
    if (values.json) proc.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    else proc.stdout.write(`\n${renderCheckText(report)}`);
    if (written.length)
      proc.stderr.write(`mesop-devtools: merged ${parts.length} report(s); wrote ${written.join(', ')}\n`);
    return report.passed ? 0 : 1;
  },
};
