/**
 * Independent expectations for measureJson on compact JSON: parse, then JSON.stringify each
 * subvalue and count its UTF-8 bytes with Buffer (for compact JSON.stringify output a subvalue's
 * re-serialization is exactly its span). Paths are built here from the spec's grammar, not with
 * src/core/measure/path.ts.
 */
const IDENT = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

export function keySeg(key: string, top: boolean): string {
  if (IDENT.test(key)) return top ? key : `.${key}`;
  return `[${JSON.stringify(key)}]`;
}

export interface Expected {
  fields: Map<string, number>;
  aggregates: Map<string, { bytes: number; count: number }>;
}

export function expectedSizes(
  value: unknown,
  size: (v: unknown) => number = (v) => Buffer.byteLength(JSON.stringify(v)),
): Expected {
  const fields = new Map<string, number>();
  const aggregates = new Map<string, { bytes: number; count: number }>();
  const walk = (v: unknown, path: string, gen: string, depth: number): void => {
    if (depth > 0) {
      const b = size(v);
      fields.set(path, b);
      if (gen.includes('[*]')) {
        const a = aggregates.get(gen) ?? { bytes: 0, count: 0 };
        a.bytes += b;
        a.count++;
        aggregates.set(gen, a);
      }
    }
    if (Array.isArray(v)) v.forEach((item, i) => walk(item, `${path}[${i}]`, `${gen}[*]`, depth + 1));
    else if (v !== null && typeof v === 'object') {
      for (const [k, item] of Object.entries(v))
        walk(item, path + keySeg(k, depth === 0), gen + keySeg(k, depth === 0), depth + 1);
    }
  };
  walk(value, '', '', 0);
  return { fields, aggregates };
}
