import { base64DecodedBytes, decodeBase64Prefix, looksLikeBase64 } from './base64-prefix';
import { formatBytes } from './format-bytes';
import { mediaTypeLabel, sniffMediaType } from './sniff-media-type';
import type { BlobInfo } from './types';

/**
 * Finds binary payloads hidden in JSON strings: data: URLs, long base64, and the base64 inside
 * Mesop's `bytes` / `UploadedFile` markers. These are what usually make a Mesop state big (an
 * image kept in state travels up and down on every event), so the panel names them.
 */

/** Strings shorter than this are base64 blobs only inside a marker. */
export const MIN_BASE64_CHARS = 1024;

/** A blob before its final path and description are known (markers rename it when they close). */
export interface BlobDraft {
  path: string;
  bytes: number;
  encoding: 'data-url' | 'base64';
  /** Declared by a data: URL or by UploadedFile.mime_type. */
  declaredType?: string;
  sniffedType?: string;
  decodedBytes: number;
  /** Set when the blob is a Mesop marker's payload. */
  marker?: 'bytes' | 'uploaded_file';
  fileName?: string;
}

/**
 * Classifies the JSON string text[open, close] (indices of its quotes). `inMarker` forces base64
 * for a marker's payload whatever its length. Returns null when it is not a blob.
 */
export function sniffStringBlob(
  text: string,
  open: number,
  close: number,
  bytes: number,
  path: string,
  inMarker: boolean,
): BlobDraft | null {
  const from = open + 1;
  const length = close - from;
  if (length >= 5 && text.startsWith('data:', from)) return sniffDataUrl(text, from, close, bytes, path);
  // Non-ASCII chars make UTF-8 bytes exceed the span length: not base64.
  if ((!inMarker && length < MIN_BASE64_CHARS) || bytes !== length + 2 || length === 0) return null;
  const padding = looksLikeBase64(text, from, close);
  if (padding < 0) return null;
  return {
    path,
    bytes,
    encoding: 'base64',
    sniffedType: sniffMediaType(decodeBase64Prefix(text, from, close, 12)),
    decodedBytes: base64DecodedBytes(length, padding),
  };
}

/** `data:[<media type>][;param=value]*[;base64],<payload>` (RFC 2397). */
function sniffDataUrl(text: string, from: number, close: number, bytes: number, path: string): BlobDraft | null {
  const comma = text.indexOf(',', from);
  if (comma < 0 || comma >= close || comma - from > 512) return null;
  const header = text.slice(from + 5, comma);
  const params = header.split(';');
  const isBase64 = params[params.length - 1]!.toLowerCase() === 'base64';
  const declared = params[0]!.trim().toLowerCase();
  const payload = comma + 1;
  let decodedBytes: number;
  let sniffedType: string | undefined;
  if (isBase64) {
    let padding = 0;
    while (padding < 2 && close - padding > payload && text.charCodeAt(close - padding - 1) === 61) padding++;
    decodedBytes = base64DecodedBytes(close - payload, padding);
    sniffedType = sniffMediaType(decodeBase64Prefix(text, payload, close, 12));
  } else {
    // Percent-encoded: each %XX is one byte. (Raw non-ASCII would be UTF-8 encoded by a browser.)
    let escapes = 0;
    for (let p = text.indexOf('%', payload); p >= 0 && p < close; p = text.indexOf('%', p + 1)) escapes++;
    decodedBytes = bytes - 2 - (payload - from) - 2 * escapes;
  }
  return {
    path,
    bytes,
    encoding: 'data-url',
    declaredType: declared || 'text/plain',
    sniffedType,
    decodedBytes,
  };
}

/** The public record: declared type wins over the sniffed one; a sentence for the panel. */
export function finishBlob(d: BlobDraft): BlobInfo {
  const mediaType = d.declaredType ?? d.sniffedType;
  let what = mediaTypeLabel(mediaType);
  if (d.fileName !== undefined) what += ` ${JSON.stringify(d.fileName)}`;
  if (d.marker === 'bytes') what += ' (Python bytes)';
  if (d.marker === 'uploaded_file') what += ' (UploadedFile)';
  const carrier = d.encoding === 'data-url' ? `${formatBytes(d.bytes)} data: URL` : `${formatBytes(d.bytes)} of base64`;
  const info: BlobInfo = {
    path: d.path,
    bytes: d.bytes,
    encoding: d.encoding,
    description: `${what}, ${carrier} (${formatBytes(d.decodedBytes)} decoded)`,
    decodedBytes: d.decodedBytes,
  };
  if (mediaType !== undefined) info.mediaType = mediaType;
  return info;
}
