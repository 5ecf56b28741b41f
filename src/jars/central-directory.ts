// A zip's central directory, walked record by record over a positioned reader (PKWARE APPNOTE 4.3.12-4.3.16:
// end of central directory record, zip64 end record and locator, central file headers, zip64 extra field).
// Why not yauzl here: it builds an Entry object, decodes and validates every name and issues two reads with a
// callback per entry (~10 µs each): 300-600 ms for flink-dist's 36,726 entries on a busy 2-core machine,
// where this walk costs a few ms and decodes only the names the scan uses. It reads names, sizes and offsets
// only; entry data is read by zip-reader.ts, and Python archives still go through yauzl (src/python/archive.ts).

/** Reads up to `length` bytes at `position` into `target` (from `offset`); returns how many were read. */
export type ReadAt = (target: Buffer, offset: number, length: number, position: number) => number;

/** Why a file is not a readable zip, in the words the report puts after the file's name ("is corrupt (…)"). */
export class ZipFormatError extends Error {
  override readonly name = 'ZipFormatError';
}

export interface ZipEnd {
  /** Entries the end record declares. */
  entryCount: number;
  centralDirectoryOffset: number;
}

/** One central-directory record; the object is reused for the next record, and its name bytes move with it. */
export interface CentralEntry {
  /** The file name is bytes[nameStart, nameStart + nameLength): valid until the walk moves on. */
  bytes: Buffer;
  nameStart: number;
  nameLength: number;
  flags: number;
  compressionMethod: number;
  compressedSize: number;
  uncompressedSize: number;
  localHeaderOffset: number;
  /** External file attributes: the upper 16 bits hold the Unix mode when the zip was made on Unix (symlinks). */
  externalAttributes: number;
  /** Why the record contradicts itself (a zip64 marker without its value), for the caller to report by name. */
  lie?: string;
}

/** The entry's file name. The JVM reads names as UTF-8 whatever the zip's language flag says; so does flink-doctor. */
export function entryName(entry: CentralEntry, length = entry.nameLength): string {
  return entry.bytes.toString('utf8', entry.nameStart, entry.nameStart + length);
}

const END_SIGNATURE = 0x06054b50;
const END_BYTES = 22;
const ZIP64_LOCATOR_SIGNATURE = 0x07064b50;
const ZIP64_LOCATOR_BYTES = 20;
const ZIP64_END_SIGNATURE = 0x06064b50;
const ZIP64_END_BYTES = 56;
const HEADER_SIGNATURE = 0x02014b50;
const HEADER_BYTES = 46;
const ZIP64_MARKER = 0xffffffff;
const ZIP64_EXTRA_FIELD = 0x0001;
const MAX_COMMENT = 0xffff;
const NOT_A_ZIP = 'is not a zip/JAR file (no central directory: not a zip, or truncated)';

/** The tail of the file being read: one buffer for every file (a file is read synchronously, one at a time). */
let tailScratch: Buffer | undefined;

/** Finds the end record (the last one, before an optional comment) and, when it says so, the zip64 end record. */
export function readZipEnd(read: ReadAt, size: number): ZipEnd {
  const tailBytes = Math.min(size, END_BYTES + MAX_COMMENT);
  const tail = (tailScratch ??= Buffer.allocUnsafe(END_BYTES + MAX_COMMENT));
  const got = read(tail, 0, tailBytes, size - tailBytes); // only the `got` bytes read are looked at
  let at = got - END_BYTES;
  while (at >= 0 && tail.readUInt32LE(at) !== END_SIGNATURE) at -= 1;
  if (at < 0) throw new ZipFormatError(NOT_A_ZIP);
  const entryCount = tail.readUInt16LE(at + 10);
  const centralDirectoryOffset = tail.readUInt32LE(at + 16);
  if (entryCount !== 0xffff && centralDirectoryOffset !== ZIP64_MARKER && tail.readUInt32LE(at + 12) !== ZIP64_MARKER) {
    return checkedEnd(entryCount, centralDirectoryOffset, size);
  }
  // zip64: the locator sits just before the end record and points at the zip64 end record.
  const locatorAt = size - tailBytes + at - ZIP64_LOCATOR_BYTES;
  const locator = Buffer.alloc(ZIP64_LOCATOR_BYTES);
  if (
    locatorAt < 0 ||
    read(locator, 0, ZIP64_LOCATOR_BYTES, locatorAt) < ZIP64_LOCATOR_BYTES ||
    locator.readUInt32LE(0) !== ZIP64_LOCATOR_SIGNATURE
  ) {
    throw new ZipFormatError('is corrupt (the end record asks for zip64 end records and there are none)');
  }
  const recordAt = Number(locator.readBigUInt64LE(8));
  const record = Buffer.alloc(ZIP64_END_BYTES);
  if (
    !Number.isSafeInteger(recordAt) ||
    read(record, 0, ZIP64_END_BYTES, recordAt) < ZIP64_END_BYTES ||
    record.readUInt32LE(0) !== ZIP64_END_SIGNATURE
  ) {
    throw new ZipFormatError('is corrupt (invalid zip64 end of central directory record)');
  }
  return checkedEnd(Number(record.readBigUInt64LE(32)), Number(record.readBigUInt64LE(48)), size);
}

function checkedEnd(entryCount: number, centralDirectoryOffset: number, size: number): ZipEnd {
  if (!Number.isSafeInteger(centralDirectoryOffset) || centralDirectoryOffset > size) {
    throw new ZipFormatError(
      `is truncated or corrupt (the central directory would start at offset ${centralDirectoryOffset}, past the end of the ${size}-byte file)`,
    );
  }
  if (!Number.isSafeInteger(entryCount)) throw new ZipFormatError(`is corrupt (the end record declares ${entryCount} entries)`);
  return { entryCount, centralDirectoryOffset };
}

/** Bytes of the central directory held at once: more than the largest record (46 + 3 × 65,535 bytes). */
const WINDOW_BYTES = 256 * 1024;
/** The window, kept for the next walk (walks are synchronous; a walk started inside `visit` gets its own). */
let spareWindow: Buffer | undefined;

/**
 * Calls `visit` for the first `limit` records (it returns false to stop early). A record that is not where the
 * end record said, or runs past the end of the file, is a ZipFormatError: the archive is truncated or corrupt.
 * Records are read in place from a window over the directory: no copy and no object per record.
 */
export function walkCentralDirectory(read: ReadAt, end: ZipEnd, limit: number, visit: (entry: CentralEntry) => boolean | void): number {
  const window = spareWindow ?? Buffer.allocUnsafe(WINDOW_BYTES);
  spareWindow = undefined;
  try {
    return walkRecords(read, end, limit, visit, window);
  } finally {
    spareWindow = window;
  }
}

function walkRecords(read: ReadAt, end: ZipEnd, limit: number, visit: (entry: CentralEntry) => boolean | void, window: Buffer): number {
  let windowStart = 0;
  let windowLength = 0;
  /** Where `length` bytes at `position` start in the window (refilled from `position` when they are not all in it). */
  const view = (position: number, length: number): number => {
    if (position < windowStart || position + length > windowStart + windowLength) {
      windowStart = position;
      windowLength = read(window, 0, WINDOW_BYTES, position);
    }
    return windowLength - (position - windowStart) >= length ? position - windowStart : -1;
  };
  const entry: CentralEntry = {
    bytes: window,
    nameStart: 0,
    nameLength: 0,
    flags: 0,
    compressionMethod: 0,
    compressedSize: 0,
    uncompressedSize: 0,
    localHeaderOffset: 0,
    externalAttributes: 0,
  };
  let position = end.centralDirectoryOffset;
  let seen = 0;
  while (seen < Math.min(limit, end.entryCount)) {
    let at = view(position, HEADER_BYTES);
    if (at < 0) throw new ZipFormatError(cutOff(seen, end));
    if (u32(window, at) !== HEADER_SIGNATURE) {
      throw new ZipFormatError(
        `is truncated or corrupt (invalid central directory file header signature at entry ${seen + 1} of ${end.entryCount})`,
      );
    }
    const recordBytes = HEADER_BYTES + u16(window, at + 28) + u16(window, at + 30) + u16(window, at + 32);
    at = view(position, recordBytes);
    if (at < 0) throw new ZipFormatError(cutOff(seen, end));
    readRecord(entry, window, at);
    position += recordBytes;
    seen += 1;
    if (visit(entry) === false) break;
  }
  return seen;
}

/** The record at `at`: name, flags, method, and sizes and offset (zip64 values resolved). */
function readRecord(entry: CentralEntry, window: Buffer, at: number): void {
  entry.nameStart = at + HEADER_BYTES;
  entry.nameLength = u16(window, at + 28);
  entry.flags = u16(window, at + 8);
  entry.compressionMethod = u16(window, at + 10);
  entry.compressedSize = u32(window, at + 20);
  entry.uncompressedSize = u32(window, at + 24);
  entry.localHeaderOffset = u32(window, at + 42);
  entry.externalAttributes = u32(window, at + 38);
  entry.lie = undefined;
  if (entry.uncompressedSize === ZIP64_MARKER || entry.compressedSize === ZIP64_MARKER || entry.localHeaderOffset === ZIP64_MARKER) {
    const extraStart = entry.nameStart + entry.nameLength;
    resolveZip64(entry, window.subarray(extraStart, extraStart + u16(window, at + 30)));
  }
}

// Little-endian fields read as plain byte arithmetic: the run reads tens of thousands of records before the
// JIT has warmed up, and a call into Buffer's bounds-checked readers costs more than the read.
const u16 = (b: Buffer, at: number): number => (b[at] as number) | ((b[at + 1] as number) << 8);
const u32 = (b: Buffer, at: number): number =>
  ((b[at] as number) | ((b[at + 1] as number) << 8) | ((b[at + 2] as number) << 16)) + (b[at + 3] as number) * 0x1000000;

const cutOff = (seen: number, end: ZipEnd) => `is truncated (central directory entry ${seen + 1} of ${end.entryCount} is cut off)`;

/** The zip64 extra field's value for each size or offset marked 0xFFFFFFFF (in the field's fixed order). */
function resolveZip64(entry: CentralEntry, extra: Buffer): void {
  const zip64 = extraField(extra, ZIP64_EXTRA_FIELD);
  const unresolved: string[] = [];
  let at = 0;
  const resolve = (value: number, what: string): number => {
    if (value !== ZIP64_MARKER) return value;
    if (zip64 && at + 8 <= zip64.length) {
      at += 8;
      return Number(zip64.readBigUInt64LE(at - 8));
    }
    unresolved.push(what);
    return value;
  };
  entry.uncompressedSize = resolve(entry.uncompressedSize, 'size');
  entry.compressedSize = resolve(entry.compressedSize, 'compressed size');
  entry.localHeaderOffset = resolve(entry.localHeaderOffset, 'offset');
  if (unresolved.length > 0) entry.lie = markerLie(unresolved);
}

/** 0xFFFFFFFF means "the real value is in the zip64 extra field"; without it the entry is corrupt (the JVM rejects it). */
function markerLie(unresolved: readonly string[]): string {
  // Named in the order a reader states them: compressed size, size, offset.
  const names = ['compressed size', 'size', 'offset'].filter((name) => unresolved.includes(name));
  return `has the zip64 marker 0xFFFFFFFF as its ${names.join(' and ')} but no zip64 extra field`;
}

function extraField(extra: Buffer, id: number): Buffer | undefined {
  let at = 0;
  while (at + 4 <= extra.length) {
    const size = extra.readUInt16LE(at + 2);
    if (extra.readUInt16LE(at) === id) return extra.subarray(at + 4, Math.min(extra.length, at + 4 + size));
    at += 4 + size;
  }
  return undefined;
}
