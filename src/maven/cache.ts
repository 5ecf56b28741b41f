// On-disk cache of repository responses, one small JSON file per URL. Writes go to a unique temp file and
// are renamed into place (atomic on one filesystem), so two runs at once never see half a file; a file
// that still fails to parse is treated as a miss, never as an error.
import { join } from 'node:path';
import { writeAtomically } from '../util/atomic-write.js';
import { ensureDir } from '../util/ensure-dir.js';
export { cacheDir } from '../util/cache-dir.js';
import { LIMITS } from '../engine/limits.js';
import { readTextFileSync } from '../util/read-file.js';

export interface CacheEntry {
  /** The URL without credentials. */
  url: string;
  /** When the content was last confirmed with the repository (ms since epoch). */
  checkedAt: number;
  status: 'ok' | 'missing' | 'failed';
  body?: string;
  etag?: string;
  lastModified?: string;
  reason?: string;
}

/** How long each kind of entry is trusted without asking again. */
export const TTL = {
  metadata: 6 * 60 * 60 * 1000,
  // A released .sha1 never changes; the TTL only bounds how long a repository swap goes unnoticed.
  checksum: 7 * 24 * 60 * 60 * 1000,
  missing: 60 * 60 * 1000,
  failed: 2 * 60 * 1000,
};

export class DiskCache {
  constructor(readonly dir: string) {}

  /** node:crypto is loaded with the first lookup, not with the module (OpenSSL's start-up costs a plain run ~6 ms). */
  private async file(url: string): Promise<string> {
    const { createHash } = process.getBuiltinModule('node:crypto');
    return join(this.dir, 'maven', `${createHash('sha256').update(url).digest('hex').slice(0, 32)}.json`);
  }

  /** Synchronous on purpose: a run may look up thousands of small entries, most of them misses. */
  async read(url: string): Promise<CacheEntry | undefined> {
    try {
      return parseCacheEntry(readTextFileSync(await this.file(url), LIMITS.cacheEntryBytes), url);
    } catch {
      return undefined;
    }
  }

  /** Best effort: a read-only or full disk costs the cache, never the run. */
  async write(entry: CacheEntry): Promise<void> {
    const target = await this.file(entry.url);
    try {
      await ensureDir(join(this.dir, 'maven'));
      await writeAtomically(target, JSON.stringify(entry));
    } catch {
      // Best effort (above).
    }
  }
}

const STATUSES: readonly string[] = ['ok', 'missing', 'failed'];
const OPTIONAL_STRINGS = ['body', 'etag', 'lastModified', 'reason'] as const;

/**
 * A cache file's text → the entry for `url`, or undefined (a miss) for anything else: not JSON, another URL, a
 * field of the wrong type. The cache directory is writable by others in shared CI runners; a planted or
 * half-written file must cost one request, never an error.
 */
export function parseCacheEntry(text: string, url: string): CacheEntry | undefined {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) return undefined;
  const entry = doc as Record<string, unknown>;
  if (entry.url !== url || typeof entry.checkedAt !== 'number' || !Number.isFinite(entry.checkedAt)) return undefined;
  if (typeof entry.status !== 'string' || !STATUSES.includes(entry.status)) return undefined;
  if (OPTIONAL_STRINGS.some((key) => entry[key] !== undefined && typeof entry[key] !== 'string')) return undefined;
  if (entry.status === 'ok' && typeof entry.body !== 'string') return undefined;
  return entry as unknown as CacheEntry;
}

export function isFresh(entry: CacheEntry, ttl: number, now = Date.now()): boolean {
  const limit = entry.status === 'ok' ? ttl : entry.status === 'missing' ? TTL.missing : TTL.failed;
  return now - entry.checkedAt < limit && entry.checkedAt <= now + 60_000;
}
