import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { killGroup } from '../app/kill-group';

/** One step as the runner prints it (mesop_devtools/load/runner.py). */
export interface RunnerStep {
  step: number;
  users: number;
  startedAt: number;
  endedAt: number;
  events: number;
  errors: number;
  tokenMisses: number;
  sessions: number;
  p50Ms: number | null;
  p95Ms: number | null;
  p99Ms: number | null;
  eventsPerSecond: number;
  errorSamples: string[];
  clientCpuSeconds: number;
}

export interface RunnerOptions {
  python: string;
  script: string;
  host: string;
  steps: number[];
  stepSeconds: number;
  thinkScale: number;
  logDir?: string;
  env: Record<string, string | undefined>;
  onStep(step: RunnerStep): void;
}

const live = new Set<ChildProcess>();
process.on('exit', () => {
  for (const child of live) killGroup(child.pid, 'SIGKILL');
});

/**
 * The folder to put on PYTHONPATH so `mesop_devtools.load` imports from this copy of the tool: the
 * checkout's python/package, or site-packages when the CLI runs from the pip wheel. undefined when
 * neither is above the running file (then the Python must have `pip install "mesop-devtools[load]"`).
 */
export function loadPackageRoot(from: string = __dirname): string | undefined {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'python/package/mesop_devtools/load/__init__.py'))) return join(dir, 'python/package');
    if (existsSync(join(dir, 'mesop_devtools/load/__init__.py'))) return dir;
    if (dirname(dir) === dir) return undefined;
  }
}

function pythonEnv(env: Record<string, string | undefined>): Record<string, string | undefined> {
  return { ...env, PYTHONPATH: [loadPackageRoot(), env.PYTHONPATH].filter(Boolean).join(':'), PYTHONUNBUFFERED: '1' };
}

/** Why `python` cannot run the virtual users (no Locust, no Mesop, no such Python), or null when it can. */
export function pythonProblem(python: string, env: Record<string, string | undefined>): string | null {
  const out = spawnSync(python, ['-c', 'import mesop_devtools.load'], {
    env: pythonEnv(env),
    encoding: 'utf8',
    timeout: 120_000,
  });
  if (out.error) return `cannot run ${python}: ${out.error.message}`;
  if (out.status === 0) return null;
  const last = out.stderr.trim().split('\n').pop() ?? '';
  return `${python} cannot import mesop_devtools.load: ${last.slice(0, 200)}`;
}

/** Runs the embedded Locust runner to the end; rejects with its output's tail when it fails. */
export async function runLocust(o: RunnerOptions): Promise<void> {
  const args = [
    '-m',
    'mesop_devtools.load',
    'run',
    '--script',
    o.script,
    '--host',
    o.host,
    '--steps',
    o.steps.join(','),
    '--step-seconds',
    String(o.stepSeconds),
    '--think-scale',
    String(o.thinkScale),
    ...(o.logDir ? ['--log-dir', o.logDir] : []),
  ];
  const child = spawn(o.python, args, {
    env: pythonEnv(o.env),
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  live.add(child);
  let errText = '';
  child.stderr!.on('data', (d: Buffer) => {
    errText = (errText + d.toString()).slice(-20_000);
  });
  const lines = createInterface({ input: child.stdout! });
  lines.on('line', (line) => {
    if (!line.startsWith('{')) return;
    try {
      o.onStep(JSON.parse(line) as RunnerStep);
    } catch {
      /* not a step line */
    }
  });
  const code = await new Promise<number | null>((resolve) => {
    child.once('exit', (c) => resolve(c));
    child.once('error', (e) => {
      errText += e.message;
      resolve(-1);
    });
  });
  live.delete(child);
  if (code !== 0) throw new RunnerError(`the Locust runner (${o.python}) exited with code ${code}`, errText);
}

export class RunnerError extends Error {
  constructor(
    message: string,
    readonly output: string,
  ) {
    super(message);
  }
}
