/**
 * Base64 decoding for both alphabets Mesop uses: requests are URL-safe (`-`, `_`), responses are
 * standard (`+`, `/`) — mesop-protocol.md §1. Written here rather than using `atob` because the
 * core runs without DOM or Node globals, and because we want a reason, not an exception, for bad
 * input. Padding is optional; whitespace is not allowed (Mesop never sends any).
 */
const INVALID = 255;
const DECODE_TABLE = (() => {
  const table = new Uint8Array(256).fill(INVALID);
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  for (let i = 0; i < alphabet.length; i++) table[alphabet.charCodeAt(i)] = i;
  table['+'.charCodeAt(0)] = 62;
  table['-'.charCodeAt(0)] = 62;
  table['/'.charCodeAt(0)] = 63;
  table['_'.charCodeAt(0)] = 63;
  return table;
})();

export type Base64Result =
  | { ok: true; bytes: Uint8Array }
  | { ok: false; reason: string };

export function decodeBase64(text: string): Base64Result {
  let end = text.length;
  while (end > 0 && text.charCodeAt(end - 1) === 61 /* = */) end--;
  if (text.length - end > 2) return { ok: false, reason: `base64 has ${text.length - end} padding characters` };
  if (end % 4 === 1) return { ok: false, reason: `base64 length ${end} is not a whole number of bytes (truncated?)` };

  const out = new Uint8Array(Math.floor((end * 3) / 4));
  let o = 0;
  let i = 0;
  for (; i + 4 <= end; i += 4) {
    const a = sextet(text, i), b = sextet(text, i + 1), c = sextet(text, i + 2), d = sextet(text, i + 3);
    if ((a | b | c | d) === INVALID || a === INVALID || b === INVALID || c === INVALID || d === INVALID) {
      return invalidAt(text, i, end);
    }
    out[o++] = (a << 2) | (b >> 4);
    out[o++] = ((b & 15) << 4) | (c >> 2);
    out[o++] = ((c & 3) << 6) | d;
  }
  const rest = end - i;
  if (rest >= 2) {
    const a = sextet(text, i), b = sextet(text, i + 1);
    const c = rest === 3 ? sextet(text, i + 2) : 0;
    if (a === INVALID || b === INVALID || c === INVALID) return invalidAt(text, i, end);
    out[o++] = (a << 2) | (b >> 4);
    if (rest === 3) out[o++] = ((b & 15) << 4) | (c >> 2);
  }
  return { ok: true, bytes: out };
}

function sextet(text: string, i: number): number {
  const code = text.charCodeAt(i);
  return code < 256 ? DECODE_TABLE[code]! : INVALID;
}

function invalidAt(text: string, from: number, end: number): Base64Result {
  for (let j = from; j < end; j++) {
    if (sextet(text, j) === INVALID) {
      return { ok: false, reason: `not base64: character ${JSON.stringify(text[j])} at offset ${j}` };
    }
  }
  return { ok: false, reason: 'not base64' };
}
