/**
 * The pytest-playwright plugin as a Python team gets it: the wheel `npm run package` builds (from a
 * copy of this checkout), installed with pytest-playwright from the registry into a fresh
 * virtualenv outside the repository; a pytest project (test/playwright/pytest-project) whose
 * conftest starts two sample apps with the pinned `mesop` (by absolute path, as the user's own) and
 * points pytest-playwright at Debian's Chromium. The plugin is found through its `pytest11` entry
 * point (no `-p`). One virtualenv and one pytest run shared by the cases.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { copyCheckout } from '../support/checkout-copy';

const ROOT = resolve(__dirname, '../..');
const MESOP = join(ROOT, '.venv/bin/mesop');
const CHROMIUM = process.env.CHROME_PATH ?? '/usr/lib/chromium/chromium';
/** The Python Playwright versions this was written against (the registry's, installed by the test). */
const PYTHON_DEPS = ['pytest==9.2.0', 'pytest-playwright==0.10.0', 'playwright==1.65.3'];

let work: string;
let project: string;
let run: ReturnType<typeof spawnSync>;
let junit: string;

function sh(cmd: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = process.env): string {
  const r = spawnSync(cmd, args, { cwd, env, encoding: 'utf8', timeout: 600_000, maxBuffer: 64 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} -> ${r.status ?? r.signal}\n${r.stdout}\n${r.stderr}`);
  return r.stdout;
}

beforeAll(() => {
  work = realpathSync(mkdtempSync(join(tmpdir(), 'pytest-playwright-')));
  const stage = copyCheckout(ROOT, join(work, 'checkout'));
  const built = JSON.parse(
    sh(process.execPath, [join(stage, 'scripts/package.mjs')], stage)
      .trim()
      .split('\n')
      .pop()!,
  );
  const venv = join(work, 'venv');
  sh('python3', ['-m', 'venv', venv], work);
  sh(
    join(venv, 'bin/python'),
    ['-m', 'pip', 'install', '--quiet', '--disable-pip-version-check', ...PYTHON_DEPS, built.wheel],
    work,
  );
  project = join(work, 'my-mesop-app');
  cpSync(join(ROOT, 'test/playwright/pytest-project'), project, { recursive: true });
  cpSync(join(ROOT, 'test/apps/chat.py'), join(project, 'main.py'));
  cpSync(join(ROOT, 'test/apps/error.py'), join(project, 'error_app.py'));
  mkdirSync(join(work, 'tmp'));
  // A user's shell: the virtualenv's scripts first, then the system's; nothing of this checkout.
  const env = {
    HOME: process.env.HOME,
    PATH: `${join(venv, 'bin')}:/usr/bin:/bin`,
    LANG: 'C.UTF-8',
    TMPDIR: join(work, 'tmp'),
    MESOP,
    CHROMIUM,
  };
  run = spawnSync(
    join(venv, 'bin/pytest'),
    ['--mesop-budgets', 'mesop-devtools.config.json', '--junitxml', 'results.xml', '-p', 'no:cacheprovider'],
    { cwd: project, env, encoding: 'utf8', timeout: 600_000 },
  );
  junit = existsSync(join(project, 'results.xml')) ? readFileSync(join(project, 'results.xml'), 'utf8') : '';
}, 900_000);

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

/** The JUnit testcase of one test: its XML, to read whether and why it failed. */
function testcase(name: string): string {
  const m = junit.match(new RegExp(`<testcase [^>]*name="${name}\\[chromium\\]"[^>]*?(?:/>|>[\\s\\S]*?</testcase>)`));
  if (!m) throw new Error(`no testcase ${name} in:\n${junit}\n${run.stdout}\n${run.stderr}`);
  return m[0];
}

it('pytest exits 1: one test passes, three fail', () => {
  if (run.status !== 1) console.log(run.stdout, run.stderr);
  expect(run.status).toBe(1);
  expect(String(run.stdout)).toMatch(/3 failed, 1 passed/);
});

it('a test that fails by itself keeps its own failure only, and still gets its report', () => {
  const xml = testcase('test_fails_by_itself');
  expect(xml).toMatch(/the test's own failure/);
  expect(xml).not.toMatch(/mesop-devtools: \d+ error budget/);
  expect(
    existsSync(join(project, 'test-results/test_payload.py--test_fails_by_itself-chromium-mesop/mesop-payload.json')),
  ).toBe(true);
});

it('a test within budget passes, with its three events measured', () => {
  expect(testcase('test_chat_within_budget')).not.toMatch(/<failure|<error/);
});

it('a test whose state crosses its field budget fails naming the budget, event, handler and field', () => {
  const xml = testcase('test_chat_over_budget');
  expect(xml).toMatch(/<failure/);
  expect(xml).toMatch(/mesop-devtools: 1 error budget\(s\) of mesop-devtools.config.json over:/);
  expect(xml).toMatch(/field:history\[\*\]\.content: \d+ B at event #6 is over the 400 B budget/);
  expect(xml).toMatch(/event #6 click on_send; field state class #1 history\[\d\]\.content \d+ B/);
});

it('a handler that raises fails the server-errors budget, as check says it', () => {
  const xml = testcase('test_handler_that_raises');
  expect(xml).toMatch(/<failure/);
  expect(xml).toMatch(
    /server-errors: 1 \(first: event #1 click on_boom: Boom: this handler always fails \(fixture\)\) is over the 0 budget by 1 \[error\]/,
  );
  expect(xml).toMatch(/event #1 click on_boom raised: Boom/);
});

it("writes each test's report under pytest-playwright's output folder, and no HAR (it holds state values)", () => {
  const folder = join(project, 'test-results/test_payload.py--test_chat_within_budget-chromium-mesop');
  const report = JSON.parse(readFileSync(join(folder, 'mesop-payload.json'), 'utf8'));
  expect(report.schema).toBe('mesop-devtools/check-report');
  expect(report.flows[0].report.events.map((e: { kind: string }) => e.kind)).toEqual(['init', 'string_value', 'click']);
  expect(existsSync(join(folder, 'mesop-payload.html'))).toBe(true);
  expect(existsSync(join(folder, 'mesop-payload.har'))).toBe(false);
});
