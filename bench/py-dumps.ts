/**
 * A JSON serializer that writes what Python's `json.dumps(value)` writes with its defaults:
 * `", "` and `": "` separators, ensure_ascii (`\u00e9`, surrogate pairs as two escapes), and
 * NaN / Infinity / -Infinity for non-finite numbers. Mesop serializes state this way
 * (docs/protocol.md §4). Numbers are written by JS; use integers and simple decimals where the
 * exact Python float repr matters.
 */
const NON_ASCII = /[\u0080-\uffff]/g;

export function pyString(s: string): string {
  return JSON.stringify(s).replace(NON_ASCII, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

export function pyDumps(value: unknown): string {
  const out: string[] = [];
  write(value, out);
  return out.join('');
}

function write(v: unknown, out: string[]): void {
  if (v === null || v === undefined) out.push('null');
  else if (typeof v === 'string') out.push(pyString(v));
  else if (typeof v === 'number') {
    if (Number.isNaN(v)) out.push('NaN');
    else if (v === Infinity) out.push('Infinity');
    else if (v === -Infinity) out.push('-Infinity');
    else out.push(String(v));
  } else if (typeof v === 'boolean') out.push(v ? 'true' : 'false');
  else if (Array.isArray(v)) {
    out.push('[');
    v.forEach((item, i) => {
      if (i > 0) out.push(', ');
      write(item, out);
    });
    out.push(']');
  } else {
    out.push('{');
    let first = true;
    for (const [k, item] of Object.entries(v as Record<string, unknown>)) {
      if (!first) out.push(', ');
      first = false;
      out.push(pyString(k), ': ');
      write(item, out);
    }
    out.push('}');
  }
}
