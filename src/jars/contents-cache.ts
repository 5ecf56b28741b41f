// What the scan read from each JAR (its JarContents, class names aside), kept per user in the cache folder: on the
// next run flink-dist 2.3.0 (36,726 entries, the bulk of a run's scan) costs a stat and one small file instead of a
// walk of its central directory. What identifyJar made of it is kept too, for the path and source it was made for: it
// depends on the matrix as well, which the build key fixes (a run always uses the bundled matrix).
// An entry is trusted only for the same file as it was read: real path, size, mtime and ctime in nanoseconds, inode
// and device, read with the same limits by the same flink-doctor build (version and the time its code was written,
// so a rebuild of one version never reads an older build's entries) and cache format. A file changed in the
// last seconds is not cached (on a file system with coarse timestamps a same-size rewrite could keep its stamp).
// Every failure is a miss: a corrupt, foreign or unreadable cache file costs one read of the JAR, never a verdict;
// writes are atomic (temp file + rename) and best effort (a read-only home or a full disk loses the cache only).
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { lastChangeMs } from '../util/file-stamp.js';
import { writeAtomically } from '../util/atomic-write.js';
import { pruneOldest, readOwnEntry, thisBuild } from '../util/cache-folder.js';
import { ensureDir } from '../util/ensure-dir.js';
import { nameHash } from '../util/name-hash.js';
import type { Coordinate, IdentifiedJar } from '../facts/index.js';
import type { JarContents, ZipLimits } from './zip-reader.js';

/** Bumped when what is stored, or how it is read from a JAR, changes meaning. */
const FORMAT = 1;
/** Files kept: past it the least recently written go (a machine with many venvs holds a few hundred JARs). */
const MAX_FILES = 2_000;
/** Largest cache file read or written (flink-dist's is about 100 KB: its packages and NOTICE). */
const MAX_FILE_BYTES = 4 * 1024 * 1024;
/**
 * Smaller JARs are kept only when the caller says so (the distribution's, read on every run): writing a thousand
 * small JARs' entries made a first run 2x slower, for a next run 0.4x; a JAR this big is worth its write.
 */
const MIN_ENTRIES = 1_000;
/** A file modified this recently may still be written to, within one tick of a coarse clock: not cached. */
const SETTLE_MS = 2_000;

/**
 * Least bytes a zip of n entries takes: per entry a central header (46 bytes) and a local header (30). A file smaller
 * than MIN_ENTRIES of these cannot have been kept as a big JAR, so a run spares the look in the folder for it.
 */
const MIN_BYTES_PER_ENTRY = 46 + 30;

/** The file as it is now: what a cache entry must match to be used. */
export interface JarStamp {
  /** The file's real path (its entry's name is made from it when needed). */
  realPath: string;
  size: number;
  /** Everything that must be equal, as one string. */
  key: string;
  /** Whether the file has been still long enough to be cached. */
  settled: boolean;
}

type StoredContents = Omit<JarContents, 'classes'>;

/** What identifyJar made of a JAR, and for which reference (its path and source, as JSON). */
export interface KeptIdentification {
  for: string;
  value: IdentifiedJar;
}

/** An entry read back: the contents (class names not kept), and the identification when one was kept. */
export interface CachedJar {
  contents: JarContents;
  identified?: KeptIdentification;
}

export class JarContentsCache {
  private readonly writes: Promise<void>[] = [];
  private folder: Promise<void> | undefined;

  private readonly version: string;
  private readonly settleMs: number;
  private readonly maxFiles: number;
  private readonly minEntries: number;

  constructor(
    readonly dir: string,
    options: { version?: string; settleMs?: number; maxFiles?: number; minEntries?: number } = {},
  ) {
    this.version = options.version ?? thisBuild();
    this.settleMs = options.settleMs ?? SETTLE_MS;
    this.maxFiles = options.maxFiles ?? MAX_FILES;
    this.minEntries = options.minEntries ?? MIN_ENTRIES;
  }

  /** The stamp of the file at `realPath` (symbolic links resolved), or undefined when it cannot be stat'ed. */
  stamp(realPath: string, limits: ZipLimits, now = Date.now()): JarStamp | undefined {
    try {
      const info = statSync(realPath, { bigint: true });
      if (!info.isFile()) return undefined;
      const parts = [this.version, FORMAT, realPath, info.size, info.mtimeNs, info.ctimeNs, info.ino, info.dev, JSON.stringify(limits)];
      return { realPath, size: Number(info.size), key: parts.join('\0'), settled: now - lastChangeMs(info) > this.settleMs };
    } catch {
      return undefined;
    }
  }

  /**
   * The contents read earlier from this very file (class names not kept: `classes` is empty), or undefined.
   * `always` as for put: without it, a file too small to have been kept is not looked for.
   */
  get(stamp: JarStamp, always = true): CachedJar | undefined {
    if (!always && stamp.size < this.minEntries * MIN_BYTES_PER_ENTRY) return undefined;
    const stored = readOwnEntry(this.entryFile(stamp), MAX_FILE_BYTES);
    return stored === undefined ? undefined : parseEntry(stored, stamp.key);
  }

  /**
   * Keeps `contents` (and what identifyJar made of it) for the next run, in the background (`flush` waits for it), when
   * big enough or `always`.
   */
  put(stamp: JarStamp, contents: JarContents, always = false, identified?: KeptIdentification): void {
    if (!stamp.settled || (!always && contents.entryCount < this.minEntries)) return;
    const { classes: _names, ...stored } = contents;
    const text = JSON.stringify({ key: stamp.key, contents: stored, ...(identified ? { identified } : {}) });
    if (text.length > MAX_FILE_BYTES) return;
    this.writes.push(this.write(this.entryFile(stamp), text));
  }

  /** Where the entry of this file lives. */
  private entryFile(stamp: JarStamp): string {
    return join(this.dir, `${nameHash(stamp.realPath)}.json`);
  }

  /** Waits for the writes; then, when any was made, keeps the folder within its bound (MAX_FILES). */
  async flush(): Promise<void> {
    if (this.writes.length === 0) return;
    await Promise.all(this.writes.splice(0));
    await pruneOldest(this.dir, this.maxFiles).catch(() => undefined);
  }

  private async write(target: string, text: string): Promise<void> {
    try {
      await (this.folder ??= ensureDir(this.dir));
      await writeAtomically(target, text, 0o600);
    } catch {
      // Best effort: a read-only home or a full disk loses the cache only.
    }
  }
}

/** A cache file's text → the contents (and identification), when it is an entry for exactly `key` of the expected shape. */
export function parseEntry(text: string, key: string): CachedJar | undefined {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    return undefined;
  }
  const entry = doc as { key?: unknown; contents?: Record<string, unknown>; identified?: Record<string, unknown> } | null;
  if (typeof entry !== 'object' || entry === null || entry.key !== key) return undefined;
  const c = entry.contents;
  if (typeof c !== 'object' || c === null) return undefined;
  const counts = [c.size, c.entryCount, c.classCount].every((n) => Number.isSafeInteger(n) && (n as number) >= 0);
  const major = c.classMajor === undefined || Number.isSafeInteger(c.classMajor);
  const flags = typeof c.truncated === 'boolean' && typeof c.defaultPackage === 'boolean';
  if (!counts || !major || !flags || !isStrings(c.packages) || !isStrings(c.notes) || !isTexts(c.texts)) return undefined;
  const contents = { ...(c as unknown as StoredContents), classes: [] };
  const kept = entry.identified;
  const identified = kept && typeof kept.for === 'string' && isIdentified(kept.value) ? { for: kept.for, value: kept.value } : undefined;
  return { contents, ...(identified ? { identified } : {}) };
}

/** The shape identifyJar returns (an entry of this build wrote it; a damaged one is a miss, never a verdict). */
function isIdentified(value: unknown): value is IdentifiedJar {
  const v = value as Record<string, unknown> | null;
  if (typeof v !== 'object' || v === null) return false;
  const identity = v.identity as Record<string, unknown> | null;
  if (typeof identity !== 'object' || identity === null) return false;
  const named = ['path', 'source', 'kind'].every((field) => typeof identity[field] === 'string') && isStrings(identity.identifiers);
  const optional = (field: unknown) => field === undefined || typeof field === 'string';
  return (
    named &&
    optional(v.family) &&
    optional(v.role) &&
    Array.isArray(v.bundled) &&
    v.bundled.every(isCoordinate) &&
    isStrings(v.unknownFactories) &&
    isStrings(v.evidence) &&
    isTexts(v.factories)
  );
}

function isCoordinate(value: unknown): value is Coordinate {
  const c = value as Record<string, unknown> | null;
  return typeof c === 'object' && c !== null && ['groupId', 'artifactId', 'version'].every((field) => typeof c[field] === 'string');
}

function isStrings(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((item) => typeof item === 'string');
}

function isTexts(value: unknown): value is Record<string, string> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  return Object.values(value).every((text) => typeof text === 'string');
}
