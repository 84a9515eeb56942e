/**
 * The npm package as a user gets it: packed by `npm pack` from a copy of this checkout (so prepack
 * builds it from sources, and the running suite's dist/ is not touched), installed with
 * `npm install <tgz>` into a fresh npm project outside the repository (puppeteer-core comes from the
 * registry), and run from there. Nothing of the repository is reachable from that project: no
 * NODE_PATH, no node_modules above it, no .venv. The one thing borrowed is the pinned `mesop`,
 * given by absolute path as a user gives their own.
 */
import { execFileSync, spawn, spawnSync, type SpawnSyncReturns } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { control, raw, secretOf } from '../cli/dev-helpers';
import { freePort } from '../../src/cli/app/mesop-server';
import { waitFor } from '../support/wait-for';

const ROOT = join(__dirname, '../..');
const MESOP = join(ROOT, '.venv/bin/mesop');
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));

let work: string;
/** The user's project: package.json, node_modules/mesop-devtools, their app, their configs. */
let project: string;
/** TMPDIR of every installed-CLI process: whatever they leave behind shows up here. */
let userTmp: string;
let tarball: string;
let packed: { size: number; unpackedSize: number; entryCount: number; files: { path: string }[] };
let publishOutput: string;

/** The environment of a user's shell: no NODE_PATH, no npm_* from the `npm test` running us. */
function userEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (!/^(npm_|NODE_PATH$|NODE_OPTIONS$|INIT_CWD$|CHROME_PATH$|PUPPETEER_)/i.test(k)) env[k] = v;
  }
  return { ...env, TMPDIR: userTmp };
}

function sh(cmd: string, args: string[], cwd: string): string {
  return execFileSync(cmd, args, {
    cwd,
    env: userEnv(),
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    timeout: 300_000,
  });
}

/**
 * `npx mesop-devtools ...` in the project. `--no` so npx can never fetch a package by that name
 * from the registry; `--` so npx does not take `--version` for its own.
 */
function cli(...args: string[]): SpawnSyncReturns<string> {
  return spawnSync('npx', ['--no', '--', 'mesop-devtools', ...args], {
    cwd: project,
    env: userEnv(),
    encoding: 'utf8',
    timeout: 180_000,
  });
}

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'npm-install-test-'));
  userTmp = join(work, 'tmp');
  mkdirSync(userTmp);
  // A copy of the checkout's files (tracked and new, not ignored: no dist/, no node_modules) to pack.
  const stage = join(work, 'stage');
  const files = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], {
    cwd: ROOT,
    encoding: 'utf8',
  })
    .split('\0')
    .filter(Boolean);
  for (const file of files) {
    if (!existsSync(join(ROOT, file))) continue; // deleted in the work tree, not yet committed
    mkdirSync(join(stage, file, '..'), { recursive: true });
    copyFileSync(join(ROOT, file), join(stage, file));
  }
  symlinkSync(join(ROOT, 'node_modules'), join(stage, 'node_modules')); // the build's esbuild
  const packDir = join(work, 'pack');
  mkdirSync(packDir);
  [packed] = JSON.parse(sh('npm', ['pack', '--json', '--pack-destination', packDir], stage).replace(/^[^[]*/, '')); // prepack's build output comes first
  tarball = join(packDir, `mesop-devtools-${pkg.version}.tgz`);
  const publish = spawnSync('npm', ['publish', '--dry-run'], {
    cwd: stage,
    env: userEnv(),
    encoding: 'utf8',
    timeout: 300_000,
  });
  publishOutput = publish.stdout + publish.stderr;

  project = join(work, 'my-mesop-app');
  mkdirSync(project);
  sh('npm', ['init', '-y'], project);
  sh('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', tarball], project);
  copyFileSync(join(ROOT, 'test/apps/chat.py'), join(project, 'main.py'));
}, 600_000);

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

it('installs outside the repository, where nothing of it can be reached', () => {
  expect(relative(ROOT, project).startsWith('..')).toBe(true);
  expect(userEnv().NODE_PATH).toBeUndefined();
  for (let dir = project; dir !== join(dir, '..'); dir = join(dir, '..')) {
    if (dir !== project) expect(existsSync(join(dir, 'node_modules'))).toBe(false);
  }
  const installed = join(project, 'node_modules');
  expect(
    readdirSync(installed)
      .filter((n) => !n.startsWith('.'))
      .sort(),
  ).toEqual(expect.arrayContaining(['mesop-devtools', 'puppeteer-core']));
  // Bundled libraries stay out: they are in the CLI and the extension already.
  for (const bundled of ['preact', 'chart.js', 'webextension-polyfill', '@bufbuild'])
    expect(existsSync(join(installed, bundled))).toBe(false);
  expect(JSON.parse(readFileSync(join(installed, 'puppeteer-core/package.json'), 'utf8')).version).toBe(
    pkg.dependencies['puppeteer-core'],
  );
});

it('ships only what runs: the CLI, the extension and its zips (Chrome, Firefox), the demo app, the schema', () => {
  const paths = packed.files.map((f) => f.path).sort();
  expect(paths).toEqual(
    expect.arrayContaining([
      'LICENSE',
      'README.md',
      'package.json',
      'demo/demo_app.py',
      'dist/cli/mesop-devtools.js',
      'dist/cli/mesop-child-guard.js',
      'dist/extension/manifest.json',
      'dist/extension/panel.js',
      'dist/mesop-devtools-extension.zip',
      'dist/mesop-devtools-firefox.zip',
      'dist/mesop-devtools.config.schema.json',
    ]),
  );
  expect(paths.filter((p) => /\.map$|^test\/|^bench\/|^src\/|^python\/|\.har$/.test(p))).toEqual([]);
  const bin = join(project, 'node_modules/mesop-devtools/dist/cli/mesop-devtools.js');
  expect(statSync(bin).mode & 0o111).toBe(0o111);
  expect(readFileSync(bin, 'utf8').startsWith('#!/usr/bin/env node\n')).toBe(true);
  // The figures docs/packaging.md states, printed for whoever updates it.
  console.log(`npm package: ${packed.size} bytes packed, ${packed.unpackedSize} unpacked, ${packed.entryCount} files`);
});

it('publishes cleanly (npm publish --dry-run: no warning but the login one)', () => {
  expect(publishOutput).toContain(`+ mesop-devtools@${pkg.version}`);
  const warnings = publishOutput
    .split('\n')
    .filter((l) => /\bwarn/i.test(l) && !/requires you to be logged in/.test(l));
  expect(warnings).toEqual([]);
});

it("npx mesop-devtools --version prints package.json's version", () => {
  const r = cli('--version');
  expect([r.status, r.stdout, r.stderr]).toEqual([0, `${pkg.version}\n`, '']);
});

it('analyze: the numbers of the Python oracle on recorded HARs', () => {
  for (const name of ['chat', 'image']) {
    const har = join(project, `${name}.har`);
    copyFileSync(join(ROOT, `test/fixtures/${name}.har`), har);
    const r = cli('analyze', `${name}.har`, '--json');
    expect([r.status, r.stderr]).toEqual([0, '']);
    const report = JSON.parse(r.stdout);
    const oracle = JSON.parse(readFileSync(join(ROOT, `test/fixtures/${name}.expected.json`), 'utf8'));
    expect(report.events).toHaveLength(oracle.events.length);
    report.events.forEach((e: any, i: number) => {
      const o = oracle.events[i];
      expect([
        e.kind,
        e.request.bytes,
        e.request.stateBytes,
        e.response.bytes,
        e.response.stateBytes,
        e.mirror.stateBytes,
      ]).toEqual([
        o.kind,
        o.request.wireBytes,
        o.request.stateBytes,
        o.response.wireBytes,
        o.response.downStateBytes,
        o.mirror.stateBytes,
      ]);
    });
  }
});

it('mcp: the installed package answers tools/list over stdio (the SDK bundled, not installed)', async () => {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(userEnv())) if (v !== undefined) env[k] = v;
  const client = new Client({ name: 'npm-install-test', version: '1.0.0' });
  await client.connect(
    new StdioClientTransport({
      command: 'npx',
      args: ['--no', '--', 'mesop-devtools', 'mcp'],
      cwd: project,
      env,
      stderr: 'ignore',
    }),
  );
  try {
    expect((await client.listTools()).tools.map((t) => t.name)).toEqual(
      expect.arrayContaining(['analyze_har', 'get_event', 'run_flow', 'dev_status']),
    );
  } finally {
    await client.close();
  }
  expect(existsSync(join(project, 'node_modules/@modelcontextprotocol'))).toBe(false);
});

describe("check on the user's app with their own mesop", () => {
  const config = (max: string) => ({
    $schema: './node_modules/mesop-devtools/dist/mesop-devtools.config.schema.json',
    app: { command: `${MESOP} main.py --port {port}` },
    flows: [
      {
        name: 'chat',
        steps: [
          { type: { selector: 'input' }, text: 'Hello from my own project' },
          { click: { role: 'button', name: 'Send' } },
          { assertText: "You said 'Hello from my own project'" },
        ],
      },
    ],
    budgets: { preset: 'recommended', fields: { 'history[*].content': ['error', { max, of: 'total' }] } },
  });

  it.each([
    ['fails a budget the app exceeds: exit 1', '50 B', 1, /history\[\*\]\.content/],
    ['passes one it holds: exit 0', '10 kB', 0, /check passed/],
  ])('%s', (_what, max, code, output) => {
    const file = `budget-${code}.json`;
    writeFileSync(join(project, file), JSON.stringify(config(max), null, 2));
    const r = cli('check', '--config', file);
    if (r.status !== code) console.log(r.stdout, r.stderr);
    expect(r.status).toBe(code);
    expect(r.stdout).toMatch(output);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});

it("dev: starts the user's mesop, answers, and leaves nothing behind on SIGINT", async () => {
  const port = await freePort();
  const bin = join(project, 'node_modules/.bin/mesop-devtools'); // the bin itself: signals reach it directly
  const dev = spawn(bin, ['dev', 'main.py', '--port', String(port), '--mesop', MESOP, '--backend', 'file'], {
    cwd: project,
    env: userEnv(),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let err = '';
  dev.stderr!.on('data', (d) => {
    err += d;
  });
  dev.stdout!.resume();
  const exited = new Promise<number | null>((r) => dev.once('exit', (c) => r(c)));
  try {
    const started = await waitFor(
      'the "open" line',
      () => err.includes(`open http://127.0.0.1:${port}/`) || (dev.exitCode !== null ? 'exited' : undefined),
      { timeoutMs: 60_000 },
    ).catch(() => 'timed out');
    if (started !== true) throw new Error(`dev did not start (${started}):\n${err}`);
    const page = await raw(port, 'GET', '/');
    expect(page.status).toBe(200);
    const state = JSON.parse((await control(port, await secretOf(port), 'GET', 'state')).body);
    expect(state).toMatchObject({ backend: 'file', child: { status: 'running' } });
    expect(existsSync(state.backendDir)).toBe(true);
    expect(state.backendDir.startsWith(userTmp)).toBe(true);

    dev.kill('SIGINT');
    expect(await exited).toBe(0);
    expect(alive(state.child.pid)).toBe(false);
    expect(await portIsFree(port)).toBe(true);
    expect(err).toMatch(/SIGINT: stopping mesop/);
  } finally {
    if (dev.exitCode === null) dev.kill('SIGKILL');
  }
});

it("demo: runs the shipped app under the mesop of the user's virtualenv (on PATH) and says what next", () => {
  const env = userEnv();
  env.PATH = `${join(ROOT, '.venv/bin')}:${env.PATH}`; // as `source .venv/bin/activate` does
  const r = spawnSync('npx', ['--no', '--', 'mesop-devtools', 'demo'], {
    cwd: project,
    env,
    encoding: 'utf8',
    timeout: 180_000,
  });
  if (r.status !== 0) console.log(r.stdout, r.stderr);
  expect(r.status).toBe(0);
  expect(r.stderr).toContain(`under ${MESOP}`);
  expect(r.stderr).toContain(join(project, 'node_modules/mesop-devtools/demo/demo_app.py'));
  const report = JSON.parse(readFileSync(join(project, 'out/demo-report.json'), 'utf8'));
  expect(report.findings.map((f: { ruleId: string }) => f.ruleId)).toEqual(
    expect.arrayContaining(['blob-in-state', 'growing-field']),
  );
  expect(r.stdout).toContain(join(project, 'node_modules/mesop-devtools/dist/extension'));
  expect(r.stdout).toContain('mesop-devtools analyze out/demo.har');
  expect(existsSync(join(project, 'node_modules/mesop-devtools/dist/extension/manifest.json'))).toBe(true);
});

it('a missing runtime dependency is one line and exit 3; analyze does not need it', () => {
  rmSync(join(project, 'node_modules/puppeteer-core'), { recursive: true, force: true });
  expect(cli('analyze', 'chat.har').status).toBe(0);
  expect(cli('--help').status).toBe(0);
  const r = cli('check', '--config', 'budget-0.json');
  expect(r.status).toBe(3);
  expect(r.stderr.trimEnd().split('\n').pop()).toBe(
    `mesop-devtools: cannot load the module "puppeteer-core" (reinstall mesop-devtools ${pkg.version} with its dependencies, or run: npm install puppeteer-core@${pkg.dependencies['puppeteer-core']})`,
  );
  expect(r.stderr).not.toMatch(/\n\s+at /);
});

it('no command left a temporary directory behind', () => {
  expect(readdirSync(userTmp).filter((n) => n.startsWith('mesop'))).toEqual([]);
});

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = createServer();
    s.once('error', () => resolve(false));
    s.listen(port, '127.0.0.1', () => s.close(() => resolve(true)));
  });
}
