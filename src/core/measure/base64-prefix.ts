/**
 * Decodes only the first bytes of a base64 payload (standard or URL-safe alphabet) that sits inside
 * a larger text, for magic-byte sniffing. No atob in the core, and no reason to decode megabytes to
 * read 12 bytes.
 */
const VALUE = new Int8Array(128).fill(-1);
{
  const std = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  for (let i = 0; i < 64; i++) VALUE[std.charCodeAt(i)] = i;
  VALUE['-'.charCodeAt(0)] = 62;
  VALUE['_'.charCodeAt(0)] = 63;
}

/** Up to `maxBytes` decoded bytes of text[from, to); stops at '=' or any non-alphabet char. */
export function decodeBase64Prefix(text: string, from: number, to: number, maxBytes: number): number[] {
  const out: number[] = [];
  let acc = 0;
  let bits = 0;
  for (let i = from; i < to && out.length < maxBytes; i++) {
    const c = text.charCodeAt(i);
    const v = c < 128 ? VALUE[c]! : -1;
    if (v < 0) break;
    acc = ((acc << 6) | v) & 0xffffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out.push((acc >> bits) & 0xff);
    }
  }
  return out;
}

/** Decoded size of a base64 payload of `length` chars ending with `padding` '=' signs. */
export function base64DecodedBytes(length: number, padding: number): number {
  return Math.floor(((length - padding) * 3) / 4);
}

/** Alphabet run check (both alphabets), for sniffing; see looksLikeBase64. */
const ALPHABET_RUN = /[A-Za-z0-9+/_-]*/y;

/** How many chars are checked at the start of a long string (checking all costs 2 ns/char). */
const SAMPLE = 4096;

/**
 * Whether text[from, to) looks like one base64 payload: its first 4 kB and its last chars are in
 * the alphabet, with at most two '=' at the end. A sniff, not a proof: checking every char of a
 * 10 MB image would cost more than JSON.parse of it. Returns the padding count, or -1.
 */
export function looksLikeBase64(text: string, from: number, to: number): number {
  let padding = 0;
  while (padding < 2 && to - padding > from && text.charCodeAt(to - padding - 1) === 61) padding++;
  const end = to - padding;
  const head = Math.min(end, from + SAMPLE);
  ALPHABET_RUN.lastIndex = from;
  ALPHABET_RUN.test(text);
  if (ALPHABET_RUN.lastIndex < head) return -1;
  if (head < end) {
    ALPHABET_RUN.lastIndex = Math.max(head, end - 8);
    ALPHABET_RUN.test(text);
    if (ALPHABET_RUN.lastIndex < end) return -1;
  }
  return padding;
}
