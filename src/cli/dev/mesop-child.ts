import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { killGroup } from '../app/kill-group';
import type { GuardReport } from './child-guard';

/**
 * One Mesop process (`mesop app.py --port=N [extra]`), started through its guard
 * (child-guard.ts: it stops Mesop and removes `tempRoot` if this CLI dies, even by SIGKILL), in
 * the guard's own process group so that stopping it also stops anything it started. Not
 * ../app/mesop-server.ts because `dev` needs what that helper deliberately does not do: run in
 * the user's working directory with the user's environment (their .env,
 * MESOP_WEBSOCKETS_ENABLED, API keys...), report the exit code of a crash instead of throwing,
 * and stream the output to the terminal as it comes.
 */
export interface ChildOptions {
  mesopBin: string;
  app: string;
  port: number;
  extraArgs: readonly string[];
  cwd: string;
  env: Record<string, string>;
  /** Removed by the guard if this CLI dies while Mesop runs. */
  tempRoot: string;
  onOutput(text: string, stream: 'stdout' | 'stderr'): void;
  onExit(code: number | null, signal: string | null): void;
}

export interface MesopChild {
  /** Mesop's own pid (not the guard's), once it runs. */
  readonly pid: number | null;
  port: number;
  exited: boolean;
  /** SIGTERM to the group, SIGKILL after `graceMs`; resolves once the process is gone. */
  stop(graceMs?: number): Promise<void>;
  /** Synchronous last resort for process 'exit' handlers. */
  killNow(): void;
}

/**
 * The guard's bundle: beside this CLI's bundle (dist/cli/), or, for tests that run these
 * TypeScript sources, in the repository's dist/cli/ (built by scripts/build.mjs).
 */
export function guardScript(): string {
  const candidates = [
    join(__dirname, 'mesop-child-guard.js'),
    join(__dirname, '../../../dist/cli/mesop-child-guard.js'),
  ];
  const found = candidates.find((c) => existsSync(c));
  if (!found) throw new Error(`mesop-child-guard.js not found beside ${__dirname} (run node scripts/build.mjs)`);
  return found;
}

export function spawnMesop(options: ChildOptions): MesopChild {
  const args = [options.app, `--port=${options.port}`, ...options.extraArgs];
  // No shell: every argument reaches mesop as one argv entry, whatever characters it holds.
  // stdin is the guard's lifeline (never written; closed by the kernel when this process ends).
  const proc: ChildProcess = spawn(process.execPath, [guardScript(), options.tempRoot, options.mesopBin, ...args], {
    cwd: options.cwd,
    env: options.env,
    stdio: ['pipe', 'pipe', 'pipe', 'pipe'],
    detached: true,
  });
  let pid: number | null = null;
  let ended: { code: number | null; signal: string | null } | undefined;
  readReports(proc.stdio[3] as Readable, (report) => {
    if ('pid' in report) pid = report.pid;
    else if ('exit' in report) ended = { code: report.exit, signal: report.signal };
    else options.onOutput(`${report.error}\n`, 'stderr');
  });
  let exited = false;
  const gone = new Promise<void>((resolve) => {
    const finish = (code: number | null, signal: string | null): void => {
      if (exited) return;
      exited = true;
      options.onExit(code, signal);
      resolve();
    };
    // 'close': the guard has exited and every pipe is drained, its last report included. A spawn
    // error (ENOENT of the mesop executable) is reported by the guard and exits it like a crash.
    proc.once('close', (code, signal) =>
      finish(ended ? ended.code : pid === null && code === 0 ? 127 : code, ended ? ended.signal : signal),
    );
    proc.once('error', (err) => {
      options.onOutput(`${err.message}\n`, 'stderr');
      finish(127, null);
    });
  });
  proc.stdin?.on('error', () => undefined); // the guard is gone: nothing to keep alive
  proc.stdout?.on('data', (d: Buffer) => options.onOutput(d.toString(), 'stdout'));
  proc.stderr?.on('data', (d: Buffer) => options.onOutput(d.toString(), 'stderr'));

  const signalGroup = (signal: NodeJS.Signals): void => killGroup(proc.pid, signal);
  return {
    get pid() {
      return pid;
    },
    port: options.port,
    get exited() {
      return exited;
    },
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

/** The guard's fd-3 reports, one JSON object per line. */
function readReports(stream: Readable, onReport: (report: GuardReport) => void): void {
  let buffered = '';
  stream.setEncoding('utf8');
  stream.on('data', (chunk: string) => {
    buffered += chunk;
    let nl: number;
    while ((nl = buffered.indexOf('\n')) >= 0) {
      const line = buffered.slice(0, nl);
      buffered = buffered.slice(nl + 1);
      try {
        onReport(JSON.parse(line) as GuardReport);
      } catch {
        /* not a report: ignore */
      }
    }
  });
}
