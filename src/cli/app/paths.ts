import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * The repository root, found from the running file (dist/cli/… when built, src/cli/… under jest),
 * so the CLI finds the bundled sample apps and the pinned virtualenv wherever it is started from.
 */
export function repoRoot(from: string = __dirname): string {
  let dir = from;
  while (!existsSync(join(dir, 'package.json')) || !existsSync(join(dir, 'python'))) {
    const up = dirname(dir);
    if (up === dir) throw new Error(`cannot find the mesop-devtools checkout above ${from}`);
    dir = up;
  }
  return dir;
}

export const venvMesop = (root: string): string => join(root, '.venv/bin/mesop');
export const sampleApp = (root: string, name: string): string => join(root, 'test/apps', name);
