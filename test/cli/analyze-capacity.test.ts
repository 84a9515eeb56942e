/**
 * `--capacity <load report>`: the backend advice quotes what `mesop-devtools load` measured. The
 * report is written here with numbers chosen so the expected sentence can be worked out by hand.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run } from '../../src/cli/run';
import { fakeProcess } from '../support/fake-process';

const FIXTURES = join(__dirname, '../fixtures');
const MB = 1_000_000;
let dir: string;

const step = (users: number, p95Ms: number, rssBytes: number, sessions: number) => ({
  step: users,
  users,
  startedAt: 0,
  endedAt: 10,
  events: users * 10,
  errors: 0,
  tokenMisses: 0,
  sessions,
  p50Ms: p95Ms / 2,
  p95Ms,
  p99Ms: p95Ms,
  eventsPerSecond: users,
  errorSamples: [],
  clientCpuSeconds: 1,
  rssBytes,
  processes: 1,
  diskBytes: null,
});

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'analyze-capacity-'));
  writeFileSync(join(dir, 'package.json'), '{"private": true}\n');
  writeFileSync(
    join(dir, 'capacity.json'),
    JSON.stringify({
      schema: 'mesop-devtools/load-report',
      version: 1,
      toolVersion: '0.1.0',
      source: 'chat.har',
      p95TargetMs: 500,
      thinkScale: 1,
      stepSeconds: 10,
      configurations: [
        {
          backend: 'memory',
          server: 'mesop main.py',
          idleRssBytes: 60 * MB,
          failure: null,
          // 100 sessions over the run; RSS 60 MB idle -> 70 MB at the end: 10 MB / 100 = 100 kB a session.
          // p95 200 ms at 10 users, 800 ms at 20: within 500 ms up to 10, over at 20.
          steps: [step(10, 200, 65 * MB, 40), step(20, 800, 70 * MB, 60)],
          derived: {
            sessions: 100,
            ramPerSessionBytes: 100_000,
            sessionsPerGb: 10_000,
            diskPerSessionBytes: null,
            usersAtP95Target: 20,
            maxUsersWithinTarget: 10,
            errors: 0,
            tokenMisses: 0,
            events: 300,
          },
        },
      ],
    }),
  );
  writeFileSync(
    join(dir, 'not-a-load-report.json'),
    JSON.stringify({ schema: 'mesop-devtools/payload-report', version: 1 }),
  );
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const analyze = async (...args: string[]) => {
  const p = fakeProcess(['analyze', ...args], dir);
  const code = await run(p.proc);
  return { code, stdout: p.stdout(), stderr: p.stderr() };
};

it('quotes the measured users and RAM per session in the session-backend advice', async () => {
  const r = await analyze(join(FIXTURES, 'image.har'), '--json', '--capacity', 'capacity.json');
  expect(r.code).toBe(0);
  const finding = JSON.parse(r.stdout).findings.find((f: { ruleId: string }) => f.ruleId === 'state-upload');
  expect(finding.advice).toContain(
    'Measured under load (mesop-devtools load, chat.har): memory (mesop main.py): ' +
      'p95 went over 500 ms at 20 users (within it up to 10); ~100 kB RAM per session held (100 sessions, ~10,000 per GB); ' +
      '0 errors, 0 token misses in 300 events.',
  );
  const without = JSON.parse((await analyze(join(FIXTURES, 'image.har'), '--json')).stdout);
  expect(without.findings.find((f: { ruleId: string }) => f.ruleId === 'state-upload').advice).not.toContain(
    'Measured under load',
  );
});

it('refuses a file that is not a load report, or is missing, with one line and exit 2', async () => {
  const wrong = await analyze(join(FIXTURES, 'image.har'), '--capacity', 'not-a-load-report.json');
  expect(wrong.code).toBe(2);
  expect(wrong.stderr).toMatch(/not-a-load-report\.json is not a mesop-devtools load report/);
  expect(wrong.stderr.trim().split('\n').length).toBeLessThanOrEqual(2);
  const missing = await analyze(join(FIXTURES, 'image.har'), '--capacity', 'nope.json');
  expect(missing.code).toBe(2);
  expect(missing.stderr).toMatch(/cannot read capacity report nope\.json: ENOENT/);
});
