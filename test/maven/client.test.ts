// The Maven client against a real HTTP server on 127.0.0.1: happy paths, cache behaviour and every fault mode,
// each with a defined result inside an asserted time bound.
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DiskCache } from '../../src/maven/cache.js';
import { MavenClient } from '../../src/maven/client.js';
import { fromUrl } from '../../src/maven/repository.js';
import { gaPath, metadataXml, publish, sha1, startMavenServer, type MavenServer } from '../helpers/maven-server.js';
import { tempDir } from '../helpers/tmp.js';

const G = 'org.apache.flink';
const KAFKA = { groupId: G, artifactId: 'flink-sql-connector-kafka' };
let server: MavenServer;

beforeAll(async () => {
  server = await startMavenServer();
});
afterAll(() => server.close());
beforeEach(() => server.reset());

async function client(
  overrides: { offline?: boolean; requestTimeoutMs?: number; totalTimeoutMs?: number; url?: string; cacheDir?: string } = {},
) {
  const dir = overrides.cacheDir ?? (await tempDir('fd-cache-'));
  return new MavenClient({
    repository: fromUrl(overrides.url ?? server.url, 'test'),
    offline: overrides.offline ?? false,
    cache: new DiskCache(dir),
    env: {},
    limits: { requestTimeoutMs: overrides.requestTimeoutMs ?? 2_000, connectTimeoutMs: 1_000 },
    totalTimeoutMs: overrides.totalTimeoutMs ?? 15_000,
  });
}

async function timed<T>(work: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const started = performance.now();
  const value = await work();
  return { value, ms: performance.now() - started };
}

describe('versions from maven-metadata.xml', () => {
  it('reads the full list from the network, then from the cache without a request', async () => {
    publish(server, G, KAFKA.artifactId, ['3.3.0-1.20', '4.0.0-2.0', '3.4.0-1.20']);
    const c = await client();
    const first = await c.versions(KAFKA);
    expect(first).toMatchObject({ versions: ['3.3.0-1.20', '4.0.0-2.0', '3.4.0-1.20'], source: 'network' });
    const second = await c.versions(KAFKA);
    expect(second.source).toBe('cache');
    expect(server.requests.map((r) => r.path)).toEqual([`${gaPath(G, KAFKA.artifactId)}/maven-metadata.xml`]);
    await c.close();
  });

  it('revalidates a stale entry with If-None-Match and accepts 304', async () => {
    publish(server, G, KAFKA.artifactId, ['3.3.0-1.20']);
    const dir = await tempDir('fd-cache-');
    const c = await client({ cacheDir: dir });
    await c.versions(KAFKA);
    // Age the entry past its TTL.
    const cache = new DiskCache(dir);
    const url = `${server.url}${gaPath(G, KAFKA.artifactId)}/maven-metadata.xml`;
    const entry = await cache.read(url);
    await cache.write({ ...entry!, checkedAt: Date.now() - 7 * 3600_000 });
    const again = await (await client({ cacheDir: dir })).versions(KAFKA);
    expect(again).toMatchObject({ versions: ['3.3.0-1.20'], source: 'cache' });
    expect(server.requests[1]?.headers['if-none-match']).toBe(entry!.etag);
    expect(server.requests[1]?.headers['if-modified-since']).toBe('Fri, 01 May 2026 12:00:00 GMT');
  });

  it('404 is "not found" and is negatively cached', async () => {
    const c = await client();
    expect(await c.versions({ groupId: G, artifactId: 'flink-sql-connector-nothing' })).toMatchObject({
      versions: [],
      notFound: true,
      source: 'network',
    });
    expect(await c.versions({ groupId: G, artifactId: 'flink-sql-connector-nothing' })).toMatchObject({ notFound: true, source: 'cache' });
    expect(server.requests).toHaveLength(1);
  });

  it('rejects malformed XML cleanly and falls back to the shipped snapshot for a known artifact', async () => {
    server.files.set(`${gaPath(G, KAFKA.artifactId)}/maven-metadata.xml`, { body: '<metadata><versioning><versions><version>1.0' });
    const result = await (await client()).versions(KAFKA);
    expect(result.source).toBe('snapshot');
    expect(result.note).toMatch(/malformed XML/);
    expect(result.asOf).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(result.versions).toContain('3.3.0-1.20');
  });

  it('refuses a DOCTYPE (entities are never expanded)', async () => {
    const evil = `<?xml version="1.0"?><!DOCTYPE m [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;">]><metadata><versioning><versions><version>&b;</version></versions></versioning></metadata>`;
    server.files.set(`${gaPath(G, 'x-unknown')}/maven-metadata.xml`, { body: evil });
    const result = await (await client()).versions({ groupId: G, artifactId: 'x-unknown' });
    expect(result).toMatchObject({ versions: null, source: 'none' });
    expect(result.note).toMatch(/DOCTYPE/);
  });

  it('--offline makes no request: cache, then the snapshot with its date', async () => {
    const c = await client({ offline: true });
    const result = await c.versions(KAFKA);
    expect(result.source).toBe('snapshot');
    expect(result.note).toMatch(/offline/);
    expect(await c.versions({ groupId: G, artifactId: 'not-in-snapshot' })).toMatchObject({ versions: null, source: 'none' });
    expect(server.requests).toHaveLength(0);
  });
});

describe('checksums', () => {
  it('parses only the first token of a .sha1 and reports unpublished files', async () => {
    const jar = Buffer.from('PK fake jar');
    publish(server, G, KAFKA.artifactId, ['3.3.0-1.20'], { '3.3.0-1.20': jar });
    const c = await client();
    expect(await c.sha1({ ...KAFKA, version: '3.3.0-1.20' })).toMatchObject({ status: 'found', sha1: sha1(jar) });
    expect(await c.sha1({ ...KAFKA, version: '9.9.9-1.20' })).toMatchObject({ status: 'not-published' });
  });
});

describe.concurrent('fault modes (each bounded in time)', () => {
  // Each test has its own repository on 127.0.0.1, so they run side by side: the waits are real and overlap.
  const path = `${gaPath(G, KAFKA.artifactId)}/maven-metadata.xml`;
  const opened: MavenServer[] = [];
  afterAll(() => Promise.all(opened.map((s) => s.close())));
  async function own(): Promise<MavenServer> {
    const fresh = await startMavenServer();
    opened.push(fresh);
    return fresh;
  }

  it('429 with Retry-After: 1 is retried after waiting and then succeeds', async ({ expect }) => {
    const server = await own();
    publish(server, G, KAFKA.artifactId, ['3.3.0-1.20']);
    server.faults.set(path, { kind: 'status', status: 429, headers: { 'retry-after': '1' }, times: 1 });
    const { value, ms } = await timed(async () => (await client({ url: server.url })).versions(KAFKA));
    expect(value.source).toBe('network');
    expect(ms).toBeGreaterThanOrEqual(950);
    expect(ms).toBeLessThan(3_000);
  });

  it('429 with a Retry-After beyond the cap gives up at once with the reason', async ({ expect }) => {
    const server = await own();
    server.faults.set(path, { kind: 'status', status: 429, headers: { 'retry-after': '3600' } });
    const { value, ms } = await timed(async () => (await client({ url: server.url })).versions(KAFKA));
    expect(value.source).toBe('snapshot');
    expect(value.note).toMatch(/429.*Retry-After 3600 s/);
    expect(ms).toBeLessThan(1_000);
  });

  it('500 is retried a bounded number of times, then reported', async ({ expect }) => {
    const server = await own();
    server.faults.set(path, { kind: 'status', status: 500 });
    const { value, ms } = await timed(async () => (await client({ url: server.url })).versions(KAFKA));
    expect(value.note).toMatch(/HTTP 500 \(after 3 attempts\)/);
    expect(server.requests).toHaveLength(3);
    expect(ms).toBeLessThan(3_000);
  });

  it('a stalled connection ends at the request timeout', async ({ expect }) => {
    const server = await own();
    server.faults.set(path, { kind: 'stall' });
    const { value, ms } = await timed(async () => (await client({ url: server.url, requestTimeoutMs: 400 })).versions(KAFKA));
    expect(value.note).toMatch(/no response within 400 ms/);
    expect(ms).toBeLessThan(1_500);
  });

  it('a run budget bounds many stalled requests together', async ({ expect }) => {
    const server = await own();
    for (const a of ['a1', 'a2', 'a3', 'a4', 'a5', 'a6']) server.faults.set(`${gaPath(G, a)}/maven-metadata.xml`, { kind: 'stall' });
    const c = await client({ url: server.url, requestTimeoutMs: 5_000, totalTimeoutMs: 600 });
    const { value, ms } = await timed(() =>
      Promise.all(['a1', 'a2', 'a3', 'a4', 'a5', 'a6'].map((a) => c.versions({ groupId: G, artifactId: a }))),
    );
    expect(value.every((v) => v.versions === null)).toBe(true);
    expect(ms).toBeLessThan(2_000);
  });

  it('a truncated body is a failure, never a half-parsed list', async ({ expect }) => {
    const server = await own();
    server.faults.set(path, { kind: 'truncate', declared: 5_000, sent: metadataXml(G, KAFKA.artifactId, ['1.0.0-1.20']).slice(0, 120) });
    const { value, ms } = await timed(async () => (await client({ url: server.url })).versions(KAFKA));
    expect(value.source).toBe('snapshot');
    expect(value.note).toMatch(/cut short|after 3 attempts/);
    expect(ms).toBeLessThan(3_000);
  });

  it('a redirect loop stops after the redirect limit', async ({ expect }) => {
    const server = await own();
    server.faults.set(path, { kind: 'redirect', to: path });
    const { value, ms } = await timed(async () => (await client({ url: server.url })).versions(KAFKA));
    expect(value.note).toMatch(/more than 5 redirects/);
    expect(ms).toBeLessThan(1_000);
  });

  it('a redirect within the limit is followed', async ({ expect }) => {
    const server = await own();
    publish(server, G, 'moved', ['1.0.0-1.20']);
    server.faults.set(`${gaPath(G, KAFKA.artifactId)}/maven-metadata.xml`, {
      kind: 'redirect',
      to: `${gaPath(G, 'moved')}/maven-metadata.xml`,
    });
    expect((await (await client({ url: server.url })).versions(KAFKA)).versions).toEqual(['1.0.0-1.20']);
  });

  it('a dead repository (connection refused) costs little and falls back', async ({ expect }) => {
    const { value, ms } = await timed(async () => (await client({ url: 'http://127.0.0.1:1' })).versions(KAFKA));
    expect(value.source).toBe('snapshot');
    expect(value.note).toMatch(/connection failed/);
    expect(ms).toBeLessThan(3_000);
  });

  it('a recent failure is remembered briefly, so the next run does not wait again', async ({ expect }) => {
    const server = await own();
    server.faults.set(path, { kind: 'stall' });
    const dir = await tempDir('fd-cache-');
    await (await client({ url: server.url, cacheDir: dir, requestTimeoutMs: 300 })).versions(KAFKA);
    const { value, ms } = await timed(async () =>
      (await client({ url: server.url, cacheDir: dir, requestTimeoutMs: 300 })).versions(KAFKA),
    );
    expect(value.note).toMatch(/not retried yet/);
    expect(ms).toBeLessThan(200);
  });
});

describe('fault modes: huge responses (memory measured, so one at a time)', () => {
  const path = `${gaPath(G, KAFKA.artifactId)}/maven-metadata.xml`;
  it.each([true, false])('a 100 MB response (content-length: %s) is cut at the size cap without being read', async (withLength) => {
    server.faults.set(path, { kind: 'huge', bytes: 100 * 1024 * 1024, withLength });
    const before = process.memoryUsage().rss;
    const { value, ms } = await timed(async () => (await client()).versions(KAFKA));
    expect(value.note).toMatch(/over the 2 MiB flink-doctor reads of one response/);
    expect(ms).toBeLessThan(3_000);
    expect(server.hugeBytesSent).toBeLessThan(40 * 1024 * 1024);
    expect(process.memoryUsage().rss - before).toBeLessThan(80 * 1024 * 1024);
  });
});

describe('cache safety', () => {
  it('two runs writing the same entries at once leave only whole, readable files', async () => {
    publish(server, G, KAFKA.artifactId, ['3.3.0-1.20']);
    const dir = await tempDir('fd-cache-');
    const cache = new DiskCache(dir);
    const url = `${server.url}/x`;
    await Promise.all(
      Array.from({ length: 40 }, (_, i) => cache.write({ url, checkedAt: Date.now(), status: 'ok', body: 'v'.repeat(10_000 + i) })),
    );
    const entry = await cache.read(url);
    expect(entry?.body?.length).toBeGreaterThanOrEqual(10_000);
    const { readdir } = await import('node:fs/promises');
    expect((await readdir(join(dir, 'maven'))).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });
});

describe('concurrency and keep-alive', () => {
  it('runs at most 4 requests at once and reuses connections', async () => {
    const artifacts = Array.from({ length: 12 }, (_, i) => `a${i}`);
    for (const a of artifacts) {
      publish(server, G, a, ['1.0.0-1.20']);
      server.faults.set(`${gaPath(G, a)}/maven-metadata.xml`, { kind: 'slow', ms: 80 });
    }
    server.maxInFlight = 0;
    server.clientPorts.clear();
    const c = await client();
    const { value, ms } = await timed(() => Promise.all(artifacts.map((a) => c.versions({ groupId: G, artifactId: a }))));
    await c.close();
    expect(value.every((v) => v.source === 'network')).toBe(true);
    expect(server.maxInFlight).toBeLessThanOrEqual(4);
    expect(server.clientPorts.size).toBeLessThanOrEqual(4);
    expect(ms).toBeGreaterThanOrEqual(3 * 80 - 10);
  });
});
