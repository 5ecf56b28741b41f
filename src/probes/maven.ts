// The `maven` fact: for each connector or format JAR the run identified (issue 3's `jars` fact), its version
// list and published SHA-1 from the repository (cache, network or shipped snapshot), plus the JAR's own SHA-1.
// It never throws for network trouble; the reasons travel in the fact so checks can skip or warn with them.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import type { JarIdentity } from '../jars/identity.js';
import { replacementArtifacts } from '../maven/advice.js';
import { DiskCache, cacheDir } from '../maven/cache.js';
import type { ChecksumResult, VersionsResult } from '../maven/client.js';
import { gaKey } from '../maven/coordinates.js';
import { resolveRepository } from '../maven/repository.js';
import type { ProbeContext } from './registry.js';

export interface MavenJar {
  path: string;
  groupId: string;
  artifactId: string;
  version: string;
  /** From the identity, for versions that do not carry a Flink line. */
  flinkLine?: string;
  localSha1?: string;
  checksum: ChecksumResult;
}

export interface MavenFact {
  /** Base URL without credentials, and where it was configured. */
  repository: { url: string; source: string };
  offline: boolean;
  /** "g:a" → what the repository (or cache/snapshot) says. */
  versions: Record<string, VersionsResult>;
  jars: MavenJar[];
  problems: string[];
}

// JARs the user added: the ones whose version is a choice. lib/ and opt/ JARs come with Flink itself.
const USER_SOURCES = new Set(['--jars', 'pipeline.jars', 'pipeline.classpaths', 'job:add_jars', 'job:add_classpaths', 'job:pipeline.jars', 'job:pipeline.classpaths']);

/** Identities worth asking the repository about: connector/format JARs with full coordinates. */
export function mavenCandidates(identities: readonly JarIdentity[]): (JarIdentity & { groupId: string; artifactId: string; version: string })[] {
  return identities
    .filter((j) => j.kind !== 'other' && USER_SOURCES.has(j.source) && j.groupId && j.artifactId && j.version)
    .map((j) => ({ ...j, artifactId: mavenArtifactId(j), groupId: j.groupId!, version: j.version! }));
}

function mavenArtifactId(j: JarIdentity): string {
  const a = j.artifactId!;
  return j.scalaSuffix && !a.endsWith(`_${j.scalaSuffix}`) ? `${a}_${j.scalaSuffix}` : a;
}

export async function gatherMaven(identities: readonly JarIdentity[], { options }: Pick<ProbeContext, 'options'>): Promise<MavenFact> {
  const repository = await resolveRepository(options.mavenRepo, options.env);
  const fact: MavenFact = { repository: { url: repository.url, source: repository.source }, offline: options.offline, versions: {}, jars: [], problems: [...repository.problems] };
  const candidates = mavenCandidates(identities);
  if (candidates.length === 0) return fact;
  // Loaded here so runs without connector JARs never touch the client (nor undici).
  const { MavenClient } = await import('../maven/client.js');
  const client = new MavenClient({ repository, offline: options.offline, cache: new DiskCache(cacheDir(options.env)), env: options.env });
  try {
    // Also the artifact a fix would recommend (flink-sql-connector-kafka for a _2.11 build), for jars.flink-version.
    const artifacts = new Map(candidates.flatMap((c) => replacementArtifacts(c.artifactId).map((artifactId) => [gaKey({ ...c, artifactId }), { ...c, artifactId }] as const)));
    await Promise.all([
      ...[...artifacts].map(async ([key, c]) => {
        fact.versions[key] = await client.versions(c);
      }),
      ...candidates.map(async (c) => {
        const [localSha1, checksum] = await Promise.all([sha1OfFile(c.path), client.sha1(c)]);
        fact.jars.push({ path: c.path, groupId: c.groupId, artifactId: c.artifactId, version: c.version, flinkLine: c.flinkLine, localSha1, checksum });
      }),
    ]);
  } finally {
    await client.close();
  }
  fact.jars.sort((a, b) => a.path.localeCompare(b.path));
  return fact;
}

function sha1OfFile(path: string): Promise<string | undefined> {
  return new Promise((resolve) => {
    const hash = createHash('sha1');
    createReadStream(path)
      .on('data', (chunk) => hash.update(chunk))
      .on('end', () => resolve(hash.digest('hex')))
      .on('error', () => resolve(undefined));
  });
}

/** The probe: identities from issue 3's `jars` fact (read loosely until its shape settles), then gatherMaven. */
export async function probeMaven(ctx: ProbeContext): Promise<MavenFact> {
  return gatherMaven(await jarIdentities(ctx), ctx);
}

async function jarIdentities(ctx: ProbeContext): Promise<JarIdentity[]> {
  const get = ctx.get as unknown as (key: string) => Promise<unknown>;
  let fact: unknown;
  try {
    fact = await get('jars');
  } catch {
    return []; // no `jars` fact in this build, or it failed: its own checks report that
  }
  const list = Array.isArray(fact) ? fact : (fact as { jars?: unknown; identities?: unknown } | null)?.jars ?? (fact as { identities?: unknown } | null)?.identities;
  // Issue 3's JarsFact holds { jars: [{ identity?: JarIdentity, … }] }; bare identities are accepted too.
  const items = Array.isArray(list) ? (list as { identity?: JarIdentity }[]).map((j) => j?.identity ?? (j as unknown as JarIdentity)) : [];
  return items.filter((j): j is JarIdentity => Boolean(j) && typeof j.path === 'string');
}
