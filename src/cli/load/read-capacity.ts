import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import {
  type AdviceConfig,
  LOAD_REPORT_SCHEMA,
  LOAD_REPORT_VERSION,
  type LoadReport,
  type MeasuredCapacity,
} from '../../core';
import { UserError, USER_ERRORS } from '../user-error';

/**
 * `--capacity <file>`: a report written by `mesop-devtools load --json`, whose sizing lines the
 * backend advice then quotes. Anything else is a one-line usage error naming the file.
 */
export async function readCapacity(path: string, shown: string): Promise<MeasuredCapacity> {
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(path, 'utf8'));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new UserError(
      code ? USER_ERRORS.FILE_NOT_FOUND : USER_ERRORS.USAGE,
      `cannot read capacity report ${shown}: ${code ?? (e as Error).message}`,
      'write one with `mesop-devtools load <session.har> --server "mesop main.py" --json capacity.json`',
    );
  }
  const r = raw as Partial<LoadReport>;
  if (
    r?.schema !== LOAD_REPORT_SCHEMA ||
    r.version !== LOAD_REPORT_VERSION ||
    !Array.isArray(r.configurations) ||
    typeof r.p95TargetMs !== 'number'
  ) {
    throw new UserError(
      USER_ERRORS.USAGE,
      `${shown} is not a mesop-devtools load report (schema ${JSON.stringify(r?.schema)}, version ${JSON.stringify(r?.version)})`,
      'use the file written by `mesop-devtools load ... --json <file>`',
    );
  }
  return {
    source: typeof r.source === 'string' ? r.source : shown,
    p95TargetMs: r.p95TargetMs,
    configurations: r.configurations,
  };
}

/** The advice config with the load report of `--capacity <file>` (unchanged without one). */
export async function withCapacity(advice: AdviceConfig, file: string | undefined, cwd: string): Promise<AdviceConfig> {
  return file ? { ...advice, capacity: await readCapacity(resolve(cwd, file), file) } : advice;
}
