import { measureJson } from '../../../src/core/measure/measure-json';
import { pyDumps } from '../../../bench/py-dumps';

/** A real PNG: signature + IHDR of a 1x1 image, padded to `size` bytes. */
function png(size: number): Buffer {
  const head = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489', 'hex');
  return Buffer.concat([head, Buffer.alloc(Math.max(0, size - head.length), 7)]);
}

describe('blob sniffing', () => {
  it('names a Python bytes marker by its magic bytes, at the marker path', () => {
    const data = png(1_400_000);
    const m = measureJson(pyDumps({ image: { '__python.bytes__': data.toString('base64') } }));
    expect(m.blobs).toHaveLength(1);
    const b64 = data.toString('base64');
    expect(m.blobs[0]).toEqual({
      path: 'image',
      bytes: b64.length + 2,
      encoding: 'base64',
      mediaType: 'image/png',
      decodedBytes: data.length,
      description: 'PNG image (Python bytes), 1.9 MB of base64 (1.4 MB decoded)',
    });
    expect(m.fields.find((f) => f.path === 'image')!.kind).toBe('bytes');
  });

  it('reports short bytes markers too, but not empty ones', () => {
    const m = measureJson('{"a": {"__python.bytes__": "R0lGODlhAQABAAAAACw="}, "b": {"__python.bytes__": ""}}');
    expect(m.blobs).toEqual([expect.objectContaining({ path: 'a', mediaType: 'image/gif', decodedBytes: 14 })]);
  });

  it('reads data: URLs (declared type, base64 or percent-encoded)', () => {
    const b64 = png(3000).toString('base64');
    const state = {
      messages: [{ content: 'hi', image: `data:image/png;base64,${b64}` }],
      icon: 'data:image/svg+xml,%3Csvg%3E%3C/svg%3E',
      plain: 'data:,hello',
      notUrl: 'data: is a word',
    };
    const m = measureJson(JSON.stringify(state));
    expect(m.blobs).toEqual([
      {
        path: 'messages[0].image',
        bytes: b64.length + 'data:image/png;base64,'.length + 2,
        encoding: 'data-url',
        mediaType: 'image/png',
        decodedBytes: 3000,
        description: `PNG image, ${'4.0 kB'} data: URL (3.0 kB decoded)`,
      },
      expect.objectContaining({ path: 'icon', mediaType: 'image/svg+xml', decodedBytes: '<svg></svg>'.length }),
      expect.objectContaining({ path: 'plain', mediaType: 'text/plain', decodedBytes: 5 }),
    ]);
  });

  it('sniffs long base64 strings (standard and URL-safe, padded or not) and ignores prose', () => {
    const pdf = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(2000, 0xfb)]);
    const zip = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(2001, 0xff)]);
    const state = {
      doc: pdf.toString('base64'),
      archive: zip.toString('base64url'),
      gz: Buffer.concat([Buffer.from([0x1f, 0x8b, 8]), Buffer.alloc(1500, 1)]).toString('base64'),
      jpeg: Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(1500, 1)]).toString('base64'),
      webp: Buffer.concat([Buffer.from('RIFF\0\0\0\0WEBPVP8 '), Buffer.alloc(1500, 1)]).toString('base64'),
      unknown: Buffer.alloc(1500, 3).toString('base64'),
      short: pdf.subarray(0, 600).toString('base64'),
      prose: 'word '.repeat(500),
      accented: 'é'.repeat(2000),
    };
    const m = measureJson(pyDumps(state));
    const byPath = Object.fromEntries(m.blobs.map((b) => [b.path, b]));
    expect(Object.keys(byPath)).toEqual(['doc', 'archive', 'gz', 'jpeg', 'webp', 'unknown']);
    expect(byPath.doc).toMatchObject({ mediaType: 'application/pdf', decodedBytes: pdf.length, encoding: 'base64' });
    expect(byPath.archive).toMatchObject({ mediaType: 'application/zip', decodedBytes: zip.length });
    expect(byPath.gz!.mediaType).toBe('application/gzip');
    expect(byPath.jpeg!.mediaType).toBe('image/jpeg');
    expect(byPath.webp!.mediaType).toBe('image/webp');
    expect(byPath.unknown!.mediaType).toBeUndefined();
    expect(byPath.unknown!.description).toBe('binary data, 2.0 kB of base64 (1.5 kB decoded)');
  });

  it('reports an UploadedFile at the marker, with its declared mime type and name', () => {
    const contents = png(5000).toString('base64');
    const state = {
      files: [
        { '__mesop.UploadedFile__': { contents, name: 'cat.png', size: 5000, mime_type: 'image/png' } },
        {
          '__mesop.UploadedFile__': {
            contents: Buffer.from('%PDF-1').toString('base64'),
            name: 'a.pdf',
            size: 6,
            mime_type: '',
          },
        },
      ],
    };
    const m = measureJson(pyDumps(state));
    expect(m.blobs).toEqual([
      {
        path: 'files[0]',
        bytes: contents.length + 2,
        encoding: 'base64',
        mediaType: 'image/png',
        decodedBytes: 5000,
        description: 'PNG image "cat.png" (UploadedFile), 6.7 kB of base64 (5.0 kB decoded)',
      },
      expect.objectContaining({ path: 'files[1]', mediaType: 'application/pdf', decodedBytes: 6 }),
    ]);
    expect(m.aggregates.find((a) => a.path === 'files[*]')!.kind).toBe('uploaded_file');
  });
});
