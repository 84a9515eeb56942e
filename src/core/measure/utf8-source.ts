import { getTextEncoding } from '@bufbuild/protobuf/wire';
import { MIN_BASE64_CHARS, sniffStringBlob, type BlobDraft } from './blob-sniff';
import type { JsonSource } from './json-source';
import { stringEnd } from './scan-json';

/**
 * The collector's view of a JSON text held as UTF-8 bytes (a state as the decoder has it: the
 * protobuf payload). Positions are byte offsets, so sizes need no UTF-8 counting. Keys and blob
 * candidates become strings only when the collector needs them: a new key, or a string that can
 * still be a blob after a look at its first bytes.
 */
export class Utf8Source implements JsonSource {
  /** `ascii`: the same JSON as a string when it is all ASCII (see scanUtf8). */
  constructor(
    private readonly input: Uint8Array,
    private readonly ascii?: string,
  ) {}

  stringEnd(open: number): number {
    return this.ascii === undefined ? utf8StringEnd(this.input, open) : stringEnd(this.ascii, open);
  }

  matchKey(from: number, rawKey: string): number {
    const b = this.input;
    const n = rawKey.length;
    if (from + n >= b.length || b[from + n] !== 34) return -1;
    for (let j = 0; j < n; j++) {
      const c = rawKey.charCodeAt(j);
      // A non-ASCII key is n chars but more bytes: compared char for byte it could only match a
      // different key (chars 0x80-0xff against the bytes of other characters), so it never does.
      if (c >= 0x80 || b[from + j] !== c) return -1;
    }
    return from + n;
  }

  code(i: number): number {
    return i < this.input.length ? this.input[i]! : 0;
  }

  text(start: number, end: number): string {
    const b = this.input;
    if (end - start <= 32) {
      let ascii = '';
      for (let k = start; k < end; k++) {
        const c = b[k]!;
        if (c >= 0x80) return getTextEncoding().decodeUtf8(b.subarray(start, end), false);
        ascii += String.fromCharCode(c);
      }
      return ascii;
    }
    return getTextEncoding().decodeUtf8(b.subarray(start, end), false);
  }

  sniffBlob(open: number, close: number, bytes: number, inMarker: boolean): BlobDraft | null {
    if (!inMarker && !mayBeBlob(this.input, open + 1, close)) return null;
    const quoted = this.text(open, close + 1);
    return sniffStringBlob(quoted, 0, quoted.length - 1, bytes, '', inMarker);
  }
}

/** Bytes of the prefix checked before a string is decoded for the blob sniff. */
const PREFIX = 64;

/**
 * Whether sniffStringBlob could call bytes[from, to) a blob outside a marker: a data: URL, or at
 * least MIN_BASE64_CHARS of base64, whose first chars (no '=' padding there) are all in the
 * alphabet looksLikeBase64 accepts. A cheap no for the long prose of a chat, without decoding it.
 */
function mayBeBlob(b: Uint8Array, from: number, to: number): boolean {
  if (
    to - from >= 5 &&
    b[from] === 100 &&
    b[from + 1] === 97 &&
    b[from + 2] === 116 &&
    b[from + 3] === 97 &&
    b[from + 4] === 58
  )
    return true; // "data:"
  if (to - from < MIN_BASE64_CHARS) return false;
  const end = Math.min(to, from + PREFIX);
  for (let k = from; k < end; k++) {
    const c = b[k]!;
    const inAlphabet =
      (c >= 65 && c <= 90) ||
      (c >= 97 && c <= 122) ||
      (c >= 48 && c <= 57) ||
      c === 43 ||
      c === 47 ||
      c === 95 ||
      c === 45;
    if (!inAlphabet) return false;
  }
  return true;
}

/** Index of the quote closing the string opened at `open` in UTF-8 bytes, or -1 (see stringEnd). */
export function utf8StringEnd(b: Uint8Array, open: number): number {
  const probeEnd = Math.min(open + 17, b.length);
  for (let k = open + 1; k < probeEnd; k++) {
    const c = b[k]!;
    if (c === 34) return k;
    if (c === 92) break;
  }
  let e = b.indexOf(34, open + 1);
  while (e > 0 && b[e - 1] === 92) {
    let k = e - 2;
    while (b[k] === 92) k--;
    if (((e - 1 - k) & 1) === 0) break; // an even run of backslashes escapes itself, not the quote
    e = b.indexOf(34, e + 1);
  }
  return e;
}
