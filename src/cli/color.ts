import type { CliProcess } from './cli-process';

export interface Paint {
  red(s: string): string;
  yellow(s: string): string;
  green(s: string): string;
  bold(s: string): string;
}

/**
 * Colour on a terminal only, as the conventions say: `NO_COLOR` (any non-empty value, no-color.org)
 * turns it off, `FORCE_COLOR` (not `0`/`false`) turns it on even into a pipe or a CI log (GitHub
 * Actions shows ANSI colours), else it follows whether stdout is a TTY and `TERM` is not `dumb`.
 */
export function colorEnabled(proc: Pick<CliProcess, 'env' | 'stdout'>): boolean {
  const force = proc.env.FORCE_COLOR;
  if (force !== undefined && force !== '0' && force !== 'false') return true;
  if (proc.env.NO_COLOR) return false;
  if (force !== undefined) return false; // FORCE_COLOR=0
  return !!proc.stdout.isTTY && proc.env.TERM !== 'dumb';
}

const sgr = (on: number, off: number) => (s: string) => `\x1b[${on}m${s}\x1b[${off}m`;
const plain = (s: string) => s;

export function paint(enabled: boolean): Paint {
  return enabled
    ? { red: sgr(31, 39), yellow: sgr(33, 39), green: sgr(32, 39), bold: sgr(1, 22) }
    : { red: plain, yellow: plain, green: plain, bold: plain };
}

/**
 * Colours the verdict words of rendered text: `FAIL`/`ERROR` red, `WARN` yellow, `pass` green, at
 * the start of a line (after indentation), where the renderers put them. Keeps the text itself.
 */
export function colorVerdicts(text: string, p: Paint): string {
  return text
    .replace(/^(\s*)(FAIL|ERROR)\b/gm, (_, sp: string, w: string) => `${sp}${p.red(w)}`)
    .replace(/^(\s*)(WARN)\b/gm, (_, sp: string, w: string) => `${sp}${p.yellow(w)}`)
    .replace(/^(\s*)(pass)\b/gm, (_, sp: string, w: string) => `${sp}${p.green(w)}`)
    .replace(/^(check FAILED)/gm, (w: string) => p.bold(p.red(w)))
    .replace(/^(check passed)/gm, (w: string) => p.bold(p.green(w)))
    .replace(/^(\s*server error in)/gm, (w: string) => p.red(w));
}
