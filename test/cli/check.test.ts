/**
 * `mesop-devtools check` end to end with real parts only: the sample apps under the pinned mesop,
 * Debian's Chromium, the CLI in-process (and once as the built binary). Servers and browsers are
 * stopped even when a test fails; every port is a free one on 127.0.0.1.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { launchChromium } from '../../src/cli/app/chromium';
import { startMesop, type MesopServer } from '../../src/cli/app/mesop-server';
import type { CheckReport } from '../../src/core/report/check-report';
import { MARKDOWN_HEADING, MARKDOWN_MARKER } from '../../src/core/report/markdown-report';
import { markdownToHtml } from '../core/report/check-report-support';
import { app, chatSteps, check, MESOP, project, ROOT } from './check-support';

let chat: MesopServer;
let image: MesopServer;
const dirs: string[] = [];
const mk = (files: Record<string, unknown>) => {
  const d = project(files);
  dirs.push(d);
  return d;
};
const oneLine = (s: string) => s.trim().split('\n');

beforeAll(async () => {
  [chat, image] = await Promise.all([
    startMesop({ app: app('chat.py'), mesopBin: MESOP }),
    startMesop({ app: app('image.py'), mesopBin: MESOP }),
  ]);
});
afterAll(async () => {
  await Promise.all([chat?.stop(), image?.stop()]);
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

it('passes (exit 0): starts the app itself, plays JSON, Recorder and module flows, writes every report', async () => {
  const dir = mk({
    'mesop-devtools.config.json': {
      app: { command: `${MESOP} ${app('chat.py')} --port {port}` },
      flows: [
        { name: 'chat', steps: chatSteps('Hello') },
        { name: 'recorded', recording: 'flows/recording.json' },
        { name: 'scripted', module: 'flows/scripted.js' },
      ],
      budgets: {
        preset: 'recommended',
        assertions: { 'request-bytes': ['error', { max: '50 kB' }] },
        fields: { 'history[*].content': ['error', { max: '10 kB', of: 'total' }] },
      },
    },
    'flows/recording.json': {
      title: 'recorded',
      steps: [
        {
          type: 'setViewport',
          width: 1000,
          height: 700,
          deviceScaleFactor: 1,
          isMobile: false,
          hasTouch: false,
          isLandscape: false,
        },
        {
          type: 'navigate',
          url: 'http://localhost:32123/',
          assertedEvents: [{ type: 'navigation', url: 'http://localhost:32123/', title: 'Chat' }],
        },
        { type: 'change', value: 'From the recorder', selectors: [['aria/Message'], ['input']], target: 'main' },
        { type: 'click', selectors: [['aria/Send'], ['text/Send']], offsetX: 10, offsetY: 10, target: 'main' },
        { type: 'waitForElement', selectors: [["text/You said 'From the recorder'"]] },
      ],
    },
    'flows/scripted.js': `module.exports = async ({ page, settle }) => {
      await page.locator('input').fill('From a module');
      await settle(() => page.locator('::-p-aria([name="Send"][role="button"])').click(), { expectRequests: 1 });
    };\n`,
  });
  // The built binary, as CI runs it.
  const r = spawnSync(
    'node',
    [
      join(ROOT, 'dist/cli/mesop-devtools.js'),
      'check',
      '--out',
      'out/report.json',
      '--junit',
      'out/junit.xml',
      '--markdown',
      'out/comment.md',
      '--html',
      'out/report.html',
    ],
    { cwd: dir, encoding: 'utf8', env: { ...process.env, CI: 'true' }, timeout: 90_000 },
  );
  expect(r.stderr).not.toMatch(/\n\s+at /);
  expect(r.status).toBe(0);
  expect(r.stdout).toMatch(/check passed: \d+ budget\(s\) hold/);
  expect(r.stderr).toMatch(/✓ chat: \d+ events/);

  const report: CheckReport = JSON.parse(readFileSync(join(dir, 'out/report.json'), 'utf8'));
  expect(report.schema).toBe('mesop-devtools/check-report');
  expect(report.flows.map((f) => [f.name, f.report.session.transport])).toEqual([
    ['chat', 'sse'],
    ['recorded', 'sse'],
    ['scripted', 'sse'],
  ]);
  for (const f of report.flows) {
    // init, the input's blur, the click
    expect(f.report.events.map((e) => e.kind)).toEqual(['init', 'string_value', 'click']);
    expect(f.report.events[2]!.topFields.map((x) => x.path)).toContain('history[*].content');
  }
  // The app was stopped with the check.
  await expect(fetch(report.app.origin, { signal: AbortSignal.timeout(2000) })).rejects.toThrow();

  const xml = readFileSync(join(dir, 'out/junit.xml'), 'utf8');
  expect(XMLValidator.validate(xml)).toBe(true);
  const junit = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@' }).parse(xml);
  const cases = [junit.testsuites.testsuite].flat().flatMap((s: any) => [s.testcase].flat());
  expect(cases).toHaveLength(report.summary.budgets);
  expect(cases.filter((c: any) => c.failure)).toHaveLength(0);

  const md = readFileSync(join(dir, 'out/comment.md'), 'utf8');
  expect(md.split('\n').slice(0, 2)).toEqual([MARKDOWN_MARKER, MARKDOWN_HEADING]);
  expect(markdownToHtml(md).match(/<table>/g)).toHaveLength(4);

  // The HTML report opens offline: every request other than the file itself fails.
  const chromium = await launchChromium();
  try {
    const page = await chromium.browser.newPage();
    const file = pathToFileURL(join(dir, 'out/report.html')).href;
    const blocked: string[] = [];
    await page.setRequestInterception(true);
    page.on('request', (req) => {
      if (req.url() === file) void req.continue();
      else {
        blocked.push(req.url());
        void req.abort('internetdisconnected');
      }
    });
    await page.goto(file, { waitUntil: 'load' });
    const seen = await page.evaluate(() => ({
      title: document.querySelector('h1')?.textContent,
      bars: document.querySelectorAll('svg.chart rect').length,
      flows: [...document.querySelectorAll('h2')].map((h) => h.textContent),
      barHeight: document.querySelector('svg.chart rect')?.getBoundingClientRect().width ?? 0,
    }));
    expect(blocked).toEqual([]);
    expect(seen.title).toBe('Mesop payload check');
    expect(seen.bars).toBe(3 * 3 * 2);
    expect(seen.flows).toEqual(['Budgets', 'Flow: chat', 'Flow: recorded', 'Flow: scripted']);
    expect(seen.barHeight).toBeGreaterThan(0);
  } finally {
    await chromium.close();
  }
});

it('fails (exit 1) naming the event and the field, and shows the change against a baseline', async () => {
  const dir = mk({
    'budgets.json': { budgets: { assertions: { 'request-bytes': ['error', { max: '100 kB' }] } } },
    'before.json': [{ name: 'image', steps: [{ click: 'Load image' }] }],
    'after.json': [{ name: 'image', steps: [{ click: 'Load image' }, { click: { role: 'button', name: 'Touch' } }] }],
  });
  const before = await check(
    ['--url', image.origin, '--config', 'budgets.json', '--flow', 'before.json', '--out', 'base.json'],
    dir,
  );
  expect(before.code).toBe(0);
  const after = await check(
    [
      '--url',
      image.origin,
      '--config',
      'budgets.json',
      '--flow',
      'after.json',
      '--baseline',
      'base.json',
      '--junit',
      'junit.xml',
      '--markdown',
      'comment.md',
    ],
    dir,
  );
  expect(after.stderr).not.toMatch(/\n\s+at /);
  expect(after.code).toBe(1);
  // The uploaded image: event #2 (the Touch click) sends the whole state up again.
  expect(after.stdout).toMatch(/FAIL\s+request-bytes: 1\.\d MB at event #2 is over the 100 kB budget/);
  expect(after.stdout).toMatch(/event #2 click on_touch; field state class #1 image_data_url 1\.\d MB \(\d+%\)/);
  expect(after.stdout).toMatch(/check FAILED: 1 error budget\(s\) over \(image: request-bytes\)/);
  // Baseline: one more event; the image field is the same size (it was loaded in both).
  expect(after.stdout).toMatch(/Against the baseline base\.json/);
  expect(after.stdout).toMatch(/event #2 click on_touch: up new, down new/);
  const junit = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@' }).parse(
    readFileSync(join(dir, 'junit.xml'), 'utf8'),
  );
  const failures = [junit.testsuites.testsuite]
    .flat()
    .flatMap((s: any) => [s.testcase].flat())
    .filter((c: any) => c.failure);
  expect(failures.map((c: any) => c['@name'])).toEqual(['request-bytes']);
  expect(failures[0].failure['#text']).toMatch(/image_data_url/);
  expect(readFileSync(join(dir, 'comment.md'), 'utf8')).toMatch(
    /\| ❌ \| image \| `request-bytes` \| 1\.\d MB \| 100 kB error \| event #2 click on_touch; field state class #1 `image_data_url`/,
  );
});

it('exits 2 with one line for a broken config, naming the file, key path and fix', async () => {
  const typoBudget = mk({ 'mesop-devtools.config.json': { budgets: { assertions: { 'request-byte': 'error' } } } });
  const r1 = await check(['--url', chat.origin], typoBudget);
  expect(r1.code).toBe(2);
  expect(oneLine(r1.stderr)).toEqual([
    expect.stringMatching(
      /^mesop-devtools: mesop-devtools\.config\.json: budgets\.assertions\.request-byte: unknown key .*did you mean "request-bytes"/,
    ),
  ]);

  const typoStep = mk({
    'mesop-devtools.config.json': { flows: [{ name: 'chat', steps: [{ clik: 'Send' }] }], app: { url: chat.origin } },
  });
  const r2 = await check([], typoStep);
  expect(r2.code).toBe(2);
  expect(oneLine(r2.stderr)).toEqual([
    expect.stringMatching(
      /^mesop-devtools: mesop-devtools\.config\.json: flows\[0\]\.steps\[0\]: no action in this step \(did you mean "click"\?/,
    ),
  ]);

  const badApp = mk({ 'mesop-devtools.config.json': { app: { command: 'mesop main.py' } } });
  const r3 = await check([], badApp);
  expect(r3.code).toBe(2);
  expect(oneLine(r3.stderr)).toEqual([
    expect.stringMatching(/app\.command: "mesop main\.py" is not valid \(write a command with a \{port\} placeholder/),
  ]);
});

it('exits 2 with one line when a flow step finds no element', async () => {
  const dir = mk({
    'flow.json': {
      name: 'missing',
      steps: [{ type: { selector: 'input' }, text: 'Hi' }, { click: { selector: '#no-such-button' } }],
    },
  });
  const r = await check(['--url', chat.origin, '--flow', 'flow.json', '--timeout', '1500'], dir);
  expect(r.code).toBe(2);
  const lines = oneLine(r.stderr).filter((l) => l.startsWith('mesop-devtools:'));
  expect(lines).toEqual([
    expect.stringMatching(
      /^mesop-devtools: flow "missing" step 2 \(click selector "#no-such-button"\): no element matched selector "#no-such-button" within 1500 ms \(check the selector, or raise --timeout; the page: (\S+page\.png), (\S+page\.html)\)$/,
    ),
  ]);
  // the page as the step found it: a real PNG and Mesop's page with the text typed so far
  const [, png, html] = /the page: (\S+), (\S+)\)$/.exec(lines[0]!)!;
  expect(readFileSync(png!).subarray(1, 4).toString()).toBe('PNG');
  expect(readFileSync(html!, 'utf8')).toMatch(/<mesop-app|mesop/i);
  dirs.push(join(png!, '..'));
  expect(r.stderr).not.toMatch(/\n\s+at /);
});

it("exits 2 with the app's last words when the app does not start", async () => {
  const dir = mk({});
  const r = await check(
    ['--command', 'echo "Traceback: ModuleNotFoundError: no module named main_{port}" >&2; exit 3'],
    dir,
  );
  expect(r.code).toBe(2);
  const lines = oneLine(r.stderr).filter((l) => l.startsWith('mesop-devtools:'));
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(
    /the app command exited \(code 3\) before serving .*; last output: Traceback: ModuleNotFoundError: no module named main_\d+ \(full output: .*app-output\.log\)/,
  );
});

it('measures WebSocket mode (MESOP_WEBSOCKETS_ENABLED=true)', async () => {
  const dir = mk({
    'mesop-devtools.config.json': {
      app: { command: `${MESOP} ${app('chat.py')} --port {port}`, env: { MESOP_WEBSOCKETS_ENABLED: 'true' } },
      flows: [{ name: 'chat', steps: [...chatSteps('Over a socket'), ...chatSteps('Again')] }],
    },
  });
  const r = await check(['--json'], dir);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  const report: CheckReport = JSON.parse(r.stdout);
  const flow = report.flows[0]!;
  expect(flow.report.session.transport).toBe('websocket');
  expect(flow.report.events.map((e) => e.kind)).toEqual(['init', 'string_value', 'click', 'string_value', 'click']);
  expect(flow.report.events.every((e) => e.response.streamEnded)).toBe(true);
  // WebSocket mode keeps the state with the connection: nothing goes up but the event.
  expect(flow.report.events.slice(1).map((e) => e.request.stateUpload)).toEqual(['empty', 'empty', 'empty', 'empty']);
  expect(flow.report.session.backend).toBe('websocket');
});

it('aggregates --runs 3 (median by default, max on request)', async () => {
  const dir = mk({
    'flow.json': { name: 'chat', steps: chatSteps('Three times') },
    'mesop-devtools.config.json': {
      budgets: { aggregate: 'max', assertions: { 'request-bytes': ['error', { max: '20 kB' }] } },
    },
  });
  const r = await check(['--url', chat.origin, '--flow', 'flow.json', '--runs', '3', '--json'], dir);
  expect(r.code).toBe(0);
  const report: CheckReport = JSON.parse(r.stdout);
  expect([report.runs, report.aggregate]).toEqual([3, 'max']);
  const flow = report.flows[0]!;
  expect(flow.runs.map((x) => x.run)).toEqual([1, 2, 3]);
  expect(new Set(flow.runs.map((x) => x.events))).toEqual(new Set([3]));
  const budget = flow.budgets.find((b) => b.id === 'request-bytes')!;
  expect(budget.runs).toEqual({ method: 'max', actuals: [expect.any(Number), expect.any(Number), expect.any(Number)] });
  expect(budget.actual).toBe(Math.max(...budget.runs!.actuals));
  // Every run starts a new Mesop session (the first in the fresh browser's own context, the others
  // in new contexts): the same clicks upload the same bytes.
  expect(new Set(budget.runs!.actuals).size).toBe(1);
  expect(budget.message).toMatch(/\(max of 3 runs\)/);
});
