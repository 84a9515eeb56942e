import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { answers, AppStartError, startAppCommand } from '../app/app-command';
import { UserError, USER_ERRORS } from '../user-error';

export interface AppHandle {
  baseUrl: string;
  origin: string;
  command: string | null;
  /** The command as run, `{port}` replaced (null for --url). */
  resolvedCommand: string | null;
  /** The started command's output so far ('' for --url). */
  log(): string;
  stop(): Promise<void>;
}

/** Keeps an app's output in a file, so a one-line error can point at the whole of it. */
export function saveLog(text: string): string {
  return saveFiles({ 'app-output.log': text })[0]!;
}

/** Writes files side by side in a new temporary directory; returns their paths in the given order. */
export function saveFiles(files: Record<string, string | Uint8Array>): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'mesop-devtools-'));
  return Object.entries(files).map(([name, content]) => {
    const file = join(dir, name);
    writeFileSync(file, content);
    return file;
  });
}

const lastLine = (text: string) =>
  text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .pop() ?? '';

export async function openApp(o: {
  url?: string;
  command?: string;
  cwd: string;
  env: Record<string, string>;
  readyPath?: string;
  startTimeoutMs?: number;
}): Promise<AppHandle> {
  if (o.url) {
    const base = new URL(o.url);
    if (!(await answers(new URL(o.readyPath ?? base.pathname, base).href, 5000))) {
      throw new UserError(
        USER_ERRORS.APP_DID_NOT_START,
        `nothing answers at ${o.url}`,
        'start the app first, or let check start it with --command "mesop main.py --port {port}"',
      );
    }
    return {
      baseUrl: base.href,
      origin: base.origin,
      command: null,
      resolvedCommand: null,
      log: () => '',
      stop: async () => undefined,
    };
  }
  if (!o.command)
    throw new UserError(
      USER_ERRORS.USAGE,
      'no app to check',
      'give --command "mesop main.py --port {port}" or --url, or "app" in the config',
    );
  if (!o.command.includes('{port}'))
    throw new UserError(
      USER_ERRORS.USAGE,
      `--command has no {port} placeholder: ${o.command}`,
      'e.g. --command "mesop main.py --port {port}"',
    );
  try {
    const app = await startAppCommand({
      command: o.command,
      cwd: o.cwd,
      env: o.env,
      ...(o.readyPath ? { readyPath: o.readyPath } : {}),
      ...(o.startTimeoutMs ? { startTimeoutMs: o.startTimeoutMs } : {}),
    });
    return {
      baseUrl: `${app.origin}/`,
      origin: app.origin,
      command: o.command,
      resolvedCommand: app.command,
      log: app.log,
      stop: app.stop,
    };
  } catch (e) {
    if (!(e instanceof AppStartError)) throw e;
    const last = lastLine(e.output);
    throw new UserError(
      USER_ERRORS.APP_DID_NOT_START,
      `${e.message}${last ? `; last output: ${last.slice(0, 200)}` : ''}`,
      e.output ? `full output: ${saveLog(e.output)}` : 'check the command runs in that directory',
    );
  }
}
