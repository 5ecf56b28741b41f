// What is installed in the client interpreter, read from disk the way importlib.metadata finds it: every
// sys.path directory's *.dist-info (METADATA) and *.egg-info (PKG-INFO, requires.txt), plus the EGG-INFO of
// *.egg entries on sys.path. The first distribution of a name on sys.path wins; later ones are duplicates.
// Reads are synchronous on purpose: an environment holds hundreds of small metadata files, and a thread-pool
// round trip per open/read/close costs 4-5x more than the read itself (8-16 ms vs 2-4 ms for 100 packages).
// Unreadable or garbage metadata becomes a problem, never an exception. What was read is kept for the next run while
// the files are unchanged (src/probes/packages-cache.ts).
import { closeSync, readSync, readdirSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { cacheDir } from '../util/cache-dir.js';
import { InstalledPackagesCache, type KeptRead, type ReadResult } from './packages-cache.js';
import { errorMessage } from '../engine/errors.js';
import { parseMetadata, parseRequiresTxt } from '../python/metadata.js';
import { normalizeName } from '../python/pep508.js';
import type { Options } from '../engine/options.js';
import type { ProbeContext } from './context.js';
import type { InstalledPackagesFact } from '../facts/index.js';
import { formatBytes, LIMITS } from '../engine/limits.js';
import { openRegularFileSync, readTextFileSync } from '../util/read-file.js';

type MetadataKind = 'dist-info' | 'egg-info-dir' | 'egg-info-file' | 'egg-dir';

interface Found {
  /** The *.dist-info / *.egg-info path (or the *.egg directory for EGG-INFO). */
  dir: string;
  kind: MetadataKind;
  /** The sys.path entry it was found in. */
  entry: string;
}

export async function probeInstalledPackages({ get, options }: ProbeContext): Promise<InstalledPackagesFact> {
  const python = await get('python');
  if (!python.runs) return { distributions: {}, duplicates: [], problems: [] };
  return scanSysPath(python.sysPath, packagesCache(options));
}

/** The user's installed-packages cache, or undefined when caches are off (--no-cache). */
export function packagesCache(options: Pick<Options, 'noCache' | 'env'>): InstalledPackagesCache | undefined {
  return options.noCache ? undefined : new InstalledPackagesCache(join(cacheDir(options.env), 'packages'));
}

/** The scan itself, exported so it can be used on any list of directories (tests, other probes). */
export async function scanSysPath(sysPath: readonly string[], cache?: InstalledPackagesCache): Promise<InstalledPackagesFact> {
  const fact: InstalledPackagesFact = { distributions: {}, duplicates: [], problems: [] };
  const found = sysPath.flatMap(findMetadata);
  if (found.length > LIMITS.distributions) {
    fact.problems.push(`${found.length} installed distributions on sys.path; only the first ${LIMITS.distributions} were read`);
    found.length = LIMITS.distributions;
  }
  for (const result of cache ? await readReusing(found, cache) : found.map(readDistribution)) {
    if (!result.ok) {
      fact.problems.push(result.problem);
      (fact.broken ??= []).push(result.name);
      continue;
    }
    const { dist } = result;
    fact.problems.push(...result.notes);
    if (fact.distributions[dist.key]) fact.duplicates.push(dist);
    else fact.distributions[dist.key] = dist;
  }
  return fact;
}

/** Metadata locations in one sys.path entry; an entry that is missing, a file or a zip yields nothing. */
function findMetadata(entry: string): Found[] {
  if (/\.egg$/i.test(entry)) {
    try {
      if (statSync(join(entry, 'EGG-INFO')).isDirectory()) return [{ dir: entry, kind: 'egg-dir', entry }];
    } catch {
      // not an unpacked egg
    }
    return [];
  }
  let names: string[];
  try {
    names = readdirSync(entry);
  } catch {
    return []; // importlib.metadata silently skips sys.path entries that are not directories
  }
  const wanted = names.filter((name) => /\.(dist-info|egg-info)$/i.test(name)).sort();
  const found = wanted.map((name): Found | undefined => {
    const dir = join(entry, name);
    if (/\.dist-info$/i.test(name)) return { dir, kind: 'dist-info', entry };
    try {
      return { dir, kind: statSync(dir).isDirectory() ? 'egg-info-dir' : 'egg-info-file', entry };
    } catch {
      return undefined;
    }
  });
  return found.filter((f): f is Found => f !== undefined);
}

/**
 * Each distribution's read, taken from the cache while the files it was read from are unchanged; when any was read
 * anew (or is gone), its sys.path directory's entry is written again for the next run.
 */
async function readReusing(found: readonly Found[], cache: InstalledPackagesCache): Promise<ReadResult[]> {
  const kept = new Map<string, Map<string, KeptRead>>();
  const next = new Map<string, Map<string, KeptRead>>();
  const changed = new Set<string>();
  const results = found.map((location) => {
    const { entry } = location;
    if (!kept.has(entry)) kept.set(entry, cache.load(entry));
    const name = basename(location.dir);
    const earlier = kept.get(entry)?.get(name);
    const { metadataFile, requiresFile } = filesOf(location);
    const stamp = cache.stamp(requiresFile ? [metadataFile, requiresFile] : [metadataFile]);
    const reused = stamp !== undefined && earlier?.stamp === stamp;
    const result = reused ? earlier.result : readDistribution(location);
    if (!reused) changed.add(entry);
    if (stamp !== undefined) next.set(entry, (next.get(entry) ?? new Map<string, KeptRead>()).set(name, { stamp, result }));
    return result;
  });
  for (const [entry, before] of kept) if (before.size !== (next.get(entry)?.size ?? 0)) changed.add(entry);
  await Promise.all([...changed].map((entry) => cache.save(entry, next.get(entry) ?? new Map<string, KeptRead>())));
  return results;
}

/** The metadata file a distribution is read from, and an egg's requires.txt. */
function filesOf({ dir, kind }: Found): { metadataFile: string; requiresFile?: string } {
  if (kind === 'dist-info') return { metadataFile: join(dir, 'METADATA') };
  if (kind === 'egg-info-dir') return { metadataFile: join(dir, 'PKG-INFO'), requiresFile: join(dir, 'requires.txt') };
  if (kind === 'egg-dir') return { metadataFile: join(dir, 'EGG-INFO', 'PKG-INFO'), requiresFile: join(dir, 'EGG-INFO', 'requires.txt') };
  return { metadataFile: dir };
}

function readDistribution(location: Found): ReadResult {
  const { dir } = location;
  const { metadataFile, requiresFile } = filesOf(location);
  const headers = readHeaders(metadataFile);
  if ('error' in headers) {
    return {
      ok: false,
      problem: `${dir}: cannot read ${basename(metadataFile)} (${headers.error}); reinstall ${guessName(dir)}`,
      name: guessName(dir),
    };
  }
  const parsed = parseMetadata(headers.text);
  if (!parsed.ok)
    return {
      ok: false,
      problem: `${metadataFile}: unreadable metadata (${parsed.error}); reinstall ${guessName(dir)}`,
      name: guessName(dir),
    };
  const { name, version, requiresDist } = parsed.metadata;
  const notes = headers.cut
    ? [`${metadataFile}: headers longer than ${formatBytes(LIMITS.metadataHeaderBytes)}; only that much was read`]
    : [];
  // importlib.metadata: Requires-Dist from the metadata file when it has any, else egg-info's requires.txt.
  let requires = requiresDist;
  if (requires.length === 0 && requiresFile) {
    const text = readRequiresTxt(requiresFile);
    if (typeof text === 'string') requires = parseRequiresTxt(text);
    else if (text.error !== 'missing') notes.push(`${requiresFile}: cannot read it (${text.error}); its requirements are not checked`);
  }
  if (requires.length > LIMITS.requirementsPerDistribution) {
    notes.push(`${metadataFile}: ${requires.length} requirements; only the first ${LIMITS.requirementsPerDistribution} are checked`);
    requires = requires.slice(0, LIMITS.requirementsPerDistribution);
  }
  return { ok: true, dist: { name, key: normalizeName(name), version, metadataDir: dir, requires }, notes };
}

const HEADER_CHUNK = 16 * 1024;
let headerBuffer: Buffer | undefined;

/**
 * The RFC 822 header block of a METADATA/PKG-INFO file: everything up to the first blank line. The body after
 * it is the project's long description (often hundreds of KB) and holds nothing a check needs. Read in chunks,
 * each searched once for the blank line (including across the boundary), up to LIMITS.metadataHeaderBytes.
 */
function readHeaders(path: string): { text: string; cut: boolean } | { error: string } {
  let fd: number | undefined;
  try {
    fd = openRegularFileSync(path);
    // One buffer for every read of the scan (reads are synchronous): allocating 1 MiB per package would cost more than reading it.
    headerBuffer ??= Buffer.allocUnsafe(LIMITS.metadataHeaderBytes);
    const buffer = headerBuffer;
    let total = 0;
    while (total < buffer.length) {
      const bytesRead = readSync(fd, buffer, total, Math.min(HEADER_CHUNK, buffer.length - total), total);
      if (bytesRead === 0) return { text: buffer.toString('utf8', 0, total), cut: false };
      const end = blankLine(buffer, Math.max(0, total - 3), total + bytesRead);
      total += bytesRead;
      if (end >= 0) return { text: buffer.toString('utf8', 0, end + 1), cut: false };
    }
    const more = readSync(fd, Buffer.alloc(1), 0, 1, total) > 0;
    return { text: buffer.toString('utf8', 0, total), cut: more };
  } catch (error) {
    return { error: describeReadError(error) };
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** Offset of the "\n" that ends the headers ("\n\n" or "\n\r\n") in buffer[from, to), or -1. */
function blankLine(buffer: Buffer, from: number, to: number): number {
  // Two native searches, not one call per line: a METADATA header block has dozens of lines.
  const window = buffer.subarray(from, to);
  const found = [window.indexOf('\n\n'), window.indexOf('\n\r\n')].filter((at) => at >= 0);
  return found.length > 0 ? from + Math.min(...found) : -1;
}

function readRequiresTxt(path: string): string | { error: string } {
  try {
    return readTextFileSync(path, LIMITS.requiresTxtBytes);
  } catch (error) {
    return { error: describeReadError(error) };
  }
}

function describeReadError(error: unknown): string {
  return (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'missing' : errorMessage(error);
}

/** "numpy-1.26.4.dist-info" → "numpy", for messages about a distribution whose metadata cannot be read. */
function guessName(dir: string): string {
  const base = basename(dir).replace(/\.(dist-info|egg-info|egg)$/i, '');
  return base.split('-')[0] || base;
}
