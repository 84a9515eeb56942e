/**
 * The main job end to end, with real parts only: the built CLI starts the sample app under the
 * pinned mesop, drives it in Debian's Chromium, and its numbers are checked against the Python
 * oracle run on the very traffic it captured.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = join(__dirname, '../..');
let dir: string;
beforeAll(() => { dir = mkdtempSync(join(tmpdir(), 'demo-live-')); });
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it('prints a real table from a real Mesop app, with the oracle\'s numbers', () => {
  const out = join(dir, 'report.json');
  const har = join(dir, 'demo.har');
  const r = spawnSync('node', [join(root, 'dist/cli/mesop-devtools.js'), 'demo', '--out', out, '--har', har], { encoding: 'utf8', timeout: 120_000 });
  expect(r.stderr).not.toMatch(/\n\s+at /);
  expect(r.status).toBe(0);
  expect(r.stdout).toMatch(/11 events · transport sse · state backend none/);
  expect(r.stdout).toMatch(/history\[\*\]\.content/);

  execFileSync(join(root, '.venv/bin/python'), [join(root, 'python/oracle.py'), har], { stdio: 'pipe' });
  const oracle = JSON.parse(readFileSync(har.replace(/\.har$/, '.expected.json'), 'utf8'));
  const report = JSON.parse(readFileSync(out, 'utf8'));
  expect(report.events).toHaveLength(oracle.events.length);
  // The main job also says what to do: the chat history grows with every message.
  expect(report.findings.map((f: { ruleId: string }) => f.ruleId)).toContain('growing-field');
  expect(r.stdout).toMatch(/history/);
  report.events.forEach((e: any, i: number) => {
    const o = oracle.events[i];
    expect([e.kind, e.request.bytes, e.request.stateBytes, e.response.bytes, e.response.stateBytes, e.mirror.stateBytes])
      .toEqual([o.kind, o.request.wireBytes, o.request.stateBytes, o.response.wireBytes, o.response.downStateBytes, o.mirror.stateBytes]);
  });
});
