// On-disk cache of repository responses, one small JSON file per URL. Writes go to a unique temp file and
// are renamed into place (atomic on one filesystem), so two runs at once never see half a file; a file
// that still fails to parse is treated as a miss, never as an error.
import { createHash, randomBytes } from 'node:crypto';
import { rename, unlink, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { ensureDir } from '../util/ensure-dir.js';
import { readTextFile } from '../util/read-file.js';

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

export function cacheDir(env: Record<string, string | undefined>, platform: NodeJS.Platform = process.platform): string {
  if (env.FLINK_DOCTOR_CACHE_DIR) return env.FLINK_DOCTOR_CACHE_DIR;
  const home = env.HOME ?? env.USERPROFILE ?? homedir();
  if (platform === 'darwin') return join(home, 'Library', 'Caches', 'flink-doctor');
  if (platform === 'win32') return join(env.LOCALAPPDATA ?? join(home, 'AppData', 'Local'), 'flink-doctor', 'Cache');
  return join(env.XDG_CACHE_HOME || join(home, '.cache'), 'flink-doctor');
}

export class DiskCache {
  constructor(readonly dir: string) {}

  private file(url: string): string {
    return join(this.dir, 'maven', `${createHash('sha256').update(url).digest('hex').slice(0, 32)}.json`);
  }

  async read(url: string): Promise<CacheEntry | undefined> {
    try {
      const entry = JSON.parse(await readTextFile(this.file(url))) as CacheEntry;
      return entry.url === url && typeof entry.checkedAt === 'number' ? entry : undefined;
    } catch {
      return undefined;
    }
  }

  /** Best effort: a read-only or full disk costs the cache, never the run. */
  async write(entry: CacheEntry): Promise<void> {
    const target = this.file(entry.url);
    const temp = `${target}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
    try {
      await ensureDir(join(this.dir, 'maven'));
      await writeFile(temp, JSON.stringify(entry));
      await rename(temp, target);
    } catch {
      await unlink(temp).catch(() => undefined);
    }
  }
}

export function isFresh(entry: CacheEntry, ttl: number, now = Date.now()): boolean {
  const limit = entry.status === 'ok' ? ttl : entry.status === 'missing' ? TTL.missing : TTL.failed;
  return now - entry.checkedAt < limit && entry.checkedAt <= now + 60_000;
}
