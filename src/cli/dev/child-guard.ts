import { spawn } from 'node:child_process';
import { rmSync, writeSync } from 'node:fs';

/**
 * The guard between `mesop-devtools dev` and its Mesop child, a process of its own
 * (dist/cli/mesop-child-guard.js) so that Mesop dies with the CLI *whatever* kills the CLI:
 * SIGKILL, an IDE's stop button, the OOM killer. Nothing can run in a process that is
 * SIGKILLed, so the CLI holds a lifeline instead: the write end of the guard's stdin. The kernel
 * closes it when the CLI ends, however it ends; the guard then reads EOF, stops Mesop (SIGTERM to
 * its process group, SIGKILL after a grace period) and removes the session's temporary directory.
 *
 * Layout: the guard leads its own process group (the CLI spawns it detached, so a Ctrl-C in the
 * terminal reaches only the CLI, which stops it in order); Mesop runs in that group and writes
 * straight into the CLI's stdout/stderr pipes (no copying). The guard reports on fd 3, one JSON
 * line each: Mesop's pid once it runs, then how it ended, so the CLI shows the real exit code or
 * signal of a crash. Signals sent to the group reach Mesop directly; the guard ignores them and
 * stays until Mesop is gone, to report.
 */
export type GuardReport = { pid: number } | { exit: number | null; signal: string | null } | { error: string };

/** How long Mesop gets to stop after SIGTERM once the CLI is gone (the CLI's own stop waits as long). */
const GRACE_MS = 5000;

/** argv: <temporary directory to remove if orphaned> <mesop executable> <mesop arguments...> */
export function runChildGuard(argv: readonly string[]): void {
  const [tempRoot, bin, ...args] = argv;
  if (!tempRoot || !bin) throw new Error('usage: mesop-child-guard <temp dir> <mesop> [args...]');
  const report = (message: GuardReport): void => {
    try {
      writeSync(3, `${JSON.stringify(message)}\n`);
    } catch {
      /* the CLI is gone: nobody to tell */
    }
  };
  let orphaned = false;

  const child = spawn(bin, args, { stdio: ['ignore', 'inherit', 'inherit'] });
  child.once('spawn', () => report({ pid: child.pid! }));
  child.once('error', (err) => {
    report({ error: err.message });
    process.exit(0);
  });
  child.once('exit', (code, signal) => {
    report({ exit: code, signal });
    if (orphaned) cleanUpAndDie();
    else process.exit(0);
  });

  for (const s of ['SIGTERM', 'SIGINT', 'SIGHUP'] as const) process.on(s, () => undefined);

  process.stdin.on('end', () => {
    if (orphaned) return;
    orphaned = true;
    signalGroup('SIGTERM');
    setTimeout(cleanUpAndDie, GRACE_MS);
  });
  process.stdin.on('error', () => process.stdin.emit('end'));
  process.stdin.resume();

  /** Last step when the CLI is gone: the directory, then everything left in the group, this guard included. */
  function cleanUpAndDie(): void {
    rmSync(tempRoot!, { recursive: true, force: true });
    signalGroup('SIGKILL');
  }
}

/** The guard's own process group (it is its leader): Mesop and anything Mesop started. */
function signalGroup(signal: NodeJS.Signals): void {
  try {
    process.kill(-process.pid, signal);
  } catch {
    /* nothing left */
  }
}
