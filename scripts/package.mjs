#!/usr/bin/env node
// One command builds both packages, with one version (package.json's):
//   dist/packages/mesop-devtools-<version>.tgz                 the npm package (npm pack)
//   dist/packages/mesop_devtools-<version>-py3-none-any.whl    the pip package (hatchling)
// The wheel holds that same npm package, installed with its runtime dependencies (npm ci
// --omit=dev against package-lock.json, so the versions are the tested ones), under
// mesop_devtools/node/, next to the Python launcher from python/package/. Hatchling reads the
// wheel's version from the staged package.json: no second copy of the number to keep in step.
//   PYTHON=python3.12 npm run package     the Python whose pip builds the wheel (default python3)
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'dist/packages');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const python = process.env.PYTHON ?? 'python3';

// PEP 440 and semver agree on plain X.Y.Z; a pre-release tag would need translating, so refuse it.
if (!/^\d+\.\d+\.\d+$/.test(pkg.version)) {
  console.error(`package: version "${pkg.version}" is not X.Y.Z; the wheel's version must be the same string`);
  process.exit(2);
}

/**
 * Files Node never loads at run time: source maps, type declarations, and prebuilt addons for the
 * Bare runtime (`*.bare`, from tar-fs's optional bare-* modules). They are half the wheel's size.
 */
const UNUSED_AT_RUN_TIME = /\.(map|d\.ts|d\.mts|d\.cts|bare)$/;
function pruneNodeModules(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) pruneNodeModules(full);
    else if (UNUSED_AT_RUN_TIME.test(entry.name)) rmSync(full);
  }
}

const started = Date.now();
const log = (line) => console.error(`package [${((Date.now() - started) / 1000).toFixed(0)}s]: ${line}`);
const run = (cmd, args, cwd = root) =>
  execFileSync(cmd, args, { cwd, stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8' });
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

mkdirSync(out, { recursive: true });
// npm pack runs "prepack" (the build) when package.json has one; otherwise build here.
if (!pkg.scripts?.prepack) run(process.execPath, ['scripts/build.mjs', '--zip']);
// npm prints prepack's output before its JSON on the same stdout.
const packOutput = run(npm, ['pack', '--json', '--pack-destination', out]);
const [packed] = JSON.parse(packOutput.slice(packOutput.search(/^\[/m)));
const tgz = join(out, packed.filename);
log(`${tgz} (${packed.entryCount} files)`);

const work = mkdtempSync(join(tmpdir(), 'mesop-devtools-package-'));
try {
  const project = join(work, 'python-package');
  cpSync(join(root, 'python/package'), project, {
    recursive: true,
    filter: (src) => !/__pycache__|\.egg-info/.test(src),
  });
  const staged = join(project, 'mesop_devtools/node');
  mkdirSync(staged, { recursive: true });
  run('tar', ['-xzf', tgz, '-C', staged, '--strip-components=1']);
  for (const needed of [
    'dist/cli/mesop-devtools.js',
    'dist/cli/mesop-child-guard.js',
    'dist/extension/manifest.json',
  ]) {
    if (!existsSync(join(staged, needed)))
      throw new Error(`the npm package has no ${needed}: package.json "files" must ship it`);
  }
  cpSync(join(root, 'package-lock.json'), join(staged, 'package-lock.json'));
  log('installing its runtime dependencies (npm ci --omit=dev)');
  run(
    npm,
    ['ci', '--omit=dev', '--ignore-scripts', '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error'],
    staged,
  );
  rmSync(join(staged, 'package-lock.json'));
  rmSync(join(staged, 'node_modules/.package-lock.json'), { force: true });
  pruneNodeModules(join(staged, 'node_modules'));

  log(`building the wheel (${python} -m pip wheel, hatchling)`);
  run(python, ['-m', 'pip', 'wheel', '--no-deps', '--quiet', '--wheel-dir', out, project]);
  const wheel = join(out, `mesop_devtools-${pkg.version}-py3-none-any.whl`);
  if (!existsSync(wheel)) throw new Error(`pip wrote no ${wheel}`);
  const mb = (f) => `${(statSync(f).size / 1e6).toFixed(2)} MB`;
  log(`${wheel} (${mb(wheel)}); npm tarball ${mb(tgz)}`);
  console.log(JSON.stringify({ version: pkg.version, npm: tgz, wheel }));
} finally {
  rmSync(work, { recursive: true, force: true });
}
