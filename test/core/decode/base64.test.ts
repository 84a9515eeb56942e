import { decodeBase64 } from '../../../src/core/decode/base64';

describe('decodeBase64', () => {
  const cases = ['', 'f', 'fo', 'foo', 'foob', 'fooba', 'foobar', '\u00ff\u00fe\u00fd>>??'];
  it.each(cases)('matches Node for %j in both alphabets, padded or not', (raw) => {
    const bytes = Buffer.from(raw, 'latin1');
    const std = bytes.toString('base64');
    const url = bytes.toString('base64url');
    for (const text of [std, std.replace(/=+$/, ''), url, url + '='.repeat((4 - (url.length % 4)) % 4)]) {
      const r = decodeBase64(text);
      expect(r.ok).toBe(true);
      if (r.ok) expect(Buffer.from(r.bytes)).toEqual(bytes);
    }
  });

  it('names the offending character and its offset', () => {
    expect(decodeBase64('ab!d')).toEqual({ ok: false, reason: 'not base64: character "!" at offset 2' });
  });

  it('rejects a length that cannot be whole bytes', () => {
    const r = decodeBase64('abcde');
    expect(r.ok).toBe(false);
  });
});
