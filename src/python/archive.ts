// Lists a zip or tar(.gz) archive without extracting it: every entry's name, type, size and symlink target,
// plus the text of a few small entries the caller wants (pyvenv.cfg). A zip goes through the bounded zip reader
// (src/jars/zip-reader.ts: central directory only, offsets checked, a deadline); a tar through node-tar's
// streaming parser, which has to decompress the whole stream to find each header, so it is bounded in entries,
// in bytes decompressed (counted as they come out of gunzip, so a gzip bomb of zeros stops too) and in time,
// and it stops as soon as the caller says it has what it needs. A cap that ends a listing is said in words
// (`cap`): the checks then judge only what was read. Never writes anything to disk; errors are one line.
import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import type { Parser as TarParser, ReadEntry } from 'tar';
import { LIMITS, formatBytes, formatLimit } from '../engine/limits.js';
import { JarReadError, listZip, type ZipListEntry } from '../jars/zip-reader.js';

export type EntryType = 'file' | 'dir' | 'symlink' | 'hardlink' | 'other';

export interface ArchiveEntry {
  /** Path inside the archive, without a leading "./" or "/". */
  name: string;
  type: EntryType;
  size: number;
  /** Symlink (or hard link) target as stored. */
  target?: string;
}

export interface ArchiveListing {
  format: 'zip' | 'tar' | 'tar.gz';
  entries: ArchiveEntry[];
  /** Wanted small entries, by name. */
  texts: Record<string, string>;
  /** Entries were left unread: a cap was reached (`cap`) or the caller had what it needed (`enough`). */
  truncated: boolean;
  /** The bound that ended the listing, in words ("read up to flink-doctor's cap of 256 MiB uncompressed"). */
  cap?: string;
  /** The listing stopped because the caller's `enough` said it had all it needs. */
  enough?: boolean;
}

export interface ArchiveLimits {
  maxEntries: number;
  /** tar streams only: bytes decompressed before giving up. */
  maxStreamBytes: number;
  maxTextBytes: number;
  /** zip only: symlink targets read (each is an entry of its own). */
  maxLinks: number;
  timeoutMs: number;
}

export const DEFAULT_ARCHIVE_LIMITS: ArchiveLimits = {
  maxEntries: LIMITS.archiveEntries,
  maxStreamBytes: LIMITS.archiveStreamBytes,
  maxTextBytes: LIMITS.archiveTextBytes,
  maxLinks: LIMITS.archiveLinks,
  timeoutMs: LIMITS.archiveReadMs,
};

export interface ReadArchiveOptions {
  /** Small entries whose text is wanted. */
  wanted?: (name: string) => boolean;
  /**
   * Asked after each entry (and each wanted text) of a tar stream: true once the caller has all it needs, and the
   * read stops there. A zip's central directory costs little to list whole, so it is not asked.
   */
  enough?: (listing: ArchiveListing, entry?: ArchiveEntry) => boolean;
  limits?: Partial<ArchiveLimits>;
}

export class ArchiveReadError extends Error {
  override readonly name = 'ArchiveReadError';
}

export function archiveFormat(path: string): ArchiveListing['format'] | undefined {
  if (/\.(zip|jar|whl)$/i.test(path)) return 'zip';
  if (/\.(tar\.gz|tgz)$/i.test(path)) return 'tar.gz';
  if (/\.tar$/i.test(path)) return 'tar';
  return undefined;
}

export async function readArchive(path: string, options: ReadArchiveOptions = {}): Promise<ArchiveListing> {
  const format = archiveFormat(path);
  if (!format) throw new ArchiveReadError('is not a .zip, .tar, .tar.gz or .tgz archive');
  if (path.includes('\u0000')) throw new ArchiveReadError('is not a file name: it contains a NUL character');
  const info = await stat(path).catch((error: NodeJS.ErrnoException) => {
    throw new ArchiveReadError(error.code === 'ENOENT' ? 'does not exist' : `cannot be read (${error.code ?? error.message})`);
  });
  if (!info.isFile()) throw new ArchiveReadError(info.isDirectory() ? 'is a directory, not an archive' : 'is not a regular file');
  const limits = { ...DEFAULT_ARCHIVE_LIMITS, ...options.limits };
  const wanted = options.wanted ?? (() => false);
  return format === 'zip' ? readZip(path, wanted, limits) : readTar(path, wanted, options.enough, limits);
}

export function normalizeName(name: string): string {
  return name
    .replace(/\\/g, '/')
    .replace(/^(\.\/|\/)+/, '')
    .replace(/\/+$/, '');
}

async function readZip(path: string, wanted: (name: string) => boolean, limits: ArchiveLimits): Promise<ArchiveListing> {
  const why = "an archive's central directory lists in well under a second: a very slow disk, or a file built to be slow";
  const listing: ArchiveListing = { format: 'zip', entries: [], texts: {}, truncated: false };
  const listed = new Map<ZipListEntry, ArchiveEntry>();
  let links = 0;
  try {
    const { entryCount, seen, contents } = listZip(
      path,
      { maxEntries: limits.maxEntries, maxBytes: limits.maxTextBytes, timeoutMs: limits.timeoutMs, why },
      (raw) => {
        const mode = raw.unixMode & 0o170000;
        const type: EntryType = raw.fileName.endsWith('/') ? 'dir' : mode === 0o120000 ? 'symlink' : 'file';
        const entry: ArchiveEntry = { name: normalizeName(raw.fileName), type, size: raw.uncompressedSize };
        listing.entries.push(entry);
        listed.set(raw, entry);
        return type === 'symlink' ? ++links <= limits.maxLinks : type === 'file' && wanted(entry.name);
      },
    );
    if (entryCount > seen) capped(listing, `listed up to flink-doctor's cap of ${limits.maxEntries.toLocaleString('en-US')} entries`);
    if (links > limits.maxLinks)
      capped(listing, `symlink targets read for the first ${limits.maxLinks.toLocaleString('en-US')} symlinks only`);
    for (const [raw, bytes] of contents) {
      const entry = listed.get(raw) as ArchiveEntry;
      if (entry.type === 'symlink') entry.target = bytes.toString('utf8');
      else listing.texts[entry.name] = bytes.toString('utf8');
    }
    return listing;
  } catch (error) {
    if (error instanceof JarReadError)
      throw new ArchiveReadError(error.message.replace(/^is not a zip\/JAR file/, 'is not a readable zip'));
    throw error;
  }
}

function capped(listing: ArchiveListing, cap: string): void {
  listing.truncated = true;
  listing.cap = listing.cap ? `${listing.cap}; ${cap}` : cap;
}

const TAR_TYPES: Record<string, EntryType> = {
  File: 'file',
  OldFile: 'file',
  ContiguousFile: 'file',
  Directory: 'dir',
  SymbolicLink: 'symlink',
  Link: 'hardlink',
};

/** gzip's magic number, whatever the file is called. */
async function isGzip(path: string): Promise<boolean> {
  const handle = await open(path, 'r');
  try {
    const { bytesRead, buffer } = await handle.read(Buffer.alloc(2), 0, 2, 0);
    return bytesRead === 2 && buffer[0] === 0x1f && buffer[1] === 0x8b;
  } finally {
    await handle.close();
  }
}

/**
 * The read and inflate buffers for `path`: 1 MiB for a large archive (fewer, larger reads), its own size for a small
 * one (64 KiB at least): allocating 2 MiB for a few-KB archive cost more than reading it.
 */
async function bufferBytes(path: string): Promise<number> {
  const size = await stat(path).then(
    (info) => info.size,
    () => 0,
  );
  return Math.min(1 << 20, Math.max(64 << 10, size));
}

async function readTar(
  path: string,
  wanted: (name: string) => boolean,
  enough: ReadArchiveOptions['enough'],
  limits: ArchiveLimits,
): Promise<ArchiveListing> {
  const { Parser } = await import('tar');
  const gzip = await isGzip(path);
  const format = gzip ? 'tar.gz' : 'tar';
  const listing: ArchiveListing = { format, entries: [], texts: {}, truncated: false };
  const chunk = await bufferBytes(path);
  return new Promise((resolve, reject) => {
    const source = createReadStream(path, { highWaterMark: chunk });
    // node:zlib only for a .tar.gz, loaded here: a run reads one rarely, and every run paid ~1.5 ms to load it.
    const stream: Readable = gzip ? source.pipe(process.getBuiltinModule('node:zlib').createGunzip({ chunkSize: chunk })) : source;
    const read = startTarRead(listing, [source, stream], limits.timeoutMs, resolve, reject);
    const parser = new Parser({ strict: true, onReadEntry: (entry) => listTarEntry(entry, read, wanted, enough, limits) });
    feedWithinByteCap(stream, parser, read, limits.maxStreamBytes);
    const unreadable = (error: unknown) => read.finish(new ArchiveReadError(`is not a readable ${format} (${firstLine(error)})`));
    source.on('error', (error) => read.finish(new ArchiveReadError(`cannot be read (${firstLine(error)})`)));
    stream.on('error', unreadable);
    parser.on('error', unreadable);
    parser.on('end', () => read.finish());
  });
}

/** A tar read under way: its listing so far, and the one way it ends (settled once, streams closed, timer cleared). */
interface TarRead {
  readonly listing: ArchiveListing;
  readonly done: boolean;
  /** Ends the read: with the error, or with the listing. */
  finish(error?: Error): void;
  /** Ends the read early with the listing: because of the cap named in words, or (no cap) because the caller has enough. */
  stop(cap?: string): void;
}

/** Starts the time limit of one tar read, and returns the ways to end it. */
function startTarRead(
  listing: ArchiveListing,
  streams: readonly Readable[],
  timeoutMs: number,
  resolve: (listing: ArchiveListing) => void,
  reject: (error: Error) => void,
): TarRead {
  let done = false;
  const finish = (error?: Error) => {
    if (done) return;
    done = true;
    clearTimeout(timer);
    for (const stream of streams) stream.destroy();
    if (error) reject(error);
    else resolve(listing);
  };
  const stop = (cap?: string) => {
    if (cap) capped(listing, cap);
    else Object.assign(listing, { truncated: true, enough: true });
    finish();
  };
  const timer = setTimeout(() => stop(`listed for ${formatLimit('archiveReadMs')} (flink-doctor's time limit for one archive)`), timeoutMs);
  return {
    listing,
    get done() {
      return done;
    },
    finish,
    stop,
  };
}

/** One tar header: listed; then the read stops (the caller has enough, or the entry cap), or a wanted text is kept. */
function listTarEntry(
  entry: ReadEntry,
  read: TarRead,
  wanted: (name: string) => boolean,
  enough: ReadArchiveOptions['enough'],
  limits: ArchiveLimits,
): void {
  if (read.done) return void entry.resume();
  const item = archiveEntryOf(entry);
  read.listing.entries.push(item);
  if (enough?.(read.listing, item)) return void read.stop();
  if (read.listing.entries.length >= limits.maxEntries)
    return void read.stop(`listed up to flink-doctor's cap of ${limits.maxEntries.toLocaleString('en-US')} entries`);
  if (item.type !== 'file' || !wanted(item.name) || entry.size > limits.maxTextBytes) return void entry.resume();
  keepTarText(entry, item.name, read, enough);
}

function archiveEntryOf(entry: ReadEntry): ArchiveEntry {
  return {
    name: normalizeName(entry.path),
    type: TAR_TYPES[entry.type] ?? 'other',
    size: entry.size,
    ...(entry.linkpath ? { target: entry.linkpath } : {}),
  };
}

/** Keeps a wanted entry's text once all of it has arrived; with it the caller may have all it needs. */
function keepTarText(entry: ReadEntry, name: string, read: TarRead, enough: ReadArchiveOptions['enough']): void {
  const chunks: Buffer[] = [];
  entry.on('data', (chunk: Buffer) => chunks.push(chunk));
  entry.on('end', () => {
    read.listing.texts[name] = Buffer.concat(chunks).toString('utf8');
    if (!read.done && enough?.(read.listing)) read.stop();
  });
}

/**
 * Feeds the (decompressed) stream to the parser, with backpressure. Bytes are counted as they come out of gunzip,
 * so a gzip bomb of zeros reaches the cap too.
 */
function feedWithinByteCap(stream: Readable, parser: TarParser, read: TarRead, maxStreamBytes: number): void {
  let bytes = 0;
  stream.on('data', (chunk: Buffer) => {
    if (read.done) return;
    bytes += chunk.length;
    if (bytes > maxStreamBytes) return void read.stop(`read up to flink-doctor's cap of ${formatBytes(maxStreamBytes)} uncompressed`);
    if (!parser.write(chunk)) {
      stream.pause();
      parser.once('drain', () => stream.resume());
    }
  });
  stream.on('end', () => parser.end());
}

function firstLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return (message.split('\n')[0] ?? message).slice(0, 120);
}
