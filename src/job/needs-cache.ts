// What the --job files need (their JobNeeds), kept per user in the cache folder (`job/`): a job is read once per run,
// before any of the reader's code is compiled, so its first read is the costliest; the same text read again gives the
// same needs. An entry is used only for exactly the same reading: the flink-doctor build (version and the time its code
// was written: the matrix and the reader are part of it), the cache format, the working directory, the job files'
// paths in order and their exact texts, and the exact text (or absence) of every other file the reader read (the SQL
// files a job opens at run time), read again and compared. A job file that cannot be read is not cached (the reader
// reports it). Every failure is a miss: a corrupt, foreign or unreadable entry costs one read of the job, never a
// verdict; writes are atomic and best effort. The entry holds the SHA-256 of each text, never the text: a job may
// carry a password or a token (a JDBC sink's options), and the cache must not make a second copy of it (the config
// cache refuses such configs for the same reason). It is written for the user alone (mode 0600), like the other caches.
// A next run first compares each file's stamp (size, mtime, ctime, inode, device), as the JAR and packages caches do:
// when none changed it uses the entry without reading or hashing a file, so a warm --job run loads no node:crypto
// (~6 ms on Node 24). A file changed in the last SETTLE_MS has no stamp (a rewrite within one timestamp tick would
// look unchanged): then, and whenever a stamp differs, the texts' digests decide, as before.
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { lastChangeMs, stampText } from '../util/file-stamp.js';
import type { JobNeeds } from '../facts/index.js';
import { keepEntry, readOwnEntry, thisBuild } from '../util/cache-folder.js';
import { nameHash } from '../util/name-hash.js';
import type { ReadJobOptions, ReadText } from './read-job.js';

/** Bumped when what is stored, or what the key holds, changes meaning. */
const FORMAT = 3;
/** A file changed this recently has no stamp: its digest decides. */
const SETTLE_MS = 2_000;
/** Files kept: one per job (file set and working directory) a user's runs have read. */
const MAX_FILES = 100;
/**
 * Largest entry read or written: the job's text and its needs (a 5,000-line job's is about 200 KB; real jobs are far
 * smaller). Bounds the folder to MAX_FILES times this; a bigger job is read afresh each run.
 */
const MAX_FILE_BYTES = 2 * 1024 * 1024;

/** A file the reader read besides the --job files, as it was then: its text's SHA-256, or null when it could not be read. */
export interface ReadDependency {
  path: string;
  digest: string | null;
  /** Its stamp then ("missing" when absent), or null when it had none (changed too recently). */
  stamp: string | null;
}

/** Reads the job files without the cache (the reader, loaded only when called). */
export type ReadFresh = (options: ReadJobOptions) => Promise<JobNeeds>;

interface Entry {
  key: string;
  /** SHA-256 of each job file's text, in order. */
  digests: string[];
  /** Each job file's stamp when it was read, in order; null for one that had none. */
  stamps: (string | null)[];
  dependencies: ReadDependency[];
  needs: JobNeeds;
}

export class JobNeedsCache {
  private readonly version: string;
  private readonly writes: Promise<void>[] = [];

  constructor(
    readonly dir: string,
    private readonly options: { version?: string; maxFiles?: number; maxBytes?: number; clock?: () => number } = {},
  ) {
    this.version = options.version ?? thisBuild();
  }

  /**
   * The needs of `files`: an earlier run's, when it read exactly these texts; else `readFresh`'s (kept for the next
   * run in the background: `flush` waits for it).
   */
  async read(options: ReadJobOptions, readFresh: ReadFresh): Promise<JobNeeds> {
    const key = JSON.stringify([this.version, FORMAT, options.cwd, options.files]);
    const stamps = options.files.map((file) => this.stampOf(file));
    const entry = this.load(key);
    if (entry && this.unchanged(entry, stamps)) return entry.needs;
    const texts = await Promise.all(options.files.map((file) => options.readText(file).catch(() => undefined)));
    if (texts.some((text) => text === undefined)) return readFresh(options);
    const known = texts as string[];
    const digestOf = await sha256();
    const digests = known.map(digestOf);
    const kept = entry && (await this.sameTexts(entry, digests, options.readText, digestOf));
    if (kept) {
      await this.restamp(kept, stamps);
      return kept.needs;
    }
    const dependencies: ReadDependency[] = [];
    const readText: ReadText = async (path) => {
      const at = options.files.indexOf(path);
      if (at >= 0) return known[at] as string;
      const stamp = this.stampOf(path);
      const text = await options.readText(path).catch((error: unknown) => {
        dependencies.push({ path, digest: null, stamp });
        throw error;
      });
      dependencies.push({ path, digest: digestOf(text), stamp });
      return text;
    };
    const needs = await readFresh({ ...options, readText });
    this.writes.push(this.put({ key, digests, stamps, dependencies, needs }));
    return needs;
  }

  /** Waits for the entries being written. */
  async flush(): Promise<void> {
    await Promise.all(this.writes.splice(0));
  }

  /**
   * The same texts under new stamps (a touch, a checkout, or files that have settled since): kept again with the
   * stamps, so the next run needs no digest. Only when every stamp is known (a rewrite per run would gain nothing),
   * and awaited: it happens once after such a change, and a write still running could undo a later one.
   */
  private async restamp(entry: Entry, stamps: readonly (string | null)[]): Promise<void> {
    const dependencies = entry.dependencies.map((dep) => ({ ...dep, stamp: this.stampOf(dep.path) }));
    const known = [...stamps, ...dependencies.map((dep) => dep.stamp)];
    if (known.some((stamp) => stamp === null) || this.unchanged(entry, stamps)) return;
    await this.put({ ...entry, stamps: [...stamps], dependencies });
  }

  /** The entry kept under `key`, when there is one of this shape. */
  private load(key: string): Entry | undefined {
    const stored = readOwnEntry(this.pathOf(key), this.options.maxBytes ?? MAX_FILE_BYTES);
    return stored === undefined ? undefined : parseEntry(stored, key);
  }

  /** Whether every file the entry was read from (job files and the files they open) has the stamp it had then. */
  private unchanged(entry: Entry, stamps: readonly (string | null)[]): boolean {
    const same = (now: string | null, then: string | null) => now !== null && now === then;
    return (
      entry.stamps.length === stamps.length &&
      stamps.every((stamp, i) => same(stamp, entry.stamps[i] ?? null)) &&
      entry.dependencies.every((dep) => same(this.stampOf(dep.path), dep.stamp))
    );
  }

  /** The entry, when it was read from exactly these texts and every other file read is still as it was; else undefined. */
  private async sameTexts(
    entry: Entry,
    digests: readonly string[],
    readText: ReadText,
    digestOf: (text: string) => string,
  ): Promise<Entry | undefined> {
    if (entry.digests.length !== digests.length || entry.digests.some((digest, i) => digest !== digests[i])) return undefined;
    for (const { path, digest } of entry.dependencies) {
      const text = await readText(path).catch(() => null);
      if ((text === null ? null : digestOf(text)) !== digest) return undefined;
    }
    return entry;
  }

  /** size:mtime:ctime:inode:device (ns), "missing" for an absent file, null for one changed in the last SETTLE_MS. */
  private stampOf(path: string): string | null {
    let info;
    try {
      info = statSync(path, { bigint: true });
    } catch {
      return 'missing';
    }
    if ((this.options.clock ?? Date.now)() - lastChangeMs(info) <= SETTLE_MS) return null;
    return stampText(info);
  }

  private async put(entry: Entry): Promise<void> {
    const text = JSON.stringify(entry);
    if (Buffer.byteLength(text) > (this.options.maxBytes ?? MAX_FILE_BYTES)) return;
    await keepEntry(this.dir, this.pathOf(entry.key), text, this.options.maxFiles ?? MAX_FILES);
  }

  private pathOf(key: string): string {
    return join(this.dir, `${nameHash(key)}.json`);
  }
}

/** A cache file's text → the entry, when it is the one for exactly `key`, of the expected shape; else undefined. */
export function parseEntry(stored: string, key: string): Entry | undefined {
  let doc: unknown;
  try {
    doc = JSON.parse(stored);
  } catch {
    return undefined;
  }
  const entry = doc as Partial<Entry> | null;
  if (typeof entry !== 'object' || entry === null || entry.key !== key) return undefined;
  if (!Array.isArray(entry.digests) || !entry.digests.every((digest) => typeof digest === 'string')) return undefined;
  if (!Array.isArray(entry.stamps) || !entry.stamps.every(isStamp)) return undefined;
  const dependencies = entry.dependencies;
  if (!Array.isArray(dependencies) || !dependencies.every(isDependency)) return undefined;
  return isNeeds(entry.needs) ? (entry as Entry) : undefined;
}

function isDependency(value: unknown): value is ReadDependency {
  const dep = value as Partial<ReadDependency> | null;
  return (
    typeof dep === 'object' &&
    dep !== null &&
    typeof dep.path === 'string' &&
    (dep.digest === null || typeof dep.digest === 'string') &&
    isStamp(dep.stamp)
  );
}

function isStamp(value: unknown): value is string | null {
  return value === null || typeof value === 'string';
}

/** SHA-256 in hex; node:crypto is loaded only by a run with --job (OpenSSL's start-up costs a plain run ~6 ms). */
async function sha256(): Promise<(text: string) => string> {
  const { createHash } = process.getBuiltinModule('node:crypto');
  return (text) => createHash('sha256').update(text).digest('hex');
}

/** The lists every JobNeeds has (what the checks iterate over): an entry without them is not one this build wrote. */
function isNeeds(value: unknown): value is JobNeeds {
  if (typeof value !== 'object' || value === null) return false;
  const needs = value as Record<string, unknown>;
  const lists = ['files', 'identifiers', 'apis', 'drivers', 'jars', 'settings', 'unresolved', 'problems'];
  const optional = ['config', 'imports'];
  return (
    lists.every((name) => Array.isArray(needs[name])) && optional.every((name) => needs[name] === undefined || Array.isArray(needs[name]))
  );
}
