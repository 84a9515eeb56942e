import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { killGroup } from './kill-group';

/**
 * Starts a sample app under the pinned Mesop (`.venv/bin/mesop app.py --port=N`) on 127.0.0.1 and
 * stops it again. Facts from mesop 1.3.7 this relies on (checked in site-packages/mesop):
 * - the port is the absl flag `--port` (default 32123); the host is hard-coded to "localhost",
 *   which werkzeug binds as IPv4 127.0.0.1 (mesop/utils/host_util.py, server/wsgi_app.py);
 * - without `--prod` the CLI runs in debug ("editor") mode with the hot-reload file watcher;
 * - every MESOP_* setting is read once at import, so each configuration is its own process;
 * - `mesop.env` loads the first `.env` found from the working directory upward, so the server
 *   runs in a fresh temporary directory where no project `.env` can leak in.
 */
export interface MesopServerOptions {
  /** Absolute path of the app file. */
  app: string;
  /** Absolute path of the `mesop` console script. */
  mesopBin: string;
  /** Extra environment (MESOP_* settings). Inherited MESOP_* variables are removed first. */
  env?: Record<string, string>;
  /** Fixed port (a restart on the same port); default: a free one. */
  port?: number;
  prod?: boolean;
}

export interface MesopServer {
  origin: string;
  port: number;
  /** Everything the server printed (stdout + stderr), for error messages. */
  log(): string;
  stop(): Promise<void>;
}

const live = new Set<ChildProcess>();
/** Last resort: never leave a server behind, even when the recorder crashes. */
export function killAllNow(): void {
  for (const child of live) killGroup(child.pid, 'SIGKILL');
}
process.on('exit', killAllNow);

/** A free TCP port on 127.0.0.1 (the OS picks it; released just before Mesop binds it). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

export async function startMesop(options: MesopServerOptions): Promise<MesopServer> {
  const port = options.port ?? (await freePort());
  const cwd = mkdtempSync(join(tmpdir(), 'mesop-app-'));
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (v !== undefined && !k.startsWith('MESOP_')) env[k] = v;
  }
  // PYTHONHASHSEED: `set` fields are serialized in iteration order; fix it so re-recordings match.
  Object.assign(env, { PYTHONUNBUFFERED: '1', PYTHONHASHSEED: '0' }, options.env ?? {});
  const args = [options.app, `--port=${port}`, ...(options.prod ? ['--prod'] : [])];
  const child = spawn(options.mesopBin, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  live.add(child);
  let output = '';
  child.stdout?.on('data', (d: Buffer) => {
    output += d.toString();
  });
  child.stderr?.on('data', (d: Buffer) => {
    output += d.toString();
  });
  const exited = new Promise<void>((resolve) => {
    child.once('exit', () => {
      live.delete(child);
      resolve();
    });
    // ENOENT/EACCES: no process started, so no 'exit' will come.
    child.once('error', (e) => {
      output += `could not start ${options.mesopBin}: ${e.message}\n`;
      live.delete(child);
      resolve();
    });
  });

  const stop = async (): Promise<void> => {
    if (live.has(child)) {
      killGroup(child.pid, 'SIGTERM');
      const timer = setTimeout(() => killGroup(child.pid, 'SIGKILL'), 3000);
      await exited;
      clearTimeout(timer);
    }
    rmSync(cwd, { recursive: true, force: true });
  };

  const origin = `http://127.0.0.1:${port}`;
  try {
    await waitUntilServing(origin, () => !live.has(child), 60_000);
  } catch (err) {
    await stop();
    throw new Error(`${(err as Error).message}\n--- mesop output ---\n${output.slice(-3000)}`);
  }
  return { origin, port, log: () => output, stop };
}

async function waitUntilServing(origin: string, hasExited: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (hasExited()) throw new Error(`mesop exited before serving ${origin}`);
    try {
      const res = await fetch(`${origin}/`, { signal: AbortSignal.timeout(2000) });
      if (res.ok) return;
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`mesop did not serve ${origin} within ${timeoutMs} ms`);
}
