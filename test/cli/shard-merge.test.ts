/**
 * `check --shard i/n` splits the flows across CI jobs, `merge-reports` joins the jobs' reports:
 * three flows on the real chat app, checked once whole and once as two shards. The merged report
 * has the whole run's flows in the same order, the same budgets and verdict, and each flow's
 * baseline comparison from the shard that ran it.
 */
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { startMesop, type MesopServer } from '../../src/cli/app/mesop-server';
import { MARKDOWN_MARKER } from '../../src/core/report/markdown-report';
import type { CheckReport } from '../../src/core/report/check-report';
import { run } from '../../src/cli/run';
import { parseShard, shardOf } from '../../src/cli/shard/shard-flows';
import { fakeProcess } from '../support/fake-process';
import { app, chatSteps, check, MESOP, project } from './check-support';

let chat: MesopServer;
let dir: string;
const read = (f: string): CheckReport => JSON.parse(readFileSync(join(dir, f), 'utf8'));

beforeAll(async () => {
  chat = await startMesop({ app: app('chat.py'), mesopBin: MESOP });
  dir = project({
    'mesop-devtools.config.json': {
      app: { url: chat.origin },
      flows: [
        ['one', 'hi'],
        ['two', 'x'.repeat(3000)],
        ['three', 'y'.repeat(3000)],
      ].map(([name, text]) => ({ name, steps: chatSteps(text!) })),
      // "one" sends a 2-character message, the others 3000 characters (twice: the input's blur and the click).
      budgets: { assertions: { 'total-request-bytes': ['error', { max: '2 kB' }] } },
    },
  });
});
afterAll(async () => {
  await chat?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('shardOf', () => {
  it('gives every item to exactly one shard, in order, in blocks that differ by at most one', () => {
    for (let items = 0; items <= 9; items++) {
      const all = Array.from({ length: items }, (_, i) => i);
      for (let n = 1; n <= 5; n++) {
        const shards = Array.from({ length: n }, (_, i) => shardOf(all, { index: i + 1, count: n }));
        expect(shards.flat()).toEqual(all);
        const sizes = shards.map((s) => s.length);
        expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
      }
    }
  });

  it.each(['0/2', '3/2', '1/0', '2', 'a/b', '1/2/3', '-1/2', ''])('refuses --shard "%s"', (bad) => {
    expect(() => parseShard(bad)).toThrow(/bad --shard/);
  });
});

it('check --shard with a bad value exits 2 with one line', async () => {
  const r = await check(['--shard', '3/2'], dir);
  expect(r.code).toBe(2);
  expect(r.stderr.trim().split('\n')).toEqual([
    'mesop-devtools: bad --shard "3/2" (give --shard i/n with 1 <= i <= n, e.g. --shard 2/4)',
  ]);
});

it('two shards merged equal the whole run: flows, budgets, verdict, baseline', async () => {
  const whole = await check(['--out', 'whole.json'], dir);
  expect(whole.code).toBe(1);
  const first = await check(['--shard', '1/2', '--out', 'shard-1.json', '--baseline', 'whole.json'], dir);
  const second = await check(['--shard', '2/2', '--out', 'shard-2.json', '--baseline', 'whole.json'], dir);
  expect(first.stderr).toContain('shard 1/2: 1 of 3 flow(s): one');
  expect(second.stderr).toContain('shard 2/2: 2 of 3 flow(s): two, three');
  expect([first.code, second.code]).toEqual([0, 1]);

  const p = fakeProcess(
    ['merge-reports', 'shard-1.json', 'shard-2.json', '--out', 'merged.json', '--markdown', 'comment.md'],
    dir,
  );
  expect(await run(p.proc)).toBe(1);
  const merged = read('merged.json');
  const reference = read('whole.json');
  expect(merged.flows.map((f) => f.name)).toEqual(reference.flows.map((f) => f.name));
  expect(merged.summary).toEqual(reference.summary);
  expect(merged.passed).toBe(false);
  expect(merged.flows.flatMap((f) => f.budgets.map((b) => [b.flow, b.id, b.passed, b.actual]))).toEqual(
    reference.flows.flatMap((f) => f.budgets.map((b) => [b.flow, b.id, b.passed, b.actual])),
  );
  // Each shard alone calls the other shard's flows "missing"; merged, every flow was compared.
  expect(read('shard-1.json').baseline!.flows.map((f) => f.status)).toEqual(['compared', 'missing', 'missing']);
  expect(merged.baseline!.flows.map((f) => [f.name, f.status])).toEqual([
    ['one', 'compared'],
    ['two', 'compared'],
    ['three', 'compared'],
  ]);
  const comment = readFileSync(join(dir, 'comment.md'), 'utf8');
  expect(comment.startsWith(MARKDOWN_MARKER)).toBe(true);
  expect(comment).toContain('3 flow(s)');
}, 180_000);

it('merge-reports exits 2 with one line for a file that is not a check report, or the same flow twice', async () => {
  const notReport = fakeProcess(['merge-reports', 'mesop-devtools.config.json'], dir);
  expect(await run(notReport.proc)).toBe(2);
  expect(notReport.stderr()).toMatch(/^mesop-devtools: mesop-devtools\.config\.json is not a check report .*\n$/);
  const twice = fakeProcess(['merge-reports', 'shard-1.json', 'shard-1.json'], dir);
  expect(await run(twice.proc)).toBe(2);
  expect(twice.stderr()).toMatch(/^mesop-devtools: flow "one" is in both shard-1\.json and shard-1\.json/);
  const none = fakeProcess(['merge-reports'], dir);
  expect(await run(none.proc)).toBe(2);
  expect(none.stderr()).toMatch(/^mesop-devtools: no reports to merge/);
});
