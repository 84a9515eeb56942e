import { dirname, isAbsolute, resolve } from 'node:path';
import { adviceConfigFrom, normalizeBudgets } from '../core';
import { findConfig } from '../cli/config/find-config';
import { loadConfig } from '../cli/config/load-config';
import { UserError } from '../cli/user-error';
import type { TestBudgets } from './test-capture';

/**
 * The `mesopBudgets` option: `true` finds mesop-devtools.config.json the way `check` does (from
 * the directory of playwright.config.ts up), a string is a config file relative to it, `false`
 * (default) checks no config budgets. Loaded once per worker; a bad config fails with check's message.
 */
export type MesopBudgetsOption = boolean | string;

const NONE: TestBudgets = { assertions: [], advice: adviceConfigFrom(undefined), file: null };
const cache = new Map<string, Promise<TestBudgets>>();

export function budgetsFor(
  option: MesopBudgetsOption,
  configFile: string | undefined,
  rootDir: string,
): Promise<TestBudgets> {
  if (option === false) return Promise.resolve(NONE);
  const base = configFile ? dirname(configFile) : rootDir;
  const key = `${base}\0${String(option)}`;
  let loaded = cache.get(key);
  if (!loaded) {
    loaded = load(option, base);
    cache.set(key, loaded);
  }
  return loaded;
}

async function load(option: true | string, base: string): Promise<TestBudgets> {
  let location;
  if (typeof option === 'string') location = { path: isAbsolute(option) ? option : resolve(base, option) };
  else {
    location = await findConfig(base);
    if (!location)
      throw new Error(
        `mesop-devtools: mesopBudgets is on but no mesop-devtools.config.json was found from ${base} up; write one (\`mesop-devtools check --init\`) or give its path: use: { mesopBudgets: 'path/to/mesop-devtools.config.json' }`,
      );
  }
  try {
    const { file, config } = await loadConfig(location, base, typeof option === 'string');
    // No "budgets" key: the recommended preset, as `check` does.
    const budgets = config.budgets ?? {
      preset: 'recommended',
      aggregate: 'median',
      assertions: {},
      fields: {},
      scopes: [],
    };
    return { assertions: normalizeBudgets(budgets), advice: adviceConfigFrom(config), file };
  } catch (e) {
    throw e instanceof UserError ? new Error(e.line()) : e;
  }
}
