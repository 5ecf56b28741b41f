// Archives of a real folder, made the way users ship Python environments: `zip -r venv.zip venv` (symlinks
// stored as symlinks, as `zip -y` does) and `tar czf venv.tar.gz venv` (node-tar keeps symlinks too).
import { createWriteStream } from 'node:fs';
import { lstat, readFile, readdir, readlink } from 'node:fs/promises';
import { basename, dirname, join, relative } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { constants, createGzip } from 'node:zlib';
import { Header, create } from 'tar';
import { writeZip, type ZipEntry } from './zip.js';

/** Zips `dir` under its own name; symlinks become symlink entries (their data is the target). */
export async function zipFolder(dir: string, out: string): Promise<string> {
  const entries: ZipEntry[] = [];
  const walk = async (path: string): Promise<void> => {
    const info = await lstat(path);
    const name = relative(dirname(dir), path);
    if (info.isSymbolicLink()) entries.push({ name, data: await readlink(path), unixMode: 0o120777, store: true });
    else if (info.isDirectory()) {
      entries.push({ name: `${name}/`, data: '', unixMode: 0o040755, store: true });
      for (const child of (await readdir(path)).sort()) await walk(join(path, child));
    } else entries.push({ name, data: await readFile(path), unixMode: (info.mode & 0o777) | 0o100000 });
  };
  await walk(dir);
  return writeZip(out, entries);
}

/** tar.gz of `dir` under its own name. */
export async function tarGzFolder(dir: string, out: string): Promise<string> {
  await create({ gzip: true, file: out, cwd: dirname(dir), portable: true }, [basename(dir)]);
  return out;
}

export interface TarEntry {
  name: string;
  type?: 'File' | 'Directory' | 'SymbolicLink';
  /** Content; or `size` bytes of `fill` (zeros by default) written without holding them in memory. */
  data?: string | Uint8Array;
  size?: number;
  fill?: number;
  linkpath?: string;
}

/**
 * A tar (gzipped when `out` ends in .gz or .tgz) of the given entries in the given order, headers encoded by
 * node-tar's Header (the format GNU tar and Python's tarfile write): for archives too large or too odd to build
 * from a real folder (a gzip bomb, 60,000 entries, an outward link placed first).
 */
export async function writeTar(out: string, entries: Iterable<TarEntry>): Promise<string> {
  function* blocks(): Generator<Buffer> {
    for (const entry of entries) {
      const data = typeof entry.data === 'string' ? Buffer.from(entry.data) : entry.data ? Buffer.from(entry.data) : undefined;
      const size = entry.type && entry.type !== 'File' ? 0 : (data?.length ?? entry.size ?? 0);
      const header = Buffer.alloc(512);
      new Header({
        path: entry.name,
        type: entry.type ?? 'File',
        size,
        mode: entry.type === 'Directory' ? 0o755 : 0o644,
        mtime: new Date(0),
        ...(entry.linkpath ? { linkpath: entry.linkpath } : {}),
      }).encode(header, 0);
      yield header;
      if (data) yield data;
      else for (let left = size; left > 0; left -= 1 << 20) yield Buffer.alloc(Math.min(left, 1 << 20), entry.fill ?? 0);
      if (size % 512 !== 0) yield Buffer.alloc(512 - (size % 512));
    }
    yield Buffer.alloc(1024);
  }
  const source = Readable.from(batched(blocks(), 1 << 20));
  if (/\.(gz|tgz)$/.test(out))
    await pipeline(source, createGzip({ level: constants.Z_BEST_SPEED, chunkSize: 1 << 20 }), createWriteStream(out));
  else await pipeline(source, createWriteStream(out));
  return out;
}

/** Small blocks joined into chunks of about `size` bytes: one write (and one zlib call) per MiB, not per 512-byte header. */
function* batched(blocks: Iterable<Buffer>, size: number): Generator<Buffer> {
  let pending: Buffer[] = [];
  let length = 0;
  for (const block of blocks) {
    pending.push(block);
    length += block.length;
    if (length >= size) {
      yield Buffer.concat(pending, length);
      pending = [];
      length = 0;
    }
  }
  if (length > 0) yield Buffer.concat(pending, length);
}
