/** An in-memory CliProcess (src/cli/cli-process.ts), so CLI commands run in-process in tests. */
import type { CliProcess } from '../../src/cli/cli-process';

export interface FakeProcess extends CliProcess {
  out(): string;
  err(): string;
}

export function fakeProcess(args: string[], cwd: string, env: Record<string, string> = {}): FakeProcess {
  let stdout = '';
  let stderr = '';
  return {
    argv: ['node', 'mesop-devtools', ...args],
    env,
    cwd: () => cwd,
    stdout: { write: (t: string) => { stdout += t; return true; } },
    stderr: { write: (t: string) => { stderr += t; return true; } },
    out: () => stdout,
    err: () => stderr,
  };
}
