import { readFile } from 'node:fs/promises';
import { type Baseline, CHECK_REPORT_SCHEMA, REPORT_SCHEMA } from '../../core';
import { UserError, USER_ERRORS } from '../user-error';

/** `--baseline <file>`: a check report (`check --out`/`--json`) or one payload report (version 1). */
export async function readBaseline(path: string, shown: string): Promise<Baseline> {
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(path, 'utf8'));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new UserError(
      code ? USER_ERRORS.FILE_NOT_FOUND : USER_ERRORS.USAGE,
      `cannot read baseline ${shown}: ${code ?? (e as Error).message}`,
      'write one with `mesop-devtools check --out baseline.json` and commit it',
    );
  }
  const r = raw as { schema?: unknown; version?: unknown };
  if ((r?.schema === CHECK_REPORT_SCHEMA || r?.schema === REPORT_SCHEMA) && r.version === 1) return raw as Baseline;
  throw new UserError(
    USER_ERRORS.USAGE,
    `baseline ${shown} is not a mesop-devtools report (schema ${JSON.stringify(r?.schema)}, version ${JSON.stringify(r?.version)})`,
    'use a file written by `mesop-devtools check --out` or `analyze --json`',
  );
}
