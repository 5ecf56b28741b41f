// A small zip writer for tests and the benchmark: stored or deflated entries, and the lies a hostile file
// tells (declared sizes that do not match, huge entry counts). Big stored entries are written sparse.
import { open } from 'node:fs/promises';
import { crc32, deflateRawSync } from 'node:zlib';

export interface ZipEntry {
  name: string;
  data: Uint8Array | string;
  /** Deflate the data (default) or store it. */
  store?: boolean;
  /** The deflate stream written as the entry's body instead of zlib's (it must inflate to `data`). */
  deflated?: Uint8Array;
  /** Claim this uncompressed size in the headers instead of the real one (zip-bomb-like files). */
  declaredSize?: number;
  /** Claim this compressed size in the headers (0xFFFFFFFF without a zip64 extra field: a corrupt entry). */
  declaredCompressedSize?: number;
  /** Unix mode (0o120777 for a symlink, whose data is then its target), stored as zip tools on Unix do. */
  unixMode?: number;
  /**
   * Claim this local-header offset through a zip64 extra field (the central directory then says 0xFFFFFFFF):
   * how a hostile file points an entry far past its own end (2^62).
   */
  zip64Offset?: bigint;
}

export async function writeZip(path: string, entries: readonly ZipEntry[]): Promise<string> {
  const parts: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const raw = typeof entry.data === 'string' ? Buffer.from(entry.data) : Buffer.from(entry.data);
    const body = entry.store ? raw : entry.deflated ? Buffer.from(entry.deflated) : deflateRawSync(raw);
    const compressed = entry.declaredCompressedSize ?? body.length;
    const header = localHeader(entry.name, entry.store ? 0 : 8, crc32(raw), compressed, entry.declaredSize ?? raw.length);
    central.push(
      centralHeader(entry.name, entry.store ? 0 : 8, crc32(raw), compressed, entry.declaredSize ?? raw.length, offset, {
        unixMode: entry.unixMode,
        zip64Offset: entry.zip64Offset,
      }),
    );
    parts.push(header, body);
    offset += header.length + body.length;
  }
  const cd = Buffer.concat(central);
  // More than 65,535 entries need the zip64 end records (as `jar` and the JDK write them).
  if (entries.length > 0xffff) parts.push(cd, zip64EndRecords(entries.length, cd.length, offset, offset + cd.length));
  parts.push(...(entries.length > 0xffff ? [] : [cd]), endRecord(entries.length, cd.length, offset));
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
export async function writeZipWithLargeStoredEntry(
  path: string,
  entries: readonly ZipEntry[],
  largeName: string,
  largeBytes: number,
): Promise<string> {
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

function centralHeader(
  name: string,
  method: number,
  crc: number,
  compressed: number,
  size: number,
  offset: number,
  { unixMode, zip64Offset }: { unixMode?: number; zip64Offset?: bigint } = {},
): Buffer {
  const fileName = Buffer.from(name);
  // The zip64 extended information field (id 0x0001) holds only the values marked 0xFFFFFFFF: here the offset.
  const extra = zip64Offset === undefined ? Buffer.alloc(0) : Buffer.alloc(12);
  if (zip64Offset !== undefined) {
    extra.writeUInt16LE(0x0001, 0);
    extra.writeUInt16LE(8, 2);
    extra.writeBigUInt64LE(zip64Offset, 4);
  }
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
  b.writeUInt16LE(extra.length, 30);
  b.writeUInt32LE(zip64Offset === undefined ? offset : 0xffffffff, 42);
  return Buffer.concat([b, fileName, extra]);
}

/** Zip64 end of central directory record and its locator (APPNOTE 4.3.14, 4.3.15). */
function zip64EndRecords(count: number, cdSize: number, cdOffset: number, recordOffset: number): Buffer {
  const record = Buffer.alloc(56);
  record.writeUInt32LE(0x06064b50, 0);
  record.writeBigUInt64LE(44n, 4);
  record.writeUInt16LE(45, 12);
  record.writeUInt16LE(45, 14);
  record.writeBigUInt64LE(BigInt(count), 24);
  record.writeBigUInt64LE(BigInt(count), 32);
  record.writeBigUInt64LE(BigInt(cdSize), 40);
  record.writeBigUInt64LE(BigInt(cdOffset), 48);
  const locator = Buffer.alloc(20);
  locator.writeUInt32LE(0x07064b50, 0);
  locator.writeBigUInt64LE(BigInt(recordOffset), 8);
  locator.writeUInt32LE(1, 16);
  return Buffer.concat([record, locator]);
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
