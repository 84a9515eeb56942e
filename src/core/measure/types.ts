/**
 * What `measureJson` reports about one JSON text (a Mesop `State.data` string, a state diff, any
 * JSON). Plain data only, so it crosses `postMessage` (analysis worker -> panel) and lands in the
 * exported JSON report unchanged.
 */

/** Mesop's single-key marker objects (docs/protocol.md §4), named by what they hold. */
export type MarkerKind = 'bytes' | 'datetime' | 'date' | 'set' | 'dataframe' | 'pydantic' | 'uploaded_file';

export type ValueKind = 'object' | 'array' | 'string' | 'number' | 'boolean' | 'null';

export interface FieldSize {
  /**
   * `count`, `a.b`, `a["my key"]`, `["my key"]`, `a[3].content`; aggregates use `[*]` for every
   * array index (`messages[*].content`). See path.ts for the exact grammar.
   */
  path: string;
  /** UTF-8 bytes of the value's JSON text exactly as it appears in the input (no key, no comma). */
  bytes: number;
  /** A marker object reports its marker kind (`img` -> 'bytes'), not 'object'. */
  kind: ValueKind | MarkerKind;
  /** Number of path segments: `count` is 1, `a[3].content` is 3. */
  depth: number;
  /** Aggregates only: how many values were summed. */
  count?: number;
  /** bytes / StateMeasure.bytes. */
  share?: number;
}

export interface BlobInfo {
  /** Path of the string, or of the marker object for `bytes` and `UploadedFile` markers. */
  path: string;
  /** UTF-8 bytes of the JSON string value (quotes included), as for FieldSize.bytes. */
  bytes: number;
  encoding: 'data-url' | 'base64';
  /** Declared by the data: URL or UploadedFile.mime_type, else sniffed from magic bytes. */
  mediaType?: string;
  /** e.g. "PNG image, 1.9 MB of base64 (1.4 MB decoded)". */
  description: string;
  /** Size of the payload once decoded. */
  decodedBytes: number;
}

export interface StateMeasure {
  /** UTF-8 bytes of the whole text. */
  bytes: number;
  /** Every path, in document order; when capped, the `maxPaths` largest (ties: earlier first). */
  fields: FieldSize[];
  /** Sums over array items (`[*]` paths), in order of first appearance. */
  aggregates: FieldSize[];
  blobs: BlobInfo[];
  /** Invalid or truncated JSON, caps hit, ... in words with a UTF-8 byte offset. Never thrown. */
  problems: string[];
  /** Something was left out: maxPaths, maxDepth or the distinct-path budget was reached. */
  capped: boolean;
}

export interface MeasureOptions {
  /** How many concrete paths (and aggregates) to keep, the largest ones. Default 5000. */
  maxPaths?: number;
  /**
   * Values nested deeper than this are not listed (their bytes still count in their ancestors).
   * Default 64: Mesop states are shallow, and a 100,000-deep text would otherwise produce
   * quadratic path strings.
   */
  maxDepth?: number;
  /**
   * An exact native UTF-8 byte counter, if the host has one (Node: `Buffer.byteLength`). Only a
   * speed-up: results are identical without it. Lone surrogates must count 3 bytes (U+FFFD), as
   * TextEncoder and Buffer.byteLength do. Not used for UTF-8 input (its offsets are bytes already).
   */
  nativeUtf8?: (s: string) => number;
  /**
   * The text's UTF-8 length, when the caller already knows it (a state decoded from valid UTF-8:
   * its protobuf payload length). Equal to `text.length` means all ASCII, and the scan skips its
   * search for non-ASCII (a full pass over a 20 MB state). Mesop's Python json.dumps escapes
   * non-ASCII, so its states are ASCII. Only a speed-up: any other value is ignored, and so is
   * this option for UTF-8 input.
   */
  utf8Bytes?: number;
  /**
   * For UTF-8 input: the same JSON as a string, if the caller holds it (the mirror does). Only a
   * speed-up, used when it is all ASCII (as long as the bytes): a string's indexOf finds the end of
   * a long string faster than a typed array's.
   */
  text?: string;
}
