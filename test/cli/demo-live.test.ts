/**
 * The main job end to end, with real parts only: the built CLI starts the demo app it ships under
 * the pinned mesop (given as the user's own, by --mesop), drives it in Debian's Chromium, and its
 * numbers are checked against the Python oracle run on the very traffic it captured.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = join(__dirname, '../..');
let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'demo-live-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it("prints a real table from a real Mesop app, with the oracle's numbers", () => {
  const out = join(dir, 'report.json');
  const har = join(dir, 'demo.har');
  const r = spawnSync(
    'node',
    [
      join(root, 'dist/cli/mesop-devtools.js'),
      'demo',
      '--mesop',
      join(root, '.venv/bin/mesop'),
      '--out',
      out,
      '--har',
      har,
    ],
    { encoding: 'utf8', timeout: 120_000, cwd: dir },
  );
  expect(r.stderr).not.toMatch(/\n\s+at /);
  expect(r.status).toBe(0);
  expect(r.stdout).toMatch(/13 events · transport sse · state backend none/);
  expect(r.stdout).toMatch(/history\[\*\]\.content/);
  // It ends with what to do next: the extension to load (that folder exists), check, analyze.
  const next = r.stdout.slice(r.stdout.indexOf('Next, on your own app:'));
  expect(next).toContain(join(root, 'dist/extension'));
  expect(next).toMatch(/mesop-devtools check --command "mesop main\.py --port \{port\}"/);
  expect(next).toContain('mesop-devtools analyze demo.har');

  execFileSync(join(root, '.venv/bin/python'), [join(root, 'python/oracle.py'), har], { stdio: 'pipe' });
  const oracle = JSON.parse(readFileSync(har.replace(/\.har$/, '.expected.json'), 'utf8'));
  const report = JSON.parse(readFileSync(out, 'utf8'));
  expect(report.events).toHaveLength(oracle.events.length);
  // The main job also says what to do: a picture sits in state, the chat history grows.
  expect(report.findings.map((f: { ruleId: string }) => f.ruleId)).toEqual(
    expect.arrayContaining(['blob-in-state', 'growing-field']),
  );
  expect(r.stdout).toMatch(/history/);
  report.events.forEach((e: any, i: number) => {
    const o = oracle.events[i];
    expect([
      e.kind,
      e.request.bytes,
      e.request.stateBytes,
      e.response.bytes,
      e.response.stateBytes,
      e.mirror.stateBytes,
    ]).toEqual([
      o.kind,
      o.request.wireBytes,
      o.request.stateBytes,
      o.response.wireBytes,
      o.response.downStateBytes,
      o.mirror.stateBytes,
    ]);
  });
});
