import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';

/**
 * Whether Mesop's own Python can import SQLAlchemy, which the `sql` backend needs and Mesop does
 * not declare (docs/protocol.md §5, §8). The interpreter is read from the `mesop` console
 * script's `#!` line (pip writes an absolute path there). If that cannot be read, sql is offered
 * anyway: a missing module then shows up as a start failure with Mesop's own traceback.
 */
export async function sqlBackendUsable(mesopBin: string): Promise<boolean> {
  let python: string | undefined;
  try {
    const first = readFileSync(mesopBin, 'utf8').slice(0, 500).split('\n')[0] ?? '';
    python = /^#!\s*(\/\S+python[\d.]*)\s*$/.exec(first)?.[1];
  } catch {
    return true;
  }
  if (!python) return true;
  const interpreter = python;
  return new Promise((resolve) => {
    execFile(interpreter, ['-c', 'import sqlalchemy'], { timeout: 20_000 }, (err) => resolve(!err));
  });
}
