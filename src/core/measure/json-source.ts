import { sniffStringBlob, type BlobDraft } from './blob-sniff';
import { stringEnd } from './scan-json';

/**
 * What the collector reads of the JSON it measures, by position, so that one collector serves both
 * inputs: a JS string (positions are UTF-16 indices) and the UTF-8 bytes the decoder already holds
 * (positions are byte offsets; see utf8-source.ts). Only keys, marker checks and blob candidates are
 * read; the scanner walks the input itself.
 */
export interface JsonSource {
  /** Index of the quote closing the string opened at `open`, or -1. */
  stringEnd(open: number): number;
  /** If the input at `from` is `rawKey` followed by its closing quote, the quote's index, else -1. */
  matchKey(from: number, rawKey: string): number;
  /** The code unit (string) or byte (UTF-8) at `i`; 0 past the end. */
  code(i: number): number;
  /** input[start, end) as a JS string. */
  text(start: number, end: number): string;
  /** The blob in the JSON string input[open, close] (quote positions), or null: see sniffStringBlob. */
  sniffBlob(open: number, close: number, bytes: number, inMarker: boolean): BlobDraft | null;
}

export class TextSource implements JsonSource {
  constructor(private readonly input: string) {}

  stringEnd(open: number): number {
    return stringEnd(this.input, open);
  }

  matchKey(from: number, rawKey: string): number {
    const text = this.input;
    const n = rawKey.length;
    if (from + n >= text.length || text.charCodeAt(from + n) !== 34) return -1;
    for (let j = 0; j < n; j++) if (text.charCodeAt(from + j) !== rawKey.charCodeAt(j)) return -1;
    return from + n;
  }

  code(i: number): number {
    return i < this.input.length ? this.input.charCodeAt(i) : 0;
  }

  text(start: number, end: number): string {
    return this.input.slice(start, end);
  }

  sniffBlob(open: number, close: number, bytes: number, inMarker: boolean): BlobDraft | null {
    return sniffStringBlob(this.input, open, close, bytes, '', inMarker);
  }
}
