/**
 * An in-memory CliProcess (src/cli/cli-process.ts), so CLI commands run in-process in tests:
 * `const p = fakeProcess(['analyze', file]); await run(p.proc); p.stdout()`.
 */
import type { CliProcess } from '../../src/cli/cli-process';

export interface FakeProcess {
  proc: CliProcess;
  stdout(): string;
  stderr(): string;
}

export function fakeProcess(
  args: string[],
  cwd: string = process.cwd(),
  env: Record<string, string | undefined> = {},
): FakeProcess {
  let out = '';
  let err = '';
  return {
    proc: {
      argv: ['node', 'mesop-devtools', ...args],
      env,
      cwd: () => cwd,
      stdout: {
        write: (text: string) => {
          out += text;
          return true;
        },
      },
      stderr: {
        write: (text: string) => {
          err += text;
          return true;
        },
      },
    },
    stdout: () => out,
    stderr: () => err,
  };
}
