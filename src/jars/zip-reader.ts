// Reads what identification needs from a JAR without extracting it: the central directory (entry names
// and sizes) plus a few small entries and the 8-byte headers of a bounded sample of class files.
// yauzl parses the end record and the central directory (zip64, name encodings, consistency); the bytes come
// from a small block cache over synchronous reads, so a JAR costs a handful of system calls instead of a
// thread-pool round trip per header. Entry data is read and inflated here, each read capped by LIMITS, so a
// 300 MB fat JAR or a zip bomb costs about what a small JAR costs. Every entry's offsets are checked against the
// file's size before anything is read from them, and the whole read has a deadline: a hostile JAR is a
// described error of that JAR, never a crash or a hang of the run.
import { closeSync, constants as fsConstants, fstatSync, openSync, readSync } from 'node:fs';
import { constants as zlibConstants, inflateRawSync } from 'node:zlib';
import type { Entry, RandomAccessReader, ZipFile } from 'yauzl';
import { LIMITS } from '../engine/limits.js';
import { commonJsExports } from '../util/commonjs.js';

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
  /** Class entries ("org/apache/kafka/clients/Foo.class"), without module-info and multi-release copies. */
  classes: string[];
  /** Highest class-file major version in the sample. */
  classMajor?: number;
  /** Things skipped on purpose (oversized entries): reported, never fatal. */
  notes: string[];
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

/** yauzl 3's low-level reader of a local header (public API, missing from @types/yauzl 2). */
type ZipFileV3 = ZipFile & {
  readLocalFileHeader(entry: Entry, options: { minimal: true }, callback: (error: Error | null, header?: { fileDataStart: number }) => void): void;
};

interface OpenJar {
  fd: number;
  size: number;
  blocks: BlockCache;
}

export async function readJar(path: string, limits: ZipLimits = DEFAULT_LIMITS): Promise<JarContents> {
  const jar = openJar(path);
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      jar.blocks.stop();
      const why = 'a JAR takes milliseconds: a very slow disk, or a file built to be slow';
      reject(new JarReadError(`took longer than ${limits.timeoutMs / 1000} s to read; skipped (${why})`));
    }, limits.timeoutMs);
  });
  const work = readOpenJar(jar, limits);
  work.catch(() => undefined); // after the deadline nobody waits for it
  try {
    return await Promise.race([work, deadline]);
  } finally {
    clearTimeout(timer);
    // Stopped before closed: a read still under way after the deadline must never reach a reused descriptor.
    jar.blocks.stop();
    closeSync(jar.fd);
  }
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

async function readOpenJar(jar: OpenJar, limits: ZipLimits): Promise<JarContents> {
  const yauzl = commonJsExports(await import('yauzl'));
  // The constructor only sets up an EventEmitter: the methods yauzl calls are filled in by blockReader.
  const Reader = yauzl.RandomAccessReader as unknown as new () => RandomAccessReader;
  const reader = blockReader(new Reader(), jar);
  const zip = await new Promise<ZipFileV3>((resolve, reject) => {
    yauzl.fromRandomAccessReader(reader, jar.size, { lazyEntries: true, autoClose: false, validateEntrySizes: true }, (error, file) => {
      if (error || !file) reject(new JarReadError(describeZipError(error)));
      else resolve(file as ZipFileV3);
    });
  });
  try {
    const listing = await listEntries(zip, jar.size, limits);
    const contents: JarContents = { size: jar.size, entryCount: zip.entryCount, truncated: listing.truncated, texts: {}, classes: [], notes: [] };
    await readTexts(zip, jar, listing.texts, limits, contents);
    contents.classes = listing.classes.map((e) => e.fileName);
    contents.classMajor = await sampleClassMajor(zip, jar, listing.classes, limits.classSample, contents.notes);
    return contents;
  } finally {
    zip.close();
  }
}

async function listEntries(zip: ZipFile, size: number, limits: ZipLimits): Promise<{ texts: Entry[]; classes: Entry[]; truncated: boolean }> {
  const texts: Entry[] = [];
  const classes: Entry[] = [];
  let seen = 0;
  return new Promise((resolve, reject) => {
    zip.on('error', (error: unknown) => reject(new JarReadError(describeZipError(error))));
    zip.on('end', () => resolve({ texts, classes, truncated: false }));
    zip.on('entry', (entry: Entry) => {
      seen += 1;
      const name = entry.fileName;
      const lie = zip64Lie(entry) ?? pastTheEnd(entry, size);
      if (lie) {
        reject(new JarReadError(`is corrupt (central directory entry '${name}' ${lie})`));
        return;
      }
      if (isWantedText(name)) texts.push(entry);
      // Multi-release copies only load on newer JVMs and module-info is often built newer on purpose.
      else if (name.endsWith('.class') && !name.startsWith('META-INF/') && !name.endsWith('module-info.class')) classes.push(entry);
      if (seen >= limits.maxEntries) resolve({ texts, classes, truncated: zip.entryCount > seen });
      else zip.readEntry();
    });
    zip.readEntry();
  });
}

async function readTexts(zip: ZipFileV3, jar: OpenJar, entries: Entry[], limits: ZipLimits, contents: JarContents): Promise<void> {
  let poms = 0;
  for (const entry of entries) {
    if (entry.fileName.endsWith('pom.properties') && ++poms > limits.maxPomProperties) continue;
    const declared = entry.uncompressedSize;
    if (declared > limits.maxTextBytes) {
      contents.notes.push(`${entry.fileName} declares ${declared} bytes; skipped (limit ${limits.maxTextBytes})`);
      continue;
    }
    try {
      // Deflate never needs more than about the output size (+5 bytes per 64 KiB block): twice is plenty.
      const bytes = await entryData(zip, jar, entry, 2 * declared + 1024, declared + 1);
      if (bytes.length !== declared) contents.notes.push(`${entry.fileName} holds ${bytes.length} bytes, not the ${declared} its header declares; skipped`);
      else contents.texts[entry.fileName] = bytes.toString('utf8');
    } catch (error) {
      contents.notes.push(`${entry.fileName}: ${describeEntryError(error, declared)}`);
    }
  }
}

/** Up to `maxOutput` bytes of an entry's content, from at most `maxInput` stored bytes; throws on corrupt data. */
async function entryData(zip: ZipFileV3, jar: OpenJar, entry: Entry, maxInput: number, maxOutput: number): Promise<Buffer> {
  const { fileDataStart } = await new Promise<{ fileDataStart: number }>((resolve, reject) => {
    zip.readLocalFileHeader(entry, { minimal: true }, (error, header) => (error || !header ? reject(error ?? new Error('no local header')) : resolve(header)));
  });
  const stored = entry.compressionMethod === 0;
  if (!stored && entry.compressionMethod !== 8) throw new Error(`uses compression method ${entry.compressionMethod}, which a JVM cannot read`);
  const length = Math.min(entry.compressedSize, stored ? maxOutput : maxInput);
  const raw = Buffer.alloc(length);
  const copied = jar.blocks.copy(raw, 0, length, fileDataStart);
  if (stored) return raw.subarray(0, copied);
  // Z_SYNC_FLUSH: a prefix of the compressed data inflates to a prefix of the content instead of an error.
  return inflateRawSync(raw.subarray(0, copied), { finishFlush: zlibConstants.Z_SYNC_FLUSH, maxOutputLength: maxOutput });
}

const ZIP64_MARKER = 0xffffffff;
const ZIP64_EXTRA_FIELD = 0x0001;
const LOCAL_HEADER_BYTES = 30;

/**
 * 0xFFFFFFFF in a size or offset means "the real value is in the zip64 extra field". yauzl 3 keeps the marker
 * as the value when that field is missing, so such an entry would look like a 4 GB member; the JVM (and any zip
 * tool) rejects the archive. Without the field the entry is corrupt.
 */
function zip64Lie(entry: Entry): string | undefined {
  if (entry.extraFields.some((field) => field.id === ZIP64_EXTRA_FIELD)) return undefined;
  const marked = [
    entry.compressedSize === ZIP64_MARKER ? 'compressed size' : undefined,
    entry.uncompressedSize === ZIP64_MARKER ? 'size' : undefined,
    entry.relativeOffsetOfLocalHeader === ZIP64_MARKER ? 'offset' : undefined,
  ].filter(Boolean);
  return marked.length > 0 ? `has the zip64 marker 0xFFFFFFFF as its ${marked.join(' and ')} but no zip64 extra field` : undefined;
}

/**
 * A local header or data that would lie past the end of the file (a zip64 offset of 2^62, a 4 GB member). yauzl
 * would hand such an offset to fs.read, which throws inside its read queue and leaves every later read waiting:
 * any reader of zips from outside checks this first (src/python/archive.ts too).
 */
export function pastTheEnd(entry: Pick<Entry, 'relativeOffsetOfLocalHeader' | 'compressedSize'>, size: number): string | undefined {
  const offset = entry.relativeOffsetOfLocalHeader;
  if (!Number.isSafeInteger(offset) || offset + LOCAL_HEADER_BYTES > size) return `points at offset ${offset}, past the end of the ${size}-byte file`;
  if (!Number.isSafeInteger(entry.compressedSize) || offset + entry.compressedSize > size) {
    return `claims ${entry.compressedSize} bytes of data, more than the ${size}-byte file holds`;
  }
  return undefined;
}

/** Highest major version among an evenly spread sample of class headers (0xCAFEBABE, minor, major). */
async function sampleClassMajor(zip: ZipFileV3, jar: OpenJar, classes: Entry[], sample: number, notes: string[]): Promise<number | undefined> {
  if (classes.length === 0 || sample <= 0) return undefined;
  const step = Math.max(1, classes.length / sample);
  const picked = new Set<Entry>();
  for (let i = 0; i < classes.length && picked.size < sample; i += step) picked.add(classes[Math.floor(i)] as Entry);
  picked.add(classes[classes.length - 1] as Entry);
  let highest: number | undefined;
  let bad = 0;
  for (const entry of picked) {
    // 512 compressed bytes always hold a deflate block header and the first 8 bytes; 1 MiB bounds what they inflate to.
    const header = await entryData(zip, jar, entry, 512, 1024 * 1024).catch(() => undefined);
    if (!header || header.length < 8 || header.readUInt32BE(0) !== 0xcafebabe) {
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
const CACHED_BLOCKS = 8;

/** Reads of one file through a few cached 64 KiB blocks: the central directory is read once, sequentially. */
class BlockCache {
  private readonly blocks = new Map<number, Buffer>();
  private stopped = false;

  constructor(
    private readonly fd: number,
    private readonly size: number,
  ) {}

  /** After this every read throws: set by the deadline and before the descriptor is closed. */
  stop(): void {
    this.stopped = true;
  }

  /** Copies up to `length` bytes at `position` into `target`; fewer at the end of the file. */
  copy(target: Buffer, offset: number, length: number, position: number): number {
    if (this.stopped) throw new Error('reading stopped (time limit)');
    if (!Number.isSafeInteger(position) || position < 0) throw new Error(`offset ${position} is out of range`);
    let copied = 0;
    while (copied < length && position + copied < this.size) {
      const at = position + copied;
      const index = Math.floor(at / BLOCK_BYTES);
      const block = this.block(index);
      const within = at - index * BLOCK_BYTES;
      const n = Math.min(length - copied, block.length - within);
      if (n <= 0) break;
      block.copy(target, offset + copied, within, within + n);
      copied += n;
    }
    return copied;
  }

  private block(index: number): Buffer {
    const cached = this.blocks.get(index);
    if (cached) {
      this.blocks.delete(index);
      this.blocks.set(index, cached);
      return cached;
    }
    const buffer = Buffer.allocUnsafe(BLOCK_BYTES);
    const bytesRead = readSync(this.fd, buffer, 0, BLOCK_BYTES, index * BLOCK_BYTES);
    const block = buffer.subarray(0, bytesRead);
    this.blocks.set(index, block);
    if (this.blocks.size > CACHED_BLOCKS) this.blocks.delete(this.blocks.keys().next().value as number);
    return block;
  }
}

/**
 * yauzl's reader interface over the block cache. Callbacks run asynchronously (yauzl's lazy entry loop would
 * otherwise recurse once per entry), and every 64th yields to the event loop so the deadline timer can fire.
 */
function blockReader(reader: RandomAccessReader, jar: OpenJar): RandomAccessReader {
  let calls = 0;
  const later = (callback: () => void) => (++calls % 64 === 0 ? setImmediate(callback) : queueMicrotask(callback));
  reader.read = (buffer, offset, length, position, callback) => {
    let outcome: [Error | null, number];
    try {
      outcome = [null, jar.blocks.copy(buffer, offset, length, position)];
    } catch (error) {
      outcome = [error instanceof Error ? error : new Error(String(error)), 0];
    }
    later(() => (callback as (error: Error | null, bytesRead: number) => void)(...outcome));
  };
  reader._readStreamForRange = () => {
    throw new Error('entry streams are not used: entries are read through the block cache');
  };
  reader.close = (callback: (error: Error | null) => void) => {
    setImmediate(() => callback(null));
  };
  return reader;
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
  return describeZipError(error);
}

function describeZipError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  if (/end of central directory record signature not found/i.test(message)) return 'is not a zip/JAR file (no central directory: not a zip, or truncated)';
  if (/invalid central directory file header signature|unexpected EOF|truncated|offset.*out of range|past the end|overflows/i.test(message)) return `is truncated or corrupt (${message})`;
  if (/invalid|corrupt|bad|too many|too few|unsupported|compression method/i.test(message)) return `is corrupt (${message})`;
  return `cannot be read as a zip (${message})`;
}
