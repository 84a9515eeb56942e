/**
 * Media types from the first bytes of a payload (the "magic numbers" of
 * https://mimesniff.spec.whatwg.org/#matching-an-image-type-pattern and friends), and a human label
 * for the panel ("PNG image").
 */
function startsWith(b: readonly number[], sig: readonly number[], at = 0): boolean {
  if (b.length < at + sig.length) return false;
  for (let i = 0; i < sig.length; i++) if (b[at + i] !== sig[i]) return false;
  return true;
}

const ascii = (s: string): number[] => Array.from(s, (c) => c.charCodeAt(0));

const SIGNATURES: ReadonlyArray<[string, number[], number?]> = [
  ['image/png', [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]],
  ['image/jpeg', [0xff, 0xd8, 0xff]],
  ['image/gif', ascii('GIF8')],
  ['application/pdf', ascii('%PDF-')],
  ['application/zip', [0x50, 0x4b, 0x03, 0x04]],
  ['application/zip', [0x50, 0x4b, 0x05, 0x06]],
  ['application/gzip', [0x1f, 0x8b]],
  ['audio/mpeg', ascii('ID3')],
];

/** Sniffed media type of `bytes` (the first 12 or so decoded bytes), or undefined. */
export function sniffMediaType(bytes: readonly number[]): string | undefined {
  for (const [type, sig, at] of SIGNATURES) if (startsWith(bytes, sig, at)) return type;
  if (startsWith(bytes, ascii('RIFF'))) {
    if (startsWith(bytes, ascii('WEBP'), 8)) return 'image/webp';
    if (startsWith(bytes, ascii('WAVE'), 8)) return 'audio/wav';
  }
  if (startsWith(bytes, ascii('ftyp'), 4)) {
    const brand = String.fromCharCode(...bytes.slice(8, 12));
    if (brand === 'avif') return 'image/avif';
    if (brand === 'heic') return 'image/heic';
    if (brand === 'M4A ') return 'audio/mp4';
    if (brand === 'qt  ') return 'video/quicktime';
    return 'video/mp4';
  }
  // MPEG audio frame sync without an ID3 tag (0xFFE*/0xFFF*, but not JPEG's 0xFFD8).
  if (bytes[0] === 0xff && bytes[1] !== undefined && (bytes[1] & 0xe0) === 0xe0) return 'audio/mpeg';
  return undefined;
}

const LABELS: Readonly<Record<string, string>> = {
  'image/png': 'PNG image',
  'image/jpeg': 'JPEG image',
  'image/gif': 'GIF image',
  'image/webp': 'WebP image',
  'image/svg+xml': 'SVG image',
  'image/avif': 'AVIF image',
  'image/heic': 'HEIC image',
  'image/bmp': 'BMP image',
  'application/pdf': 'PDF document',
  'application/zip': 'ZIP archive',
  'application/gzip': 'gzip data',
  'audio/mpeg': 'MP3 audio',
  'audio/wav': 'WAV audio',
  'audio/mp4': 'MP4 audio',
  'video/mp4': 'MP4 video',
  'video/quicktime': 'QuickTime video',
  'text/plain': 'text',
};

/** "PNG image", "text/csv data", or "binary data" when nothing is known. */
export function mediaTypeLabel(mediaType: string | undefined): string {
  if (!mediaType) return 'binary data';
  return LABELS[mediaType] ?? `${mediaType} data`;
}
