import type { CliProcess } from '../cli-process';

/**
 * Progress on stderr. On a terminal: one line rewritten per step, and a line kept per finished
 * flow run. In CI (CI=true) or when stderr is not a terminal: plain lines, one per phase and per
 * flow run, no control characters. With --json: nothing (stdout is the report, stderr stays quiet).
 */
export interface Progress {
  info(line: string): void;
  step(flow: string, run: string, index: number, total: number, label: string): void;
  flowDone(line: string): void;
  /** Clears a pending step line before other output. */
  end(): void;
}

export type ProgressMode = 'tty' | 'plain' | 'quiet';

export function progressMode(proc: CliProcess, json: boolean): ProgressMode {
  if (json) return 'quiet';
  const ci = proc.env.CI !== undefined && proc.env.CI !== '' && proc.env.CI !== 'false' && proc.env.CI !== '0';
  return proc.stderr.isTTY && !ci ? 'tty' : 'plain';
}

export function createProgress(proc: CliProcess, mode: ProgressMode): Progress {
  let open = false;
  const clear = () => {
    if (open) {
      proc.stderr.write('\r\x1b[K');
      open = false;
    }
  };
  const write = (line: string) => {
    if (mode !== 'quiet') {
      clear();
      proc.stderr.write(`${line}\n`);
    }
  };
  return {
    info: write,
    step: (flow, run, index, total, label) => {
      if (mode !== 'tty') return;
      const where = index < 0 ? 'start' : `step ${index + 1}/${total}`;
      const width = Math.max(40, ((proc.stderr as { columns?: number }).columns ?? 100) - 1);
      proc.stderr.write(`\r\x1b[K${`  ${flow}${run} · ${where} · ${label}`.slice(0, width)}`);
      open = true;
    },
    flowDone: write,
    end: clear,
  };
}
