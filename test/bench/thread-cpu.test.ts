/**
 * The scheduler statistics the panel bench splits long tasks with (bench/panel-load/thread-cpu.ts),
 * checked on processes this test owns: a child that spins, a child that sleeps.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import {
  chromiumProcesses,
  findMainThread,
  processCpuMs,
  schedstat,
  ThreadSampler,
} from '../../bench/panel-load/thread-cpu';
import { waitFor } from '../support/wait-for';

const linux = schedstat(process.pid) !== undefined;
const maybe = linux ? describe : describe.skip;

/** A Node child that spins for `ms` whenever it gets a line on stdin, and answers "done". */
async function spinner(): Promise<{ child: ChildProcess; spin: (ms: number) => Promise<void> }> {
  const child = spawn(
    process.execPath,
    [
      '-e',
      `
    process.stdin.on('data', (d) => { const end = Date.now() + Number(String(d)); while (Date.now() < end) {} process.stdout.write('done\\n'); });
    process.stdout.write('ready\\n');`,
    ],
    { stdio: ['pipe', 'pipe', 'inherit'] },
  );
  const next = () => new Promise<void>((res) => child.stdout!.once('data', () => res()));
  await next(); // "ready"
  return {
    child,
    spin: async (ms) => {
      const d = next();
      child.stdin!.write(`${ms}\n`);
      await d;
    },
  };
}

/** Waits until a thread's run and wait counters stand still for 50 ms: it sleeps, all its wait credited. */
async function idle(pid: number): Promise<void> {
  let last = '';
  await waitFor(
    `process ${pid} idle`,
    () => {
      const now = JSON.stringify(schedstat(pid));
      const still = now === last;
      last = now;
      return still;
    },
    { everyMs: 50 },
  );
}

maybe('thread CPU from /proc', () => {
  const children: ChildProcess[] = [];
  afterAll(() => {
    for (const c of children) c.kill();
  });

  test('findMainThread picks the process whose main thread ran the busy loop, not an idle sibling', async () => {
    const busy = await spinner();
    const idle = await spinner();
    children.push(busy.child, idle.child);
    const found = await findMainThread([idle.child.pid!, busy.child.pid!], busy.spin);
    expect(found).toBe(busy.child.pid);
  });

  test('the sampler splits a span: a spin shows as run time (or waiting for a core), a sleep as neither', async () => {
    const s = await spinner();
    children.push(s.child);
    // The kernel credits run-queue wait when the thread next runs: a child still finishing its
    // start-up on a loaded machine would have that wait credited inside the span (seen once in
    // CI: ran + waited 264 ms over 202 ms of wall). So the span starts once the child is idle.
    await idle(s.child.pid!);
    const sampler = new ThreadSampler(s.child.pid!, 5);
    const t0 = performance.timeOrigin + performance.now();
    await s.spin(200);
    const t1 = performance.timeOrigin + performance.now();
    await new Promise((r) => setTimeout(r, 400));
    const t2 = performance.timeOrigin + performance.now();
    sampler.stop();
    const spun = sampler.span(t0, t1)!;
    // Well clear of the spin's end: the span is interpolated between samples, which a loaded
    // machine may space out.
    const slept = sampler.span(t1 + 150, t2 - 20)!;
    // The child wanted a core for all 200 ms: ran, or was ready and waited (this machine is shared).
    expect(spun.ranMs + spun.waitedMs).toBeGreaterThan(180);
    expect(spun.ranMs + spun.waitedMs).toBeLessThanOrEqual(spun.wallMs + 1);
    expect(slept.ranMs + slept.waitedMs).toBeLessThan(20);
    expect(sampler.span(t0 - 60_000, t1)).toBeUndefined();
  });

  test("chromiumProcesses lists a process tree with each child's --type", async () => {
    const child = spawn(
      process.execPath,
      ['-e', 'setTimeout(() => {}, 5000)', '--', '--type=renderer', '--extension-process'],
      { stdio: 'ignore' },
    );
    children.push(child);
    // Listed once the child has exec'd node with its arguments (until then /proc shows this process's).
    const tree = await waitFor(
      'the child in the process tree',
      () => {
        const t = chromiumProcesses(process.pid);
        return t.some((p) => p.pid === child.pid && p.type === 'renderer') && t;
      },
      { timeoutMs: 10_000, describe: () => JSON.stringify(chromiumProcesses(process.pid)) },
    );
    expect(tree).toContainEqual({ pid: process.pid, type: 'browser', extension: false });
    expect(tree).toContainEqual({ pid: child.pid, type: 'renderer', extension: true });
  });

  test("processCpuMs agrees with getrusage (process.cpuUsage) on this process, within /proc's 10 ms ticks", () => {
    // Burn some CPU first, so the figure is not a few ticks that any value would match.
    const until = process.cpuUsage().user + 300_000;
    while (process.cpuUsage().user < until) {
      /* spin */
    }
    const before = process.cpuUsage();
    const fromProc = processCpuMs([process.pid]).get(process.pid)!;
    const after = process.cpuUsage();
    const rusageMs = (u: NodeJS.CpuUsage) => (u.user + u.system) / 1000;
    expect(fromProc).toBeGreaterThan(300);
    // utime and stime are each truncated to a 10 ms tick: up to 20 ms under, never over.
    expect(fromProc).toBeGreaterThanOrEqual(rusageMs(before) - 20);
    expect(fromProc).toBeLessThanOrEqual(rusageMs(after) + 1);
  });
});
