import { spawn, type ChildProcess } from 'node:child_process';
import { killGroup } from '../app/kill-group';

/**
 * One Mesop process (`mesop app.py --port=N [extra]`), in its own process group so that stopping
 * it also stops anything it started. Not ../app/mesop-server.ts because `dev` needs what that
 * helper deliberately does not do: run in the user's working directory with the user's
 * environment (their .env, MESOP_WEBSOCKETS_ENABLED, API keys...), report the exit code of a
 * crash instead of throwing, and stream the output to the terminal as it comes.
 */
export interface ChildOptions {
  mesopBin: string;
  app: string;
  port: number;
  extraArgs: readonly string[];
  cwd: string;
  env: Record<string, string>;
  onOutput(text: string, stream: 'stdout' | 'stderr'): void;
  onExit(code: number | null, signal: string | null): void;
}

export interface MesopChild {
  pid: number | null;
  port: number;
  exited: boolean;
  /** SIGTERM to the group, SIGKILL after `graceMs`; resolves once the process is gone. */
  stop(graceMs?: number): Promise<void>;
  /** Synchronous last resort for process 'exit' handlers. */
  killNow(): void;
}

export function spawnMesop(options: ChildOptions): MesopChild {
  const args = [options.app, `--port=${options.port}`, ...options.extraArgs];
  // No shell: every argument reaches mesop as one argv entry, whatever characters it holds.
  const proc: ChildProcess = spawn(options.mesopBin, args, {
    cwd: options.cwd, env: options.env, stdio: ['ignore', 'pipe', 'pipe'], detached: true,
  });
  let exited = false;
  const gone = new Promise<void>((resolve) => {
    const finish = (code: number | null, signal: string | null): void => {
      if (exited) return;
      exited = true;
      options.onExit(code, signal);
      resolve();
    };
    proc.once('exit', (code, signal) => finish(code, signal));
    // ENOENT/EACCES: there is no process to wait for.
    proc.once('error', (err) => { options.onOutput(`${err.message}\n`, 'stderr'); finish(127, null); });
  });
  proc.stdout?.on('data', (d: Buffer) => options.onOutput(d.toString(), 'stdout'));
  proc.stderr?.on('data', (d: Buffer) => options.onOutput(d.toString(), 'stderr'));

  const signalGroup = (signal: NodeJS.Signals): void => killGroup(proc.pid, signal);
  return {
    pid: proc.pid ?? null,
    port: options.port,
    get exited() { return exited; },
    async stop(graceMs = 5000) {
      if (!exited) {
        signalGroup('SIGTERM');
        const timer = setTimeout(() => signalGroup('SIGKILL'), graceMs);
        await gone;
        clearTimeout(timer);
      }
      // The leader is gone; a grandchild that ignored SIGTERM must not outlive it.
      signalGroup('SIGKILL');
    },
    killNow: () => signalGroup('SIGKILL'),
  };
}
