import { spawn, type ChildProcess } from 'node:child_process';
import { killGroup } from './kill-group';
import { freePort } from './mesop-server';

/**
 * Starts any command that serves a web app on a port it is told (`mesop main.py --port {port}`,
 * `gunicorn --bind 127.0.0.1:{port} main:me`, ...), waits until it answers over HTTP, and stops it
 * and all its children afterwards. The command runs through `/bin/sh -c` in its own process group
 * (so a shell, a venv wrapper or a reloader's children all get the signal), and its output is kept
 * for the error message when it does not start.
 */
export interface AppCommandOptions {
  /** Shell command; every `{port}` is replaced by a free port on 127.0.0.1. */
  command: string;
  cwd: string;
  /** The whole environment of the command. */
  env: Record<string, string>;
  /** Path probed until it answers (default `/`). */
  readyPath?: string;
  startTimeoutMs?: number;
}

export interface RunningApp {
  origin: string;
  port: number;
  command: string;
  /** The shell's pid, which leads the app's process group (load reads the tree's memory from it). */
  pid: number | undefined;
  /** Everything the command printed (stdout + stderr, interleaved). */
  log(): string;
  stop(): Promise<void>;
}

export class AppStartError extends Error {
  constructor(
    message: string,
    readonly output: string,
  ) {
    super(message);
  }
}

const live = new Set<ChildProcess>();
// Last resort: a crash of the CLI must not leave the app running on the CI machine.
process.on('exit', () => {
  for (const child of live) killGroup(child.pid, 'SIGKILL');
});
let signalsHooked = false;
/** Ctrl-C or a CI cancel skips 'exit' handlers unless the signal is handled: stop the apps, then exit. */
function hookSignals(): void {
  if (signalsHooked) return;
  signalsHooked = true;
  for (const sig of ['SIGINT', 'SIGTERM'] as const) {
    process.once(sig, () => {
      for (const child of live) killGroup(child.pid, 'SIGKILL');
      process.exit(sig === 'SIGINT' ? 130 : 143);
    });
  }
}

export async function startAppCommand(o: AppCommandOptions): Promise<RunningApp> {
  hookSignals();
  const port = await freePort();
  const command = o.command.replaceAll('{port}', String(port));
  const child = spawn('/bin/sh', ['-c', command], {
    cwd: o.cwd,
    env: o.env,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  live.add(child);
  let output = '';
  const keep = (d: Buffer) => {
    output = (output + d.toString()).slice(-200_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  let exitCode: number | null | undefined;
  const exited = new Promise<void>((resolve) => {
    child.once('exit', (code, signal) => {
      exitCode = code ?? (signal ? -1 : null);
      live.delete(child);
      resolve();
    });
    child.once('error', (e) => {
      output += `\n${e.message}`;
      exitCode = -1;
      live.delete(child);
      resolve();
    });
  });

  const stop = async (): Promise<void> => {
    if (!live.has(child)) return;
    killGroup(child.pid, 'SIGTERM');
    const timer = setTimeout(() => killGroup(child.pid, 'SIGKILL'), 3000);
    await exited;
    clearTimeout(timer);
    // The shell may be gone while a child that ignored SIGTERM lives on in the group.
    killGroup(child.pid, 'SIGKILL');
  };

  const origin = `http://127.0.0.1:${port}`;
  const timeoutMs = o.startTimeoutMs ?? 60_000;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (exitCode !== undefined)
      throw new AppStartError(`the app command exited (code ${exitCode}) before serving ${origin}`, output);
    if (await answers(`${origin}${o.readyPath ?? '/'}`)) break;
    if (Date.now() > deadline) {
      await stop();
      throw new AppStartError(`the app did not answer at ${origin} within ${timeoutMs} ms`, output);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return { origin, port, command, pid: child.pid, log: () => output, stop };
}

/** Any HTTP answer below 500 counts: the server is up even if `/` redirects or needs a login. */
export async function answers(url: string, timeoutMs = 2000): Promise<boolean> {
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(timeoutMs), redirect: 'manual' });
    await res.arrayBuffer().catch(() => undefined);
    return res.status < 500;
  } catch {
    return false;
  }
}
