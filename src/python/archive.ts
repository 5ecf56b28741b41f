// Lists a zip or tar(.gz) archive without extracting it: every entry's name, type, size and symlink target,
// plus the text of a few small entries the caller wants (pyvenv.cfg, a dist-info METADATA). zip through
// yauzl (central directory only); tar through node-tar's streaming parser, which has to read the whole
// stream, so it is capped in bytes and entries. Never writes anything to disk; errors are one line.
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import type { Entry, ZipFile } from 'yauzl';
import { pastTheEnd } from '../jars/zip-reader.js';
import { commonJsExports } from '../util/commonjs.js';

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
  /** Entries or bytes beyond the caps were not looked at. */
  truncated: boolean;
}

export interface ArchiveLimits {
  maxEntries: number;
  /** tar streams only: uncompressed bytes read before giving up. */
  maxStreamBytes: number;
  maxTextBytes: number;
}

export const DEFAULT_ARCHIVE_LIMITS: ArchiveLimits = { maxEntries: 200_000, maxStreamBytes: 4 * 1024 ** 3, maxTextBytes: 256 * 1024 };

export class ArchiveReadError extends Error {
  override readonly name = 'ArchiveReadError';
}

export function archiveFormat(path: string): ArchiveListing['format'] | undefined {
  if (/\.(zip|jar|whl)$/i.test(path)) return 'zip';
  if (/\.(tar\.gz|tgz)$/i.test(path)) return 'tar.gz';
  if (/\.tar$/i.test(path)) return 'tar';
  return undefined;
}

export async function readArchive(path: string, wanted: (name: string) => boolean, limits: ArchiveLimits = DEFAULT_ARCHIVE_LIMITS): Promise<ArchiveListing> {
  const format = archiveFormat(path);
  if (!format) throw new ArchiveReadError('is not a .zip, .tar, .tar.gz or .tgz archive');
  const info = await stat(path).catch((error: NodeJS.ErrnoException) => {
    throw new ArchiveReadError(error.code === 'ENOENT' ? 'does not exist' : `cannot be read (${error.code ?? error.message})`);
  });
  if (!info.isFile()) throw new ArchiveReadError(info.isDirectory() ? 'is a directory, not an archive' : 'is not a regular file');
  return format === 'zip' ? readZip(path, info.size, wanted, limits) : readTar(path, format, wanted, limits);
}

export function normalizeName(name: string): string {
  return name.replace(/\\/g, '/').replace(/^(\.\/|\/)+/, '').replace(/\/+$/, '');
}

async function readZip(path: string, size: number, wanted: (name: string) => boolean, limits: ArchiveLimits): Promise<ArchiveListing> {
  const yauzl = commonJsExports(await import('yauzl'));
  const zip = await new Promise<ZipFile>((resolve, reject) => {
    yauzl.open(path, { lazyEntries: true, autoClose: false, validateEntrySizes: true }, (error, file) => {
      if (error || !file) reject(new ArchiveReadError(`is not a readable zip (${firstLine(error)})`));
      else resolve(file);
    });
  });
  const listing: ArchiveListing = { format: 'zip', entries: [], texts: {}, truncated: false };
  try {
    const entries = await listZip(zip, size, limits, listing);
    for (const [raw, entry] of entries) {
      const isLink = entry.type === 'symlink';
      if (!isLink && !wanted(entry.name)) continue;
      if (raw.uncompressedSize > limits.maxTextBytes) continue;
      const text = (await readZipEntry(zip, raw, limits.maxTextBytes).catch(() => undefined))?.toString('utf8');
      if (text === undefined) continue;
      if (isLink) entry.target = text;
      else listing.texts[entry.name] = text;
    }
    return listing;
  } finally {
    zip.close();
  }
}

function listZip(zip: ZipFile, size: number, limits: ArchiveLimits, listing: ArchiveListing): Promise<[Entry, ArchiveEntry][]> {
  const out: [Entry, ArchiveEntry][] = [];
  return new Promise((resolve, reject) => {
    zip.on('error', (error: unknown) => reject(new ArchiveReadError(`is a corrupt zip (${firstLine(error)})`)));
    zip.on('end', () => resolve(out));
    zip.on('entry', (raw: Entry) => {
      const lie = pastTheEnd(raw, size);
      if (lie) {
        reject(new ArchiveReadError(`is a corrupt zip (entry '${raw.fileName}' ${lie})`));
        return;
      }
      // The upper 16 bits of the external attributes hold the Unix mode when the archive was made on Unix.
      const mode = (raw.externalFileAttributes >>> 16) & 0o170000;
      const type: EntryType = raw.fileName.endsWith('/') ? 'dir' : mode === 0o120000 ? 'symlink' : 'file';
      const entry: ArchiveEntry = { name: normalizeName(raw.fileName), type, size: raw.uncompressedSize };
      listing.entries.push(entry);
      out.push([raw, entry]);
      if (listing.entries.length >= limits.maxEntries) {
        listing.truncated = zip.entryCount > listing.entries.length;
        resolve(out);
      } else zip.readEntry();
    });
    zip.readEntry();
  });
}

async function readZipEntry(zip: ZipFile, entry: Entry, max: number): Promise<Buffer> {
  const stream = await new Promise<Readable>((resolve, reject) => {
    zip.openReadStream(entry, (error, s) => (error || !s ? reject(error ?? new Error('no stream')) : resolve(s)));
  });
  const chunks: Buffer[] = [];
  let length = 0;
  for await (const chunk of stream) {
    chunks.push(chunk as Buffer);
    length += (chunk as Buffer).length;
    if (length >= max) break;
  }
  stream.destroy();
  return Buffer.concat(chunks).subarray(0, max);
}

const TAR_TYPES: Record<string, EntryType> = { File: 'file', OldFile: 'file', ContiguousFile: 'file', Directory: 'dir', SymbolicLink: 'symlink', Link: 'hardlink' };

async function readTar(path: string, format: 'tar' | 'tar.gz', wanted: (name: string) => boolean, limits: ArchiveLimits): Promise<ArchiveListing> {
  const { Parser } = await import('tar');
  const listing: ArchiveListing = { format, entries: [], texts: {}, truncated: false };
  let bytes = 0;
  return new Promise((resolve, reject) => {
    const source = createReadStream(path, { highWaterMark: 1 << 20 });
    let done = false;
    const finish = (error?: Error) => {
      if (done) return;
      done = true;
      source.destroy();
      if (error) reject(error);
      else resolve(listing);
    };
    const parser = new Parser({
      strict: true,
      onReadEntry: (entry) => {
        if (done) {
          entry.resume();
          return;
        }
        const type = TAR_TYPES[entry.type] ?? 'other';
        const item: ArchiveEntry = { name: normalizeName(entry.path), type, size: entry.size, ...(entry.linkpath ? { target: entry.linkpath } : {}) };
        listing.entries.push(item);
        bytes += entry.size;
        if (listing.entries.length >= limits.maxEntries || bytes > limits.maxStreamBytes) {
          listing.truncated = true;
          entry.resume();
          finish();
          return;
        }
        if (type !== 'file' || !wanted(item.name) || entry.size > limits.maxTextBytes) {
          entry.resume();
          return;
        }
        const chunks: Buffer[] = [];
        entry.on('data', (chunk: Buffer) => chunks.push(chunk));
        entry.on('end', () => (listing.texts[item.name] = Buffer.concat(chunks).toString('utf8')));
      },
    });
    parser.on('error', (error: unknown) => finish(new ArchiveReadError(`is not a readable ${format} (${firstLine(error)})`)));
    parser.on('end', () => finish());
    source.on('error', (error) => finish(new ArchiveReadError(`cannot be read (${firstLine(error)})`)));
    source.pipe(parser as unknown as NodeJS.WritableStream);
  });
}

function firstLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return (message.split('\n')[0] ?? message).slice(0, 120);
}
