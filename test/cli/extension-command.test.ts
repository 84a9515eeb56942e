/**
 * `mesop-devtools extension` names this installation's built extension (here: the checkout's
 * dist/, built by `npm test` before jest) and the three steps to load it.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { packageRoot } from '../../src/cli/commands/extension';
import { run } from '../../src/cli/run';
import { fakeProcess } from '../support/fake-process';

const ROOT = resolve(__dirname, '../..');

it('prints the unpacked folder and the zip of the checkout it runs from, wherever it is started', async () => {
  const elsewhere = mkdtempSync(join(tmpdir(), 'extension-cmd-'));
  try {
    const p = fakeProcess(['extension', '--json'], elsewhere);
    expect(await run(p.proc)).toBe(0);
    const paths = JSON.parse(p.stdout());
    expect(paths).toEqual({
      extension: join(ROOT, 'dist/extension'),
      zip: join(ROOT, 'dist/mesop-devtools-extension.zip'),
    });
    // The folder is the one Chrome loads: it holds the manifest the repository builds.
    expect(JSON.parse(readFileSync(join(paths.extension, 'manifest.json'), 'utf8')).name).toBe(
      JSON.parse(readFileSync(join(ROOT, 'manifest.json'), 'utf8')).name,
    );
  } finally {
    rmSync(elsewhere, { recursive: true, force: true });
  }
});

it('says how to load it in Chrome, in three steps', async () => {
  const p = fakeProcess(['extension']);
  expect(await run(p.proc)).toBe(0);
  const out = p.stdout();
  expect(out).toContain(`Unpacked extension: ${join(ROOT, 'dist/extension')}`);
  expect(out.match(/^ {2}\d\. /gm)).toHaveLength(3);
  expect(out).toMatch(/Load unpacked/);
});

it('finds the package root from any folder inside it, and refuses stray arguments', async () => {
  expect(packageRoot(join(ROOT, 'src/cli/commands'))).toBe(ROOT);
  expect(() => packageRoot(tmpdir())).toThrow(/no mesop-devtools package\.json/);
  const p = fakeProcess(['extension', 'now']);
  expect(await run(p.proc)).toBe(2);
  expect(p.stderr()).toMatch(/^mesop-devtools: unexpected argument "now"/);
  expect(existsSync(join(ROOT, 'dist/extension'))).toBe(true);
});
