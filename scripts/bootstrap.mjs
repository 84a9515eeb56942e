#!/usr/bin/env node
// Idempotent set-up for a fresh machine, run first by `npm test`, `npm run demo` and friends.
// Uses only node:* so it can run before node_modules exists. Each step is skipped when its stamp
// (a hash of the inputs) says it is already done, so a second run costs well under a second.
//   --node   only the npm packages (build, bench)
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const onlyNode = process.argv.includes('--node');
const CHROMIUM = '/usr/lib/chromium/chromium';
/** Debian's Firefox ESR: the Firefox edition's tests drive it (test/extension/firefox.e2e.test.ts). */
const FIREFOX = '/usr/bin/firefox-esr';

function hashOf(...files) {
  const h = createHash('sha256');
  for (const f of files) h.update(readFileSync(join(root, f)));
  return h.digest('hex').slice(0, 16);
}

function run(cmd, args, what) {
  console.error(`[setup] ${what}: ${cmd} ${args.join(' ')}`);
  const r = spawnSync(cmd, args, { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] });
  if (r.status !== 0) {
    console.error(`[setup] failed: ${what} (exit ${r.status ?? r.signal}).`);
    process.exit(1);
  }
}

function stamped(stampPath, hash, action) {
  const full = join(root, stampPath);
  if (existsSync(full) && readFileSync(full, 'utf8') === hash) return;
  action();
  writeFileSync(full, hash);
}

// 1. npm packages, exactly as locked.
stamped('node_modules/.bootstrap-stamp', hashOf('package-lock.json'), () =>
  run('npm', ['ci', '--no-audit', '--no-fund', '--loglevel=error'], 'npm packages'),
);

if (!onlyNode) {
  // 2. Python virtualenv with the pinned mesop.
  const venvPython = join(root, '.venv/bin/python');
  stamped('.venv-stamp', hashOf('python/requirements.lock.txt'), () => {
    if (!existsSync(venvPython)) run('python3', ['-m', 'venv', '.venv'], 'Python virtualenv');
    run(
      venvPython,
      ['-m', 'pip', 'install', '--quiet', '--disable-pip-version-check', '-r', 'python/requirements.lock.txt'],
      'pinned mesop',
    );
  });

  // 3. Debian's Chromium and Firefox ESR (puppeteer-core does not download a browser).
  const missing = [
    ['Chromium', CHROMIUM, 'chromium'],
    ['Firefox ESR', FIREFOX, 'firefox-esr'],
  ].filter(([, path]) => !existsSync(path));
  if (missing.length) {
    const packages = missing.map(([, , pkg]) => pkg);
    if (process.getuid && process.getuid() === 0) {
      run('apt-get', ['update', '-qq'], 'Debian package lists');
      run('apt-get', ['install', '-y', '-qq', ...packages], missing.map(([name]) => name).join(' and '));
    } else {
      console.error(
        `[setup] ${missing.map(([name, path]) => `${name} is missing (${path})`).join('; ')}. Install with: sudo apt-get install -y ${packages.join(' ')}`,
      );
      process.exit(1);
    }
  }
}
