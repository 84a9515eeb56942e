import fc from 'fast-check';
import { formatBytes } from '../../../src/core/measure/format-bytes';
import { ANY_ITEM, parentPath, pathOf, splitPath } from '../../../src/core/measure/path';
import { utf8Length } from '../../../src/core/measure/utf8-length';

describe('formatBytes', () => {
  it.each([
    [0, '0 B'],
    [512, '512 B'],
    [999, '999 B'],
    [1000, '1.0 kB'],
    [12_345, '12.3 kB'],
    [99_949, '99.9 kB'],
    [99_950, '100 kB'],
    [123_456, '123 kB'],
    [999_499, '999 kB'],
    [999_500, '1.0 MB'],
    [1_900_000, '1.9 MB'],
    [123_000_000, '123 MB'],
    [2.5e9, '2.5 GB'],
    [-2048, '-2.0 kB'],
  ])('%d -> %s', (n, s) => expect(formatBytes(n)).toBe(s));
});

describe('utf8Length', () => {
  it('agrees with TextEncoder on any string, lone surrogates included', () => {
    const enc = new TextEncoder();
    fc.assert(
      fc.property(
        fc.string({ unit: 'binary', maxLength: 200 }),
        fc.string({ unit: fc.integer({ min: 0xd700, max: 0xe000 }).map((c) => String.fromCharCode(c)) }),
        (a, b) => {
          const s = a + b + a;
          expect(utf8Length(s)).toBe(enc.encode(s).length);
        },
      ),
      { seed: 3, numRuns: 1000 },
    );
    expect(utf8Length('a'.repeat(100) + 'é' + 'b'.repeat(100) + '\u{1F600}')).toBe(100 + 2 + 100 + 4);
  });
});

describe('paths', () => {
  it('builds paths from segments', () => {
    expect(pathOf(['d', 'k', 0])).toBe('d.k[0]');
    expect(pathOf(['my key', ANY_ITEM, 'content'])).toBe('["my key"][*].content');
    expect(pathOf([0, 'x"y'])).toBe('[0]["x\\"y"]');
    expect(pathOf(['tags', '__python.set__'])).toBe('tags["__python.set__"]');
  });

  it('splits and finds parents', () => {
    expect(splitPath('a["x.y"][2].b[*]')).toEqual(['a', '["x.y"]', '[2]', '.b', '[*]']);
    expect(splitPath('["q\\"]"].z')).toEqual(['["q\\"]"]', '.z']);
    expect(parentPath('messages[*].content')).toBe('messages[*]');
    expect(parentPath('count')).toBe('');
    expect(splitPath('.a')).toBeNull();
    expect(splitPath('a[x]')).toBeNull();
    expect(splitPath('a[0]b')).toBeNull();
  });
});
