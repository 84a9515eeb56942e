import { measureJson } from '../../../src/core/measure/measure-json';
import { topFields } from '../../../src/core/measure/top-fields';
import { pyDumps } from '../../../bench/py-dumps';

const chatState = {
  count: 3,
  settings: Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`opt${i}`, 'value'])),
  messages: Array.from({ length: 50 }, (_, i) => ({
    role: i % 2 ? 'assistant' : 'user',
    content: 'lorem ipsum '.repeat(40),
  })),
  image: { '__python.bytes__': 'A'.repeat(30_000) },
  values: Array.from({ length: 500 }, (_, i) => i),
};

describe('topFields', () => {
  const m = measureJson(pyDumps(chatState));

  it('flat: drills into dominated containers, never lists a container and its parts', () => {
    const top = topFields(m, 10);
    expect(top.map((f) => f.path)).toEqual([
      'image',
      'messages[*].content',
      'values',
      'messages[*].role',
      'settings',
      'count',
    ]);
    const shares = top.reduce((s, f) => s + f.share!, 0);
    expect(shares).toBeLessThanOrEqual(1);
    expect(top[0]!.share).toBeCloseTo(m.fields.find((f) => f.path === 'image')!.bytes / m.bytes);
    expect(topFields(m, 2)).toHaveLength(2);
  });

  it('top-level: the state fields by size', () => {
    expect(topFields(m, 3, { mode: 'top-level' }).map((f) => f.path)).toEqual(['image', 'messages', 'values']);
  });

  it('keeps an array whose items have no dominant field', () => {
    const even = measureJson(
      JSON.stringify({ rows: Array.from({ length: 30 }, (_, i) => ({ a: `${i}xx`, b: `${i}yy`, c: `${i}zz` })) }),
    );
    expect(topFields(even, 3).map((f) => f.path)).toEqual(['rows']);
    expect(topFields(even, 3, { dominance: 0.1 }).map((f) => f.path)).toEqual(['rows[*].a', 'rows[*].b', 'rows[*].c']);
  });

  it('handles a root array and an empty measure', () => {
    const arr = measureJson(
      JSON.stringify([
        { big: 'x'.repeat(100), s: 1 },
        { big: 'y'.repeat(100), s: 2 },
      ]),
    );
    expect(topFields(arr, 5).map((f) => f.path)).toEqual(['[*].big', '[*].s']);
    expect(topFields(measureJson('{}'), 5)).toEqual([]);
  });
});
