/**
 * The pieces of `mesop-devtools load` that need no server: the virtual user's state mirror against
 * the oracle's on every fixture, the capacity arithmetic, option parsing, bad input (exit 2, one
 * line), and the written Locust file (Python compiles it, and it embeds the recording).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run } from '../../src/cli/run';
import { serverCommand } from '../../src/cli/load/server-command';
import { parseDurationMs, rampSteps } from '../../src/cli/load/parse-load-options';
import { renderLoadHtml } from '../../src/core/load/capacity-html';
import { renderLoadMarkdown } from '../../src/core/load/capacity-markdown';
import {
  deriveCapacity,
  LOAD_REPORT_SCHEMA,
  renderLoadText,
  type LoadReport,
  type LoadStep,
} from '../../src/core/load/capacity-report';
import { fakeProcess } from '../support/fake-process';

const ROOT = join(__dirname, '../..');
const PYTHON = join(ROOT, '.venv/bin/python');
const FIXTURES = join(ROOT, 'test/fixtures');
let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'load-units-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it('the virtual user keeps exactly the state the oracle keeps, and the browser uploaded, on every SSE fixture', () => {
  const hars = readdirSync(FIXTURES)
    .filter((f) => f.endsWith('.har'))
    .map((f) => join(FIXTURES, f));
  const out = spawnSync(PYTHON, [join(ROOT, 'test/support/load_mirror_vs_oracle.py'), ...hars], { encoding: 'utf8' });
  expect(out.stderr).toBe('');
  const summary = JSON.parse(out.stdout) as {
    fixtures: number;
    responsesCompared: number;
    uploadsCompared: number;
    problems: string[];
  };
  expect(summary.problems).toEqual([]);
  expect(summary.fixtures).toBeGreaterThanOrEqual(10);
  expect(summary.responsesCompared).toBeGreaterThan(50);
  expect(summary.uploadsCompared).toBeGreaterThan(30);
});

const step = (users: number, p95Ms: number | null, over: Partial<LoadStep> = {}): LoadStep => ({
  step: 1,
  users,
  startedAt: 0,
  endedAt: 1,
  events: 100,
  errors: 0,
  tokenMisses: 0,
  sessions: 10,
  p50Ms: 1,
  p95Ms,
  p99Ms: 1,
  eventsPerSecond: 10,
  errorSamples: [],
  clientCpuSeconds: 0.1,
  rssBytes: null,
  processes: 1,
  diskBytes: null,
  ...over,
});

it('derives RAM per session from growth over idle, and the users where p95 crossed the target', () => {
  const d = deriveCapacity(
    [step(5, 100), step(10, 400), step(20, 700, { rssBytes: 130_000_000, diskBytes: 60_000, tokenMisses: 3 })],
    100_000_000,
    500,
  );
  expect(d).toEqual({
    sessions: 30,
    ramPerSessionBytes: 1_000_000,
    sessionsPerGb: 1000,
    diskPerSessionBytes: 2000,
    usersAtP95Target: 20,
    maxUsersWithinTarget: 10,
    errors: 0,
    tokenMisses: 3,
    events: 300,
  });
  expect(deriveCapacity([step(5, 100)], null, 500)).toMatchObject({
    ramPerSessionBytes: null,
    usersAtP95Target: null,
    maxUsersWithinTarget: 5,
  });
});

it('renders the report as text, Markdown and HTML with one chart line per configuration', () => {
  const config = (backend: string) => {
    const steps = [step(5, 120, { rssBytes: 70_000_000 }), step(10, 640, { rssBytes: 80_000_000 })];
    return {
      backend,
      server: '/venv/bin/mesop main.py',
      steps,
      idleRssBytes: 60_000_000,
      failure: null,
      derived: deriveCapacity(steps, 60_000_000, 500),
    };
  };
  const report: LoadReport = {
    schema: LOAD_REPORT_SCHEMA,
    version: 1,
    toolVersion: '0',
    source: 'a<b>.har',
    p95TargetMs: 500,
    thinkScale: 1,
    stepSeconds: 5,
    configurations: [config('none'), config('memory')],
  };
  const text = renderLoadText(report);
  expect(text).toContain(
    'memory (/venv/bin/mesop main.py): p95 went over 500 ms at 10 users (within it up to 5); ~1.0 MB RAM per session held (20 sessions, ~1,000 per GB)',
  );
  expect(renderLoadMarkdown(report)).toContain(
    '| memory | `/venv/bin/mesop main.py` | 10 | 10.0 | 1 ms | 640 ms | 1 ms | 0 | 0 | 80.0 MB | - |',
  );
  const html = renderLoadHtml(report);
  expect(html.match(/<polyline/g)).toHaveLength(4); // latency and memory, two configurations each
  expect(html).toContain('memory, mesop main.py');
  expect(html).toContain('a&lt;b&gt;.har');
});

it('parses durations, ramps and server commands', () => {
  expect([
    parseDurationMs('--duration', '20s'),
    parseDurationMs('--p95', '500ms'),
    parseDurationMs('--duration', '2m'),
    parseDurationMs('--d', '1.5'),
  ]).toEqual([20_000, 500, 120_000, 1500]);
  expect(rampSteps(20, undefined)).toEqual([5, 10, 15, 20]);
  expect(rampSteps(2, undefined)).toEqual([1, 2]);
  expect(rampSteps(20, '4,8')).toEqual([4, 8]);
  expect(() => rampSteps(20, '8,4')).toThrow(/must increase/);
  expect(serverCommand('mesop main.py')).toBe('mesop main.py --port {port}');
  expect(serverCommand('gunicorn -w 4 main:me')).toBe('gunicorn -w 4 main:me --bind 127.0.0.1:{port}');
  expect(serverCommand('python serve.py {port}')).toBe('python serve.py {port}');
  expect(() => serverCommand('gunicorn -b :8080 main:me')).toThrow(/sets --bind itself/);
  expect(() => serverCommand('python serve.py')).toThrow(/no \{port\} placeholder/);
});

describe('bad input: exit 2 and one line', () => {
  const cases: [string, () => string[], RegExp][] = [
    [
      'a HAR without Mesop events',
      () => {
        const file = join(dir, 'empty.har');
        writeFileSync(
          file,
          JSON.stringify({ log: { entries: [{ request: { url: 'http://x/app.js', method: 'GET' } }] } }),
        );
        return [file, '--server', 'mesop main.py'];
      },
      /no Mesop UI traffic/,
    ],
    [
      'a WebSocket recording',
      () => [join(FIXTURES, 'chat-websocket.har'), '--server', 'mesop main.py'],
      /recorded over WebSocket/,
    ],
    ['no app', () => [join(FIXTURES, 'chat.har')], /no app to load/],
    [
      'an unknown backend',
      () => [join(FIXTURES, 'chat.har'), '--server', 'mesop main.py', '--backend', 'memroy'],
      /unknown backend "memroy".*did you mean "memory"/,
    ],
    [
      'a Python without the load engine',
      () => [join(FIXTURES, 'chat.har'), '--server', 'mesop main.py', '--python', '/nonexistent/python'],
      /cannot run \/nonexistent\/python/,
    ],
  ];
  it.each(cases)('%s', async (_name, args, message) => {
    const p = fakeProcess(['load', ...args()], dir, { ...process.env });
    expect(await run(p.proc)).toBe(2);
    expect(p.stderr().trim().split('\n')).toHaveLength(1);
    expect(p.stderr()).toMatch(/^mesop-devtools: /);
    expect(p.stderr()).toMatch(message);
  });
});

it('writes a Locust file that embeds the recorded session and compiles', async () => {
  const file = join(dir, 'locustfile.py');
  const p = fakeProcess(['load', join(FIXTURES, 'chat.har'), '--locustfile', file, '--think-scale', '0.5'], dir);
  expect(await run(p.proc)).toBe(0);
  const text = readFileSync(file, 'utf8');
  expect(text).toContain('class RecordedSession(MesopUser):');
  expect(text).toContain('think_scale = 0.5');
  const check = spawnSync(
    PYTHON,
    [
      '-c',
      `import ast,json,sys; t=ast.parse(open(sys.argv[1]).read()); s=[n for n in t.body if isinstance(n, ast.Assign) and n.targets[0].id=="SCRIPT"][0]; print(len(json.loads(s.value.args[0].value)["events"]))`,
      file,
    ],
    { encoding: 'utf8' },
  );
  expect(check.stderr).toBe('');
  expect(Number(check.stdout)).toBe(15); // the recording's 15 UI requests
});
