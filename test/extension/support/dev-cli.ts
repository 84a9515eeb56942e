import { spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { freePort } from './mesop-server';
import { waitFor } from '../../support/wait-for';

const ROOT = resolve(__dirname, '../../..');
export const DEV_CLI = join(ROOT, 'dist/cli/mesop-devtools.js');
const MESOP = join(ROOT, '.venv/bin/mesop');

/** `mesop-devtools dev` as the user runs it, on a copy of an app. */
export interface DevCli {
  origin: string;
  /** Everything the CLI printed so far. */
  log(): string;
  /** Remembers a Mesop child the supervisor ran, so `stop` can check it is gone. */
  track(pid: number | null | undefined): void;
  /** SIGTERM, then SIGKILL whatever is left; returns the pids that were still alive (should be none). */
  stop(): Promise<number[]>;
}

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};
/** Unref'd, so a timer left over from a Promise.race never keeps jest alive. */
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms).unref());

/**
 * Starts the built CLI's `dev` on a copy of `app` in a temporary directory (Mesop's watcher never
 * sees test/apps), on a free loopback port, and waits until it says where to open the page.
 * `env` goes to the CLI and through it to Mesop (e.g. MESOP_WEBSOCKETS_ENABLED); `args` are more
 * `dev` options (e.g. --allowed-host).
 */
export async function startDevCli(
  app: string,
  env: Record<string, string>,
  args: readonly string[] = [],
): Promise<DevCli> {
  const appDir = mkdtempSync(join(tmpdir(), 'dev-mode-e2e-'));
  copyFileSync(join(ROOT, app), join(appDir, 'main.py'));
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  let log = '';
  const pids: number[] = [];
  const cli: ChildProcess = spawn(
    process.execPath,
    [DEV_CLI, 'dev', 'main.py', '--port', String(port), '--mesop', MESOP, '--backend', 'none', ...args],
    { cwd: appDir, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, PYTHONUNBUFFERED: '1', ...env } },
  );
  cli.stdout!.on('data', (d) => {
    log += d;
  });
  cli.stderr!.on('data', (d) => {
    log += d;
  });

  const stop = async (): Promise<number[]> => {
    if (cli.exitCode === null && cli.signalCode === null) {
      const exited = new Promise((r) => cli.once('exit', r));
      cli.kill('SIGTERM');
      await Promise.race([exited, sleep(10_000)]);
      if (cli.exitCode === null && cli.signalCode === null) cli.kill('SIGKILL');
    }
    // Its children go with it: wait (bounded) until they are gone rather than look once after a fixed pause.
    await waitFor('the dev CLI and its Mesop children to exit', () => ![cli.pid!, ...pids].some(alive), {
      timeoutMs: 10_000,
    }).catch(() => undefined);
    const left = [cli.pid!, ...pids].filter(alive);
    left.forEach((pid) => {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        /* gone */
      }
    });
    rmSync(appDir, { recursive: true, force: true });
    return left;
  };

  // Ends early (false: not started) when the CLI exits.
  const started = await waitFor(
    'the "open" line',
    () => log.includes(`open ${origin}/`) || (cli.exitCode !== null ? 'exited' : undefined),
    { timeoutMs: 60_000 },
  ).catch(() => 'timed out');
  if (started !== true) {
    await stop();
    throw new Error(`dev did not start (${started}):\n${log}`);
  }
  return {
    origin,
    log: () => log,
    track: (pid) => {
      if (pid) pids.push(pid);
    },
    stop,
  };
}
