/**
 * `check` on real Mesop apps: a handler that raises fails the check (exit 1) and is named in every
 * output; `--only` picks flows; `--har` saves traffic that `analyze` reads back to the same numbers;
 * a TypeScript flow module runs. Real mesop 1.3.7, Debian's Chromium, free ports on 127.0.0.1.
 */
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { run } from '../../src/cli/run';
import type { CheckReport } from '../../src/core/report/check-report';
import { markdownToHtml } from '../core/report/check-report-support';
import { fakeProcess } from '../support/fake-process';
import { app, check, MESOP, project } from './check-support';

const dirs: string[] = [];
const mk = (files: Record<string, unknown>) => {
  const d = project(files);
  dirs.push(d);
  return d;
};
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

const BOOM = 'Boom: this handler always fails (fixture)'; // test/apps/error.py

it('fails (exit 1) on a handler that raised, with the exception in the terminal, JSON, JUnit, Markdown and HTML; --har saves what analyze reads', async () => {
  const dir = mk({
    'mesop-devtools.config.json': {
      app: { command: `${MESOP} ${app('error.py')} --port {port}` },
      flows: [
        // the failing click is the flow's last step: what the client does after a ServerError is not this test's subject
        { name: 'boom', steps: [{ click: 'Fine' }, { click: 'Explode', expectRequests: 1 }] },
        { name: 'fine only', steps: [{ click: 'Fine' }] },
      ],
    },
  });
  const r = await check(
    [
      '--only',
      'boom',
      '--har',
      'out/traffic.har',
      '--out',
      'out/report.json',
      '--junit',
      'out/junit.xml',
      '--markdown',
      'out/comment.md',
      '--html',
      'out/report.html',
    ],
    dir,
  );
  expect(r.stderr).not.toMatch(/\n\s+at /);
  expect(r.code).toBe(1);
  // the command as run, with its port
  expect(r.stderr).toMatch(
    new RegExp(`started the app: ${MESOP.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')} \\S+error\\.py --port \\d+\\n`),
  );
  expect(r.stdout).toMatch(/check FAILED: 1 error budget\(s\) over \(boom: server-errors\)/);
  expect(r.stdout).toContain(`server error in "boom": event #2 click on_boom raised: ${BOOM}`);

  const report: CheckReport = JSON.parse(readFileSync(join(dir, 'out/report.json'), 'utf8'));
  expect(report.flows.map((f) => f.name)).toEqual(['boom']); // --only
  const flow = report.flows[0]!;
  expect(flow.report.events.map((e) => [e.kind, e.error])).toEqual([
    ['init', null],
    ['click', null],
    ['click', BOOM],
  ]);
  const budget = flow.budgets.find((b) => b.id === 'server-errors')!;
  expect(budget).toMatchObject({ level: 'error', actual: 1, expected: 0, passed: false, events: [2] });
  expect(budget.blame?.event).toEqual({ index: 2, kind: 'click', handler: 'on_boom', error: BOOM });
  // no machine path in any handler id
  expect(flow.report.events[2]!.handlerId).toMatch(/^error\.on_boom\.[0-9a-f]{64}:mesop\.events\.events\.ClickEvent$/);

  const junit = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@' }).parse(
    readFileSync(join(dir, 'out/junit.xml'), 'utf8'),
  );
  const failure = [junit.testsuites.testsuite.testcase]
    .flat()
    .find((c: { '@name': string }) => c['@name'] === 'server-errors').failure;
  expect(failure['#text']).toContain(`event #2 click on_boom raised: ${BOOM}`);

  const md = readFileSync(join(dir, 'out/comment.md'), 'utf8');
  expect(markdownToHtml(md)).toMatch(
    new RegExp(`<h3>Server errors</h3>[\\s\\S]*<td>click on_boom</td>\\s*<td>${BOOM.replace(/[()]/g, '\\$&')}</td>`),
  );
  const html = readFileSync(join(dir, 'out/report.html'), 'utf8');
  expect(html).toMatch(/<span class="badge fail">1 server error\(s\)<\/span>/);
  expect(html).toContain(`<code>${BOOM}</code>`);

  // The HAR is the run's traffic: analyze reads it back to the same events and bytes.
  const p = fakeProcess(['analyze', join(dir, 'out/traffic.har'), '--json'], dir);
  expect(await run(p.proc)).toBe(0);
  const again = JSON.parse(p.stdout());
  expect(
    again.events.map(
      (e: {
        request: { bytes: number };
        response: { bytes: number };
        error: string | null;
        handlerId: string | null;
      }) => [e.request.bytes, e.response.bytes, e.error, e.handlerId],
    ),
  ).toEqual(flow.report.events.map((e) => [e.request.bytes, e.response.bytes, e.error, e.handlerId]));
});

it('--only with an unknown name exits 2 with a guess', async () => {
  const dir = mk({
    'mesop-devtools.config.json': {
      app: { url: 'http://127.0.0.1:9/' },
      flows: [{ name: 'send a message', steps: [{ click: 'Send' }] }],
    },
  });
  const r = await check(['--only', 'send a mesage'], dir);
  expect(r.code).toBe(2);
  expect(r.stderr.trim()).toBe(
    'mesop-devtools: --only "send a mesage": no flow has that name (did you mean "send a message"? flows: "send a message")',
  );
});

it('runs a TypeScript flow module (compiled with esbuild), with a local import', async () => {
  const dir = mk({
    'mesop-devtools.config.json': {
      app: { command: `${MESOP} ${app('chat.py')} --port {port}` },
      flows: [{ name: 'typed', module: 'flows/typed.ts' }],
    },
    'flows/message.ts': `export const message: string = 'From TypeScript';\n`,
    'flows/typed.ts': `import type { Page } from 'puppeteer-core';
import { message } from './message';
interface Ctx { page: Page; settle(action: () => Promise<unknown>, o?: { expectRequests?: number }): Promise<void> }
export default async function run({ page, settle }: Ctx): Promise<void> {
  await page.locator('input').fill(message);
  await settle(() => page.locator('::-p-aria([name="Send"][role="button"])').click(), { expectRequests: 1 });
  await page.waitForFunction((t: string) => document.body.innerText.includes(t), {}, "You said 'From TypeScript'");
}
`,
  });
  const r = await check(['--json'], dir);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  const report: CheckReport = JSON.parse(r.stdout);
  expect(report.flows[0]!.report.events.map((e) => e.kind)).toEqual(['init', 'string_value', 'click']);
});
