/**
 * Ctrl-C during `mesop-devtools load`: the CLI exits 130, and every process it started (the Mesop
 * server, the Locust runner and its users) is gone, with its temp dirs. A real process gets the
 * signal, as from a terminal. What it started is found by the TMPDIR this test gives it alone:
 * every child inherits it.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { waitFor } from '../support/wait-for';

const ROOT = join(__dirname, '../..');
const VENV = join(ROOT, '.venv/bin');
const CLI = join(ROOT, 'dist/cli/mesop-devtools.js');

/** Processes whose environment carries this TMPDIR, with their command lines. */
function processesWith(tmp: string): string[] {
  const found: string[] = [];
  for (const pid of readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
    try {
      if (!readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0').includes(`TMPDIR=${tmp}`)) continue;
      found.push(`${pid} ${readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ')}`);
    } catch {
      /* gone meanwhile, or not ours to read */
    }
  }
  return found;
}

it('stops the app, Locust and its temp dirs on SIGINT, exit 130', async () => {
  const tmp = mkdtempSync(join(tmpdir(), 'load-interrupt-'));
  try {
    const child = spawn(
      process.execPath,
      [
        CLI,
        'load',
        join(ROOT, 'test/fixtures/chat.har'),
        '--server',
        `${VENV}/mesop chat.py`,
        '--backend',
        'memory,file',
        '--steps',
        '2,4',
        '--duration',
        '120s',
        '--python',
        `${VENV}/python`,
      ],
      { cwd: join(ROOT, 'test/apps'), env: { ...process.env, TMPDIR: tmp }, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stderr = '';
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
    try {
      // Mid-run: the server and the Locust runner are both up (two or more processes of ours).
      await waitFor(
        'the load to start',
        () => /load: memory:/.test(stderr) && processesWith(tmp).some((p) => /-m mesop_devtools\.load run/.test(p)),
        { timeoutMs: 60_000, everyMs: 200 },
      );
      expect(processesWith(tmp).length).toBeGreaterThanOrEqual(2);
      child.kill('SIGINT');
      expect(await exited).toBe(130);
      await waitFor('every process to be gone', () => processesWith(tmp).length === 0, {
        timeoutMs: 15_000,
        everyMs: 200,
        describe: () => processesWith(tmp).join('; '),
      });
      expect(readdirSync(tmp)).toEqual([]);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
      for (const p of processesWith(tmp)) process.kill(Number(p.split(' ')[0]), 'SIGKILL');
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
});
