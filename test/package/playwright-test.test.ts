/**
 * `mesop-devtools/playwright` as a Mesop team uses it: a Playwright Test project outside the
 * repository (test/playwright/project: its playwright.config.ts has `webServer` entries starting
 * two sample apps with the pinned `mesop`, given by absolute path as the user's own), the package
 * installed from the tarball `npm pack` makes of a copy of this checkout, and `@playwright/test`
 * from the registry at the version of our package.json. Playwright drives Debian's Chromium
 * (`launchOptions.executablePath`). One install and one full run shared by the cases; then the
 * reporter's Markdown and JUnit for the within-budget test are compared with what `check` writes
 * for the same flow (the project's config holds it), on the same app.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { freePort } from '../../src/cli/app/mesop-server';
import { copyCheckout } from '../support/checkout-copy';

const ROOT = resolve(__dirname, '../..');
const MESOP = join(ROOT, '.venv/bin/mesop');
const CHROMIUM = process.env.CHROME_PATH ?? '/usr/lib/chromium/chromium';
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
const PLAYWRIGHT_VERSION: string = pkg.devDependencies['@playwright/test'];

let work: string;
let project: string;
let ports: { chat: number; error: number };

/** A user's shell: nothing of this checkout or of the `npm test` running us. */
function userEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (!/^(npm_|NODE_PATH$|NODE_OPTIONS$|INIT_CWD$|PUPPETEER_|JEST_|PLAYWRIGHT_)/i.test(k)) env[k] = v;
  }
  return { ...env, TMPDIR: join(work, 'tmp'), ...extra };
}

function sh(cmd: string, args: string[], cwd: string): string {
  return execFileSync(cmd, args, {
    cwd,
    env: userEnv(),
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    timeout: 600_000,
  });
}

/** `npx playwright test` in the project; the apps' ports and paths through the environment. */
function playwright(args: string[], extra: Record<string, string> = {}) {
  return spawnSync('npx', ['--no', '--', 'playwright', 'test', ...args], {
    cwd: project,
    encoding: 'utf8',
    timeout: 300_000,
    maxBuffer: 64 * 1024 * 1024,
    env: userEnv({ MESOP, CHROMIUM, CHAT_PORT: String(ports.chat), ERROR_PORT: String(ports.error), ...extra }),
  });
}

interface PwResult {
  title: string;
  status: string;
  errors: string[];
}

/** Every test of Playwright's JSON report: title, final status, error messages. */
function results(file: string): PwResult[] {
  const report = JSON.parse(readFileSync(join(project, file), 'utf8'));
  const out: PwResult[] = [];
  const walk = (suite: any): void => {
    for (const spec of suite.specs ?? []) {
      for (const t of spec.tests) {
        const last = t.results[t.results.length - 1];
        out.push({ title: spec.title, status: last.status, errors: last.errors.map((e: any) => e.message as string) });
      }
    }
    for (const s of suite.suites ?? []) walk(s);
  };
  for (const s of report.suites) walk(s);
  return out;
}

let run: ReturnType<typeof playwright>;

beforeAll(async () => {
  work = realpathSync(mkdtempSync(join(tmpdir(), 'playwright-test-')));
  mkdirSync(join(work, 'tmp'));
  const stage = copyCheckout(ROOT, join(work, 'checkout'));
  const packDir = join(work, 'pack');
  mkdirSync(packDir);
  sh('npm', ['pack', '--pack-destination', packDir], stage);
  project = join(work, 'my-mesop-app');
  cpSync(join(ROOT, 'test/playwright/project'), project, { recursive: true });
  cpSync(join(ROOT, 'test/apps/chat.py'), join(project, 'main.py'));
  cpSync(join(ROOT, 'test/apps/error.py'), join(project, 'error_app.py'));
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'my-mesop-app', private: true }, null, 2));
  sh(
    'npm',
    [
      'install',
      '--no-audit',
      '--no-fund',
      '--prefer-offline',
      `@playwright/test@${PLAYWRIGHT_VERSION}`,
      join(packDir, `mesop-devtools-${pkg.version}.tgz`),
    ],
    project,
  );
  ports = { chat: await freePort(), error: await freePort() };
  run = playwright([]);
}, 900_000);

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

const byTitle = (title: string): PwResult => {
  const r = results('results.json').find((x) => x.title === title);
  if (!r) throw new Error(`no test "${title}" in Playwright's results:\n${run.stdout}\n${run.stderr}`);
  return r;
};

it('runs the project: Playwright exits 1 because two of its three tests fail', () => {
  if (run.status !== 1) console.log(run.stdout, run.stderr);
  expect(run.status).toBe(1);
  expect(results('results.json').map((r) => [r.title, r.status])).toEqual([
    ['chat within budget', 'passed'],
    ['chat over its state upload budget', 'failed'],
    ['a handler that raises', 'failed'],
  ]);
});

it('a test whose state upload crosses its budget fails naming the event, handler and field', () => {
  const [message] = byTitle('chat over its state upload budget').errors;
  expect(message).toMatch(
    /toUploadAtMost failed for the last event \(#4\): request-bytes: \d+ B at event #4 is over the 300 B budget/,
  );
  expect(message).toMatch(/event #4 click on_send; field state class #1 history\[\*\]\.content \d+ B/);
});

it("a handler that raises fails toHaveNoServerErrors, and the config's server-errors budget after the test", () => {
  const errors = byTitle('a handler that raises').errors.join('\n');
  expect(errors).toMatch(/toHaveNoServerErrors failed for the test: server-errors: 1 .* is over the 0 budget/);
  expect(errors).toMatch(/event #1 click on_boom raised: Boom: this handler always fails/);
  expect(errors).toMatch(/mesop-devtools: 1 error budget\(s\) of mesop-devtools.config.json over/);
});

it("attaches each test's payload report (JSON and HTML) and the reporter gathers all three", () => {
  const report = JSON.parse(readFileSync(join(project, 'payload/report.json'), 'utf8'));
  expect(report.flows.map((f: any) => f.name)).toEqual([
    'chat within budget',
    'chat over its state upload budget',
    'a handler that raises',
  ]);
  expect(report.passed).toBe(false);
  expect(run.stdout).toMatch(/mesop-payload\.html/);
  expect(run.stdout).toMatch(/mesop-devtools: 3 test\(s\) measured, 1 error budget\(s\) over/);
});

it("the reporter's Markdown and JUnit equal what check writes for the same flow", () => {
  const one = playwright(['-g', 'chat within budget'], { PAYLOAD_DIR: 'one', RESULTS: 'one.json' });
  expect([one.status, results('one.json').map((r) => r.status)]).toEqual([0, ['passed']]);
  const check = spawnSync(
    'npx',
    [
      '--no',
      '--',
      'mesop-devtools',
      'check',
      '--command',
      `${MESOP} main.py --port {port}`,
      '--out',
      'check/report.json',
      '--junit',
      'check/junit.xml',
      '--markdown',
      'check/comment.md',
    ],
    { cwd: project, env: userEnv(), encoding: 'utf8', timeout: 300_000 },
  );
  if (check.status !== 0) console.log(check.stdout, check.stderr);
  expect(check.status).toBe(0);
  // Only when and how long differ; every event, size and budget is the same.
  const timeless = (s: string) =>
    s.replace(/\d{4}-\d\d-\d\dT[\d:.]+Z?/g, '<time>').replace(/time="[\d.]+"/g, 'time="<s>"');
  const read = (f: string) => timeless(readFileSync(join(project, f), 'utf8'));
  expect(read('one/comment.md')).toEqual(read('check/comment.md'));
  expect(read('one/junit.xml')).toEqual(read('check/junit.xml'));
  const events = (f: string) =>
    JSON.parse(readFileSync(join(project, f), 'utf8')).flows[0].report.events.map((e: any) => [
      e.kind,
      e.request.bytes,
      e.response.bytes,
      e.mirror.stateBytes,
    ]);
  expect(events('one/report.json')).toEqual(events('check/report.json'));
  expect(events('check/report.json')).toHaveLength(3);
});
