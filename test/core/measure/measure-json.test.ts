import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import fc from 'fast-check';
import { measureJson } from '../../../src/core/measure/measure-json';
import type { StateMeasure } from '../../../src/core/measure/types';
import { pyDumps } from '../../../bench/py-dumps';
import { expectedSizes, type Expected } from './oracle';

const PYTHON = join(__dirname, '../../../.venv/bin/python');

/** Every reported field and aggregate has the expected size, and every expected path is reported. */
function expectExact(m: StateMeasure, exp: Expected): void {
  expect(m.problems).toEqual([]);
  expect(new Map(m.fields.map((f) => [f.path, f.bytes]))).toEqual(exp.fields);
  expect(new Map(m.aggregates.map((a) => [a.path, { bytes: a.bytes, count: a.count }]))).toEqual(exp.aggregates);
}

describe('measureJson: sizes', () => {
  it('measures every path of a compact state exactly', () => {
    const state = {
      count: 3,
      name: 'café 日本 🙂',
      messages: [
        { role: 'user', content: 'hi' },
        { role: 'assistant', content: 'hello\n"there"', extra: [1, 2] },
      ],
      'my key': { 'a.b': [true, false, null], '': 0 },
      empty: { a: [], b: {} },
    };
    const text = JSON.stringify(state);
    const m = measureJson(text);
    expect(m.bytes).toBe(Buffer.byteLength(text));
    expectExact(m, expectedSizes(state));
    expect(m.capped).toBe(false);
  });

  it('matches the independent Python oracle on json.dumps output (ensure_ascii, ", " separators)', () => {
    const cases = JSON.parse(execFileSync(PYTHON, [join(__dirname, 'python-oracle.py')], { encoding: 'utf8' })) as {
      text: string;
      fields: [string, number][];
      aggregates: [string, number, number][];
    }[];
    expect(cases.length).toBeGreaterThan(2);
    for (const c of cases) {
      const m = measureJson(c.text);
      expect(m.problems).toEqual([]);
      expect(m.bytes).toBe(Buffer.byteLength(c.text));
      expect(m.fields.map((f) => [f.path, f.bytes])).toEqual(c.fields);
      expect(m.aggregates.map((a) => [a.path, a.bytes, a.count])).toEqual(c.aggregates);
    }
  });

  it('measures the same state in Python and compact formatting with their own byte counts', () => {
    const state = { a: ['x', 'é'], b: { c: 1 } };
    const py = measureJson(pyDumps(state));
    const compact = measureJson(JSON.stringify(state));
    const size = (m: StateMeasure, p: string) => m.fields.find((f) => f.path === p)?.bytes;
    expect(size(py, 'a')).toBe('["x", "\\u00e9"]'.length);
    expect(size(compact, 'a')).toBe(Buffer.byteLength('["x","é"]'));
    expect(size(py, 'b')).toBe('{"c": 1}'.length);
  });

  it('reports depth, kind and share', () => {
    const m = measureJson('{"a": {"b": [1, "x", true, null, {}, []]}}');
    const f = new Map(m.fields.map((x) => [x.path, x]));
    expect(f.get('a')!.depth).toBe(1);
    expect(f.get('a.b[5]')).toMatchObject({ kind: 'array', depth: 3, bytes: 2 });
    expect(f.get('a.b[1]')!.kind).toBe('string');
    expect(f.get('a.b[2]')!.kind).toBe('boolean');
    expect(f.get('a.b[3]')!.kind).toBe('null');
    expect(f.get('a')!.share).toBeCloseTo(f.get('a')!.bytes / m.bytes);
  });

  it('accepts whitespace anywhere JSON allows it (pretty-printed text)', () => {
    const state = { a: [1, { b: 'c' }], d: null };
    const text = JSON.stringify(state, null, 2);
    const m = measureJson(text);
    expect(m.problems).toEqual([]);
    expect(m.fields.find((f) => f.path === 'a[1]')!.bytes).toBe(
      Buffer.byteLength(JSON.stringify(state.a[1], null, 2).replace(/\n/g, '\n    ')),
    );
  });

  it('sizes NaN, Infinity and -Infinity as numbers (Python emits them)', () => {
    const m = measureJson('{"a": NaN, "b": Infinity, "c": [-Infinity, -0.5e-3, 0, 1E+2]}');
    expect(m.problems).toEqual([]);
    const f = new Map(m.fields.map((x) => [x.path, x]));
    expect(f.get('a')).toMatchObject({ bytes: 3, kind: 'number' });
    expect(f.get('b')).toMatchObject({ bytes: 8, kind: 'number' });
    expect(f.get('c[0]')).toMatchObject({ bytes: 9, kind: 'number' });
    expect(f.get('c[1]')!.bytes).toBe(7);
    expect(f.get('c[3]')!.bytes).toBe(4);
  });

  it('counts surrogate pairs as 4 bytes and lone surrogates as 3 (like TextEncoder)', () => {
    const text =
      '{"pair": "\u{1F600}", "hi": "\uD800", "lo": "x\uDC00y", "rev": "\uDC00\uD800", "esc": "\\ud83d\\ude00"}';
    const m = measureJson(text);
    expect(m.bytes).toBe(new TextEncoder().encode(text).length);
    const f = new Map(m.fields.map((x) => [x.path, x.bytes]));
    expect(f.get('pair')).toBe(6);
    expect(f.get('hi')).toBe(5);
    expect(f.get('lo')).toBe(7);
    expect(f.get('rev')).toBe(8);
    expect(f.get('esc')).toBe(14);
  });

  it('finds the string end past escaped quotes and backslash runs', () => {
    const state = { a: 'x\\', b: 'say \\"hi\\"', c: '\\\\"', d: 'q"'.repeat(20) };
    const text = JSON.stringify(state);
    expectExact(measureJson(text), expectedSizes(state));
  });
});

describe('measureJson: paths', () => {
  it('escapes keys that are not identifiers, at the top and nested', () => {
    const m = measureJson(
      '{"my key": {"a.b": 1, "__python.bytes__x": 2, "x\\"y": 3, "caf\\u00e9": 4, "$ok_1": 5}, "0": [7]}',
    );
    expect(m.fields.map((f) => f.path)).toEqual([
      '["my key"]',
      '["my key"]["a.b"]',
      '["my key"].__python.bytes__x'.replace('.__python.bytes__x', '["__python.bytes__x"]'),
      '["my key"]["x\\"y"]',
      '["my key"]["café"]',
      '["my key"].$ok_1',
      '["0"]',
      '["0"][0]',
    ]);
  });

  it('lists array items by index and aggregates them with [*]', () => {
    const state = { messages: [{ content: 'a' }, { content: 'bbb', extra: [1, [2, 3]] }], grid: [[1], [2, 3]] };
    const m = measureJson(JSON.stringify(state));
    expectExact(m, expectedSizes(state));
    const agg = new Map(m.aggregates.map((a) => [a.path, a]));
    expect(agg.get('messages[*].content')).toMatchObject({ bytes: 3 + 5, count: 2, kind: 'string', depth: 3 });
    expect(agg.get('grid[*][*]')).toMatchObject({ bytes: 3, count: 3 });
    expect(agg.get('messages[*].extra[*][*]')).toMatchObject({ count: 2 });
  });

  it('handles a root array and a scalar root', () => {
    const m = measureJson('[{"a": 1}, 2]');
    expect(m.fields.map((f) => f.path)).toEqual(['[0]', '[0].a', '[1]']);
    expect(m.aggregates.map((a) => a.path)).toEqual(['[*]', '[*].a']);
    const scalar = measureJson(' "just a string" ');
    expect(scalar).toMatchObject({ bytes: 17, fields: [], problems: [] });
  });
});

describe('measureJson: Mesop markers', () => {
  it('reports marker objects with their marker kind', () => {
    const text = pyDumps({
      b: { '__python.bytes__': 'AAEC' },
      dt: { '__datetime.datetime__': '2025-01-01T00:00:00' },
      d: { '__datetime.date__': '2025-01-01' },
      s: { '__python.set__': [1, 2] },
      df: { '__pandas.DataFrame__': '{"schema": {}}' },
      p: { '__pydantic.BaseModel__': { json: '{}', module: 'm', qualname: 'Q' } },
      f: {
        '__mesop.UploadedFile__': { contents: 'AAEC', name: 'a.bin', size: 3, mime_type: 'application/octet-stream' },
      },
      notMarker: { '__python.bytes__': 'AAEC', other: 1 },
    });
    const m = measureJson(text);
    const kinds = Object.fromEntries(m.fields.filter((f) => f.depth === 1).map((f) => [f.path, f.kind]));
    expect(kinds).toEqual({
      b: 'bytes',
      dt: 'datetime',
      d: 'date',
      s: 'set',
      df: 'dataframe',
      p: 'pydantic',
      f: 'uploaded_file',
      notMarker: 'object',
    });
    expect(m.fields.find((f) => f.path === 'b["__python.bytes__"]')).toMatchObject({ kind: 'string', bytes: 6 });
    expect(m.fields.find((f) => f.path === 's["__python.set__"][1]')).toMatchObject({ kind: 'number' });
  });
});

describe('measureJson: invalid input never throws', () => {
  const cases: [string, RegExp][] = [
    ['', /byte 0: empty/],
    ['{"a": 1', /byte 7: unexpected end of text/],
    ['{"a": [1, 2', /byte 11: unexpected end/],
    ['{"a": "unterminated', /byte 19: unexpected end of text \(truncated\?\), in a string/],
    ['{"a" 1}', /byte 5: expected ":"/],
    ['{"a": 1,}', /byte 8: expected a key/],
    ['[1 2]', /byte 3: expected "," or "]"/],
    ['{"é": tru}', /byte 7: expected a value/],
    ['{"a": 01}', /byte 7: expected "," or "}"/],
    ['{"a": -}', /byte 7: expected a digit/],
    ['{"a": 1.}', /byte 8: expected a digit after "."/],
    ['{"a": 1e}', /byte 8: expected a digit in the exponent/],
    ['{"a": 1} x', /byte 9: unexpected text after the JSON value/],
    ['{"a": 1]', /byte 7: expected "," or "}"/],
    ['{"k\\q": 1}', /invalid escape in key/],
  ];
  it.each(cases)('%j', (text, problem) => {
    let m: StateMeasure | undefined;
    expect(() => (m = measureJson(text))).not.toThrow();
    expect(m!.problems.join('\n')).toMatch(problem);
    expect(m!.bytes).toBe(Buffer.byteLength(text));
  });

  it('keeps what was measured before a truncation', () => {
    const full = JSON.stringify({ a: 'x', b: [1, 2, 3], c: { d: 'long text' } });
    const m = measureJson(full.slice(0, full.indexOf('long') + 2));
    expect(m.fields.map((f) => f.path)).toEqual(['a', 'b', 'b[0]', 'b[1]', 'b[2]']);
    expect(m.problems).toHaveLength(1);
  });
});

describe('measureJson: limits', () => {
  it('survives 100,000 levels of nesting without recursion, listing up to maxDepth', () => {
    const depth = 100_000;
    const text = '['.repeat(depth) + '1' + ']'.repeat(depth);
    const m = measureJson(text);
    expect(m.bytes).toBe(2 * depth + 1);
    expect(m.fields).toHaveLength(64);
    expect(m.fields[0]).toMatchObject({ path: '[0]', bytes: 2 * depth - 1 });
    expect(m.capped).toBe(true);
    expect(m.problems.join()).toMatch(/deeper than 64 levels/);
    const objects = '{"a":'.repeat(depth) + 'null' + '}'.repeat(depth);
    const mo = measureJson(objects, { maxDepth: 3 });
    expect(mo.fields.map((f) => f.path)).toEqual(['a', 'a.a', 'a.a.a']);
    expect(measureJson(text.slice(0, -1)).problems[0]).toMatch(/unexpected end/);
  });

  it('keeps the maxPaths largest paths (ties: earlier first), closed under ancestors', () => {
    const state = { rows: Array.from({ length: 300 }, (_, i) => ({ id: i, name: 'n'.repeat(i % 17), tags: ['a'] })) };
    const text = JSON.stringify(state);
    const all = measureJson(text, { maxPaths: Infinity });
    expect(all.capped).toBe(false);
    for (const maxPaths of [1, 7, 100, 1000]) {
      const m = measureJson(text, { maxPaths });
      expect(m.capped).toBe(true);
      expect(m.fields).toHaveLength(maxPaths);
      // The expected set: rank every field by (bytes desc, position asc).
      const ranked = all.fields
        .map((f, i) => ({ ...f, i }))
        .sort((a, b) => b.bytes - a.bytes || a.i - b.i)
        .slice(0, maxPaths)
        .sort((a, b) => a.i - b.i)
        .map((f) => f.path);
      expect(m.fields.map((f) => f.path)).toEqual(ranked);
      const kept = new Set(m.fields.map((f) => f.path));
      for (const f of m.fields) {
        const parent = f.path.replace(/(\.[^.[]+|\[[^\]]+\])$/, '');
        if (parent) expect(kept.has(parent)).toBe(true);
      }
    }
    expect(measureJson(text, { maxPaths: 0 }).fields).toEqual([]);
  });

  it('caps aggregates at maxPaths, keeping the largest', () => {
    const state = { list: Array.from({ length: 50 }, (_, i) => ({ [`k${i}`]: 'x'.repeat(i) })) };
    const m = measureJson(JSON.stringify(state), { maxPaths: 5 });
    expect(m.aggregates.map((a) => a.path)).toEqual([
      'list[*]',
      'list[*].k46',
      'list[*].k47',
      'list[*].k48',
      'list[*].k49',
    ]);
    expect(m.capped).toBe(true);
  });
});

describe('measureJson: property', () => {
  const settings = { seed: 20250101, numRuns: 300 };
  const value = fc.jsonValue({ maxDepth: 5, stringUnit: 'binary' });

  it('every reported size equals the independent size (compact, raw UTF-8)', () => {
    fc.assert(
      fc.property(value, (v) => {
        const text = JSON.stringify(v);
        const m = measureJson(text, { maxPaths: Infinity });
        expect(m.bytes).toBe(Buffer.byteLength(text));
        expectExact(m, expectedSizes(JSON.parse(text)));
      }),
      settings,
    );
  });

  it('every reported size equals the independent size (Python formatting, ensure_ascii)', () => {
    fc.assert(
      fc.property(value, (v) => {
        const parsed = JSON.parse(JSON.stringify(v)) as unknown;
        const text = pyDumps(parsed);
        const m = measureJson(text, { maxPaths: Infinity });
        expect(m.bytes).toBe(Buffer.byteLength(text));
        expectExact(
          m,
          expectedSizes(parsed, (x) => Buffer.byteLength(pyDumps(x))),
        );
      }),
      settings,
    );
  });

  it('with a cap, keeps exactly the top maxPaths by (bytes desc, position asc)', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 4 }), fc.integer({ min: 0, max: 40 }), (v, maxPaths) => {
        const text = JSON.stringify(v);
        const all = measureJson(text, { maxPaths: Infinity }).fields;
        const m = measureJson(text, { maxPaths });
        const expected = all
          .map((f, i) => ({ f, i }))
          .sort((a, b) => b.f.bytes - a.f.bytes || a.i - b.i)
          .slice(0, maxPaths)
          .sort((a, b) => a.i - b.i)
          .map(({ f }) => f.path);
        expect(m.fields.map((f) => f.path)).toEqual(expected);
        expect(m.capped).toBe(all.length > maxPaths);
      }),
      { seed: 11, numRuns: 300 },
    );
  });

  it('never throws on arbitrary (mostly invalid) text, and `bytes` is always the UTF-8 length', () => {
    const jsonish = fc.array(
      fc.constantFrom(
        '{',
        '}',
        '[',
        ']',
        ',',
        ':',
        '"',
        '\\',
        ' ',
        'a',
        '1',
        '-',
        '.',
        'e',
        'null',
        'NaN',
        'é',
        '\uD800',
        '"k": ',
      ),
      { maxLength: 40 },
    );
    fc.assert(
      fc.property(jsonish, (parts) => {
        const text = parts.join('');
        const m = measureJson(text);
        expect(m.bytes).toBe(Buffer.byteLength(text));
        let valid = true;
        try {
          JSON.parse(text);
        } catch {
          valid = false;
        }
        if (valid) expect(m.problems).toEqual([]);
        else if (!/NaN/.test(text)) expect(m.problems.length).toBeGreaterThan(0);
      }),
      { seed: 7, numRuns: 2000 },
    );
  });
});
