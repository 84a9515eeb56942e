/** The Web Store zip: every built file except source maps, valid for unzip, manifest at the root. */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '../..');
const EXT = join(ROOT, 'dist/extension');

test('zipExtension packs the unpacked extension (no source maps) into a zip unzip accepts', () => {
  if (!existsSync(join(EXT, 'manifest.json')))
    execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: ROOT, stdio: 'inherit' });
  const dir = mkdtempSync(join(tmpdir(), 'mesop-zip-'));
  try {
    const zip = join(dir, 'ext.zip');
    // An ES module: run it in a plain node process (jest's VM would need --experimental-vm-modules).
    execFileSync(process.execPath, [
      '--input-type=module',
      '-e',
      `import { zipExtension } from ${JSON.stringify(join(ROOT, 'scripts/zip-extension.mjs'))}; await zipExtension(process.argv[1], process.argv[2]);`,
      EXT,
      zip,
    ]);
    execFileSync('unzip', ['-tq', zip]);
    const listed = execFileSync('unzip', ['-Z1', zip], { encoding: 'utf8' }).trim().split('\n').sort();
    const expected = readdirSync(EXT, { recursive: true, withFileTypes: true })
      .filter((d) => d.isFile() && !d.name.endsWith('.map'))
      .map((d) => join(d.parentPath ?? d.path, d.name).slice(EXT.length + 1))
      .sort();
    expect(listed).toEqual(expected);
    expect(listed).toContain('manifest.json');
    execFileSync('unzip', ['-q', zip, '-d', join(dir, 'out')]);
    expect(readFileSync(join(dir, 'out/panel.js'))).toEqual(readFileSync(join(EXT, 'panel.js')));
    const manifest = JSON.parse(readFileSync(join(dir, 'out/manifest.json'), 'utf8'));
    expect(manifest.host_permissions).toEqual([]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
