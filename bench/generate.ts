/**
 * Synthetic Mesop states of a given size, in the four shapes the bench covers. Deterministic (a
 * seeded PRNG), so runs compare.
 */
export type Shape = 'chat' | 'numbers' | 'nested' | 'objects';
export const SHAPES: readonly Shape[] = ['chat', 'numbers', 'nested', 'objects'];

function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Mostly English with an accent or an emoji now and then, like a real chat. */
const WORDS = (
  'the state of a mesop app is sent up and down on every click so big chat histories images and data ' +
  'frames make it slow when you keep them in state instead of storage with only an id or a url there ' +
  'café naïve 🙂'
).split(' ');

/** Builds a state whose compact JSON is about `bytes` long. */
export function generateState(shape: Shape, bytes: number): unknown {
  const rnd = prng(42);
  const pick = <T>(a: readonly T[]): T => a[Math.floor(rnd() * a.length)]!;
  const sentence = (n: number): string => {
    const w: string[] = [];
    let len = 0;
    while (len < n) {
      const word = pick(WORDS);
      w.push(word);
      len += word.length + 1;
    }
    return w.join(' ');
  };
  const fill = <T>(item: (i: number) => T, approx: number): T[] => {
    const out: T[] = [];
    let size = 0;
    while (size < bytes) {
      const it = item(out.length);
      out.push(it);
      size += approx > 0 ? approx : JSON.stringify(it).length + 1;
    }
    return out;
  };
  switch (shape) {
    case 'chat':
      // String-heavy: a chat history, the classic state that grows.
      return {
        input: '',
        count: 0,
        messages: fill(
          (i) => ({
            role: i % 2 ? 'assistant' : 'user',
            content: sentence(40 + Math.floor(rnd() * 3000)),
            at: { '__datetime.datetime__': `2025-01-01T10:${String(i % 60).padStart(2, '0')}:00` },
          }),
          0,
        ),
      };
    case 'numbers':
      // Number-heavy: series and matrices (charts, embeddings).
      return {
        title: 'metrics',
        series: fill(() => Array.from({ length: 64 }, () => Math.round((rnd() - 0.5) * 1e6) / 1000), 0),
        ids: Array.from({ length: 1000 }, (_, i) => i),
      };
    case 'nested':
      // Deeply nested: trees 40 levels deep (component-like configs).
      return {
        trees: fill(() => {
          let node: Record<string, unknown> = { id: Math.floor(rnd() * 1e6), leaf: true };
          for (let d = 0; d < 40; d++) node = { id: d, name: `n${d}`, on: rnd() < 0.5, child: node };
          return node;
        }, 0),
      };
    case 'objects':
      // Many small objects: table rows.
      return {
        rows: fill(
          (i) => ({
            id: i,
            name: sentence(8),
            ok: rnd() < 0.5,
            score: Math.round(rnd() * 10000) / 100,
            tags: ['a', 'b'],
            note: null,
          }),
          0,
        ),
      };
  }
}
