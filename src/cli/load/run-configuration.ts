import { deriveCapacity, type DevBackend, type LoadConfiguration, type LoadStep } from '../../core';
import { startAppCommand, AppStartError, type RunningApp } from '../app/app-command';
import { setupBackend } from '../dev/backends';
import { directoryBytes, processTreeMemory } from './process-tree-memory';
import { runLocust, RunnerError } from './python-runner';

export interface ConfigurationOptions {
  /** The backend to start the app with; for `url`, only the name the report gives it. */
  backend: DevBackend;
  /** The command with `{port}` (server-command.ts), or null to load `url`, already running. */
  command: string | null;
  url: string | null;
  /** What the report calls the server (the user's own words). */
  serverLabel: string;
  cwd: string;
  env: Record<string, string | undefined>;
  tempRoot: string;
  python: string;
  script: string;
  steps: number[];
  stepSeconds: number;
  thinkScale: number;
  p95TargetMs: number;
  logDir?: string;
  onStep(backend: string, step: LoadStep): void;
}

/**
 * One configuration: start the app with this backend on 127.0.0.1, measure its idle memory, run the
 * ramp, read the server's memory (and the backend's disk) at the end of each step, stop everything.
 * A server that dies or a runner that fails ends the configuration with a `failure`, never a crash.
 */
export async function runConfiguration(o: ConfigurationOptions): Promise<LoadConfiguration> {
  const backendSetup = o.command ? setupBackend(o.backend, o.tempRoot) : null;
  const steps: LoadStep[] = [];
  let app: RunningApp | null = null;
  let failure: string | null = null;
  let idleRssBytes: number | null = null;
  try {
    let host = o.url;
    if (o.command) {
      const env: Record<string, string> = {};
      for (const [k, v] of Object.entries(o.env)) if (v !== undefined) env[k] = v;
      Object.assign(env, { PYTHONUNBUFFERED: '1' }, backendSetup!.env);
      try {
        app = await startAppCommand({ command: o.command, cwd: o.cwd, env });
      } catch (e) {
        if (!(e instanceof AppStartError)) throw e;
        return done(`${e.message}\n${tail(e.output)}`);
      }
      host = app.origin;
      await new Promise((r) => setTimeout(r, 500));
      idleRssBytes = app.pid ? (processTreeMemory(app.pid)?.rssBytes ?? null) : null;
    }
    try {
      await runLocust({
        python: o.python,
        script: o.script,
        host: host!,
        steps: o.steps,
        stepSeconds: o.stepSeconds,
        thinkScale: o.thinkScale,
        env: o.env,
        ...(o.logDir ? { logDir: o.logDir } : {}),
        onStep: (s) => {
          const memory = app?.pid ? processTreeMemory(app.pid) : null;
          const step: LoadStep = {
            ...s,
            rssBytes: memory?.rssBytes ?? null,
            processes: memory?.processes ?? null,
            diskBytes: backendSetup?.dir ? directoryBytes(backendSetup.dir) : null,
          };
          steps.push(step);
          o.onStep(o.backend, step);
          if (app && !memory && !failure) failure = `the server stopped during step ${s.step}\n${tail(app.log())}`;
        },
      });
    } catch (e) {
      if (!(e instanceof RunnerError)) throw e;
      failure = `${e.message}\n${tail(e.output)}`;
    }
    return done(failure);
  } finally {
    await app?.stop();
    backendSetup?.dispose();
  }

  function done(why: string | null): LoadConfiguration {
    return {
      backend: o.backend,
      server: o.serverLabel,
      steps,
      idleRssBytes,
      failure: why,
      derived: deriveCapacity(steps, idleRssBytes, o.p95TargetMs),
    };
  }
}

const tail = (text: string): string => text.trimEnd().split('\n').slice(-15).join('\n');
