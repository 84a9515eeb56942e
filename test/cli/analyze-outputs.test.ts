/** `analyze` writes the same Markdown and HTML as `check`, fails on a server error with --budget, and reads a gzipped HAR. */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { run } from '../../src/cli/run';
import { MARKDOWN_MARKER } from '../../src/core/report/markdown-report';
import { markdownToHtml } from '../core/report/check-report-support';
import { fakeProcess } from '../support/fake-process';

const FIXTURES = join(__dirname, '../fixtures');
let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'analyze-outputs-'));
  writeFileSync(join(dir, 'package.json'), '{"private": true}\n');
  writeFileSync(join(dir, 'budgets.json'), JSON.stringify({ budgets: { preset: 'recommended' } }));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const analyze = async (...args: string[]) => {
  const p = fakeProcess(['analyze', ...args], dir);
  const code = await run(p.proc);
  return { code, stdout: p.stdout(), stderr: p.stderr() };
};

it('--markdown and --html write the PR comment and the HTML report of a HAR, with the advice and its .env line', async () => {
  const r = await analyze(join(FIXTURES, 'image.har'), '--markdown', 'out/comment.md', '--html', 'out/report.html');
  expect(r.code).toBe(0);
  const json = JSON.parse((await analyze(join(FIXTURES, 'image.har'), '--json')).stdout);
  const md = readFileSync(join(dir, 'out/comment.md'), 'utf8');
  expect(md.startsWith(MARKDOWN_MARKER)).toBe(true);
  const env = json.findings.flatMap((f: { envLines: string[] }) => f.envLines);
  expect(env.length).toBeGreaterThan(0);
  for (const line of env) expect(md).toContain(line);
  expect(markdownToHtml(md)).toContain('<h3>Findings</h3>');
  const html = readFileSync(join(dir, 'out/report.html'), 'utf8');
  expect(html).toMatch(/<h2>Findings<\/h2>/);
  expect(html.indexOf('<h2>Findings</h2>')).toBeLessThan(html.indexOf('<h2>Budgets</h2>'));
  expect(html).toContain('<title>Mesop payload report</title>');
});

it('--budget fails (exit 1) on the handler that raised, naming event, handler and exception', async () => {
  const r = await analyze(join(FIXTURES, 'error.har'), '--budget', 'budgets.json', '--markdown', 'err.md');
  expect(r.code).toBe(1);
  expect(r.stdout).toMatch(
    /FAIL\s+server-errors: 1 \(first: event #2 click on_boom: Boom: this handler always fails \(fixture\)\)/,
  );
  expect(readFileSync(join(dir, 'err.md'), 'utf8')).toMatch(/### Server errors[\s\S]*Boom: this handler always fails/);
});

it('reads a gzipped HAR as the HAR itself', async () => {
  writeFileSync(join(dir, 'chat.har.gz'), gzipSync(readFileSync(join(FIXTURES, 'chat.har'))));
  const plain = JSON.parse((await analyze(join(FIXTURES, 'chat.har'), '--json')).stdout);
  const gz = await analyze('chat.har.gz', '--json');
  expect(gz.code).toBe(0);
  const zipped = JSON.parse(gz.stdout);
  expect(zipped.events).toEqual(plain.events);
  writeFileSync(join(dir, 'broken.har.gz'), gzipSync(Buffer.from('{}')).subarray(0, 12));
  const broken = await analyze('broken.har.gz');
  expect(broken.code).toBe(2);
  expect(broken.stderr).toMatch(/^mesop-devtools: broken\.har\.gz is not a readable gzip file/);
});
