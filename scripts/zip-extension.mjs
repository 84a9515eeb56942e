// Packs the built extension folder into a zip for the Chrome Web Store, with node:zlib only (no
// dependency): local file headers + deflate-raw data + central directory (PKWARE APPNOTE 6.3.10,
// sections 4.3.7, 4.3.12, 4.3.16). Source maps stay out of the store package. Entries are sorted
// and dated 1980-01-01 so the same build gives the same zip.
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { crc32, deflateRawSync } from 'node:zlib';

const DOS_DATE_1980 = (0 << 9) | (1 << 5) | 1; // 1980-01-01
const DOS_TIME_0 = 0;

function* files(dir) {
  for (const name of readdirSync(dir).sort()) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) yield* files(full);
    else if (!name.endsWith('.map')) yield full;
  }
}

export async function zipExtension(dir, outFile) {
  const locals = [];
  const centrals = [];
  let offset = 0;
  for (const file of files(dir)) {
    const name = Buffer.from(relative(dir, file).split(sep).join('/'), 'utf8');
    const data = readFileSync(file);
    const deflated = deflateRawSync(data, { level: 9 });
    const stored = deflated.length >= data.length;
    const body = stored ? data : deflated;
    const crc = crc32(data) >>> 0;
    const common = (b, at) => {
      b.writeUInt16LE(stored ? 0 : 8, at); // method: store / deflate
      b.writeUInt16LE(DOS_TIME_0, at + 2);
      b.writeUInt16LE(DOS_DATE_1980, at + 4);
      b.writeUInt32LE(crc, at + 6);
      b.writeUInt32LE(body.length, at + 10);
      b.writeUInt32LE(data.length, at + 14);
      b.writeUInt16LE(name.length, at + 18);
      b.writeUInt16LE(0, at + 20); // extra field length
    };
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4); // version needed: 2.0
    local.writeUInt16LE(0x0800, 6); // flags: UTF-8 names
    common(local, 8);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4); // version made by
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    common(central, 10);
    // comment length, disk number, internal attributes, external attributes: 0
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, body);
    centrals.push(central, name);
    offset += local.length + name.length + body.length;
  }
  const centralSize = centrals.reduce((n, b) => n + b.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(centrals.length / 2, 8);
  end.writeUInt16LE(centrals.length / 2, 10);
  end.writeUInt32LE(centralSize, 12);
  end.writeUInt32LE(offset, 16);
  writeFileSync(outFile, Buffer.concat([...locals, ...centrals, end]));
  return outFile;
}
