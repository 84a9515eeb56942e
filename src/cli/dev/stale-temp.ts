import { lstatSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Every `dev` session keeps its temporary files under one `mesop-devtools-dev-*` directory, which
 * the session removes on exit and its child guard removes if the CLI is killed. When both die at
 * once (a process-tree kill, a container stopped), the directory stays; the next `dev` start
 * removes it. The owner's pid is written into the directory, and only directories of this user
 * whose owner is gone are removed: a concurrent session's directory is never touched.
 */
export const TEMP_PREFIX = 'mesop-devtools-dev-';
const OWNER_FILE = 'owner.pid';

export function markOwner(tempRoot: string, pid = process.pid): void {
  writeFileSync(join(tempRoot, OWNER_FILE), `${pid}\n`, { mode: 0o600 });
}

/** Removes the stale session directories under `dir`; returns their paths. */
export function removeStaleTempRoots(dir: string): string[] {
  const removed: string[] = [];
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return removed;
  }
  for (const name of names) {
    if (!name.startsWith(TEMP_PREFIX)) continue;
    const path = join(dir, name);
    try {
      const stat = lstatSync(path);
      // Not a symlink planted by someone else, and our own.
      if (!stat.isDirectory() || (process.getuid && stat.uid !== process.getuid())) continue;
      const pid = Number(readFileSync(join(path, OWNER_FILE), 'utf8').trim());
      if (!Number.isInteger(pid) || pid <= 0 || isAlive(pid)) continue;
      rmSync(path, { recursive: true, force: true });
      removed.push(path);
    } catch {
      /* no owner file (being created, or not ours to judge): keep it */
    }
  }
  return removed;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM'; // alive, another user's
  }
}
