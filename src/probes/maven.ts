// The `maven` fact: for each connector or format JAR the run identified (the `jars` fact), its version list
// and published SHA-1 from the repository (cache, network or shipped snapshot), plus the JAR's own SHA-1.
// Without such JARs it does nothing at all: no settings.xml, no client, no network.
// It never throws for network trouble; the reasons travel in the fact so checks can skip or warn with them.
import type { Coordinate, JarIdentity, MavenFact, MavenJar } from '../facts/index.js';
import type { ConnectorKnowledge } from '../knowledge/connectors.js';
import { lookupArtifacts } from '../maven/advice.js';
import { DiskCache, cacheDir } from '../maven/cache.js';
import { gaKey, jarPath } from '../maven/coordinates.js';
import type { MavenClient } from '../maven/client.js';
import { errorMessage } from '../engine/errors.js';
import type { ProbeContext } from './context.js';
import { repositoryConfig } from './repository.js';
import { proxySettings } from '../maven/proxy.js';
import { RepositoryError, type RepositoryConfig } from '../maven/repository.js';
import { sha1OfFile } from '../util/file-sha1.js';

// JARs the user added: the ones whose version is a choice. lib/ and opt/ JARs come with Flink itself.
const USER_SOURCES = new Set([
  '--jars',
  'pipeline.jars',
  'pipeline.classpaths',
  'job:add_jars',
  'job:add_classpaths',
  'job:pipeline.jars',
  'job:pipeline.classpaths',
]);

type Candidate = JarIdentity & Coordinate;

/**
 * Identities worth asking the repository about: connector/format JARs with full coordinates, one per file.
 * Coordinates that are not a repository path (a pom.properties saying "version=3.3.0 1.20") are left out with a
 * problem naming the JAR: one odd JAR must not switch off the Maven data of every other.
 */
function mavenCandidates(identities: readonly JarIdentity[], problems: string[] = []): Candidate[] {
  const seen = new Set<string>();
  return identities
    .filter((j) => j.kind !== 'other' && USER_SOURCES.has(j.source) && j.groupId && j.artifactId && j.version)
    .filter((j) => !seen.has(j.path) && Boolean(seen.add(j.path)))
    .map((j) => ({ ...j, artifactId: mavenArtifactId(j), groupId: j.groupId!, version: j.version! }))
    .filter((c) => {
      const invalid = invalidCoordinates(c);
      if (invalid) problems.push(`${c.path}: not looked up: ${invalid}`);
      return !invalid;
    });
}

function invalidCoordinates(c: Coordinate): string | undefined {
  try {
    jarPath(c);
    return undefined;
  } catch (error) {
    return `${errorMessage(error)} (from the JAR's own metadata)`;
  }
}

function mavenArtifactId(j: JarIdentity): string {
  const a = j.artifactId!;
  return j.scalaSuffix && !a.endsWith(`_${j.scalaSuffix}`) ? `${a}_${j.scalaSuffix}` : a;
}

export interface GatherOptions {
  /** Maps a thin connector to the fat artifact PyFlink needs, so its version list is fetched too. */
  knowledge?: ConnectorKnowledge;
  /** SHA-1 digests already computed (by the JAR scan), by path. */
  sha1s?: ReadonlyMap<string, string>;
}

export async function gatherMaven(
  identities: readonly JarIdentity[],
  { options }: Pick<ProbeContext, 'options'>,
  extra: GatherOptions = {},
): Promise<MavenFact> {
  const skipped: string[] = [];
  const candidates = mavenCandidates(identities, skipped);
  if (candidates.length === 0) return factWithoutRepository(options.offline, skipped);
  let repository: RepositoryConfig;
  try {
    repository = await repositoryConfig(options);
  } catch (error) {
    // A repository URL that cannot be used (FLINK_DOCTOR_MAVEN_REPO) is a finding of the Maven checks, not a crash.
    if (!(error instanceof RepositoryError)) throw error;
    return factWithoutRepository(options.offline, [`${error.message}: fix or unset it`, ...skipped]);
  }
  // Offline runs never use a proxy, so only online ones report one that cannot be used.
  const proxies = options.offline ? [] : proxySettings(options.env).problems;
  const fact: MavenFact = {
    repository: { url: repository.url, source: repository.source },
    offline: options.offline,
    versions: {},
    jars: [],
    problems: [...repository.problems, ...proxies, ...skipped],
  };
  const client = await openMavenClient(repository, options);
  try {
    await lookUpInRepository(client, candidates, extra, fact);
  } finally {
    await client.close();
  }
  fact.jars.sort((a, b) => a.path.localeCompare(b.path));
  return fact;
}

function factWithoutRepository(offline: boolean, problems: string[]): MavenFact {
  return { repository: null, offline, versions: {}, jars: [], problems };
}

/** Loaded here so runs without connector JARs never touch the client (nor undici). */
async function openMavenClient(repository: RepositoryConfig, options: ProbeContext['options']): Promise<MavenClient> {
  const { MavenClient } = await import('../maven/client.js');
  return new MavenClient({ repository, offline: options.offline, cache: new DiskCache(cacheDir(options.env)), env: options.env });
}

/** Fills the fact: the version list of every artifact worth knowing, and each JAR's published and own SHA-1. */
async function lookUpInRepository(client: MavenClient, candidates: Candidate[], extra: GatherOptions, fact: MavenFact): Promise<void> {
  await Promise.all([
    ...[...artifactsToList(candidates, extra.knowledge)].map(async ([key, c]) => {
      fact.versions[key] = await client.versions(c);
    }),
    ...candidates.map(async (c) => {
      fact.jars.push(await jarChecksums(client, c, extra.sha1s));
    }),
  ]);
}

/**
 * The artifacts whose version lists are wanted, by "g:a": each candidate's, and those a fix would recommend
 * (flink-sql-connector-kafka for a _2.11 or thin build), for jars.flink-version.
 */
function artifactsToList(candidates: Candidate[], knowledge: ConnectorKnowledge | undefined): Map<string, Candidate> {
  return new Map(
    candidates.flatMap((c) =>
      [c.artifactId, ...lookupArtifacts(c.artifactId, knowledge)].map(
        (artifactId) => [gaKey({ ...c, artifactId }), { ...c, artifactId }] as const,
      ),
    ),
  );
}

/** A JAR's published SHA-1 and, when there is one to compare with, its own. */
async function jarChecksums(client: MavenClient, c: Candidate, sha1s: GatherOptions['sha1s']): Promise<MavenJar> {
  const checksum = await client.sha1(c);
  // Hashing a JAR reads all of it: only worth it when there is a published checksum to compare with.
  const localSha1 = sha1s?.get(c.path) ?? (checksum.status === 'found' ? await sha1OfFile(c.path) : undefined);
  return { path: c.path, groupId: c.groupId, artifactId: c.artifactId, version: c.version, flinkLine: c.flinkLine, localSha1, checksum };
}

/** The probe: the identities of the `jars` fact (readable JARs only), then gatherMaven. */
export async function probeMaven(ctx: ProbeContext): Promise<MavenFact> {
  const { jars } = await ctx.get('jars');
  const identities = jars.flatMap((jar) => (jar.identity && !jar.error ? [jar.identity] : []));
  const sha1s = new Map(jars.flatMap((jar) => (jar.sha1 ? [[jar.ref.path, jar.sha1] as const] : [])));
  return gatherMaven(identities, ctx, { knowledge: ctx.matrix.connectors(), sha1s });
}
