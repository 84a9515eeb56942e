/**
 * What other DevTools do to size a state: parse it, then JSON.stringify every subtree and count its
 * UTF-8 bytes. Quadratic in depth, allocates every value twice, and measures the re-serialized
 * compact text rather than the bytes that were sent (wrong for Python's `", "` formatting and
 * `\u00e9` escapes). Kept only as the bench's baseline.
 */
export function naiveMeasure(text: string): Map<string, number> {
  const sizes = new Map<string, number>();
  const walk = (v: unknown, path: string): void => {
    sizes.set(path, Buffer.byteLength(JSON.stringify(v)));
    if (Array.isArray(v)) v.forEach((item, i) => walk(item, `${path}[${i}]`));
    else if (v !== null && typeof v === 'object') {
      for (const [k, item] of Object.entries(v)) walk(item, path ? `${path}.${k}` : k);
    }
  };
  walk(JSON.parse(text), '');
  return sizes;
}
