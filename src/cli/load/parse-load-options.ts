import { DEV_BACKENDS, type DevBackend, didYouMean } from '../../core';
import { UserError, USER_ERRORS } from '../user-error';

/** "20s", "2m", "500ms", "1.5s" → milliseconds; a bare number is seconds (Locust's habit). */
export function parseDurationMs(flag: string, text: string): number {
  const m = /^(\d+(?:\.\d+)?)(ms|s|m)?$/.exec(text.trim());
  if (!m) throw new UserError(USER_ERRORS.USAGE, `${flag} "${text}" is not a duration`, 'e.g. 20s, 2m or 500ms');
  const value = Number(m[1]);
  const ms = m[2] === 'ms' ? value : m[2] === 'm' ? value * 60_000 : value * 1000;
  if (!(ms > 0)) throw new UserError(USER_ERRORS.USAGE, `${flag} must be more than 0`);
  return ms;
}

export function parseBackends(text: string): DevBackend[] {
  const names = text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  if (names.length === 0)
    throw new UserError(USER_ERRORS.USAGE, '--backend is empty', `use some of: ${DEV_BACKENDS.join(', ')}`);
  for (const name of names) {
    if (!(DEV_BACKENDS as readonly string[]).includes(name)) {
      const guess = didYouMean(name, DEV_BACKENDS);
      throw new UserError(
        USER_ERRORS.USAGE,
        `unknown backend "${name}"`,
        `${guess ? `did you mean "${guess}"? ` : ''}use some of: ${DEV_BACKENDS.join(', ')}`,
      );
    }
  }
  return [...new Set(names)] as DevBackend[];
}

export function parsePositiveInt(flag: string, text: string, max: number): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1 || n > max)
    throw new UserError(USER_ERRORS.USAGE, `${flag} must be a whole number from 1 to ${max}, not "${text}"`);
  return n;
}

/** The ramp: `--steps 5,10,20` as given (increasing), else four even steps up to `users`. */
export function rampSteps(users: number, steps: string | undefined): number[] {
  if (steps !== undefined) {
    const list = steps.split(',').map((s) => parsePositiveInt('--steps', s.trim(), 100_000));
    if (list.some((n, i) => i > 0 && n <= list[i - 1]!))
      throw new UserError(USER_ERRORS.USAGE, `--steps must increase: ${steps}`);
    return list;
  }
  const count = Math.min(4, users);
  return [...new Set(Array.from({ length: count }, (_, i) => Math.max(1, Math.round((users * (i + 1)) / count))))];
}

export function parseThinkScale(text: string): number {
  const n = Number(text);
  if (!Number.isFinite(n) || n < 0)
    throw new UserError(
      USER_ERRORS.USAGE,
      `--think-scale must be a number >= 0, not "${text}"`,
      '1 = as recorded, 0 = no pauses',
    );
  return n;
}
