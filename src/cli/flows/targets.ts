import type { Target } from './flow-types';

/** CSS attribute values and P-selector arguments: quoted, with `\` and `"` escaped. */
const quote = (s: string): string => `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;

/**
 * A declarative target -> Puppeteer selectors. `"Send"` and `{"text": "Send"}` match by visible
 * text (`::-p-text`), `{"role": "button", "name": "Send"}` by accessibility role and name
 * (`::-p-aria`, the most robust for Mesop's Material buttons), `{"selector": ...}` is any
 * Puppeteer selector (CSS, `::-p-*`, `aria/...`).
 */
export function targetFrom(value: unknown): Target | string {
  if (typeof value === 'string' && value)
    return { selectors: [`::-p-text(${quote(value)})`], describe: `text ${JSON.stringify(value)}` };
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return 'expected "text", {"text": ...}, {"role": ..., "name": ...} or {"selector": ...}';
  }
  const t = value as Record<string, unknown>;
  const keys = Object.keys(t);
  const str = (k: string) => (typeof t[k] === 'string' && (t[k] as string).length > 0 ? (t[k] as string) : undefined);
  const unknown = keys.filter((k) => !['selector', 'text', 'role', 'name'].includes(k));
  if (unknown.length) return `unknown target key "${unknown[0]}" (use selector, text, or role + name)`;
  if (keys.includes('selector')) {
    if (keys.length > 1) return '"selector" goes alone';
    const s = str('selector');
    return s ? { selectors: [s], describe: `selector ${JSON.stringify(s)}` } : '"selector" must be a non-empty string';
  }
  if (keys.includes('text')) {
    if (keys.length > 1) return '"text" goes alone';
    const s = str('text');
    return s
      ? { selectors: [`::-p-text(${quote(s)})`], describe: `text ${JSON.stringify(s)}` }
      : '"text" must be a non-empty string';
  }
  const role = str('role');
  if (!role) return 'a target needs "selector", "text" or "role"';
  const name = t.name === undefined ? undefined : str('name');
  if (t.name !== undefined && !name) return '"name" must be a non-empty string';
  const aria = `[role=${quote(role)}]${name ? `[name=${quote(name)}]` : ''}`;
  return { selectors: [`::-p-aria(${aria})`], describe: `${role}${name ? ` ${JSON.stringify(name)}` : ''}` };
}
