// Reads what identification needs from a JAR without extracting it: the central directory (entry names
// and sizes) plus a few small entries and the 8-byte headers of a bounded sample of class files.
// Every read is capped, so a 300 MB fat JAR or a zip bomb costs about what a small JAR costs.
import { stat } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import type { Entry, ZipFile } from 'yauzl';
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
}

export const DEFAULT_LIMITS: ZipLimits = { maxEntries: 100_000, maxTextBytes: 256 * 1024, classSample: 24, maxPomProperties: 64 };

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

export async function readJar(path: string, limits: ZipLimits = DEFAULT_LIMITS): Promise<JarContents> {
  const info = await stat(path).catch((error: NodeJS.ErrnoException) => {
    throw new JarReadError(describeFsError(error));
  });
  // Never open FIFOs, devices or directories: a FIFO would block the run forever.
  if (info.isDirectory()) throw new JarReadError('is a directory, not a JAR file');
  if (!info.isFile()) throw new JarReadError('is not a regular file');
  if (info.size === 0) throw new JarReadError('is empty (0 bytes)');

  const yauzl = commonJsExports(await import('yauzl'));
  const zip = await new Promise<ZipFile>((resolve, reject) => {
    yauzl.open(path, { lazyEntries: true, autoClose: false, validateEntrySizes: true }, (error, file) => {
      if (error || !file) reject(new JarReadError(describeZipError(error)));
      else resolve(file);
    });
  });
  try {
    const listing = await listEntries(zip, limits);
    const contents: JarContents = { size: info.size, entryCount: zip.entryCount, truncated: listing.truncated, texts: {}, classes: [], notes: [] };
    let poms = 0;
    for (const entry of listing.texts) {
      if (entry.fileName.endsWith('pom.properties') && ++poms > limits.maxPomProperties) continue;
      if (entry.uncompressedSize > limits.maxTextBytes) {
        contents.notes.push(`${entry.fileName} declares ${entry.uncompressedSize} bytes; skipped (limit ${limits.maxTextBytes})`);
        continue;
      }
      const bytes = await readPrefix(zip, entry, limits.maxTextBytes).catch((error: unknown) => {
        contents.notes.push(`${entry.fileName}: ${describeZipError(error)}`);
        return undefined;
      });
      if (bytes) contents.texts[entry.fileName] = bytes.toString('utf8');
    }
    contents.classes = listing.classes.map((e) => e.fileName);
    contents.classMajor = await sampleClassMajor(zip, listing.classes, limits.classSample, contents.notes);
    return contents;
  } finally {
    zip.close();
  }
}

async function listEntries(zip: ZipFile, limits: ZipLimits): Promise<{ texts: Entry[]; classes: Entry[]; truncated: boolean }> {
  const texts: Entry[] = [];
  const classes: Entry[] = [];
  let seen = 0;
  return new Promise((resolve, reject) => {
    zip.on('error', (error: unknown) => reject(new JarReadError(describeZipError(error))));
    zip.on('end', () => resolve({ texts, classes, truncated: false }));
    zip.on('entry', (entry: Entry) => {
      seen += 1;
      const name = entry.fileName;
      const lie = zip64Lie(entry);
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

const ZIP64_MARKER = 0xffffffff;
const ZIP64_EXTRA_FIELD = 0x0001;

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

/** Up to `max` bytes of an entry, inflating no more than that; the stream is dropped once enough arrived. */
async function readPrefix(zip: ZipFile, entry: Entry, max: number): Promise<Buffer> {
  const stream = await new Promise<Readable>((resolve, reject) => {
    zip.openReadStream(entry, (error, s) => (error || !s ? reject(error ?? new Error('no stream')) : resolve(s)));
  });
  const chunks: Buffer[] = [];
  let length = 0;
  return new Promise((resolve, reject) => {
    const finish = () => {
      stream.removeAllListeners();
      stream.on('error', () => undefined);
      stream.destroy();
      resolve(Buffer.concat(chunks, Math.min(length, max)));
    };
    stream.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      length += chunk.length;
      if (length >= max) finish();
    });
    stream.on('end', finish);
    stream.on('error', (error) => {
      stream.removeAllListeners();
      reject(error);
    });
  });
}

/** Highest major version among an evenly spread sample of class headers (0xCAFEBABE, minor, major). */
async function sampleClassMajor(zip: ZipFile, classes: Entry[], sample: number, notes: string[]): Promise<number | undefined> {
  if (classes.length === 0 || sample <= 0) return undefined;
  const step = Math.max(1, classes.length / sample);
  const picked = new Set<Entry>();
  for (let i = 0; i < classes.length && picked.size < sample; i += step) picked.add(classes[Math.floor(i)] as Entry);
  picked.add(classes[classes.length - 1] as Entry);
  let highest: number | undefined;
  let bad = 0;
  for (const entry of picked) {
    const header = await readPrefix(zip, entry, 8).catch(() => undefined);
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
    default:
      return `cannot be read (${error.code ?? error.message})`;
  }
}

function describeZipError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  if (/end of central directory record signature not found/i.test(message)) return 'is not a zip/JAR file (no central directory: not a zip, or truncated)';
  if (/invalid central directory file header signature|unexpected EOF|truncated|offset.*out of range|past the end/i.test(message)) return `is truncated or corrupt (${message})`;
  if (/invalid|corrupt|bad|too many|too few|unsupported/i.test(message)) return `is corrupt (${message})`;
  return `cannot be read as a zip (${message})`;
}
