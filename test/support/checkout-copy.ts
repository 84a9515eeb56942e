/**
 * A copy of this checkout's files (tracked and new, not ignored: no dist/, no node_modules) in a
 * folder of its own, with node_modules linked for the build. Tests that build packages build them
 * there, so the running suite's dist/ is never rebuilt under the other tests' feet.
 */
import { copyFileSync, existsSync, lstatSync, mkdirSync, symlinkSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

export function copyCheckout(root: string, dest: string): string {
  const files = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], {
    cwd: root,
    encoding: 'utf8',
  })
    .split('\0')
    .filter(Boolean);
  for (const file of files) {
    // Deleted in the work tree and not yet committed, or not a plain file (a symlinked .venv that
    // only .git/info/exclude ignores): not part of what is packed.
    if (!existsSync(join(root, file)) || !lstatSync(join(root, file)).isFile()) continue;
    mkdirSync(join(dest, file, '..'), { recursive: true });
    copyFileSync(join(root, file), join(dest, file));
  }
  symlinkSync(join(root, 'node_modules'), join(dest, 'node_modules'));
  return dest;
}
