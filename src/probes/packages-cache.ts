// What the installed-packages scan (src/probes/packages.ts) read from each distribution's metadata, kept per user in
// the cache folder (`packages/`): a venv with apache-flink holds ~50 distributions, and opening and parsing their
// METADATA headers cost a run ~10–15 ms of CPU on its critical path (the scan waits for the interpreter's sys.path).
// One file per sys.path directory. A distribution's kept result is used only while each file it was read from (its
// METADATA or PKG-INFO, and an egg's requires.txt) has the same size, mtime and ctime in nanoseconds, inode and device,
// and only by the same flink-doctor build with the same limits; a file changed in the last seconds is not kept (a
// coarse clock could hide a same-size rewrite). Every failure is a miss: a corrupt, foreign or unreadable cache file
// costs one read of the metadata, never a verdict. Writes are atomic and best effort; only the user's own files are
// trusted (a shared cache folder on a CI runner).
import { statSync } from 'node:fs';
import { lastChangeMs, stampText } from '../util/file-stamp.js';
import { join } from 'node:path';
import type { InstalledDistribution } from '../facts/index.js';
import { LIMITS } from '../engine/limits.js';
import { keepEntry, readOwnEntry, thisBuild } from '../util/cache-folder.js';
import { nameHash } from '../util/name-hash.js';

/** What reading one distribution's metadata gave: the distribution and notes, or the problem that stopped it. */
export type ReadResult = { ok: true; dist: InstalledDistribution; notes: string[] } | { ok: false; problem: string; name: string };

/** A distribution's result as kept: the stamp of the files it was read from, and the result. */
export interface KeptRead {
  stamp: string;
  result: ReadResult;
}

/** Bumped when what is stored changes meaning. */
const FORMAT = 1;
/** Files kept: one per sys.path directory a user's runs have scanned. */
const MAX_FILES = 500;
/** Largest cache file read or written (~200 bytes per distribution; a huge site-packages is still far below). */
const MAX_FILE_BYTES = 16 * 1024 * 1024;
/** A file modified this recently may still be written to, within one tick of a coarse clock: not kept. */
const SETTLE_MS = 2_000;
/** The limits a result depends on: another cap could have cut a file differently. */
const READ_LIMITS = JSON.stringify([LIMITS.metadataHeaderBytes, LIMITS.requiresTxtBytes, LIMITS.requirementsPerDistribution]);

export class InstalledPackagesCache {
  private readonly version: string;
  private readonly clock: () => number;

  constructor(
    readonly dir: string,
    options: { version?: string; clock?: () => number } = {},
  ) {
    this.version = options.version ?? thisBuild();
    this.clock = options.clock ?? Date.now;
  }

  /**
   * The stamp of the files a distribution is read from (a missing one counts as "missing"), or undefined when one
   * changed too recently to be trusted next time.
   */
  stamp(files: readonly string[]): string | undefined {
    const now = this.clock();
    const parts: string[] = [];
    for (const file of files) {
      try {
        const info = statSync(file, { bigint: true });
        if (now - lastChangeMs(info) <= SETTLE_MS) return undefined;
        parts.push(stampText(info));
      } catch {
        parts.push('missing');
      }
    }
    return parts.join('|');
  }

  /** The results kept for the distributions of one sys.path directory, by metadata directory name (empty on a miss). */
  load(sysPathDir: string): Map<string, KeptRead> {
    const stored = readOwnEntry(this.fileOf(sysPathDir), MAX_FILE_BYTES);
    return stored === undefined ? new Map<string, KeptRead>() : parseEntry(stored, this.keyOf(sysPathDir));
  }

  /** Keeps the results for the next run; resolves when written (or not: best effort). */
  async save(sysPathDir: string, kept: ReadonlyMap<string, KeptRead>): Promise<void> {
    const text = JSON.stringify({ key: this.keyOf(sysPathDir), dists: Object.fromEntries(kept) });
    if (text.length > MAX_FILE_BYTES) return;
    await keepEntry(this.dir, this.fileOf(sysPathDir), text, MAX_FILES);
  }

  private keyOf(sysPathDir: string): string {
    return `${this.version}\0${FORMAT}\0${READ_LIMITS}\0${sysPathDir}`;
  }

  private fileOf(sysPathDir: string): string {
    return join(this.dir, `${nameHash(sysPathDir)}.json`);
  }
}

/** A cache file's text → its kept results, when it is the entry for exactly `key` and every result has its shape. */
export function parseEntry(text: string, key: string): Map<string, KeptRead> {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    return new Map<string, KeptRead>();
  }
  const entry = doc as { key?: unknown; dists?: unknown } | null;
  if (typeof entry !== 'object' || entry === null || entry.key !== key) return new Map<string, KeptRead>();
  if (typeof entry.dists !== 'object' || entry.dists === null) return new Map<string, KeptRead>();
  const kept = Object.entries(entry.dists as Record<string, unknown>);
  return kept.every(([, value]) => isKeptRead(value)) ? new Map(kept as [string, KeptRead][]) : new Map<string, KeptRead>();
}

function isKeptRead(value: unknown): value is KeptRead {
  const kept = value as { stamp?: unknown; result?: Record<string, unknown> } | null;
  if (typeof kept !== 'object' || kept === null || typeof kept.stamp !== 'string') return false;
  const result = kept.result;
  if (typeof result !== 'object' || result === null) return false;
  if (result.ok === false) return typeof result.problem === 'string' && typeof result.name === 'string';
  return result.ok === true && isStrings(result.notes) && isDistribution(result.dist);
}

function isDistribution(value: unknown): value is InstalledDistribution {
  const d = value as Record<string, unknown> | null;
  if (typeof d !== 'object' || d === null) return false;
  return ['name', 'key', 'version', 'metadataDir'].every((field) => typeof d[field] === 'string') && isStrings(d.requires);
}

function isStrings(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((item) => typeof item === 'string');
}
