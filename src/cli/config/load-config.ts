import { readFile } from 'node:fs/promises';
import { basename, isAbsolute, relative, resolve } from 'node:path';
import { type ToolConfig, validateConfig } from '../../core';
import type { CliProcess } from '../cli-process';
import { UserError, USER_ERRORS } from '../user-error';
import { findConfig, PACKAGE_JSON_KEY, type ConfigLocation } from './find-config';

export interface LoadedConfig {
  /** As shown to the user: relative to the working directory when inside it. */
  file: string;
  config: ToolConfig;
}

/**
 * The config for a command: the file given on the command line, else the one discovered from the
 * working directory, else none. Any problem is a BAD_CONFIG user error naming file, key path, fix.
 */
export async function resolveConfig(proc: CliProcess, explicit?: string): Promise<LoadedConfig | undefined> {
  if (explicit) {
    const path = isAbsolute(explicit) ? explicit : resolve(proc.cwd(), explicit);
    const packageKey = basename(path) === 'package.json' ? PACKAGE_JSON_KEY : undefined;
    return loadConfig({ path, ...(packageKey ? { packageKey } : {}) }, proc.cwd(), true);
  }
  const found = await findConfig(proc.cwd());
  return found ? loadConfig(found, proc.cwd(), false) : undefined;
}

export async function loadConfig(location: ConfigLocation, cwd: string, explicit: boolean): Promise<LoadedConfig> {
  const rel = relative(cwd, location.path);
  const file = rel && !rel.startsWith('..') ? rel : location.path;
  let text: string;
  try {
    text = await readFile(location.path, 'utf8');
  } catch (e) {
    throw new UserError(
      explicit ? USER_ERRORS.FILE_NOT_FOUND : USER_ERRORS.BAD_CONFIG,
      `cannot read config ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`,
    );
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new UserError(
      USER_ERRORS.BAD_CONFIG,
      `${file} is not valid JSON: ${(e as Error).message}`,
      'configs are JSON files',
    );
  }
  if (location.packageKey) {
    const pkg = raw as Record<string, unknown> | null;
    if (!pkg || typeof pkg !== 'object' || !(location.packageKey in pkg)) {
      throw new UserError(
        USER_ERRORS.BAD_CONFIG,
        `${file} has no "${location.packageKey}" key`,
        `add "${location.packageKey}": { "budgets": ... }`,
      );
    }
    raw = pkg[location.packageKey];
  }
  const result = validateConfig(raw, { file, ...(location.packageKey ? { rootPath: location.packageKey } : {}) });
  if (!result.ok) {
    const [first, ...rest] = result.errors;
    const more = rest.length ? ` (and ${rest.length} more problem${rest.length > 1 ? 's' : ''})` : '';
    throw new UserError(
      USER_ERRORS.BAD_CONFIG,
      `${first!.file}: ${first!.path || '(top level)'}: ${first!.message}${more}`,
      first!.fix,
    );
  }
  return { file, config: result.config };
}
