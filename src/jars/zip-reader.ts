// Reads what identification needs from a JAR without extracting it: the central directory (entry names
// and sizes, walked by central-directory.ts) plus a few small entries and the 8-byte headers of a bounded sample
// of class files. The bytes come from a small block cache over synchronous reads, so a JAR costs a handful of
// system calls and no thread-pool round trip. Class names are decoded only when the caller asks for them (the
// scan needs them to compare JARs, not to identify one); package names come from the bytes, decoded once per
// package. Entry data is read and inflated here, each read capped by LIMITS, so a 300 MB fat JAR or a zip bomb
// costs about what a small JAR costs. Every entry's offsets are checked against the file's size before anything
// is read from them, and the read has a deadline: a hostile JAR is a described error of that JAR, never a crash
// or a hang of the run.
import { closeSync, constants as fsConstants, fstatSync, openSync, readSync } from 'node:fs';
import { LIMITS } from '../engine/limits.js';
import { entryName, readZipEnd, walkCentralDirectory, ZipFormatError, type CentralEntry, type ReadAt } from './central-directory.js';
import { nowMs } from '../util/clock.js';

export interface ZipLimits {
  /** Central-directory entries listed; the rest are counted as unread (a JAR with more is odd). */
  maxEntries: number;
  /** Largest small entry (MANIFEST, NOTICE, …) inflated; bigger ones are skipped. */
  maxTextBytes: number;
  /** Class files whose header is read. */
  classSample: number;
  /** pom.properties files read (fat JARs of other builds carry one per shaded dependency). */
  maxPomProperties: number;
  /** The whole read of one JAR; past it the JAR is reported as unreadable. */
  timeoutMs: number;
}

export const DEFAULT_LIMITS: ZipLimits = {
  maxEntries: LIMITS.zipEntries,
  maxTextBytes: LIMITS.zipTextBytes,
  classSample: LIMITS.zipClassSample,
  maxPomProperties: LIMITS.zipPomProperties,
  timeoutMs: LIMITS.zipReadMs,
};

export interface JarContents {
  size: number;
  entryCount: number;
  /** Entries beyond maxEntries were not looked at. */
  truncated: boolean;
  /** Small entries read, by name. */
  texts: Record<string, string>;
  /** Class entries ("org/apache/kafka/clients/Foo.class"), without module-info and multi-release copies; empty unless asked for. */
  classes: string[];
  /** How many class entries there are (counted whether or not their names were decoded). */
  classCount: number;
  /** The packages of those classes ("org/apache/kafka/clients"), sorted. */
  packages: string[];
  /** Some class sits in no package ("Foo.class"): `packages` does not show it. */
  defaultPackage: boolean;
  /** Highest class-file major version in the sample. */
  classMajor?: number;
  /** Things skipped on purpose (oversized entries): reported, never fatal. */
  notes: string[];
}

export interface ReadOptions {
  /** Decode every class entry's name into `classes` (default true; the scan asks only when it compares JARs). */
  classNames?: boolean;
}

/** Why a file could not be read as a JAR, in words for the report. */
export class JarReadError extends Error {
  override readonly name = 'JarReadError';
}

export function isWantedText(name: string): boolean {
  return (
    name === 'META-INF/MANIFEST.MF' ||
    name === 'META-INF/NOTICE' ||
    name === 'META-INF/NOTICE.txt' ||
    name === 'META-INF/services/org.apache.flink.table.factories.Factory' ||
    name === 'META-INF/services/java.sql.Driver' ||
    (name.startsWith('META-INF/maven/') && name.endsWith('/pom.properties'))
  );
}

interface OpenJar {
  fd: number;
  size: number;
  blocks: BlockCache;
}

/** Where an entry's data is and how it is stored: all that reading it needs. */
interface StoredEntry {
  compressionMethod: number;
  compressedSize: number;
  uncompressedSize: number;
  localHeaderOffset: number;
}

type TextEntry = StoredEntry & { fileName: string };

export async function readJar(path: string, limits: ZipLimits = DEFAULT_LIMITS, options: ReadOptions = {}): Promise<JarContents> {
  const jar = openJar(path);
  try {
    return readOpenJar(jar, limits, options.classNames ?? true);
  } catch (error) {
    throw asJarReadError(error);
  } finally {
    closeJar(jar);
  }
}

/** One entry of a zip listed by listZip. */
export interface ZipListEntry {
  fileName: string;
  /** Unix mode from the external attributes (0 when the zip was not made on Unix). */
  unixMode: number;
  uncompressedSize: number;
}

export interface ZipListLimits {
  maxEntries: number;
  /** Largest content read of one wanted entry; bigger ones are left out. */
  maxBytes: number;
  timeoutMs: number;
  /** Said when the deadline passes. */
  why: string;
}

/**
 * Lists a zip from outside that is not a JAR (a python.archives zip) the way JARs are read: the central directory
 * in place, every entry's offsets checked, the deadline between entries. `want` sees each entry and says whether
 * its content is needed; the contents of those (up to maxBytes, unreadable ones left out) come back in order.
 */
export function listZip(
  path: string,
  limits: ZipListLimits,
  want: (entry: ZipListEntry) => boolean,
): { entryCount: number; seen: number; contents: [ZipListEntry, Buffer][] } {
  const jar = openJar(path);
  try {
    const deadline = new Deadline(limits.timeoutMs, limits.why);
    const read: ReadAt = (target, offset, length, position) => jar.blocks.copy(target, offset, length, position);
    const end = readZipEnd(read, jar.size);
    const wanted: [ZipListEntry, StoredEntry][] = [];
    let count = 0;
    const seen = walkCentralDirectory(read, end, limits.maxEntries, (entry) => {
      if (++count % 1024 === 0) deadline.check();
      const lie =
        entry.lie ?? pastTheEnd({ relativeOffsetOfLocalHeader: entry.localHeaderOffset, compressedSize: entry.compressedSize }, jar.size);
      if (lie) throw new JarReadError(`is corrupt (central directory entry '${entryName(entry)}' ${lie})`);
      const listed = { fileName: entryName(entry), unixMode: entry.externalAttributes >>> 16, uncompressedSize: entry.uncompressedSize };
      if (want(listed)) wanted.push([listed, stored(entry)]);
    });
    const contents: [ZipListEntry, Buffer][] = [];
    for (const [listed, entry] of wanted) {
      if (entry.uncompressedSize > limits.maxBytes) continue;
      deadline.check();
      try {
        contents.push([listed, entryData(jar, entry, 2 * entry.uncompressedSize + 1024, limits.maxBytes)]);
      } catch {
        // A corrupt small entry is left out: the listing stands without its text.
      }
    }
    return { entryCount: end.entryCount, seen, contents };
  } catch (error) {
    throw asJarReadError(error);
  } finally {
    closeJar(jar);
  }
}

/** Any failure while reading a zip as the one error its callers handle, worded for the user. */
function asJarReadError(error: unknown): JarReadError {
  if (error instanceof JarReadError) return error;
  return new JarReadError(error instanceof ZipFormatError ? error.message : `cannot be read as a zip (${errorText(error)})`);
}

/** Opens the file (non-blocking, so a FIFO cannot hang the run) and refuses anything but a non-empty regular file. */
function openJar(path: string): OpenJar {
  let fd: number;
  try {
    if (path.includes('\u0000')) throw Object.assign(new Error('NUL in path'), { code: 'ENUL' });
    fd = openSync(path, fsConstants.O_RDONLY | (fsConstants.O_NONBLOCK ?? 0));
  } catch (error) {
    throw new JarReadError(describeFsError(error as NodeJS.ErrnoException));
  }
  const info = fstatSync(fd);
  const problem = info.isDirectory()
    ? 'is a directory, not a JAR file'
    : !info.isFile()
      ? 'is not a regular file'
      : info.size === 0
        ? 'is empty (0 bytes)'
        : undefined;
  if (problem) {
    closeSync(fd);
    throw new JarReadError(problem);
  }
  return { fd, size: info.size, blocks: new BlockCache(fd, info.size) };
}

function readOpenJar(jar: OpenJar, limits: ZipLimits, classNames: boolean): JarContents {
  const deadline = new Deadline(limits.timeoutMs);
  const read: ReadAt = (target, offset, length, position) => jar.blocks.copy(target, offset, length, position);
  const end = readZipEnd(read, jar.size);
  const listing = new Listing(jar.size, classNames);
  const seen = walkCentralDirectory(read, end, limits.maxEntries, (entry) => {
    if (listing.count % 1024 === 0) deadline.check();
    listing.add(entry);
  });
  const contents: JarContents = {
    size: jar.size,
    entryCount: end.entryCount,
    truncated: end.entryCount > seen,
    texts: {},
    classes: listing.classNames,
    classCount: listing.classCount,
    packages: [...listing.packages].sort(),
    defaultPackage: listing.defaultPackage,
    notes: [],
  };
  readTexts(jar, listing.texts, limits, contents, deadline);
  contents.classMajor = sampleClassMajor(jar, listing, limits.classSample, contents.notes, deadline);
  return contents;
}

const META_INF = Buffer.from('META-INF/');
const CLASS_SUFFIX = Buffer.from('.class');
const MODULE_INFO = Buffer.from('module-info.class');
const SLASH = 0x2f;

/**
 * What the walk keeps of the entries: the wanted small entries, where each class file is (for the header
 * sample), the packages, and the class names only when asked. Names are looked at as bytes (plain loops: a
 * native compare per entry costs more than the comparison); a string is made for META-INF entries, for each
 * new package, and for class names when they are wanted.
 */
class Listing {
  count = 0;
  readonly texts: TextEntry[] = [];
  readonly classNames: string[] = [];
  readonly packages = new Set<string>();
  defaultPackage = false;
  /** Three numbers per class entry: local header offset, compressed size, compression method. */
  readonly classes: number[] = [];
  private lastPackage = Buffer.alloc(256);
  private lastPackageLength = -1;

  constructor(
    private readonly size: number,
    private readonly wantNames: boolean,
  ) {}

  get classCount(): number {
    return this.classes.length / 3;
  }

  add(entry: CentralEntry): void {
    this.count += 1;
    if (entry.lie || entry.localHeaderOffset + entry.compressedSize + LOCAL_HEADER_BYTES > this.size) {
      const lie =
        entry.lie ?? pastTheEnd({ relativeOffsetOfLocalHeader: entry.localHeaderOffset, compressedSize: entry.compressedSize }, this.size);
      if (lie) throw new JarReadError(`is corrupt (central directory entry '${entryName(entry)}' ${lie})`);
    }
    const { bytes, nameStart: start, nameLength: length } = entry;
    if (bytesAt(bytes, start, length, META_INF, 0)) {
      // Multi-release copies only load on newer JVMs: never counted as the JAR's classes.
      const fileName = entryName(entry);
      if (isWantedText(fileName)) this.texts.push({ fileName, ...stored(entry) });
      return;
    }
    if (
      !bytesAt(bytes, start, length, CLASS_SUFFIX, length - CLASS_SUFFIX.length) ||
      bytesAt(bytes, start, length, MODULE_INFO, length - MODULE_INFO.length)
    )
      return;
    this.classes.push(entry.localHeaderOffset, entry.compressedSize, entry.compressionMethod);
    if (this.wantNames) this.classNames.push(entryName(entry));
    this.notePackage(entry);
  }

  /** Entries come grouped by folder: a package is decoded when it differs from the previous entry's. */
  private notePackage(entry: CentralEntry): void {
    const { bytes, nameStart: start } = entry;
    let slash = entry.nameLength - 1;
    while (slash > 0 && bytes[start + slash] !== SLASH) slash -= 1;
    if (slash <= 0) {
      this.defaultPackage = true;
      return;
    }
    if (slash === this.lastPackageLength && this.samePackage(bytes, start, slash)) return;
    this.packages.add(entryName(entry, slash));
    if (this.lastPackage.length < slash) this.lastPackage = Buffer.alloc(slash);
    bytes.copy(this.lastPackage, 0, start, start + slash);
    this.lastPackageLength = slash;
  }

  private samePackage(bytes: Buffer, start: number, length: number): boolean {
    for (let i = length - 1; i >= 0; i -= 1) if (bytes[start + i] !== this.lastPackage[i]) return false;
    return true;
  }
}

/** Whether the name bytes[start, start + length) hold `part` at `at`. */
function bytesAt(bytes: Buffer, start: number, length: number, part: Buffer, at: number): boolean {
  if (at < 0 || at + part.length > length) return false;
  for (let i = 0; i < part.length; i += 1) if (bytes[start + at + i] !== part[i]) return false;
  return true;
}

function stored(entry: CentralEntry): StoredEntry {
  const { compressionMethod, compressedSize, uncompressedSize, localHeaderOffset } = entry;
  return { compressionMethod, compressedSize, uncompressedSize, localHeaderOffset };
}

/** The read's time limit: checked between entries and reads (the reads are synchronous, so no timer could cut in). */
class Deadline {
  private readonly at: number;

  constructor(
    private readonly ms: number,
    private readonly why = 'a JAR takes milliseconds: a very slow disk, or a file built to be slow',
  ) {
    this.at = nowMs() + ms;
  }

  check(): void {
    if (nowMs() <= this.at) return;
    const why = this.why;
    throw new JarReadError(`took longer than ${this.ms / 1000} s to read; skipped (${why})`);
  }
}

function readTexts(jar: OpenJar, entries: TextEntry[], limits: ZipLimits, contents: JarContents, deadline: Deadline): void {
  let poms = 0;
  for (const entry of entries) {
    if (entry.fileName.endsWith('pom.properties') && ++poms > limits.maxPomProperties) continue;
    const declared = entry.uncompressedSize;
    if (declared > limits.maxTextBytes) {
      contents.notes.push(`${entry.fileName} declares ${declared} bytes; skipped (limit ${limits.maxTextBytes})`);
      continue;
    }
    deadline.check();
    try {
      // Deflate never needs more than about the output size (+5 bytes per 64 KiB block): twice is plenty.
      const bytes = entryData(jar, entry, 2 * declared + 1024, declared + 1);
      if (bytes.length !== declared)
        contents.notes.push(`${entry.fileName} holds ${bytes.length} bytes, not the ${declared} its header declares; skipped`);
      else contents.texts[entry.fileName] = bytes.toString('utf8');
    } catch (error) {
      contents.notes.push(`${entry.fileName}: ${describeEntryError(error, declared)}`);
    }
  }
}

const LOCAL_HEADER_SIGNATURE = 0x04034b50;
const LOCAL_HEADER_BYTES = 30;

/**
 * Up to `maxOutput` bytes of an entry's content, from at most `maxInput` stored bytes; throws on corrupt data.
 * With `head`, only the first `head` bytes are wanted: a stored entry is read no further (a deflated one is inflated
 * by zlib as any entry: a hand-written decoder of those few bytes was measured cheaper, but zlib is the one to trust).
 */
function entryData(jar: OpenJar, entry: StoredEntry, maxInput: number, maxOutput: number, head?: number): Buffer {
  const header = localHeader;
  const got = jar.blocks.copy(header, 0, LOCAL_HEADER_BYTES, entry.localHeaderOffset);
  if (got < LOCAL_HEADER_BYTES || header.readUInt32LE(0) !== LOCAL_HEADER_SIGNATURE)
    throw new ZipFormatError('is corrupt (invalid local file header signature)');
  const fileDataStart = entry.localHeaderOffset + LOCAL_HEADER_BYTES + header.readUInt16LE(26) + header.readUInt16LE(28);
  const stored = entry.compressionMethod === 0;
  if (!stored && entry.compressionMethod !== 8)
    throw new Error(`uses compression method ${entry.compressionMethod}, which a JVM cannot read`);
  const length = Math.min(entry.compressedSize, stored ? Math.min(maxOutput, head ?? maxOutput) : maxInput);
  // Stored bytes are handed on (zeroed first); compressed ones only inflated here, so they need no zeroing.
  const raw = stored ? Buffer.alloc(length) : Buffer.allocUnsafe(length);
  const copied = jar.blocks.copy(raw, 0, length, fileDataStart);
  if (stored) return raw.subarray(0, copied);
  // Z_SYNC_FLUSH: a prefix of the compressed data inflates to a prefix of the content instead of an error.
  // Output chunks no bigger than the output wanted (a head's prefix inflates to a few hundred bytes): zlib's default
  // is a new 16 KiB buffer per call, where one under 4 KiB comes from Buffer's pool.
  // node:zlib on the first entry inflated: a next run whose JARs the JAR cache answers inflates nothing, and loading it
  // at start-up cost ~1.5 ms (Node 24).
  const zlib = process.getBuiltinModule('node:zlib');
  const chunkSize = Math.max(
    zlib.constants.Z_MIN_CHUNK,
    Math.min(head === undefined ? maxOutput : HEAD_CHUNK_BYTES, zlib.constants.Z_DEFAULT_CHUNK),
  );
  return zlib.inflateRawSync(raw.subarray(0, copied), { finishFlush: zlib.constants.Z_SYNC_FLUSH, maxOutputLength: maxOutput, chunkSize });
}

const HEAD_CHUNK_BYTES = 1024;

/** The local header being read (entries are read one at a time, synchronously). */
const localHeader = Buffer.alloc(LOCAL_HEADER_BYTES);

/**
 * A local header or data that would lie past the end of the file (a zip64 offset of 2^62, a 4 GB member). A zip
 * library would hand such an offset to fs.read, which throws inside its read queue and leaves every later read
 * waiting: any reader of zips from outside checks this first (src/python/archive.ts too).
 */
export function pastTheEnd(entry: { relativeOffsetOfLocalHeader: number; compressedSize: number }, size: number): string | undefined {
  const offset = entry.relativeOffsetOfLocalHeader;
  if (!Number.isSafeInteger(offset) || offset + LOCAL_HEADER_BYTES > size)
    return `points at offset ${offset}, past the end of the ${size}-byte file`;
  if (!Number.isSafeInteger(entry.compressedSize) || offset + entry.compressedSize > size) {
    return `claims ${entry.compressedSize} bytes of data, more than the ${size}-byte file holds`;
  }
  return undefined;
}

const CLASS_HEADER_BYTES = 8;
/**
 * Compressed bytes inflated for a class header. zlib's cost grows with what it decodes, and the header needs only
 * the deflate block's code tables and 8 literals: in 6,344 sampled classes of 323 real JARs (the real tier's cache)
 * 144 bytes always sufficed (128 in 99.5%). When HEAD_INPUT gives fewer than 8 bytes, the entry is inflated again
 * from HEAD_INPUT_MAX bytes, which hold any block header (at most ~290 bytes) and the first 8 bytes after it.
 * (A fault in the data past the bytes inflated is not seen: it never was past 512, and the header is what counts.)
 */
const HEAD_INPUT = 160;
const HEAD_INPUT_MAX = 512;
/** 1 MiB bounds what a hostile prefix inflates to. */
const HEAD_OUTPUT_MAX = 1024 * 1024;

/** The first 8 bytes of a class entry (fewer when its content is shorter or its data cut off). */
function classHeader(jar: OpenJar, entry: StoredEntry): Buffer {
  const header = entryData(jar, entry, HEAD_INPUT, HEAD_OUTPUT_MAX, CLASS_HEADER_BYTES);
  if (header.length >= CLASS_HEADER_BYTES || entry.compressedSize <= HEAD_INPUT) return header;
  return entryData(jar, entry, HEAD_INPUT_MAX, HEAD_OUTPUT_MAX, CLASS_HEADER_BYTES);
}

/** Highest major version among an evenly spread sample of class headers (0xCAFEBABE, minor, major). */
function sampleClassMajor(jar: OpenJar, listing: Listing, sample: number, notes: string[], deadline: Deadline): number | undefined {
  const count = listing.classCount;
  if (count === 0 || sample <= 0) return undefined;
  const step = Math.max(1, count / sample);
  const picked = new Set<number>();
  for (let i = 0; i < count && picked.size < sample; i += step) picked.add(Math.floor(i));
  picked.add(count - 1);
  let highest: number | undefined;
  let bad = 0;
  for (const index of picked) {
    deadline.check();
    const [localHeaderOffset, compressedSize, compressionMethod] = listing.classes.slice(3 * index, 3 * index + 3) as [
      number,
      number,
      number,
    ];
    let header: Buffer | undefined;
    try {
      header = classHeader(jar, { localHeaderOffset, compressedSize, compressionMethod, uncompressedSize: 0 });
    } catch {
      header = undefined;
    }
    if (!header || header.length < CLASS_HEADER_BYTES || header.readUInt32BE(0) !== 0xcafebabe) {
      bad += 1;
      continue;
    }
    const major = header.readUInt16BE(6);
    if (highest === undefined || major > highest) highest = major;
  }
  if (bad > 0) notes.push(`${bad} of ${picked.size} sampled class files have no valid class header`);
  return highest;
}

const BLOCK_BYTES = 64 * 1024;
/** A read this small outside the cached blocks (a local header, a class header's 512 bytes) reads one page. */
const PAGE_BYTES = 4 * 1024;
const CACHED_BLOCKS = 8;

interface Block {
  /** Where in the file the block starts. */
  start: number;
  bytes: Buffer;
  /** The buffer the bytes were read into (BLOCK_BYTES or PAGE_BYTES long), reused after it. */
  whole: Buffer;
}

/** Buffers of files already closed, by size, reused by the next file (files are read one at a time, synchronously). */
const spare = new Map<number, Buffer[]>([
  [BLOCK_BYTES, []],
  [PAGE_BYTES, []],
]);

/**
 * Reads of one file through a few cached 64 KiB blocks: the central directory is read once, sequentially; a small
 * JAR is one block, one read. A small read elsewhere (the sampled class headers, spread over the file) reads a 4 KiB
 * page instead. The buffers are passed on at close, so a thousand JARs allocate a few.
 */
class BlockCache {
  /** By key: 2 × index for blocks, 2 × index + 1 for pages; oldest first. */
  private readonly blocks = new Map<number, Block>();

  constructor(
    private readonly fd: number,
    private readonly size: number,
  ) {}

  /** Copies up to `length` bytes at `position` into `target`; fewer at the end of the file. */
  copy(target: Buffer, offset: number, length: number, position: number): number {
    if (!Number.isSafeInteger(position) || position < 0) throw new ZipFormatError(`is corrupt (offset ${position} is out of range)`);
    let copied = 0;
    while (copied < length && position + copied < this.size) {
      const at = position + copied;
      const block = this.blockAt(at, length <= PAGE_BYTES ? PAGE_BYTES : BLOCK_BYTES);
      const within = at - block.start;
      const n = Math.min(length - copied, block.bytes.length - within);
      if (n <= 0) break;
      block.bytes.copy(target, offset + copied, within, within + n);
      copied += n;
    }
    return copied;
  }

  /** Hands the buffers on to the next file. */
  release(): void {
    for (const { whole } of this.blocks.values()) {
      const list = spare.get(whole.length);
      if (list && list.length < CACHED_BLOCKS) list.push(whole);
    }
    this.blocks.clear();
  }

  /** The cached block or page holding `at`, else the one of `size` read now. */
  private blockAt(at: number, size: number): Block {
    const cached = this.blocks.get(2 * Math.floor(at / BLOCK_BYTES)) ?? this.blocks.get(2 * Math.floor(at / PAGE_BYTES) + 1);
    if (cached) return cached;
    const index = Math.floor(at / size);
    const whole = spare.get(size)?.pop() ?? Buffer.allocUnsafe(size);
    const block = { start: index * size, bytes: whole.subarray(0, readSync(this.fd, whole, 0, size, index * size)), whole };
    this.blocks.set(size === BLOCK_BYTES ? 2 * index : 2 * index + 1, block);
    // The oldest goes first: the walk moves forward, and the few random reads after it each need one block or page.
    if (this.blocks.size > CACHED_BLOCKS) {
      const oldest = this.blocks.keys().next().value as number;
      const { whole: freed } = this.blocks.get(oldest) as Block;
      spare.get(freed.length)?.push(freed);
      this.blocks.delete(oldest);
    }
    return block;
  }
}

/** Closes the file and passes its block buffers on. */
function closeJar(jar: OpenJar): void {
  jar.blocks.release();
  closeSync(jar.fd);
}

function describeFsError(error: NodeJS.ErrnoException): string {
  switch (error.code) {
    case 'ENOENT':
      return 'does not exist';
    case 'EACCES':
    case 'EPERM':
      return 'cannot be read (permission denied)';
    case 'ELOOP':
      return 'cannot be read (symbolic link loop)';
    case 'ENOTDIR':
      return 'does not exist (a parent is not a directory)';
    case 'ENUL':
      return 'is not a file name: it contains a NUL character';
    case 'EISDIR':
      return 'is a directory, not a JAR file';
    default:
      return `cannot be read (${error.code ?? error.message})`;
  }
}

function describeEntryError(error: unknown, declared: number): string {
  const code = (error as { code?: string }).code;
  if (code === 'ERR_BUFFER_TOO_LARGE') return `inflates to more than the ${declared} bytes it declares; skipped`;
  if (typeof code === 'string' && code.startsWith('Z_')) return 'its compressed data is corrupt; skipped';
  return error instanceof ZipFormatError ? error.message : `is corrupt (${errorText(error)})`;
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
