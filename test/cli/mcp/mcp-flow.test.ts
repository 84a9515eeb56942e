/**
 * run_flow through the MCP SDK's client against a real Mesop app (the image sample under the
 * pinned mesop, Debian's Chromium): the same findings and budgets as `check`, a failing step as
 * one clean tool error, and nothing left running, after a run or when the client goes away
 * in the middle of one.
 */
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CheckReport } from '../../../src/core/report/check-report';
import { app, check, MESOP, project } from '../check-support';
import { waitFor } from '../../support/wait-for';
import { call, connect, processesWith, type Connected } from './mcp-support';

let dir: string;
/** TMPDIR of the server: Chromium's profile is made under it, so `ps` finds whatever it leaves. */
let serverTmp: string;
let mcp: Connected;

const steps = [{ click: 'Load image' }, { click: { role: 'button', name: 'Touch' } }];

beforeAll(async () => {
  dir = project({
    'mesop-devtools.config.json': {
      // $PWD: the app's command line then names the project directory, so `ps` can find it.
      app: { command: `${MESOP} "$PWD/main.py" --port {port}` },
      flows: [{ name: 'image', steps }],
      budgets: { preset: 'recommended' },
    },
    'bad.json': [{ name: 'bad', steps: [{ click: 'No such button' }] }],
  });
  copyFileSync(app('image.py'), join(dir, 'main.py'));
  serverTmp = mkdtempSync(join(tmpdir(), 'mcp-flow-tmp-'));
  mcp = await connect({ cwd: dir, env: { TMPDIR: serverTmp } });
});
afterAll(async () => {
  await mcp?.close();
  rmSync(dir, { recursive: true, force: true });
  rmSync(serverTmp, { recursive: true, force: true });
});

/** Waits (bounded) until no process mentions the project or the server's TMPDIR; returns what is left. */
async function leftOver(): Promise<string[]> {
  const left = () => [...processesWith(dir), ...processesWith(serverTmp)];
  return waitFor("the flow's processes to exit", () => left().length === 0 && [], {
    timeoutMs: 15_000,
    everyMs: 250,
  }).catch(left);
}

it('run_flow gives the findings and budgets `check` prints, and stops the app and the browser', async () => {
  const run = await call<{ passed: boolean; flows: { flow: string; session: string; events: number }[] }>(
    mcp,
    'run_flow',
    {},
    180_000,
    () => undefined,
  );
  expect(run.text).not.toMatch(/internal error/);
  expect(run.isError).toBe(false);
  expect(run.value.flows.map((f) => [f.flow, f.events])).toEqual([['image', 3]]);
  const session = run.value.flows[0]!.session;
  const findings = await call<{ findings: { id: string; title: string; envLines: string[] }[] }>(mcp, 'findings', {
    session,
  });
  const budgets = await call<{ passed: boolean; budgets: { id: string; passed: boolean; actual: number }[] }>(
    mcp,
    'budgets',
    { session },
  );
  expect(await leftOver()).toEqual([]);

  const cli = await check(['--json'], dir);
  const report = JSON.parse(cli.stdout) as CheckReport;
  const want = report.flows[0]!;
  expect(findings.value.findings.map((f) => [f.id, f.title, f.envLines])).toEqual(
    want.report.findings.map((f) => [f.id, f.title, f.envLines]),
  );
  expect(findings.value.findings.map((f) => f.id)).toEqual(
    expect.arrayContaining(['state-upload', 'blob-in-state:1:image_data_url']),
  );
  expect(budgets.value.budgets.map((b) => [b.id, b.passed, b.actual])).toEqual(
    want.budgets.map((b) => [b.id, b.passed, b.actual]),
  );
  expect(run.value.passed).toBe(report.passed);
  // The event the image goes up with again (Touch): the oracle-checked engine's numbers, per event.
  const touch = await call<{ up: { stateUpload: string; stateBytes: number[] } }>(mcp, 'get_event', {
    session,
    index: 2,
  });
  expect(touch.value.up.stateUpload).toBe('full');
  expect(touch.value.up.stateBytes).toEqual(want.report.events[2]!.request.stateBytes);
});

it('a failing step is one clean tool error, and the app is stopped', async () => {
  const r = await call(mcp, 'run_flow', { flow: 'bad.json', timeoutMs: 1500 }, 120_000);
  expect(r.isError).toBe(true);
  expect(r.text).toMatch(/^flow "bad" step 1 \(click .*No such button.*\): /);
  expect(r.text.split('\n')).toHaveLength(1);
  expect(await leftOver()).toEqual([]);
  expect((await call<{ events: number }>(mcp, 'list_events', { session: 's1' })).isError).toBe(false);
});

it('a client that goes away during a run leaves no app, browser or server behind', async () => {
  const other = await connect({ cwd: dir, env: { TMPDIR: serverTmp } });
  const pid = other.transport.pid!;
  let stepped!: () => void;
  const started = new Promise<void>((r) => {
    stepped = r;
  });
  const pending = call(other, 'run_flow', {}, 180_000, (m) => {
    if (/step 1\/2/.test(m)) stepped();
  }).catch((e: Error) => e);
  await started;
  // Mid-run: the app and the browser are there to be found.
  expect(processesWith(dir).length).toBeGreaterThan(0);
  expect(processesWith(serverTmp).length).toBeGreaterThan(0);
  await other.close();
  await pending;
  expect(await leftOver()).toEqual([]);
  const alive = () => {
    try {
      process.kill(pid, 0);
      return true;
    } catch {
      return false;
    }
  };
  await waitFor(`the server (pid ${pid}) to exit`, () => !alive(), { timeoutMs: 10_000, everyMs: 250 });
});
