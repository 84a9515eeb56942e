/**
 * The GitHub Action (action.yml) without GitHub: its metadata against GitHub's schema, and its one
 * script (action/run-check.mjs) run as the composite step runs it, with the real built CLI, a real
 * Mesop app and Chromium, and a stand-in for GitHub's REST API on 127.0.0.1 that records every call.
 * The first run creates the sticky comment, the next ones edit that same comment (found on the
 * second page of a busy pull request), a failing check still comments and exits 1.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { validateAction, validateWorkflow } from '@action-validator/core';
import { startMesop, type MesopServer } from '../../src/cli/app/mesop-server';
import { MARKDOWN_MARKER } from '../../src/core/report/markdown-report';

const ROOT = resolve(__dirname, '../..');
const MESOP = join(ROOT, '.venv/bin/mesop');
const ACTION = readFileSync(join(ROOT, 'action.yml'), 'utf8');

interface Call {
  method: string;
  path: string;
  auth: string | undefined;
  body: { body?: string } | null;
}
interface Comment {
  id: number;
  body: string;
  user: { login: string };
}

/** GitHub's issue-comment endpoints, in memory, on a free loopback port. */
function fakeGitHub() {
  const calls: Call[] = [];
  const comments: Comment[] = Array.from({ length: 130 }, (_, i) => ({
    id: 1000 + i,
    body: `a review remark ${i}`,
    user: { login: 'someone' },
  }));
  let nextId = 5000;
  const bodyOf = (req: IncomingMessage) =>
    new Promise<string>((done) => {
      let s = '';
      req.on('data', (d) => {
        s += d;
      });
      req.on('end', () => done(s));
    });
  const server: Server = createServer(async (req, res) => {
    const url = new URL(req.url!, 'http://x');
    const raw = await bodyOf(req);
    const body = raw ? JSON.parse(raw) : null;
    calls.push({ method: req.method!, path: url.pathname + url.search, auth: req.headers.authorization, body });
    const send = (status: number, value: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(value));
    };
    let m;
    if (req.method === 'GET' && (m = /^\/repos\/acme\/shop\/issues\/7\/comments$/.exec(url.pathname))) {
      const per = Number(url.searchParams.get('per_page') ?? 30);
      const page = Number(url.searchParams.get('page') ?? 1);
      return send(200, comments.slice((page - 1) * per, page * per));
    }
    if (req.method === 'POST' && /^\/repos\/acme\/shop\/issues\/7\/comments$/.test(url.pathname)) {
      const c = { id: nextId++, body: body.body, user: { login: 'github-actions[bot]' } };
      comments.push(c);
      return send(201, c);
    }
    if (req.method === 'PATCH' && (m = /^\/repos\/acme\/shop\/issues\/comments\/(\d+)$/.exec(url.pathname))) {
      const c = comments.find((x) => x.id === Number(m![1]));
      if (!c) return send(404, { message: 'Not Found' });
      c.body = body.body;
      return send(200, c);
    }
    send(404, { message: 'Not Found' });
  });
  return { server, calls, comments };
}

let chat: MesopServer;
let api: ReturnType<typeof fakeGitHub>;
let apiUrl: string;
let dir: string;

beforeAll(async () => {
  chat = await startMesop({ app: join(ROOT, 'test/apps/chat.py'), mesopBin: MESOP });
  api = fakeGitHub();
  await new Promise<void>((r) => api.server.listen(0, '127.0.0.1', r));
  apiUrl = `http://127.0.0.1:${(api.server.address() as { port: number }).port}`;
  dir = mkdtempSync(join(tmpdir(), 'action-test-'));
  writeFileSync(join(dir, 'package.json'), '{"private": true}\n');
  writeFileSync(join(dir, 'event.json'), JSON.stringify({ pull_request: { number: 7 } }));
  const config = (max: string) =>
    JSON.stringify({
      app: { url: chat.origin },
      flows: [
        {
          name: 'chat',
          steps: [
            { type: { selector: 'input' }, text: 'Hi' },
            { click: { role: 'button', name: 'Send' } },
            { assertText: "You said 'Hi'" },
          ],
        },
      ],
      budgets: { assertions: { 'request-bytes': ['error', { max }] } },
    });
  writeFileSync(join(dir, 'roomy.json'), config('50 kB'));
  writeFileSync(join(dir, 'tight.json'), config('10 B'));
});
afterAll(async () => {
  await chat?.stop();
  api?.server.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** The "Payload check" step: its script, in the working directory, with the env action.yml gives it. */
function runStep(
  inputs: Record<string, string>,
): Promise<{ code: number | null; stderr: string; outputs: Record<string, string> }> {
  const outputFile = join(dir, `github-output-${Date.now()}`);
  writeFileSync(outputFile, '');
  const env = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    MDT_CLI: JSON.stringify([process.execPath, join(ROOT, 'dist/cli/mesop-devtools.js')]),
    MDT_COMMENT: 'true',
    MDT_TOKEN: 'token-123',
    MDT_OUTPUT_DIR: 'payload',
    MDT_RUNS: '1',
    GITHUB_API_URL: apiUrl,
    GITHUB_REPOSITORY: 'acme/shop',
    GITHUB_EVENT_PATH: join(dir, 'event.json'),
    GITHUB_OUTPUT: outputFile,
    GITHUB_STEP_SUMMARY: join(dir, 'summary.md'),
    ...inputs,
  };
  return new Promise((done) => {
    const child = spawn(process.execPath, [join(ROOT, 'action/run-check.mjs')], {
      cwd: dir,
      env,
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr!.on('data', (d) => {
      stderr += d;
    });
    child.on('exit', (code) => {
      const outputs = Object.fromEntries(
        readFileSync(outputFile, 'utf8')
          .trim()
          .split('\n')
          .map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]),
      );
      done({ code, stderr, outputs });
    });
  });
}

const ours = () => api.comments.filter((c) => c.body.startsWith(MARKDOWN_MARKER));

test('action.yml is a valid action (the schema GitHub uses), and the validator can say no', () => {
  expect(validateAction(ACTION).errors).toEqual([]);
  expect(validateAction(ACTION.replace('using: composite', 'using: compost')).errors.length).toBeGreaterThan(0);
  expect(validateAction(ACTION.replace(/ {6}shell: bash\n/g, '')).errors.length).toBeGreaterThan(0);
  for (const input of ['config', 'runs', 'baseline', 'working-directory', 'chrome-path', 'comment', 'github-token']) {
    expect(ACTION).toMatch(new RegExp(`^ {2}${input}:\\n {4}description: `, 'm'));
  }
});

test.each(['workflow.yml', 'sharded.yml'])(
  'docs/github-action/%s is a valid workflow, shown as it is in docs/github-action.md',
  (name) => {
    const workflow = readFileSync(join(ROOT, 'docs/github-action', name), 'utf8');
    expect(validateWorkflow(workflow).errors).toEqual([]);
    expect(validateWorkflow(workflow.replace('runs-on:', 'runs_on:')).errors.length).toBeGreaterThan(0);
    expect(workflow).toMatch(/uses: OWNER\/mesop-devtools@v\d+\.\d+\.\d+/);
    expect(readFileSync(join(ROOT, 'docs/github-action.md'), 'utf8')).toContain(
      `\`\`\`yaml\n${workflow.trim()}\n\`\`\``,
    );
    // Every `with:` key the workflow gives the action is one of its inputs.
    const given = [...workflow.matchAll(/^ {10}([a-z-]+):/gm)]
      .map((m) => m[1]!)
      .filter((key) => !['python-version', 'cache', 'name', 'path', 'if-no-files-found', 'pattern'].includes(key));
    expect(given.length).toBeGreaterThan(0);
    for (const key of given) expect(ACTION).toMatch(new RegExp(`^ {2}${key}:\\n`, 'm'));
  },
);

/** The "Find mesop-devtools" step's bash script, as action.yml has it. */
function findCliScript(): string {
  const lines = ACTION.split('\n');
  const at = lines.findIndex((l) => l.trim() === '- name: Find mesop-devtools');
  const run = lines.findIndex((l, i) => i > at && l.trim() === 'run: |');
  const body: string[] = [];
  for (let i = run + 1; i < lines.length && lines[i]!.startsWith('        '); i++) body.push(lines[i]!.slice(8));
  return body.join('\n');
}

test('"Find mesop-devtools" takes the one on PATH, else the .venv\'s, else node_modules/.bin\'s', () => {
  const script = findCliScript();
  expect(script).toContain('npm ci'); // the last resort, building the action's copy, is not run here
  const where = mkdtempSync(join(tmpdir(), 'action-find-cli-'));
  try {
    const fake = (rel: string) => {
      mkdirSync(join(where, rel, '..'), { recursive: true });
      writeFileSync(join(where, rel), '#!/bin/sh\n', { mode: 0o755 });
    };
    const found = (pathDirs: string[]) => {
      const output = join(where, 'output');
      writeFileSync(output, '');
      const r = spawnSync('bash', ['-e', '-c', script], {
        cwd: join(where, 'app'),
        env: { PATH: [...pathDirs, '/usr/bin', '/bin'].join(':'), GITHUB_OUTPUT: output },
        encoding: 'utf8',
      });
      expect(r.status).toBe(0);
      return JSON.parse(readFileSync(output, 'utf8').trim().replace(/^cli=/, ''));
    };
    fake('app/node_modules/.bin/mesop-devtools');
    expect(found([])).toEqual([join(where, 'app/node_modules/.bin/mesop-devtools')]);
    fake('app/.venv/bin/mesop-devtools');
    expect(found([])).toEqual([join(where, 'app/.venv/bin/mesop-devtools')]);
    fake('bin/mesop-devtools');
    expect(found([join(where, 'bin')])).toEqual(['mesop-devtools']);
  } finally {
    rmSync(where, { recursive: true, force: true });
  }
});

test('the comment script finds the marker the Markdown report starts with', () => {
  const script = readFileSync(join(ROOT, 'action/sticky-comment.mjs'), 'utf8');
  expect(/export const STICKY_MARKER = '([^']+)'/.exec(script)![1]).toBe(MARKDOWN_MARKER);
});

test('first run creates the comment, a failing run edits the same one and exits 1, a broken run says so', async () => {
  const first = await runStep({ MDT_CONFIG: 'roomy.json' });
  expect(first.stderr).not.toMatch(/::warning::/);
  expect(first.code).toBe(0);
  expect(first.outputs).toEqual({
    'exit-code': '0',
    passed: 'true',
    'report-json': 'payload/report.json',
    junit: 'payload/junit.xml',
    markdown: 'payload/comment.md',
    html: 'payload/report.html',
  });
  const report = JSON.parse(readFileSync(join(dir, 'payload/report.json'), 'utf8'));
  expect(report).toMatchObject({ schema: 'mesop-devtools/check-report', passed: true });
  expect(ours()).toHaveLength(1);
  expect(ours()[0]!.body).toBe(readFileSync(join(dir, 'payload/comment.md'), 'utf8'));
  expect(readFileSync(join(dir, 'summary.md'), 'utf8')).toContain(MARKDOWN_MARKER);
  // Two pages read (130 other comments), then one POST; every call with the workflow's token.
  expect(api.calls.map((c) => `${c.method} ${c.path}`)).toEqual([
    'GET /repos/acme/shop/issues/7/comments?per_page=100&page=1',
    'GET /repos/acme/shop/issues/7/comments?per_page=100&page=2',
    'POST /repos/acme/shop/issues/7/comments',
  ]);
  expect(api.calls.every((c) => c.auth === 'Bearer token-123')).toBe(true);
  const id = ours()[0]!.id;

  api.calls.length = 0;
  const failing = await runStep({ MDT_CONFIG: 'tight.json' });
  expect(failing.code).toBe(1);
  expect(failing.outputs).toMatchObject({ 'exit-code': '1', passed: 'false', markdown: 'payload/comment.md' });
  expect(api.calls.map((c) => c.method)).toEqual(['GET', 'GET', 'PATCH']);
  expect(api.calls[2]!.path).toBe(`/repos/acme/shop/issues/comments/${id}`);
  expect(ours()).toHaveLength(1);
  expect(ours()[0]!.body).toContain('request-bytes');
  expect(ours()[0]!.body).toBe(readFileSync(join(dir, 'payload/comment.md'), 'utf8'));
  expect(
    api.comments.filter((c) => c.user.login === 'someone').every((c, i) => c.body === `a review remark ${i}`),
  ).toBe(true);

  // A config error: check exits 2 with no report; the comment says the check could not run.
  rmSync(join(dir, 'payload'), { recursive: true, force: true });
  writeFileSync(
    join(dir, 'broken.json'),
    JSON.stringify({ budgets: { assertions: { 'request-bytez': ['error', { max: 1 }] } } }),
  );
  api.calls.length = 0;
  const broken = await runStep({ MDT_CONFIG: 'broken.json' });
  expect(broken.code).toBe(2);
  expect(broken.outputs).toMatchObject({ 'exit-code': '2', passed: 'false', 'report-json': '' });
  expect(api.calls.map((c) => c.method)).toEqual(['GET', 'GET', 'PATCH']);
  expect(ours()).toHaveLength(1);
  expect(ours()[0]!.body).toContain('could not run (exit code 2)');
}, 180_000);

test("a comment the API refuses (a fork's read-only token) is a warning; the exit code stays check's", async () => {
  const result = await runStep({ MDT_CONFIG: 'roomy.json', GITHUB_REPOSITORY: 'acme/elsewhere' });
  expect(result.code).toBe(0);
  expect(result.stderr).toMatch(
    /::warning::mesop-devtools action: could not comment on the pull request: GET .* HTTP 404/,
  );
  expect(existsSync(join(dir, 'payload/report.json'))).toBe(true);
}, 120_000);
