import { K_BOOLEAN, K_NULL, K_NUMBER, K_STRING } from './kinds';
import { extraUtf8Bytes, nextNonAscii } from './utf8-length';

/**
 * One pass over a JSON text that reports where every value starts and ends, in UTF-8 bytes,
 * without building the values. Iterative with an explicit stack (a 100,000-deep text must not
 * overflow the call stack), charCodeAt in the structural loop, and native `indexOf` to jump over
 * string contents.
 *
 * UTF-8 offsets: outside strings valid JSON is ASCII, so byte = index + `extra`, where `extra`
 * counts the additional bytes of the non-ASCII units seen so far, all inside strings. A string is
 * only looked at unit by unit if the next non-ASCII unit (`nextNA`, found by a native regex skip
 * over ASCII) falls inside it; a pure-ASCII text (Python's ensure_ascii output) costs one regex pass.
 *
 * Accepted beyond RFC 8259: Python's NaN, Infinity and -Infinity (json.dumps emits them). Not
 * checked, because they don't change any size and would cost a pass over every string: control
 * characters and escape validity inside strings.
 */
export interface JsonSink {
  /** A container starts at `startByte`; `depth` is its own depth (the root is 0). */
  open(isArray: boolean, startByte: number, depth: number): void;
  /**
   * An object key opens at text[open]: the sink finds its closing quote (it can match the key it
   * expects in place, saving a second pass over the key) and returns its index, or -1 if the
   * string never ends. `depth` is the object's.
   */
  key(open: number, depth: number): number;
  /** A scalar: text[start, end) is its text; `depth` is its own depth. */
  leaf(kind: number, start: number, end: number, startByte: number, endByte: number, depth: number): void;
  /** The container at `depth` ends just before `endByte`. */
  close(endByte: number, depth: number): void;
}

export interface ScanResult {
  /** undefined when the text was valid to the end. */
  error?: string;
  /** Index where scanning stopped (text.length when valid). */
  stopIndex: number;
  /** UTF-8 bytes of text[0, stopIndex). */
  stopByte: number;
}

const OBJECT = 1;
const ARRAY = 2;
/** Non-ASCII spans at least this long are counted by the caller's native counter (a call costs ~0.1 µs). */
const NATIVE_MIN_SPAN = 256;

/**
 * `nativeUtf8`, when given, is an exact UTF-8 length function the host has natively (Buffer.byteLength
 * in Node; the core itself stays free of Node and DOM). It is ~4x faster than the regex skip: it
 * proves a pure-ASCII text (Python's ensure_ascii output) in one quick pass, and counts long
 * non-ASCII strings (compact JSON chat messages) instead of the per-unit JS loop. Results are the
 * same either way (test/core/measure checks both). `knownAscii`: the caller knows the text is all
 * ASCII (its UTF-8 length equals its length), so no pass is needed at all.
 */
export function scanJson(
  text: string,
  sink: JsonSink,
  nativeUtf8?: (s: string) => number,
  knownAscii = false,
): ScanResult {
  const n = text.length;
  let i = 0;
  let extra = 0;
  const na = { next: knownAscii ? n : firstNonAscii(text, nativeUtf8) };
  let nextNA = na.next;
  let stack = new Uint8Array(256);
  let top = -1;
  let c: number;

  value: for (;;) {
    c = at(text, i);
    while (c === 32 || c === 10 || c === 13 || c === 9) c = at(text, ++i);

    if (c === 34) {
      const open = i;
      const e = stringEnd(text, open);
      if (e < 0) {
        if (nextNA < n) extra += extraUtf8Bytes(text, nextNA, n, na);
        i = n;
        return fail(text, i, extra, 'in a string');
      }
      const startByte = open + extra;
      if (e > nextNA) {
        if (nativeUtf8 !== undefined && e - nextNA >= NATIVE_MIN_SPAN) {
          extra += nativeUtf8(text.slice(nextNA, e)) - (e - nextNA);
          nextNA = nextNonAscii(text, e);
        } else {
          extra += extraUtf8Bytes(text, nextNA, e, na);
          nextNA = na.next;
        }
      }
      i = e + 1;
      sink.leaf(K_STRING, open, i, startByte, i + extra, top + 1);
    } else if (c === 123 || c === 91) {
      if (++top === stack.length) {
        const bigger = new Uint8Array(stack.length * 2);
        bigger.set(stack);
        stack = bigger;
      }
      const isArray = c === 91;
      stack[top] = isArray ? ARRAY : OBJECT;
      sink.open(isArray, i + extra, top);
      c = at(text, ++i);
      while (c === 32 || c === 10 || c === 13 || c === 9) c = at(text, ++i);
      if (c === (isArray ? 93 : 125)) {
        i++;
        sink.close(i + extra, top);
        top--;
      } else if (isArray) {
        continue value;
      } else {
        // First key of a non-empty object.
        if (c !== 34) return fail(text, i, extra, 'expected a key or "}"');
        const e = sink.key(i, top);
        if (e < 0) {
          if (nextNA < n) extra += extraUtf8Bytes(text, nextNA, n, na);
          i = n;
          return fail(text, i, extra, 'in a key');
        }
        if (e > nextNA) {
          extra += extraUtf8Bytes(text, nextNA, e, na);
          nextNA = na.next;
        }
        i = e + 1;
        c = at(text, i);
        while (c === 32 || c === 10 || c === 13 || c === 9) c = at(text, ++i);
        if (c !== 58) return fail(text, i, extra, 'expected ":" after a key');
        i++;
        continue value;
      }
    } else {
      const start = i;
      let kind = K_NUMBER;
      let digits = false;
      if (c === 45) c = at(text, ++i);
      if (c === 48) {
        c = at(text, ++i);
        digits = true;
      } else if (c >= 49 && c <= 57) {
        do c = at(text, ++i);
        while (c >= 48 && c <= 57);
        digits = true;
      } else if (c === 73 && text.startsWith('Infinity', i)) {
        i += 8;
      } else if (i !== start) {
        return fail(text, i, extra, 'expected a digit after "-"');
      } else if (c === 116 && at(text, i + 1) === 114 && at(text, i + 2) === 117 && at(text, i + 3) === 101) {
        i += 4; // true
        kind = K_BOOLEAN;
      } else if (
        c === 102 &&
        at(text, i + 1) === 97 &&
        at(text, i + 2) === 108 &&
        at(text, i + 3) === 115 &&
        at(text, i + 4) === 101
      ) {
        i += 5; // false
        kind = K_BOOLEAN;
      } else if (c === 110 && at(text, i + 1) === 117 && at(text, i + 2) === 108 && at(text, i + 3) === 108) {
        i += 4;
        kind = K_NULL;
      } else if (c === 78 && text.startsWith('NaN', i)) {
        i += 3;
      } else {
        return fail(text, i, extra, 'expected a value');
      }
      if (digits) {
        if (c === 46) {
          c = at(text, ++i);
          if (!(c >= 48 && c <= 57)) return fail(text, i, extra, 'expected a digit after "."');
          do c = at(text, ++i);
          while (c >= 48 && c <= 57);
        }
        if (c === 101 || c === 69) {
          c = at(text, ++i);
          if (c === 43 || c === 45) c = at(text, ++i);
          if (!(c >= 48 && c <= 57)) return fail(text, i, extra, 'expected a digit in the exponent');
          do c = at(text, ++i);
          while (c >= 48 && c <= 57);
        }
      }
      sink.leaf(kind, start, i, start + extra, i + extra, top + 1);
    }

    // After a value: a comma, the end of containers, or the end of the text.
    for (;;) {
      c = at(text, i);
      while (c === 32 || c === 10 || c === 13 || c === 9) c = at(text, ++i);
      if (top < 0) break value;
      if (c === 44) {
        i++;
        if (stack[top] === ARRAY) continue value;
        c = at(text, i);
        while (c === 32 || c === 10 || c === 13 || c === 9) c = at(text, ++i);
        // Key reading is written out here and after "{" on purpose: it is the scanner's hottest
        // path, and a shared helper would have to return three values (end, extra, nextNA).
        if (c !== 34) return fail(text, i, extra, 'expected a key after ","');
        const e = sink.key(i, top);
        if (e < 0) {
          if (nextNA < n) extra += extraUtf8Bytes(text, nextNA, n, na);
          i = n;
          return fail(text, i, extra, 'in a key');
        }
        if (e > nextNA) {
          extra += extraUtf8Bytes(text, nextNA, e, na);
          nextNA = na.next;
        }
        i = e + 1;
        c = at(text, i);
        while (c === 32 || c === 10 || c === 13 || c === 9) c = at(text, ++i);
        if (c !== 58) return fail(text, i, extra, 'expected ":" after a key');
        i++;
        continue value;
      }
      if (c === (stack[top] === ARRAY ? 93 : 125)) {
        i++;
        sink.close(i + extra, top);
        top--;
        continue;
      }
      return fail(text, i, extra, stack[top] === ARRAY ? 'expected "," or "]"' : 'expected "," or "}"');
    }
  }
  if (i < n) return fail(text, i, extra, 'unexpected text after the JSON value');
  return { stopIndex: n, stopByte: n + extra };
}

/** Chars probed by the regex before the whole-text native count (see firstNonAscii). */
const ASCII_PROBE = 1 << 16;

/**
 * Index of the first non-ASCII unit of `text` (text.length if none). The native counter proves a
 * one-byte ASCII text ~5x faster than the regex, but on a text with non-ASCII (compact JSON of a
 * chat) its whole-text pass is wasted work about as long as JSON.parse itself: such texts nearly
 * always show a non-ASCII unit early, so the regex looks at a prefix first.
 */
function firstNonAscii(text: string, nativeUtf8: ((s: string) => number) | undefined): number {
  const n = text.length;
  if (nativeUtf8 === undefined || n <= ASCII_PROBE) return nextNonAscii(text, 0);
  const inPrefix = nextNonAscii(text.slice(0, ASCII_PROBE), 0);
  if (inPrefix < ASCII_PROBE) return inPrefix;
  return nativeUtf8(text) === n ? n : nextNonAscii(text, ASCII_PROBE);
}

/** Index of the quote closing the string opened at `open`, or -1. */
export function stringEnd(text: string, open: number): number {
  // Keys and short values end within a few chars: a JS probe beats the indexOf call.
  const probeEnd = Math.min(open + 17, text.length);
  for (let k = open + 1; k < probeEnd; k++) {
    const c = text.charCodeAt(k);
    if (c === 34) return k;
    if (c === 92) break;
  }
  let e = text.indexOf('"', open + 1);
  while (e > 0 && text.charCodeAt(e - 1) === 92) {
    let k = e - 2;
    while (text.charCodeAt(k) === 92) k--;
    if (((e - 1 - k) & 1) === 0) break; // an even run of backslashes escapes itself, not the quote
    e = text.indexOf('"', e + 1);
  }
  return e;
}

/** The error, at the UTF-8 offset where scanning stopped. (Module-level: a closure over the
 * scanner's `i` would move it out of a register for the whole loop.) */
function fail(text: string, i: number, extra: number, what: string): ScanResult {
  const byte = i + extra;
  const msg =
    i >= text.length
      ? `invalid JSON at byte ${byte}: unexpected end of text (truncated?), ${what}`
      : `invalid JSON at byte ${byte}: ${what}, found ${JSON.stringify(text[i])}`;
  return { error: msg, stopIndex: i, stopByte: byte };
}

/**
 * text.charCodeAt(k), or 0 past the end. Never reading out of bounds keeps the char a small
 * integer: one NaN from charCodeAt(length) deoptimizes the scanner into float compares (2x slower).
 * 0 is not valid JSON outside strings, so the end of text fails like any unexpected char.
 */
function at(text: string, k: number): number {
  return k < text.length ? text.charCodeAt(k) : 0;
}
