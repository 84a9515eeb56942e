import { didYouMean, keyPath } from '../../core';
import { UserError, USER_ERRORS } from '../user-error';

/** The config's `app` key: how `check` gets a running app. */
export interface AppConfig {
  /** Shell command with a `{port}` placeholder, e.g. `mesop main.py --port {port}`. */
  command?: string;
  /** A running app instead, e.g. `http://127.0.0.1:32123/`. */
  url?: string;
  /** Working directory of the command, relative to the config file (default: the config's directory). */
  cwd?: string;
  /** Extra environment for the command (e.g. MESOP_WEBSOCKETS_ENABLED). */
  env?: Record<string, string>;
  /** Path probed until the app answers (default `/`). */
  readyPath?: string;
  startTimeoutMs?: number;
}

/** The table of known `app` keys: what each must be, and an example for the fix. */
const APP_KEYS: Record<keyof AppConfig, { check(v: unknown): boolean; want: string }> = {
  command: {
    check: (v) => typeof v === 'string' && v.includes('{port}'),
    want: 'a command with a {port} placeholder, e.g. "mesop main.py --port {port}"',
  },
  url: {
    check: (v) => typeof v === 'string' && /^https?:\/\//.test(v),
    want: 'an http(s) URL, e.g. "http://127.0.0.1:32123/"',
  },
  cwd: { check: (v) => typeof v === 'string' && v.length > 0, want: 'a directory, relative to the config file' },
  env: {
    check: (v) =>
      typeof v === 'object' && v !== null && !Array.isArray(v) && Object.values(v).every((x) => typeof x === 'string'),
    want: 'an object of strings, e.g. {"MESOP_WEBSOCKETS_ENABLED": "true"}',
  },
  readyPath: { check: (v) => typeof v === 'string' && v.startsWith('/'), want: 'a path starting with "/"' },
  startTimeoutMs: { check: (v) => Number.isInteger(v) && (v as number) > 0, want: 'a whole number of ms, e.g. 60000' },
};

/** Validates the reserved `app` key of the config (its outer shape was checked by the budgets' validator). */
export function parseAppConfig(raw: Record<string, unknown> | undefined, file: string): AppConfig {
  if (!raw) return {};
  for (const [key, value] of Object.entries(raw)) {
    const spec = APP_KEYS[key as keyof AppConfig];
    const path = keyPath('app', key);
    if (!spec) {
      const guess = didYouMean(key, Object.keys(APP_KEYS));
      throw new UserError(
        USER_ERRORS.BAD_CONFIG,
        `${file}: ${path}: unknown key "${key}"`,
        `${guess ? `did you mean "${guess}"? ` : ''}valid keys: ${Object.keys(APP_KEYS).join(', ')}`,
      );
    }
    if (!spec.check(value))
      throw new UserError(
        USER_ERRORS.BAD_CONFIG,
        `${file}: ${path}: ${JSON.stringify(value)} is not valid`,
        `write ${spec.want}`,
      );
  }
  if (raw.command && raw.url)
    throw new UserError(
      USER_ERRORS.BAD_CONFIG,
      `${file}: app: has both "command" and "url"`,
      'keep one: start the app, or use a running one',
    );
  return raw as AppConfig;
}
