import type { MetricUnit } from './metrics';
import { describe, parseSize, VALID_UNITS_TEXT } from '../config/size';

/**
 * How much a value may grow against the baseline (`"maxIncrease"`), as size-limit and Lighthouse
 * CI users write it: a share of the baseline's value (`"10%"`) or an amount (`"+5 kB"`, `"5 kB"`;
 * a plain number for counts).
 */
export type MaxIncrease = { kind: 'percent'; value: number } | { kind: 'amount'; value: number };

export type IncreaseResult = { ok: true; increase: MaxIncrease } | { ok: false; error: string; fix: string };

export function parseIncrease(input: unknown, unit: MetricUnit): IncreaseResult {
  const fix =
    unit === 'bytes'
      ? `write a share of the baseline such as "10%", or a size such as "+5 kB" (units: ${VALID_UNITS_TEXT})`
      : 'write a share of the baseline such as "10%", or a count such as 2';
  if (typeof input === 'string') {
    const pct = /^\s*\+?\s*(\d+(?:\.\d+)?)\s*%\s*$/.exec(input);
    if (pct) return { ok: true, increase: { kind: 'percent', value: Number(pct[1]) } };
    if (/%/.test(input)) return { ok: false, error: `"${input}" is not a percentage`, fix };
    const amount = input.replace(/^\s*\+\s*/, '');
    if (unit === 'count') {
      return /^\d+$/.test(amount.trim())
        ? { ok: true, increase: { kind: 'amount', value: Number(amount) } }
        : { ok: false, error: `"${input}" is not an increase`, fix };
    }
    const size = parseSize(amount);
    if (size.ok) return { ok: true, increase: { kind: 'amount', value: size.bytes } };
    // The size's own guess first ("5 kb" -> "5 kB"), then both ways of writing an increase.
    const guess = /did you mean "[^"]+"\?/.exec(size.fix)?.[0];
    return { ok: false, error: size.error, fix: guess ? `${guess} ${fix}` : fix };
  }
  if (
    typeof input === 'number' &&
    Number.isFinite(input) &&
    input >= 0 &&
    (unit === 'bytes' || Number.isInteger(input))
  ) {
    return { ok: true, increase: { kind: 'amount', value: Math.round(input) } };
  }
  return { ok: false, error: `expected an increase, got ${describe(input)}`, fix };
}

/** The growth allowed over a baseline value. */
export const allowedIncrease = (inc: MaxIncrease, before: number): number =>
  inc.kind === 'percent' ? Math.floor((before * inc.value) / 100) : inc.value;

export const increaseText = (inc: MaxIncrease, fmt: (n: number) => string): string =>
  inc.kind === 'percent' ? `+${inc.value}%` : `+${fmt(inc.value)}`;
