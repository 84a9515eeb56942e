import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { CliProcess } from '../cli-process';
import { parseOptions } from '../parse-options';
import type { Command } from '../run';
import { UserError, USER_ERRORS } from '../user-error';

const USAGE = `Usage: mesop-devtools extension [--json]
  Prints where this installation keeps the Chrome DevTools extension (the unpacked folder to load
  in Chrome, and the zip for the Chrome Web Store) and how to load it.
  --json   print {"extension": <folder>, "zip": <file>} instead`;

/**
 * The mesop-devtools package folder holding this code: the npm package when installed (also the
 * copy inside the pip package), the checkout when run from it. Found from the running file, so the
 * answer is this installation's, wherever the command is started.
 */
export function packageRoot(from: string = __dirname): string {
  for (let dir = from; ; dir = dirname(dir)) {
    const manifest = join(dir, 'package.json');
    if (
      existsSync(manifest) &&
      (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === 'mesop-devtools'
    )
      return dir;
    if (dirname(dir) === dir) throw new Error(`no mesop-devtools package.json above ${from}`);
  }
}

export function extensionPaths(root: string = packageRoot()): { extension: string; zip: string } {
  return { extension: join(root, 'dist/extension'), zip: join(root, 'dist/mesop-devtools-extension.zip') };
}

export const extensionCommand: Command = {
  name: 'extension',
  summary: 'print where the Chrome DevTools extension is and how to load it',
  usage: USAGE,
  async run(args: string[], proc: CliProcess): Promise<number> {
    const { values, positionals } = parseOptions(args, { json: { type: 'boolean' } }, USAGE);
    if (positionals.length)
      throw new UserError(USER_ERRORS.USAGE, `unexpected argument "${positionals[0]}"`, USAGE.split('\n')[0]);
    const paths = extensionPaths();
    if (!existsSync(join(paths.extension, 'manifest.json'))) {
      throw new UserError(
        USER_ERRORS.FILE_NOT_FOUND,
        `no built extension at ${paths.extension}`,
        'in a checkout, run `npm run build` first',
      );
    }
    if (values.json) {
      proc.stdout.write(`${JSON.stringify(paths, null, 2)}\n`);
      return 0;
    }
    const zip = existsSync(paths.zip) ? paths.zip : '(not built: `npm run build` writes it)';
    proc.stdout.write(
      [
        `Unpacked extension: ${paths.extension}`,
        `Chrome Web Store zip: ${zip}`,
        '',
        'Load it in Chrome (or Chromium, Edge):',
        '  1. Open chrome://extensions and switch on "Developer mode" (top right).',
        `  2. Click "Load unpacked" and choose ${paths.extension}`,
        '  3. Run your app (mesop main.py), open it, open DevTools (F12) and pick the "Mesop" tab.',
        '',
      ].join('\n'),
    );
    return 0;
  },
};
