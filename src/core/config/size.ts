import { didYouMean } from './did-you-mean';

/**
 * Human sizes, size-limit style: "250 kB", "1 MB", "512 KiB", "3 MiB", "100 B" (the space is
 * optional; a plain JSON number is bytes). Decimal units are powers of 1000, binary ones of 1024.
 *
 * Units are case-sensitive on purpose: "kb" and "Mb" read as kilo/megabits in networking (8x off),
 * and "KB" means 1000 or 1024 depending on who wrote it. Rather than guess, we reject them and
 * name the valid units, with the likely one first.
 */
export const SIZE_UNITS: Readonly<Record<string, number>> = {
  B: 1,
  kB: 1000,
  MB: 1000 ** 2,
  GB: 1000 ** 3,
  KiB: 1024,
  MiB: 1024 ** 2,
  GiB: 1024 ** 3,
};

export const VALID_UNITS_TEXT = Object.keys(SIZE_UNITS).join(', ');

export type SizeResult = { ok: true; bytes: number } | { ok: false; error: string; fix: string };

export function parseSize(input: unknown): SizeResult {
  if (typeof input === 'number') {
    return Number.isFinite(input) && input >= 0
      ? { ok: true, bytes: Math.round(input) }
      : { ok: false, error: `${input} is not a size`, fix: 'use a number of bytes >= 0 or a string such as "250 kB"' };
  }
  if (typeof input !== 'string') {
    return {
      ok: false,
      error: `expected a size, got ${describe(input)}`,
      fix: 'write it as "250 kB" (units: ' + VALID_UNITS_TEXT + ')',
    };
  }
  const match = /^\s*(\d+(?:\.\d+)?|\.\d+)\s*([A-Za-z]*)\s*$/.exec(input);
  if (!match)
    return {
      ok: false,
      error: `"${input}" is not a size`,
      fix: `write a number and a unit, e.g. "250 kB" (units: ${VALID_UNITS_TEXT})`,
    };
  const value = Number(match[1]);
  const unit = match[2] || 'B';
  const factor = SIZE_UNITS[unit];
  if (factor === undefined) {
    const guess = unitGuess(unit);
    return {
      ok: false,
      error: `unknown size unit "${unit}" in "${input}"`,
      fix: `${guess ? `did you mean "${match[1]} ${guess}"? ` : ''}valid units: ${VALID_UNITS_TEXT} (case matters: kB = 1000 bytes, KiB = 1024)`,
    };
  }
  return { ok: true, bytes: Math.round(value * factor) };
}

/** "kb"/"KB" -> kB, "mb" -> MB, "kib" -> KiB: the same letters in another case, else the closest. */
function unitGuess(unit: string): string | undefined {
  const sameLetters = Object.keys(SIZE_UNITS).find((u) => u.toLowerCase() === unit.toLowerCase());
  return sameLetters ?? didYouMean(unit, Object.keys(SIZE_UNITS));
}

export function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return `"${value}"`;
  if (typeof value === 'object') return 'an object';
  return `${typeof value} ${String(value)}`;
}
