/**
 * Native helpers (Buffer.byteLength, Buffer.from base64: the bench's and Node callers' speed-up)
 * must give exactly what the core's own code gives: same sizes, fields, blobs, bytes and problems,
 * on any text, long non-ASCII strings, lone surrogates and damaged base64 included.
 */
import fc from 'fast-check';
import { analyzeExchanges } from '../../src/core/analyze';
import { decodeBase64 } from '../../src/core/decode/base64';
import { useHostNatives } from '../../src/core/host-natives';
import { measureJson } from '../../src/core/measure/measure-json';
import { utf8Length } from '../../src/core/measure/utf8-length';
import { fixture } from './support/harness';
import { params } from './fuzz-config';

const native = (s: string) => Buffer.byteLength(s, 'utf8');
const longText = fc.string({
  minLength: 200,
  maxLength: 2000,
  unit: fc.constantFrom('a', ' ', 'é', '🙂', '\ud800', '\udc00', '"', '\\', '中'),
});

it('gives the same measure with and without a native counter', () => {
  const doc = fc.oneof(
    fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v)),
    fc
      .array(fc.oneof(longText, fc.string({ unit: 'binary' })), { maxLength: 5 })
      .map((xs) => JSON.stringify({ xs, n: 1 })),
    fc
      .tuple(fc.string({ unit: 'binary', maxLength: 400 }), fc.nat())
      .map(([s, k]) => JSON.stringify({ s }).slice(0, k)),
  );
  fc.assert(
    fc.property(doc, (text) => {
      expect(measureJson(text, { nativeUtf8: native })).toEqual(measureJson(text));
      expect(
        measureJson(text, { nativeUtf8: native }).problems.length > 0 || measureJson(text).bytes === native(text),
      ).toBe(true);
    }),
    params(),
  );
});

describe('host natives (src/core/host-natives.ts) change no result', () => {
  const natives = {
    base64Decode: (s: string) => {
      const b = Buffer.from(s, 'base64');
      return new Uint8Array(b.buffer, b.byteOffset, b.length);
    },
    utf8Length: native,
  };
  afterEach(() => useHostNatives({}));

  it('decodeBase64: same bytes, or the same reason, on valid and damaged base64', () => {
    const b64text = fc.uint8Array({ minLength: 700, maxLength: 3000 }).chain((bytes) => {
      const text = Buffer.from(bytes).toString(bytes[0]! % 2 ? 'base64' : 'base64url');
      return fc.tuple(
        fc.constant(text),
        fc.nat({ max: text.length }),
        fc.constantFrom('', '!', ' ', '=', '\n', '\u0100', 'é', '==='),
        fc.boolean(),
      );
    });
    fc.assert(
      fc.property(b64text, ([text, at, insert, cut]) => {
        const damaged = cut ? text.slice(0, at) : text.slice(0, at) + insert + text.slice(at);
        const js = decodeBase64(damaged);
        useHostNatives(natives);
        const withNative = decodeBase64(damaged);
        useHostNatives({});
        expect(withNative).toEqual(js);
      }),
      params(),
    );
  });

  it('utf8Length and a whole fixture analysis are unchanged', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 500 }), (s) => {
        const js = utf8Length(s);
        useHostNatives(natives);
        expect(utf8Length(s)).toBe(js);
        useHostNatives({});
      }),
      params(),
    );
    const ex = fixture('image').exchanges;
    const js = analyzeExchanges(ex, { keepFieldBytes: true });
    useHostNatives(natives);
    expect(analyzeExchanges(ex, { keepFieldBytes: true })).toEqual(js);
  });
});
