/**
 * measureJson on UTF-8 bytes (the decoder's payload, measure/scan-utf8.ts) against the independent
 * oracle, and against the same text measured as a string: every field, aggregate, blob, problem and
 * cap must be the same, for valid and invalid input.
 */
import fc from 'fast-check';
import { measureJson } from '../../../src/core/measure/measure-json';
import type { MeasureOptions, StateMeasure } from '../../../src/core/measure/types';
import { pyDumps } from '../../../bench/py-dumps';
import { expectedSizes, type Expected } from './oracle';

const utf8 = (text: string): Uint8Array => new Uint8Array(Buffer.from(text, 'utf8'));

function expectExact(m: StateMeasure, exp: Expected): void {
  expect(m.problems).toEqual([]);
  expect(new Map(m.fields.map((f) => [f.path, f.bytes]))).toEqual(exp.fields);
  expect(new Map(m.aggregates.map((a) => [a.path, { bytes: a.bytes, count: a.count }]))).toEqual(exp.aggregates);
}

/** The bytes path gives exactly what the string path gives (the string path has its own oracle tests). */
function expectSameAsText(text: string, options: MeasureOptions = {}): StateMeasure {
  const fromBytes = measureJson(utf8(text), options);
  expect(fromBytes).toEqual(measureJson(text, options));
  // With the string lent for an ASCII text's string ends (ignored when not ASCII).
  expect(measureJson(utf8(text), { ...options, text })).toEqual(fromBytes);
  return fromBytes;
}

describe('measureJson on UTF-8 bytes: sizes', () => {
  const settings = { seed: 20261207, numRuns: 300 };
  const value = fc.jsonValue({ maxDepth: 5, stringUnit: 'binary' });

  it('every reported size equals the independent size (compact, raw UTF-8)', () => {
    fc.assert(
      fc.property(value, (v) => {
        const text = JSON.stringify(v);
        const m = measureJson(utf8(text), { maxPaths: Infinity });
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
        const m = measureJson(utf8(text), { maxPaths: Infinity, text });
        expect(m.bytes).toBe(Buffer.byteLength(text));
        expectExact(
          m,
          expectedSizes(parsed, (x) => Buffer.byteLength(pyDumps(x))),
        );
      }),
      settings,
    );
  });

  it('agrees with the string path under caps: maxPaths, maxDepth', () => {
    fc.assert(
      fc.property(
        fc.jsonValue({ maxDepth: 4, stringUnit: 'binary' }),
        fc.integer({ min: 0, max: 40 }),
        fc.integer({ min: 0, max: 4 }),
        (v, maxPaths, maxDepth) => {
          expectSameAsText(JSON.stringify(v), { maxPaths });
          expectSameAsText(JSON.stringify(v, null, 1), { maxDepth });
        },
      ),
      { seed: 12, numRuns: 300 },
    );
  });
});

describe('measureJson on UTF-8 bytes: what the string path reads of the text', () => {
  it('names keys that are not ASCII, and never takes a Latin-1 key for the UTF-8 bytes of another', () => {
    // "Ã©" as two chars (0xC3 0xA9) is not "é", whose UTF-8 bytes are 0xC3 0xA9.
    const text = JSON.stringify({
      rows: [
        { 'Ã©': 1, é: 22 },
        { é: 333, 'Ã©': 4444 },
        { 'Ã©': 5, 'a b': 6 },
      ],
    });
    const m = expectSameAsText(text, { maxPaths: Infinity });
    const sizes = new Map(m.aggregates.map((a) => [a.path, a.bytes]));
    expect(sizes.get('rows[*]["é"]')).toBe(5);
    expect(sizes.get('rows[*]["Ã©"]')).toBe(6);
    expect(sizes.get('rows[*]["a b"]')).toBe(1);
  });

  it('finds blobs: base64, data: URLs, bytes and UploadedFile markers (names and types decoded)', () => {
    const png = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';
    const text = JSON.stringify({
      long: `${'A'.repeat(2000)}${png}`,
      prose: `${'A'.repeat(2000)} not base64`,
      url: `data:image/png;base64,${png}`,
      percent: 'data:text/plain,caf%C3%A9',
      img: { '__python.bytes__': png },
      file: { '__mesop.UploadedFile__': { contents: png, name: 'café 🙂.png', mime_type: 'IMAGE/PNG', size: 70 } },
    });
    const m = expectSameAsText(text);
    expect(m.blobs.map((b) => b.path).sort()).toEqual(['file', 'img', 'long', 'percent', 'url']);
    expect(m.blobs.find((b) => b.path === 'file')!.description).toContain('"café 🙂.png"');
  });

  it('reports invalid and truncated input at the same byte, naming the same character', () => {
    for (const text of [
      '',
      '{',
      '{"é": "ü"',
      '{"a": é}',
      '{"a": 🙂}',
      '[1, 2] ü',
      '{"a": -x}',
      '{"a": 1.}',
      '{"a": 1e}',
      '{"a": "unterminated',
      '{"k\\u00e9": 1, "k\\u00e9": 2}',
      '{"k\\x": 1}',
      '[NaN, Infinity, -Infinity, -0.5E-3]',
    ]) {
      const m = expectSameAsText(text);
      expect(m.bytes).toBe(Buffer.byteLength(text));
    }
  });

  it('never throws on arbitrary (mostly invalid) text and agrees with the string path', () => {
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
        '🙂',
        '"k": ',
      ),
      { maxLength: 40 },
    );
    fc.assert(
      fc.property(jsonish, fc.integer({ min: 0, max: 6 }), (parts, maxPaths) => {
        expectSameAsText(parts.join(''), { maxPaths });
      }),
      { seed: 8, numRuns: 2000 },
    );
  });
});
