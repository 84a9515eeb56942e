/**
 * The built CLI as a real process: `mesop-devtools dev` survives a crash of its Mesop child (the
 * state says so, a restart brings it back) and leaves nothing behind on SIGTERM: no Mesop process,
 * no temporary directory, no listening port.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { freePort } from '../../src/cli/app/mesop-server';
import { waitFor } from '../support/wait-for';
import { control, MESOP, raw, ROOT, secretOf } from './dev-helpers';

const CLI = join(ROOT, 'dist/cli/mesop-devtools.js');
let appDir: string;
let cli: ChildProcess | undefined;

beforeAll(() => {
  appDir = mkdtempSync(join(tmpdir(), 'dev-lifecycle-'));
  copyFileSync(join(ROOT, 'test/apps/chat.py'), join(appDir, 'main.py'));
});
afterAll(() => {
  if (cli && cli.exitCode === null) cli.kill('SIGKILL');
  rmSync(appDir, { recursive: true, force: true });
});

const alive = (pid: number): boolean => { try { process.kill(pid, 0); return true; } catch { return false; } };

it('reports a crash, restarts, and cleans up everything on SIGTERM', async () => {
  const port = await freePort();
  cli = spawn('node', [CLI, 'dev', 'main.py', '--port', String(port), '--mesop', MESOP, '--backend', 'file'], { cwd: appDir, stdio: ['ignore', 'pipe', 'pipe'] });
  let err = '';
  cli.stderr!.on('data', (d) => { err += d; });
  cli.stdout!.resume();
  const exited = new Promise<number | null>((r) => cli!.once('exit', (code) => r(code)));
  await waitFor('the "open" line', () => err.includes(`open http://127.0.0.1:${port}/`), { timeoutMs: 60_000, describe: () => err });

  const secret = await secretOf(port);
  const first = JSON.parse((await control(port, secret, 'GET', 'state')).body);
  expect(first).toMatchObject({ backend: 'file', child: { status: 'running' } });
  const tempRoot = dirname(first.backendDir);
  expect(existsSync(first.backendDir)).toBe(true);

  // The child dies on its own: the supervisor stays up and says so.
  process.kill(first.child.pid, 'SIGKILL');
  const crashed = await waitFor('crashed state', async () => {
    const s = JSON.parse((await control(port, secret, 'GET', 'state')).body);
    return s.child.status === 'crashed' ? s : undefined;
  });
  expect(crashed.child).toMatchObject({ pid: null, signal: 'SIGKILL' });
  const down = await raw(port, 'GET', '/');
  expect(down.status).toBe(502);
  expect(down.body).toContain(`data-secret="${secret}"`); // the panel can still offer "restart"

  const restarted = await control(port, secret, 'POST', 'restart', {});
  expect(restarted.status).toBe(200);
  const after = JSON.parse(restarted.body);
  expect(after).toMatchObject({ backend: 'file', child: { status: 'running', restarts: 1 } });
  expect(after.child.pid).not.toBe(first.child.pid);
  expect((await raw(port, 'GET', '/')).status).toBe(200);

  cli.kill('SIGTERM');
  expect(await exited).toBe(0);
  expect(alive(after.child.pid)).toBe(false);
  expect(existsSync(tempRoot)).toBe(false);
  expect(await portIsFree(port)).toBe(true);
  expect(err).not.toMatch(/\n\s+at /);
});

it('refuses bad input before starting anything', () => {
  const run = (...args: string[]) => spawnSync('node', [CLI, 'dev', ...args], { cwd: appDir, encoding: 'utf8', timeout: 30_000 });
  expect(run('missing.py').status).toBe(2);
  const bad = run('main.py', '--backend', 'memory;id', '--mesop', MESOP);
  expect([bad.status, bad.stderr]).toEqual([2, expect.stringMatching(/unknown --backend/)]);
  expect(run('main.py', '--mesop', MESOP, '--', '--port=1').status).toBe(2);
  expect(run('main.py', '--mesop', join(appDir, 'no-such-mesop')).status).toBe(2);
});

it('says so when the port is taken', async () => {
  const blocker = createServer();
  await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', r));
  const port = (blocker.address() as { port: number }).port;
  try {
    const r = spawnSync('node', [CLI, 'dev', 'main.py', '--port', String(port), '--mesop', MESOP], { cwd: appDir, encoding: 'utf8', timeout: 30_000 });
    expect([r.status, r.stderr]).toEqual([2, expect.stringContaining(`port ${port} is in use`)]);
  } finally {
    blocker.close();
  }
});

function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = createServer();
    s.once('error', () => resolve(false));
    s.listen(port, '127.0.0.1', () => s.close(() => resolve(true)));
  });
}
