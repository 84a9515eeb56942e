import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, resolve } from 'node:path';
import {
  LOAD_REPORT_SCHEMA,
  LOAD_REPORT_VERSION,
  type LoadReport,
  renderLoadHtml,
  renderLoadMarkdown,
  renderLoadText,
} from '../../core';
import type { CliProcess } from '../cli-process';
import { locustfileText } from '../load/locustfile';
import {
  parseBackends,
  parseDurationMs,
  parsePositiveInt,
  parseThinkScale,
  rampSteps,
} from '../load/parse-load-options';
import { pythonProblem } from '../load/python-runner';
import { runConfiguration } from '../load/run-configuration';
import { scriptFromExchanges } from '../load/script-from-har';
import { serverCommand } from '../load/server-command';
import { parseOptions } from '../parse-options';
import type { Command } from '../run';
import { TOOL_VERSION } from '../tool-version';
import { UserError, USER_ERRORS } from '../user-error';
import { readHar } from './analyze';

const USAGE = `Usage: mesop-devtools load <file.har> --server "<command>" [options]
  Replays the recorded session with many virtual users (Locust, no browser), each a faithful Mesop
  client with its own state and token, against the app it starts once per session backend on
  127.0.0.1, ramping users in steps; prints latency, throughput, errors, token misses and the
  server's memory (and disk) per step, and what that means per session.
  --server <command>   how to start the app: "mesop main.py [--prod]" (the mode of the recording), "gunicorn -w 4 main:me",
                       or any command with {port}; run in this directory
  --url <url>          load an app that is already running there instead (one configuration)
  --backend <list>     session backends to compare, from none,memory,file,sql (default none,memory,file)
  --users <n>          most virtual users (default 20); ramped in 4 steps unless --steps 5,10,20
  --duration <time>    load time per configuration, split evenly over the steps (default 20s)
  --think-scale <x>    pauses between events: 1 = as recorded (default), 0.1 = ten times faster, 0 = none
  --p95 <time>         latency target: the report says at how many users p95 went over it (default 500ms)
  --json <file>        the versioned JSON report;  --markdown <file>: for a PR;  --html <file>: with the
                       latency-vs-users and memory-vs-users charts
  --locustfile <file>  write a Locust file with the session embedded (for locust --master/--worker) and stop
  --python <path>      the Python with mesop and "mesop-devtools[load]" (default: $MESOP_DEVTOOLS_PYTHON or python3)
  --user-log <dir>     debug: every virtual user's uploads and responses, one JSONL file per user (holds state values)
  Exit codes: 0 ok, 1 some event failed or a server stopped, 2 usage error, 3 internal error.`;

export const loadCommand: Command = {
  name: 'load',
  summary: 'capacity under load: replay a recorded session with many virtual users per session backend',
  usage: USAGE,
  async run(args: string[], proc: CliProcess): Promise<number> {
    const { values, positionals } = parseOptions(
      args,
      {
        server: { type: 'string' },
        url: { type: 'string' },
        backend: { type: 'string' },
        users: { type: 'string' },
        steps: { type: 'string' },
        duration: { type: 'string' },
        'think-scale': { type: 'string' },
        p95: { type: 'string' },
        json: { type: 'string' },
        markdown: { type: 'string' },
        html: { type: 'string' },
        locustfile: { type: 'string' },
        python: { type: 'string' },
        'user-log': { type: 'string' },
      },
      USAGE,
    );
    if (positionals.length !== 1)
      throw new UserError(USER_ERRORS.USAGE, 'load takes exactly one HAR file', USAGE.split('\n')[0]);
    const file = positionals[0]!;
    const cwd = proc.cwd();
    const { exchanges } = await readHar(resolve(cwd, file), file);
    const script = scriptFromExchanges(exchanges, basename(file));
    const thinkScale = parseThinkScale(values['think-scale'] ?? '1');

    if (values.locustfile) {
      const out = resolve(cwd, values.locustfile);
      writeFileSync(out, locustfileText(script, thinkScale));
      proc.stdout.write(
        `wrote ${values.locustfile}: locust -f ${values.locustfile} --host <app URL> (add --master / --worker to spread the load)\n`,
      );
      return 0;
    }
    if (!values.server === !values.url) {
      throw new UserError(
        USER_ERRORS.USAGE,
        values.server ? '--server and --url are exclusive' : 'no app to load',
        'give --server "mesop main.py" (load starts it per backend) or --url of a running app',
      );
    }
    const url = values.url ? checkedUrl(values.url) : null;
    const backends = parseBackends(values.backend ?? (url ? 'none' : 'none,memory,file'));
    if (url && backends.length > 1)
      throw new UserError(
        USER_ERRORS.USAGE,
        '--url loads one running app: give one --backend (its name in the report)',
      );
    const users = parsePositiveInt('--users', values.users ?? '20', 10_000);
    const steps = rampSteps(users, values.steps);
    const durationMs = parseDurationMs('--duration', values.duration ?? '20s');
    const p95TargetMs = parseDurationMs('--p95', values.p95 ?? '500ms');
    const command = values.server ? serverCommand(values.server) : null;
    const python = values.python ?? proc.env.MESOP_DEVTOOLS_PYTHON ?? 'python3';
    const problem = pythonProblem(python, proc.env);
    if (problem)
      throw new UserError(
        USER_ERRORS.USAGE,
        problem,
        'pip install "mesop-devtools[load]" next to the app\'s mesop, or point --python at that environment\'s python',
      );

    const userLog = values['user-log'] ? resolve(cwd, values['user-log']) : undefined;
    if (userLog) mkdirSync(userLog, { recursive: true });
    const tempRoot = mkdtempSync(`${tmpdir()}/mesop-load-`);
    const cleanup = () => rmSync(tempRoot, { recursive: true, force: true });
    process.on('exit', cleanup); // Ctrl-C: app-command's handler exits, and the temp dir goes too
    try {
      const scriptPath = `${tempRoot}/script.json`;
      writeFileSync(scriptPath, JSON.stringify(script));
      const report: LoadReport = {
        schema: LOAD_REPORT_SCHEMA,
        version: LOAD_REPORT_VERSION,
        toolVersion: TOOL_VERSION,
        source: basename(file),
        p95TargetMs,
        thinkScale,
        stepSeconds: durationMs / 1000 / steps.length,
        configurations: [],
      };
      for (const backend of backends) {
        proc.stderr.write(
          `load: ${backend}: ${values.server ?? url} with ${steps.join(', ')} users, ${report.stepSeconds} s each\n`,
        );
        report.configurations.push(
          await runConfiguration({
            backend,
            command,
            url,
            serverLabel: values.server ?? url!,
            cwd,
            env: proc.env,
            tempRoot,
            python,
            script: scriptPath,
            steps,
            stepSeconds: report.stepSeconds,
            thinkScale,
            p95TargetMs,
            ...(userLog ? { logDir: userLog } : {}),
            onStep: (name, s) =>
              proc.stderr.write(
                `load: ${name}: ${s.users} users: ${s.events} events, p95 ${s.p95Ms ?? '-'} ms, ${s.errors} errors\n`,
              ),
          }),
        );
      }
      proc.stdout.write(renderLoadText(report));
      if (values.json) writeFileSync(resolve(cwd, values.json), `${JSON.stringify(report, null, 2)}\n`);
      if (values.markdown) writeFileSync(resolve(cwd, values.markdown), renderLoadMarkdown(report));
      if (values.html) writeFileSync(resolve(cwd, values.html), renderLoadHtml(report));
      const failed = report.configurations.some((c) => c.failure || c.derived.errors > 0);
      return failed ? 1 : 0;
    } finally {
      cleanup();
      process.off('exit', cleanup);
    }
  },
};

/** Loads go only where the user pointed: an http(s) URL given in full. */
function checkedUrl(text: string): string {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new UserError(USER_ERRORS.USAGE, `--url "${text}" is not a URL`, 'e.g. http://127.0.0.1:8080');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new UserError(USER_ERRORS.USAGE, `--url must be http(s): ${text}`);
  return url.origin;
}
