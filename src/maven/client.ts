// The Maven client the probes use: cache first, then the repository (conditional requests), then the
// shipped snapshot. It never throws for network trouble: every answer says where it came from and, when
// the repository could not be asked, why.
import { LIMITS } from '../engine/limits.js';
import type { ChecksumResult, Coordinate, DataSource, VersionsResult } from '../facts/index.js';
import { DiskCache, TTL, isFresh, type CacheEntry } from './cache.js';
import { gaKey, joinUrl, metadataPath, sha1Path } from './coordinates.js';
import { DEFAULT_LIMITS, HttpClient, type HttpLimits } from './http.js';
import { parseMetadata, parseSha1, type ArtifactMetadata } from './metadata.js';
import type { RepositoryConfig } from './repository.js';
import { loadSnapshot } from './snapshot.js';

export interface MavenClientOptions {
  repository: RepositoryConfig;
  offline: boolean;
  cache: DiskCache;
  env: Record<string, string | undefined>;
  limits?: Partial<HttpLimits>;
  /** Budget for all network work of one run. */
  totalTimeoutMs?: number;
}

type Fetched =
  | { kind: 'ok'; body: string; source: DataSource; checkedAt: number; note?: string }
  | { kind: 'missing'; source: DataSource }
  | { kind: 'unavailable'; reason: string };

export class MavenClient {
  private http: HttpClient | undefined;
  /**
   * The body parsed last: a body is validated and then answered from, back to back, and parsing a 2 MiB
   * maven-metadata.xml costs half a second, so the second parse is the first one's result. Kept per client (one run),
   * not per process: a later run in the same process (an embedder, the in-process tests) parses its own.
   */
  private lastMetadata: { body: string; value: ArtifactMetadata } | undefined;

  constructor(private readonly options: MavenClientOptions) {}

  async versions(ga: Pick<Coordinate, 'groupId' | 'artifactId'>): Promise<VersionsResult> {
    const result = await this.fetch(metadataPath(ga), TTL.metadata, (body) => void this.metadataOf(body));
    if (result.kind === 'ok')
      return {
        versions: this.metadataOf(result.body).versions,
        source: result.source,
        asOf: new Date(result.checkedAt).toISOString(),
        note: result.note,
      };
    if (result.kind === 'missing') return { versions: [], source: result.source, notFound: true };
    const snapshot = await loadSnapshot();
    const known = snapshot?.artifacts[gaKey(ga)];
    if (snapshot && known) return { versions: known.versions, source: 'snapshot', asOf: snapshot.asOf, note: result.reason };
    return { versions: null, source: 'none', note: result.reason };
  }

  async sha1(coordinates: Coordinate): Promise<ChecksumResult> {
    const result = await this.fetch(sha1Path(coordinates), TTL.checksum, (body) => {
      if (!parseSha1(body)) throw new Error('the .sha1 file does not start with a SHA-1 digest');
    });
    if (result.kind === 'ok') return { status: 'found', sha1: parseSha1(result.body), source: result.source, note: result.note };
    if (result.kind === 'missing') return { status: 'not-published', source: result.source };
    return { status: 'unavailable', source: 'none', note: result.reason };
  }

  private metadataOf(body: string): ArtifactMetadata {
    if (this.lastMetadata?.body !== body) this.lastMetadata = { body, value: parseMetadata(body) };
    return this.lastMetadata.value;
  }

  async close(): Promise<void> {
    await this.http?.close();
  }

  private client(): HttpClient {
    const { repository, env, limits, totalTimeoutMs = LIMITS.httpRunMs } = this.options;
    this.http ??= new HttpClient({
      limits: { ...DEFAULT_LIMITS, ...limits, deadline: Date.now() + totalTimeoutMs },
      auth: repository.auth,
      secrets: repository.secrets,
      env,
    });
    return this.http;
  }

  /** Cache → network (conditional) → stale cache; `validate` throws on a body that must not be cached. */
  private async fetch(path: string, ttl: number, validate: (body: string) => void): Promise<Fetched> {
    const { cache, offline, repository } = this.options;
    const url = joinUrl(repository.url, path);
    const entry = usable(await cache.read(url), validate);
    if (entry && isFresh(entry, ttl)) return freshAnswer(entry);
    if (offline) return offlineAnswer(entry);
    return this.fromNetwork(url, path, entry, validate);
  }

  /** Asks the repository (conditionally when a copy is cached) and caches what it says. */
  private async fromNetwork(url: string, path: string, entry: CacheEntry | undefined, validate: (body: string) => void): Promise<Fetched> {
    const { cache } = this.options;
    const conditional = entry?.status === 'ok' ? { etag: entry.etag, lastModified: entry.lastModified } : {};
    const response = await this.client().get(url, conditional);
    const now = Date.now();
    if (response.kind === 'not-modified' && entry?.status === 'ok' && entry.body !== undefined) {
      await cache.write({ ...entry, checkedAt: now });
      return { kind: 'ok', body: entry.body, source: 'cache', checkedAt: now };
    }
    if (response.kind === 'ok') {
      try {
        validate(response.body);
      } catch (error) {
        return this.failed(url, entry, `${path.split('/').pop()}: ${error instanceof Error ? error.message : String(error)}`);
      }
      await cache.write({
        url,
        checkedAt: now,
        status: 'ok',
        body: response.body,
        etag: response.etag,
        lastModified: response.lastModified,
      });
      return { kind: 'ok', body: response.body, source: 'network', checkedAt: now };
    }
    if (response.kind === 'not-found') {
      await cache.write({ url, checkedAt: now, status: 'missing' });
      return { kind: 'missing', source: 'network' };
    }
    return this.failed(url, entry, response.kind === 'failed' ? response.reason : 'unexpected 304 without a cached copy');
  }

  /** A failure is remembered briefly (so a dead repository is not asked again at once); a stale copy still answers. */
  private async failed(url: string, entry: CacheEntry | undefined, reason: string): Promise<Fetched> {
    const full = `${this.options.repository.display}: ${reason}`;
    if (entry?.status === 'ok' && entry.body !== undefined)
      return { kind: 'ok', body: entry.body, source: 'stale-cache', checkedAt: entry.checkedAt, note: full };
    await this.options.cache.write({ url, checkedAt: Date.now(), status: 'failed', reason: full });
    return { kind: 'unavailable', reason: full };
  }
}

/** A cache entry still within its time to live answers as it is: a body, a 404, or a recent failure. */
function freshAnswer(entry: CacheEntry): Fetched {
  if (entry.status === 'ok' && entry.body !== undefined)
    return { kind: 'ok', body: entry.body, source: 'cache', checkedAt: entry.checkedAt };
  if (entry.status === 'missing') return { kind: 'missing', source: 'cache' };
  return {
    kind: 'unavailable',
    reason: `${entry.reason ?? 'failed'} (failed ${Math.round((Date.now() - entry.checkedAt) / 1000)} s ago; not retried yet)`,
  };
}

/** --offline: whatever the cache holds, however old; nothing else. */
function offlineAnswer(entry: CacheEntry | undefined): Fetched {
  if (entry?.status === 'ok' && entry.body !== undefined)
    return { kind: 'ok', body: entry.body, source: 'stale-cache', checkedAt: entry.checkedAt, note: '--offline' };
  if (entry?.status === 'missing') return { kind: 'missing', source: 'stale-cache' };
  return { kind: 'unavailable', reason: '--offline and not in the cache' };
}

/** A cached body that no longer validates (a planted or damaged cache file) is a miss, like no entry at all. */
function usable(entry: CacheEntry | undefined, validate: (body: string) => void): CacheEntry | undefined {
  if (entry?.status !== 'ok' || entry.body === undefined) return entry;
  try {
    validate(entry.body);
    return entry;
  } catch {
    return undefined;
  }
}
