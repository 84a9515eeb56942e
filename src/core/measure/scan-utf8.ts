import { getTextEncoding } from '@bufbuild/protobuf/wire';
import { K_BOOLEAN, K_NULL, K_NUMBER, K_STRING } from './kinds';
import { stringEnd, type JsonSink, type ScanResult } from './scan-json';
import { utf8StringEnd } from './utf8-source';

const OBJECT = 1;
const ARRAY = 2;

/**
 * scanJson over the UTF-8 bytes of a JSON text: the same grammar, the same sink calls and the same
 * errors, but every position is already a byte offset (no UTF-8 counting, the cost that made compact
 * JSON with non-ASCII text as slow as JSON.parse), and an indexed byte read is cheaper than
 * `charCodeAt`, which checks the string's representation at every char. Here `start === startByte`
 * in every `leaf` call. Kept apart from scanJson rather than made generic over its input: a shared
 * loop reading through a function would be polymorphic at its hottest line.
 *
 * `ascii`: the same JSON as a string, when it is all ASCII (Mesop's json.dumps output): then its
 * indices are byte offsets, and the ends of long strings (a chat's messages) are found by the
 * string's native indexOf, several times faster than a typed array's.
 */
export function scanUtf8(b: Uint8Array, sink: JsonSink, ascii?: string): ScanResult {
  const n = b.length;
  let i = 0;
  let stack = new Uint8Array(256);
  let top = -1;
  let c: number;

  value: for (;;) {
    c = at(b, i);
    while (c === 32 || c === 10 || c === 13 || c === 9) c = at(b, ++i);

    if (c === 34) {
      const open = i;
      const e = ascii === undefined ? utf8StringEnd(b, open) : stringEnd(ascii, open);
      if (e < 0) return fail(b, n, 'in a string');
      i = e + 1;
      sink.leaf(K_STRING, open, i, open, i, top + 1);
    } else if (c === 123 || c === 91) {
      if (++top === stack.length) {
        const bigger = new Uint8Array(stack.length * 2);
        bigger.set(stack);
        stack = bigger;
      }
      const isArray = c === 91;
      stack[top] = isArray ? ARRAY : OBJECT;
      sink.open(isArray, i, top);
      c = at(b, ++i);
      while (c === 32 || c === 10 || c === 13 || c === 9) c = at(b, ++i);
      if (c === (isArray ? 93 : 125)) {
        i++;
        sink.close(i, top);
        top--;
      } else if (isArray) {
        continue value;
      } else {
        // First key of a non-empty object.
        if (c !== 34) return fail(b, i, 'expected a key or "}"');
        const e = sink.key(i, top);
        if (e < 0) return fail(b, n, 'in a key');
        i = e + 1;
        c = at(b, i);
        while (c === 32 || c === 10 || c === 13 || c === 9) c = at(b, ++i);
        if (c !== 58) return fail(b, i, 'expected ":" after a key');
        i++;
        continue value;
      }
    } else {
      const start = i;
      let kind = K_NUMBER;
      let digits = false;
      if (c === 45) c = at(b, ++i);
      if (c === 48) {
        c = at(b, ++i);
        digits = true;
      } else if (c >= 49 && c <= 57) {
        do c = at(b, ++i);
        while (c >= 48 && c <= 57);
        digits = true;
      } else if (c === 73 && startsWith(b, i, INFINITY)) {
        i += 8;
      } else if (i !== start) {
        return fail(b, i, 'expected a digit after "-"');
      } else if (c === 116 && at(b, i + 1) === 114 && at(b, i + 2) === 117 && at(b, i + 3) === 101) {
        i += 4; // true
        kind = K_BOOLEAN;
      } else if (
        c === 102 &&
        at(b, i + 1) === 97 &&
        at(b, i + 2) === 108 &&
        at(b, i + 3) === 115 &&
        at(b, i + 4) === 101
      ) {
        i += 5; // false
        kind = K_BOOLEAN;
      } else if (c === 110 && at(b, i + 1) === 117 && at(b, i + 2) === 108 && at(b, i + 3) === 108) {
        i += 4;
        kind = K_NULL;
      } else if (c === 78 && startsWith(b, i, NAN)) {
        i += 3;
      } else {
        return fail(b, i, 'expected a value');
      }
      if (digits) {
        if (c === 46) {
          c = at(b, ++i);
          if (!(c >= 48 && c <= 57)) return fail(b, i, 'expected a digit after "."');
          do c = at(b, ++i);
          while (c >= 48 && c <= 57);
        }
        if (c === 101 || c === 69) {
          c = at(b, ++i);
          if (c === 43 || c === 45) c = at(b, ++i);
          if (!(c >= 48 && c <= 57)) return fail(b, i, 'expected a digit in the exponent');
          do c = at(b, ++i);
          while (c >= 48 && c <= 57);
        }
      }
      sink.leaf(kind, start, i, start, i, top + 1);
    }

    // After a value: a comma, the end of containers, or the end of the input.
    for (;;) {
      c = at(b, i);
      while (c === 32 || c === 10 || c === 13 || c === 9) c = at(b, ++i);
      if (top < 0) break value;
      if (c === 44) {
        i++;
        if (stack[top] === ARRAY) continue value;
        c = at(b, i);
        while (c === 32 || c === 10 || c === 13 || c === 9) c = at(b, ++i);
        if (c !== 34) return fail(b, i, 'expected a key after ","');
        const e = sink.key(i, top);
        if (e < 0) return fail(b, n, 'in a key');
        i = e + 1;
        c = at(b, i);
        while (c === 32 || c === 10 || c === 13 || c === 9) c = at(b, ++i);
        if (c !== 58) return fail(b, i, 'expected ":" after a key');
        i++;
        continue value;
      }
      if (c === (stack[top] === ARRAY ? 93 : 125)) {
        i++;
        sink.close(i, top);
        top--;
        continue;
      }
      return fail(b, i, stack[top] === ARRAY ? 'expected "," or "]"' : 'expected "," or "}"');
    }
  }
  if (i < n) return fail(b, i, 'unexpected text after the JSON value');
  return { stopIndex: n, stopByte: n };
}

const INFINITY = [73, 110, 102, 105, 110, 105, 116, 121];
const NAN = [78, 97, 78];

function startsWith(b: Uint8Array, i: number, word: readonly number[]): boolean {
  for (let k = 0; k < word.length; k++) if (at(b, i + k) !== word[k]) return false;
  return true;
}

/**
 * The error, worded as scanJson words it for the same text: the char found is the first UTF-16 unit
 * of the character whose bytes start at `i` (scanJson stops at a character, and so does this scan:
 * outside strings it only steps over ASCII).
 */
function fail(b: Uint8Array, i: number, what: string): ScanResult {
  let msg: string;
  if (i >= b.length) msg = `invalid JSON at byte ${i}: unexpected end of text (truncated?), ${what}`;
  else {
    const lead = b[i]!;
    const length = lead < 0x80 ? 1 : lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : 2;
    const found = decodeLatin1OrUtf8(b.subarray(i, Math.min(b.length, i + length)));
    msg = `invalid JSON at byte ${i}: ${what}, found ${JSON.stringify(found[0])}`;
  }
  return { error: msg, stopIndex: i, stopByte: i };
}

function decodeLatin1OrUtf8(bytes: Uint8Array): string {
  if (bytes.length === 1 && bytes[0]! < 0x80) return String.fromCharCode(bytes[0]!);
  return getTextEncoding().decodeUtf8(bytes, false);
}

/** b[k], or 0 past the end: an out-of-bounds typed array read (undefined) would deoptimize. */
function at(b: Uint8Array, k: number): number {
  return k < b.length ? b[k]! : 0;
}
