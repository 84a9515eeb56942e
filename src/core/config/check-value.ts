import { BUDGET_LEVELS } from '../budget/budget-types';
import type { ConfigError } from './config-error';
import { keyPath } from './config-error';
import type { Spec } from './config-schema';
import { didYouMean } from './did-you-mean';
import { checkFieldGlob } from '../budget/field-glob';
import { parseIncrease, type MaxIncrease } from '../budget/increase';
import { describe, parseSize } from './size';

type Report = (path: string, message: string, fix: string) => void;

/**
 * Walks a value against its spec. Returns the normalized value (sizes as numbers, assertions as
 * {level, max, of}) or undefined; every problem goes to `report`, so one run lists them all.
 */
export function checkValue(spec: Spec, value: unknown, path: string, report: Report): unknown {
  switch (spec.kind) {
    case 'object':
      return checkObject(spec.keys, value, path, report);
    case 'map': {
      if (!isPlainObject(value))
        return void report(path, `expected an object, got ${describe(value)}`, `write { ${spec.keyMeaning}: ... }`);
      const out: Record<string, unknown> = {};
      for (const [key, v] of Object.entries(value)) {
        const bad = checkFieldGlob(key);
        if (bad) report(keyPath(path, key), bad, `use ${spec.keyMeaning}`);
        else out[key] = checkValue(spec.value, v, keyPath(path, key), report);
      }
      return out;
    }
    case 'array':
      if (!Array.isArray(value)) return void report(path, `expected an array, got ${describe(value)}`, 'write [ ... ]');
      return value.map((item, i) => checkValue(spec.items, item, keyPath(path, i), report));
    case 'enum':
      if (typeof value === 'string' && spec.values.includes(value)) return value;
      return void report(path, `${describe(value)} is not allowed`, oneOf(value, spec.values));
    case 'string':
      if (typeof value === 'string' && value.length > 0) return value;
      return void report(path, `expected a non-empty string, got ${describe(value)}`, 'write a string');
    case 'size': {
      const size = parseSize(value);
      return size.ok ? size.bytes : void report(path, size.error, size.fix);
    }
    case 'count':
      if (Number.isInteger(value) && (value as number) >= 0) return value;
      return void report(path, `expected a whole number >= 0, got ${describe(value)}`, 'write e.g. 100');
    case 'share':
      if (typeof value === 'number' && value >= 0 && value <= 1) return value;
      return void report(path, `expected a share between 0 and 1, got ${describe(value)}`, 'write e.g. 0.5');
    case 'assertion':
      return checkAssertion(spec, value, path, report);
    case 'reserved':
      if (spec.shape === 'array' ? Array.isArray(value) : isPlainObject(value)) return value;
      return void report(
        path,
        `expected ${spec.shape === 'array' ? 'an array' : 'an object'}, got ${describe(value)}`,
        `see the ${spec.owner} documentation`,
      );
  }
}

function checkObject(keys: Record<string, Spec>, value: unknown, path: string, report: Report) {
  if (!isPlainObject(value))
    return void report(
      path,
      `expected an object, got ${describe(value)}`,
      `valid keys: ${Object.keys(keys).join(', ')}`,
    );
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    const spec = keys[key];
    if (!spec) {
      const guess = didYouMean(key, Object.keys(keys));
      report(
        keyPath(path, key),
        `unknown key "${key}"`,
        `${guess ? `did you mean "${guess}"? ` : ''}valid keys: ${Object.keys(keys).join(', ')}`,
      );
      continue;
    }
    const checked = checkValue(spec, v, keyPath(path, key), report);
    if (checked !== undefined) out[key] = checked;
  }
  return out;
}

/** `"warn"` or `["error", {"max": "250 kB"}]` (Lighthouse CI's shape). */
function checkAssertion(spec: Extract<Spec, { kind: 'assertion' }>, value: unknown, path: string, report: Report) {
  const example = spec.unit === 'bytes' ? '["error", {"max": "250 kB"}]' : '["warn", {"max": 50}]';
  const [level, options, ...rest] = Array.isArray(value) ? value : [value];
  if (typeof level !== 'string' || !(BUDGET_LEVELS as readonly string[]).includes(level)) {
    return void report(
      Array.isArray(value) ? keyPath(path, 0) : path,
      `${describe(level)} is not a budget level`,
      `${oneOf(level, BUDGET_LEVELS)}, or ${example}`,
    );
  }
  if (!Array.isArray(value)) {
    if (spec.defaultMax === undefined && level !== 'off')
      return void report(path, 'a field budget needs a max', `write ["${level}", {"max": "50 kB"}]`);
    return { level };
  }
  if (rest.length > 0 || !isPlainObject(options))
    return void report(path, 'expected [level, {max}]', `write ${example}`);
  const out: { level: string; max?: number; of?: string; maxIncrease?: MaxIncrease } = { level };
  const allowed = spec.field ? ['max', 'maxIncrease', 'of'] : ['max', 'maxIncrease'];
  for (const [key, v] of Object.entries(options)) {
    const where = keyPath(keyPath(path, 1), key);
    if (key === 'max') {
      const max =
        spec.unit === 'bytes'
          ? parseSize(v)
          : Number.isInteger(v) && (v as number) >= 0
            ? { ok: true as const, bytes: v as number }
            : { ok: false as const, error: `expected a whole number, got ${describe(v)}`, fix: 'write e.g. 50' };
      if (max.ok) out.max = max.bytes;
      else report(where, max.error, max.fix);
    } else if (key === 'maxIncrease') {
      const inc = parseIncrease(v, spec.unit);
      if (inc.ok) out.maxIncrease = inc.increase;
      else report(where, inc.error, inc.fix);
    } else if (key === 'of' && spec.field) {
      if (v === 'each' || v === 'total') out.of = v;
      else report(where, `${describe(v)} is not allowed`, oneOf(v, ['each', 'total']));
    } else {
      const guess = didYouMean(key, allowed);
      report(
        where,
        `unknown option "${key}"`,
        `${guess ? `did you mean "${guess}"? ` : ''}valid options: ${allowed.join(', ')}`,
      );
    }
  }
  if (!('max' in options) && !('maxIncrease' in options)) {
    report(
      keyPath(path, 1),
      'missing "max" or "maxIncrease"',
      `write ${example}, or ["${level}", {"maxIncrease": "10%"}] to compare with --baseline`,
    );
  }
  return out;
}

function oneOf(value: unknown, values: readonly string[]): string {
  const guess = typeof value === 'string' ? didYouMean(value, values) : undefined;
  return `${guess ? `did you mean "${guess}"? ` : ''}use one of: ${values.join(', ')}`;
}

export const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

export type { ConfigError };
