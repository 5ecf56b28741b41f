// A small zip writer for tests and the benchmark: stored or deflated entries, and the lies a hostile file
// tells (declared sizes that do not match, huge entry counts). Big stored entries are written sparse.
import { open } from 'node:fs/promises';
import { crc32, deflateRawSync } from 'node:zlib';

export interface ZipEntry {
  name: string;
  data: Uint8Array | string;
  /** Deflate the data (default) or store it. */
  store?: boolean;
  /** Claim this uncompressed size in the headers instead of the real one (zip-bomb-like files). */
  declaredSize?: number;
  /** Claim this compressed size in the headers (0xFFFFFFFF without a zip64 extra field: a corrupt entry). */
  declaredCompressedSize?: number;
  /** Unix mode (0o120777 for a symlink, whose data is then its target), stored as zip tools on Unix do. */
  unixMode?: number;
}

export async function writeZip(path: string, entries: readonly ZipEntry[]): Promise<string> {
  const parts: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const raw = typeof entry.data === 'string' ? Buffer.from(entry.data) : Buffer.from(entry.data);
    const body = entry.store ? raw : deflateRawSync(raw);
    const compressed = entry.declaredCompressedSize ?? body.length;
    const header = localHeader(entry.name, entry.store ? 0 : 8, crc32(raw), compressed, entry.declaredSize ?? raw.length);
    central.push(centralHeader(entry.name, entry.store ? 0 : 8, crc32(raw), compressed, entry.declaredSize ?? raw.length, offset, entry.unixMode));
    parts.push(header, body);
    offset += header.length + body.length;
  }
  const cd = Buffer.concat(central);
  parts.push(cd, endRecord(entries.length, cd.length, offset));
  const file = await open(path, 'w');
  try {
    await file.writev(parts);
  } finally {
    await file.close();
  }
  return path;
}

/**
 * A JAR with small entries plus one large stored entry of zeros, written as a hole (sparse): a 200 MB JAR
 * costs milliseconds and no disk. The CRC is that of the zeros, so the archive is valid.
 */
export async function writeZipWithLargeStoredEntry(path: string, entries: readonly ZipEntry[], largeName: string, largeBytes: number): Promise<string> {
  const file = await open(path, 'w');
  try {
    const central: Buffer[] = [];
    let offset = 0;
    for (const entry of entries) {
      const raw = Buffer.from(entry.data);
      const body = deflateRawSync(raw);
      const header = localHeader(entry.name, 8, crc32(raw), body.length, raw.length);
      central.push(centralHeader(entry.name, 8, crc32(raw), body.length, raw.length, offset));
      await file.write(Buffer.concat([header, body]), 0, header.length + body.length, offset);
      offset += header.length + body.length;
    }
    const crc = zeroCrc(largeBytes);
    const header = localHeader(largeName, 0, crc, largeBytes, largeBytes);
    central.push(centralHeader(largeName, 0, crc, largeBytes, largeBytes, offset));
    await file.write(header, 0, header.length, offset);
    offset += header.length + largeBytes; // the data itself is a hole
    const cd = Buffer.concat(central);
    const tail = Buffer.concat([cd, endRecord(entries.length + 1, cd.length, offset)]);
    await file.write(tail, 0, tail.length, offset);
  } finally {
    await file.close();
  }
  return path;
}

const zeroCrcCache = new Map<number, number>();
function zeroCrc(bytes: number): number {
  const cached = zeroCrcCache.get(bytes);
  if (cached !== undefined) return cached;
  const chunk = Buffer.alloc(1 << 20);
  let crc = 0;
  let left = bytes;
  while (left > 0) {
    const n = Math.min(left, chunk.length);
    crc = crc32(n === chunk.length ? chunk : chunk.subarray(0, n), crc);
    left -= n;
  }
  zeroCrcCache.set(bytes, crc);
  return crc;
}

function localHeader(name: string, method: number, crc: number, compressed: number, size: number): Buffer {
  const fileName = Buffer.from(name);
  const b = Buffer.alloc(30);
  b.writeUInt32LE(0x04034b50, 0);
  b.writeUInt16LE(20, 4);
  b.writeUInt16LE(0x0800, 6); // UTF-8 names
  b.writeUInt16LE(method, 8);
  b.writeUInt32LE(crc >>> 0, 14);
  b.writeUInt32LE(compressed, 18);
  b.writeUInt32LE(Math.min(size, 0xffffffff), 22);
  b.writeUInt16LE(fileName.length, 26);
  return Buffer.concat([b, fileName]);
}

function centralHeader(name: string, method: number, crc: number, compressed: number, size: number, offset: number, unixMode?: number): Buffer {
  const fileName = Buffer.from(name);
  const b = Buffer.alloc(46);
  b.writeUInt32LE(0x02014b50, 0);
  // "Version made by": the upper byte 3 says Unix, so the upper 16 bits of the external attributes are a mode.
  b.writeUInt16LE(unixMode === undefined ? 20 : 0x0314, 4);
  b.writeUInt16LE(20, 6);
  b.writeUInt16LE(0x0800, 8);
  b.writeUInt16LE(method, 10);
  b.writeUInt32LE(crc >>> 0, 16);
  b.writeUInt32LE(compressed, 20);
  b.writeUInt32LE(Math.min(size, 0xffffffff), 24);
  b.writeUInt16LE(fileName.length, 28);
  if (unixMode !== undefined) b.writeUInt32LE((unixMode << 16) >>> 0, 38);
  b.writeUInt32LE(offset, 42);
  return Buffer.concat([b, fileName]);
}

function endRecord(count: number, cdSize: number, cdOffset: number): Buffer {
  const b = Buffer.alloc(22);
  b.writeUInt32LE(0x06054b50, 0);
  b.writeUInt16LE(Math.min(count, 0xffff), 8);
  b.writeUInt16LE(Math.min(count, 0xffff), 10);
  b.writeUInt32LE(cdSize, 12);
  b.writeUInt32LE(cdOffset, 16);
  return b;
}
