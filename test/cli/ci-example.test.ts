/**
 * The GitHub Actions example users copy (docs/ci-example/workflow.yml) has never run on GitHub
 * from here, so this test checks it against GitHub's workflow schema (action-validator, offline)
 * and runs what it runs: the "Payload budgets" step's command, read from the
 * workflow file itself, with its committed config, flows and baseline, on the real pinned Mesop
 * and Chromium. Only the output directory moves to a temporary one. The files the other steps
 * name must exist. If the example drifts from the CLI (an option renamed, the baseline's schema
 * changed, a flow broken), this fails instead of the user's first CI run.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { validateWorkflow } from '@action-validator/core';

const ROOT = resolve(__dirname, '../..');
const WORKFLOW = join(ROOT, 'docs/ci-example/workflow.yml');
let out: string;

beforeAll(() => {
  out = mkdtempSync(join(tmpdir(), 'ci-example-'));
});
afterAll(() => rmSync(out, { recursive: true, force: true }));

/** The `run: >` block of the step with this name, folded into one line (YAML's `>`). */
function stepCommand(workflow: string, name: string): string {
  const lines = workflow.split('\n');
  const at = lines.findIndex((l) => l.trim() === `- name: ${name}`);
  if (at < 0) throw new Error(`no step "${name}" in the workflow`);
  const run = lines.findIndex((l, i) => i > at && /^\s+run: >\s*$/.test(l));
  const indent = (l: string) => l.length - l.trimStart().length;
  const block: string[] = [];
  for (let i = run + 1; i < lines.length && (lines[i]!.trim() === '' || indent(lines[i]!) > indent(lines[run]!)); i++)
    block.push(lines[i]!.trim());
  return block.filter(Boolean).join(' ');
}

test('the README shows the user workflow (docs/github-action/workflow.yml) as the file has it', () => {
  const body = readFileSync(join(ROOT, 'docs/github-action/workflow.yml'), 'utf8')
    .split('\n')
    .filter((l) => !l.startsWith('#'))
    .join('\n')
    .trim();
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const shown = readme.slice(readme.indexOf('```yaml\nname: payload budgets') + '```yaml\n'.length);
  expect(shown.slice(0, shown.indexOf('```')).trim()).toBe(body);
});

test("it is a valid GitHub Actions workflow (the schema GitHub's editor uses)", () => {
  const workflow = readFileSync(WORKFLOW, 'utf8');
  expect(validateWorkflow(workflow).errors).toEqual([]);
  // The validator must be able to say no: a misspelt key and a step with no action are rejected.
  expect(validateWorkflow(workflow.replace('runs-on:', 'runs_on:')).errors.length).toBeGreaterThan(0);
  expect(validateWorkflow(workflow.replace('- uses: actions/checkout@v4', '- with: {}')).errors.length).toBeGreaterThan(
    0,
  );
});

test('the files the workflow steps name exist', () => {
  const workflow = readFileSync(WORKFLOW, 'utf8');
  for (const file of [
    'package-lock.json',
    'python/requirements.lock.txt',
    'scripts/build.mjs',
    'docs/ci-example/mesop-devtools.config.json',
    'docs/ci-example/baseline.json',
  ]) {
    expect(workflow).toContain(file === 'package-lock.json' ? `hashFiles('${file}')` : file);
    expect(existsSync(join(ROOT, file))).toBe(true);
  }
});

test('its "Payload budgets" command passes against the committed baseline and writes every report', async () => {
  const command = stepCommand(readFileSync(WORKFLOW, 'utf8'), 'Payload budgets');
  expect(command).toMatch(
    /^node dist\/cli\/mesop-devtools\.js check --config docs\/ci-example\/mesop-devtools\.config\.json /,
  );
  // No shell: the step has no quoting or variables, so whitespace splits it as bash would.
  const [node, ...args] = command.replace(/payload\//g, `${out}/`).split(/\s+/);
  expect(node).toBe('node');
  const result = await new Promise<{ code: number | null; stdout: string; stderr: string }>((done) => {
    execFile(
      process.execPath,
      args,
      { cwd: ROOT, env: { ...process.env, CI: 'true' }, timeout: 240_000 },
      (err, stdout, stderr) =>
        done({ code: err ? (typeof err.code === 'number' ? err.code : null) : 0, stdout, stderr }),
    );
  });
  if (result.code !== 0) console.log(result.stdout, result.stderr);
  expect(result.code).toBe(0);
  expect(result.stdout).toMatch(/check passed: \d+ budget\(s\) hold, 0 warning\(s\)/);

  const report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8'));
  const baseline = JSON.parse(readFileSync(join(ROOT, 'docs/ci-example/baseline.json'), 'utf8'));
  expect(report).toMatchObject({ schema: baseline.schema, version: baseline.version, passed: true, runs: 3 });
  expect(report.flows.map((f: { name: string }) => f.name)).toEqual(
    baseline.flows.map((f: { name: string }) => f.name),
  );
  // Both flows are compared with the committed baseline, with the same events. Sizes match it
  // exactly only from a checkout at the same path: in debug mode Mesop's handler ids and source
  // locations carry the app's module path (a clone at /tmp/cleanclone measured +1-2 %).
  for (const [flow, events] of [
    ['chat: three messages', 7],
    ['chat-module', 5],
  ] as const) {
    const line = result.stdout.split('\n').find((l) => l.trim().startsWith(`${flow}: up `));
    expect(line).toBeDefined();
    expect(line).toContain(`events ${events} (was ${events})`);
    const shares = [...line!.matchAll(/\(([+-]\d+)%\)/g)].map((m) => Math.abs(Number(m[1])));
    expect(shares.every((p) => p <= 5)).toBe(true);
  }
  expect(readFileSync(join(out, 'junit.xml'), 'utf8')).toMatch(/<testsuites [^>]*failures="0"/);
  expect(readFileSync(join(out, 'comment.md'), 'utf8')).toContain('|');
  expect(readFileSync(join(out, 'report.html'), 'utf8')).toMatch(/^<!doctype html>/i);
}, 300_000);
