import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { CliProcess } from '../cli-process';
import { parseAllowedHost } from '../dev/allowed-hosts';
import { isDevBackend } from '../dev/backends';
import { DEFAULT_BIND_ADDRESS, parseBindAddress } from '../dev/dev-address';
import { relabelMesopOutput } from '../dev/mesop-output';
import { DEV_BACKENDS, type DevBackend } from '../../core';
import { findExecutable } from '../dev/find-executable';
import { PortInUse, startDev } from '../dev/start-dev';
import { parseOptions } from '../parse-options';
import type { Command } from '../run';
import { UserError, USER_ERRORS } from '../user-error';

/** Mesop's own default port, so the URL the user is used to keeps working. */
export const DEFAULT_DEV_PORT = 32123;

const USAGE = `Usage: mesop-devtools dev <main.py> [--port <P>] [--host <addr>] [--allowed-host <name>]... [--backend none|memory|file|sql] [--mesop <bin>] [-- <mesop args>]
  Runs \`mesop <main.py>\` (debug mode, hot reload) behind a loopback-only proxy on port P
  (default ${DEFAULT_DEV_PORT}, Mesop's own default; 0 = any free port) and lets the Mesop tab in
  DevTools restart it with another MESOP_STATE_SESSION_BACKEND. Your .env and environment are
  never changed: the backend variables are set for the Mesop process only; file and sql use a
  temporary directory that is removed on exit. Stop with Ctrl-C.
  --backend <name>  backend to start with (default: $MESOP_STATE_SESSION_BACKEND if it is one of
                    these, else none)
  --mesop <bin>     the mesop executable (default: \`mesop\` on PATH)
  --host <addr>     loopback address to listen on: ${DEFAULT_BIND_ADDRESS} (default) or ::1
  --allowed-host <name>
                    also answer pages opened under this host name, any port (repeatable; like
                    Vite's server.allowedHosts: .example.test allows the domain and its
                    subdomains), e.g. a forwarded port's URL. localhost, *.localhost, 127.0.0.1,
                    [::1] and 0.0.0.0 are always answered; other names get 403 (DNS rebinding).
  Anything after \`--\` is passed to mesop (except --port, which the dev server owns).
  See docs/dev-mode.md.`;

export const devCommand: Command = {
  name: 'dev',
  summary: 'run `mesop main.py` behind a dev proxy whose session backend the Mesop tab can switch',
  usage: USAGE,
  async run(args: string[], proc: CliProcess): Promise<number> {
    const split = args.indexOf('--');
    const own = split < 0 ? args : args.slice(0, split);
    const extraArgs = split < 0 ? [] : args.slice(split + 1);
    const { values, positionals } = parseOptions(
      own,
      {
        port: { type: 'string' },
        backend: { type: 'string' },
        mesop: { type: 'string' },
        host: { type: 'string' },
        'allowed-host': { type: 'string', multiple: true },
      },
      USAGE,
    );
    if (positionals.length !== 1)
      throw new UserError(USER_ERRORS.USAGE, 'dev takes exactly one app file', USAGE.split('\n')[0]);
    const app = resolve(proc.cwd(), positionals[0]!);
    if (!existsSync(app)) throw new UserError(USER_ERRORS.FILE_NOT_FOUND, `no such app file: ${positionals[0]}`);
    const port = parsePort(values.port);
    const backend = pickBackend(values.backend, proc.env.MESOP_STATE_SESSION_BACKEND);
    const bindAddress = checked(parseBindAddress(values.host ?? DEFAULT_BIND_ADDRESS));
    const allowedHosts = (values['allowed-host'] ?? []).map((h) => checked(parseAllowedHost(h)));
    if (extraArgs.some((a) => /^--?port(=|$)/.test(a))) {
      throw new UserError(
        USER_ERRORS.USAGE,
        'do not pass --port to mesop',
        'use `mesop-devtools dev --port P`; Mesop itself runs on an internal port',
      );
    }
    const mesopBin = findExecutable(values.mesop ?? 'mesop', proc.env, proc.cwd());
    if (!mesopBin) {
      throw new UserError(
        USER_ERRORS.APP_DID_NOT_START,
        `cannot find ${values.mesop ?? '`mesop` on PATH'}`,
        'activate the virtualenv where Mesop is installed, or pass --mesop <path>',
      );
    }

    const say = (line: string): unknown => proc.stderr.write(`mesop-devtools: ${line}\n`);
    say(`starting ${mesopBin} ${positionals[0]} (backend ${backend}) ...`);
    let dev;
    try {
      dev = await startDev({
        app,
        mesopBin,
        port,
        bindAddress,
        allowedHosts,
        backend,
        extraArgs,
        cwd: proc.cwd(),
        env: proc.env,
        onOutput: (text, stream) => (stream === 'stdout' ? proc.stdout : proc.stderr).write(relabelMesopOutput(text)),
      });
    } catch (err) {
      if (err instanceof PortInUse)
        throw new UserError(
          USER_ERRORS.USAGE,
          err.message,
          'is `mesop` already running there? pick another with --port',
        );
      throw new UserError(USER_ERRORS.APP_DID_NOT_START, `mesop did not start: ${(err as Error).message.trim()}`);
    }
    // After Mesop's start-up output (its own URL relabelled as internal): the one URL to open.
    proc.stderr.write(
      `\n  mesop-devtools dev: open ${dev.origin}/\n` +
        '  (your app through the dev proxy: the Mesop tab in DevTools can switch the session backend; Ctrl-C stops)\n\n',
    );

    // Signals are the one thing CliProcess does not abstract: this command lives until one comes.
    const signal = await new Promise<NodeJS.Signals>((done) => {
      for (const s of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.once(s, () => done(s));
    });
    say(`${signal}: stopping mesop and removing temporary files ...`);
    await dev.stop();
    return 0;
  },
};

/** A parsed value, or its Error as a usage error (exit 2, one line). */
function checked(value: string | Error): string {
  if (value instanceof Error) throw new UserError(USER_ERRORS.USAGE, value.message);
  return value;
}

function parsePort(text: string | undefined): number {
  if (text === undefined) return DEFAULT_DEV_PORT;
  const port = Number(text);
  if (!/^\d+$/.test(text) || port > 65535)
    throw new UserError(USER_ERRORS.USAGE, `--port must be 0..65535, got "${text}"`);
  return port;
}

function pickBackend(flag: string | undefined, fromEnv: string | undefined): DevBackend {
  if (flag === undefined) return isDevBackend(fromEnv) ? fromEnv : 'none';
  if (!isDevBackend(flag))
    throw new UserError(USER_ERRORS.USAGE, `unknown --backend "${flag}"`, `one of ${DEV_BACKENDS.join(', ')}`);
  return flag;
}
