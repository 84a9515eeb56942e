import { accessSync, constants } from 'node:fs';
import { delimiter, isAbsolute, join, resolve } from 'node:path';

/**
 * `mesop` as the shell would find it (PATH), or a path as given; null when there is none.
 * Resolved up front so a missing Mesop is a one-line user error, and so that sql-probe.ts can read
 * the script's interpreter.
 */
export function findExecutable(name: string, env: Record<string, string | undefined>, cwd: string): string | null {
  const candidates = name.includes('/')
    ? [isAbsolute(name) ? name : resolve(cwd, name)]
    : (env.PATH ?? '')
        .split(delimiter)
        .filter(Boolean)
        .map((dir) => join(dir, name));
  for (const file of candidates) {
    try {
      accessSync(file, constants.X_OK);
      return file;
    } catch {
      /* next */
    }
  }
  return null;
}
