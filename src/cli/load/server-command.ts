import { basename } from 'node:path';
import { UserError, USER_ERRORS } from '../user-error';

/**
 * The shell command that starts the app for one configuration, on a `{port}` of 127.0.0.1 (the
 * placeholder `check --command` uses). Without one, the two servers of Mesop's deployment guide get
 * it added: `mesop main.py` → `--port {port}`, `gunicorn ... main:me` → `--bind 127.0.0.1:{port}`
 * (loopback only). The mode is the user's: handler ids differ between debug and `--prod`, so the
 * app must run the way it ran when the session was recorded (docs/load.md).
 */
export function serverCommand(server: string): string {
  if (server.includes('{port}')) return server;
  const words = server.trim().split(/\s+/);
  const program = basename(words[0] ?? '');
  if (program === 'mesop') {
    if (words.some((w) => w === '--port' || w.startsWith('--port='))) throw portGiven(server, '--port');
    return `${server} --port {port}`;
  }
  if (program === 'gunicorn') {
    if (words.some((w) => w === '-b' || w.startsWith('--bind'))) throw portGiven(server, '--bind');
    return `${server} --bind 127.0.0.1:{port}`;
  }
  throw new UserError(
    USER_ERRORS.USAGE,
    `--server has no {port} placeholder and is not mesop or gunicorn: ${server}`,
    'e.g. --server "mesop main.py", --server "gunicorn -w 2 main:me" or a command with {port}',
  );
}

function portGiven(server: string, flag: string): UserError {
  return new UserError(
    USER_ERRORS.USAGE,
    `--server sets ${flag} itself: ${server}`,
    'leave it out (load binds a free port of 127.0.0.1), or write {port} where it goes',
  );
}
