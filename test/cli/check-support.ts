/** Shared set-up of the `check` CLI tests: temporary projects, the in-process CLI, sample apps. */
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run } from '../../src/cli/run';
import { fakeProcess } from '../support/fake-process';

export const ROOT = join(__dirname, '../..');
export const MESOP = join(ROOT, '.venv/bin/mesop');
export const app = (name: string) => join(ROOT, 'test/apps', name);

/** A project directory with the given files (objects are written as JSON); a package.json fences config discovery. */
export function project(files: Record<string, unknown>): string {
  const dir = mkdtempSync(join(tmpdir(), 'check-test-'));
  writeFileSync(join(dir, 'package.json'), '{"private": true}\n');
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), typeof content === 'string' ? content : JSON.stringify(content, null, 2));
  }
  return dir;
}

/** Runs `mesop-devtools check ...` in-process, as CI would (CI=true: plain progress). */
export async function check(args: string[], cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  // jest's workers get FORCE_COLOR when jest's own output is a terminal: plain text here, whatever runs the tests.
  const { FORCE_COLOR: _force, NO_COLOR: _no, ...env } = process.env;
  const p = fakeProcess(['check', ...args], cwd, { ...env, CI: 'true' });
  const code = await run(p.proc);
  return { code, stdout: p.stdout(), stderr: p.stderr() };
}

/** Chat steps: type a message, click Send, wait until the reply is on the page. */
export const chatSteps = (text: string) => [
  { type: { selector: 'input' }, text },
  { click: { role: 'button', name: 'Send' } },
  { assertText: `You said '${text}'` },
];
