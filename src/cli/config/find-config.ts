import { access, readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';

/**
 * Where a config may live, in the order they are tried in each directory. The first found wins;
 * the search goes up from the working directory and stops at the project root (the first
 * directory with a package.json or .git), so a config never leaks in from outside the project.
 */
export const CONFIG_FILE_NAMES = ['mesop-devtools.config.json', '.mesop-devtoolsrc.json', '.mesop-devtoolsrc'] as const;
export const PACKAGE_JSON_KEY = 'mesop-devtools';

export interface ConfigLocation {
  path: string;
  /** Set when the config is a key of package.json. */
  packageKey?: string;
}

const exists = (path: string) =>
  access(path).then(
    () => true,
    () => false,
  );

export async function findConfig(startDir: string): Promise<ConfigLocation | undefined> {
  for (let dir = startDir; ; dir = dirname(dir)) {
    for (const name of CONFIG_FILE_NAMES) {
      const path = join(dir, name);
      if (await exists(path)) return { path };
    }
    const pkg = join(dir, 'package.json');
    if (await exists(pkg)) {
      if (await hasKey(pkg, PACKAGE_JSON_KEY)) return { path: pkg, packageKey: PACKAGE_JSON_KEY };
      return undefined;
    }
    if ((await exists(join(dir, '.git'))) || dirname(dir) === dir) return undefined;
  }
}

async function hasKey(file: string, key: string): Promise<boolean> {
  try {
    const json: unknown = JSON.parse(await readFile(file, 'utf8'));
    return typeof json === 'object' && json !== null && key in json;
  } catch {
    return false; // a broken package.json is npm's problem to report, not ours
  }
}
