// jars.updates and jars.integrity on identities built in the test, with the repository served from 127.0.0.1
// and real JAR files on disk; jars.flink-version's repository-based fixes on built facts; the maven probe.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import jarsFlinkVersion from '../../checks/jars-flink-version.js';
import jarsIntegrity from '../../checks/jars-integrity.js';
import jarsUpdates from '../../checks/jars-updates.js';
import { defaultOptions } from '../../src/engine/options.js';
import type { JarIdentity, ScannedJar } from '../../src/facts/index.js';
import { loadMatrix } from '../../src/knowledge/load-matrix.js';
import { chooseBuild, describeChoice } from '../../src/maven/advice.js';
import { gatherMaven } from '../../src/probes/maven.js';
import { buildFacts, decide } from '../helpers/facts.js';
import { fatKafkaJar } from '../helpers/jars.js';
import { publish, startMavenServer, type MavenServer } from '../helpers/maven-server.js';
import { isolatedEnv, runCheckList } from '../helpers/run-check.js';
import { tempDir, writeFileDeep } from '../helpers/tmp.js';

const G = 'org.apache.flink';
const KAFKA = 'flink-sql-connector-kafka';
const KAFKA_VERSIONS = ['1.17.2', '3.2.0-1.19', '3.3.0-1.20', '3.4.0-1.20', '4.0.0-2.0', '4.0.1-2.0', '5.0.0-2.2'];
let server: MavenServer;
let dir: string;
const ctx = { matrix: loadMatrix(), strict: false };

beforeAll(async () => {
  server = await startMavenServer();
});
afterAll(() => server.close());
beforeEach(async () => {
  server.reset();
  dir = await tempDir('fd-jars-');
});

async function jar(name: string, content: string): Promise<{ path: string; bytes: Buffer }> {
  const bytes = Buffer.from(content);
  return { path: await writeFileDeep(join(dir, name), bytes), bytes };
}

function identity(path: string, artifactId: string, version: string, extra: Partial<JarIdentity> = {}): JarIdentity {
  return { path, source: '--jars', groupId: G, artifactId, version, kind: 'fat', identifiers: ['kafka'], ...extra };
}

/** The facts the checks read besides `maven`: no target (nothing judged elsewhere) and the test's repository. */
function withFacts<M>(maven: M, minor: string | null = null) {
  return {
    maven,
    target: { flinkVersion: minor, patch: null, minor, source: minor ? ('flag' as const) : ('none' as const), known: minor !== null },
    repository: { url: server.url, source: '--maven-repo', problems: [] as string[] },
  };
}

async function fact(identities: JarIdentity[], opts: { offline?: boolean; url?: string } = {}) {
  const cache = await tempDir('fd-cache-');
  return gatherMaven(identities, { options: defaultOptions({ env: { HOME: dir, FLINK_DOCTOR_CACHE_DIR: cache }, mavenRepo: opts.url ?? server.url, offline: opts.offline ?? false }) });
}

describe('jars.updates', () => {
  it('warns with the exact newer version for the same Flink line, ignoring newer lines', async () => {
    const { path, bytes } = await jar('kafka.jar', 'jar-3.3.0');
    publish(server, G, KAFKA, KAFKA_VERSIONS, { '3.3.0-1.20': bytes });
    const outcome = jarsUpdates.run(withFacts(await fact([identity(path, KAFKA, '3.3.0-1.20')])), ctx);
    expect(outcome.status).toBe('warning');
    expect(outcome.summary).toBe('newer build for the same Flink line: flink-sql-connector-kafka 3.3.0-1.20 → 3.4.0-1.20');
    expect(outcome.fix).toContain(`${server.url}/org/apache/flink/${KAFKA}/3.4.0-1.20/${KAFKA}-3.4.0-1.20.jar`);
  });

  it('is ok when the JAR is the newest for its line', async () => {
    const { path } = await jar('kafka.jar', 'x');
    publish(server, G, KAFKA, KAFKA_VERSIONS);
    expect(jarsUpdates.run(withFacts(await fact([identity(path, KAFKA, '4.0.1-2.0')])), ctx).status).toBe('ok');
  });

  it('skips with the reason when the repository is dead and the snapshot does not know the artifact', async () => {
    const { path } = await jar('own.jar', 'x');
    const started = performance.now();
    const outcome = jarsUpdates.run(withFacts(await fact([identity(path, 'flink-sql-connector-inhouse', '1.0.0-1.20')], { url: 'http://127.0.0.1:1' })), ctx);
    expect(outcome.status).toBe('skipped');
    expect(outcome.summary).toMatch(/connection failed/);
    expect(performance.now() - started).toBeLessThan(5_000);
  });

  it('--offline uses the shipped snapshot and says how old it is, without any request', async () => {
    const { path } = await jar('kafka.jar', 'x');
    const outcome = jarsUpdates.run(withFacts(await fact([identity(path, KAFKA, '3.3.0-1.20')], { offline: true })), ctx);
    expect(outcome.status).toBe('warning');
    expect(outcome.summary).toContain('3.4.0-1.20');
    expect(outcome.details?.join('\n')).toMatch(/snapshot shipped with flink-doctor \(data of 2026-08-22, \d+ days old\)/);
    expect(server.requests.filter((r) => r.path.includes(KAFKA))).toHaveLength(0);
  });

  it('skips when no connector JAR was identified', () => {
    expect(jarsUpdates.run(withFacts({ repository: { url: server.url, source: 't' }, offline: false, versions: {}, jars: [], problems: [] }), ctx).status).toBe('skipped');
  });
});

describe('jars.integrity', () => {
  it('ok when the SHA-1 matches, error on a modified file, warning when unpublished', async () => {
    const good = await jar('good.jar', 'published bytes');
    const bad = await jar('bad.jar', 'tampered bytes');
    const local = await jar('local.jar', 'my build');
    publish(server, G, KAFKA, KAFKA_VERSIONS, { '3.4.0-1.20': good.bytes, '3.3.0-1.20': Buffer.from('the real 3.3.0') });
    expect(jarsIntegrity.run(withFacts(await fact([identity(good.path, KAFKA, '3.4.0-1.20')])), ctx).status).toBe('ok');
    const mismatch = jarsIntegrity.run(withFacts(await fact([identity(bad.path, KAFKA, '3.3.0-1.20')])), ctx);
    expect(mismatch).toMatchObject({ status: 'error' });
    expect(mismatch.details?.[0]).toMatch(/bad\.jar: SHA-1 [0-9a-f]{40}, published [0-9a-f]{40}/);
    const unpublished = jarsIntegrity.run(withFacts(await fact([identity(local.path, KAFKA, '3.9.9-1.20')])), ctx);
    expect(unpublished.status).toBe('warning');
    expect(unpublished.summary).toMatch(/locally built/);
  });

  it('offline with an empty cache skips with the reason', async () => {
    const good = await jar('good.jar', 'x');
    const outcome = jarsIntegrity.run(withFacts(await fact([identity(good.path, KAFKA, '3.4.0-1.20')], { offline: true })), ctx);
    expect(outcome).toMatchObject({ status: 'skipped' });
    expect(outcome.summary).toMatch(/--offline and not in the cache/);
  });

  it('ignores JARs shipped with Flink (lib/, opt/) and non-connector JARs', async () => {
    const a = await jar('a.jar', 'x');
    const f = await fact([identity(a.path, 'flink-json', '1.20.1', { source: '$FLINK_HOME/lib', kind: 'format' }), identity(a.path, 'kafka-clients', '3.7.0', { kind: 'other', groupId: 'org.apache.kafka' })]);
    expect(f.jars).toEqual([]);
    expect(server.requests.length).toBe(0);
  });
});

describe('chooseBuild / describeChoice (the advice of `flink-doctor connector`)', () => {
  it('names the newest build for the target line, or says none exists and names the nearest', () => {
    const exact = chooseBuild('https://repo1.maven.org/maven2', G, KAFKA, KAFKA_VERSIONS, '1.20');
    expect(exact && describeChoice(exact, '1.20')).toBe(`Use ${G}:${KAFKA}:3.4.0-1.20, the newest build for Flink 1.20: https://repo1.maven.org/maven2/org/apache/flink/${KAFKA}/3.4.0-1.20/${KAFKA}-3.4.0-1.20.jar`);
    const nearest = chooseBuild('https://repo1.maven.org/maven2', G, KAFKA, KAFKA_VERSIONS, '2.3');
    expect(nearest && describeChoice(nearest, '2.3')).toMatch(/^No build of flink-sql-connector-kafka for Flink 2.3 is published yet; the nearest is .*:5.0.0-2.2 \(Flink 2.2\)/);
  });
});

describe('jars.flink-version fixes (built facts)', () => {
  const REPO = 'https://repo.example.com/maven2';
  /** A Kafka connector JAR as the jars probe reports it: identified from inside, found through --jars. */
  function kafkaJar(artifactId: string, version: string, extra: Partial<JarIdentity> = {}): ScannedJar {
    const path = `/work/jars/${artifactId}-${version}.jar`;
    const identity = { path, source: '--jars' as const, groupId: G, artifactId, version, kind: 'fat' as const, identifiers: ['kafka'], ...extra };
    return { ref: { path, source: '--jars' }, alsoFrom: [], notes: [], identity, family: 'kafka', role: 'fat', bundled: [], unknownFactories: [], factories: {}, evidence: [] };
  }
  function factsWith(jar: ScannedJar, versions: string[] | null, target = '2.0') {
    return buildFacts({
      target: { flinkVersion: target, minor: target, source: 'flag', known: true },
      jars: { jars: [jar], overlaps: [], durationMs: 0 },
      repository: { url: REPO, source: '--maven-repo', problems: [] },
      maven: versions ? { repository: { url: REPO, source: '--maven-repo' }, versions: { [`${G}:${KAFKA}`]: { versions, source: 'network' } } } : {},
    });
  }

  it('a 1.20 build on Flink 2.0: the fix names the newest 2.0 build from the repository\'s own version list', () => {
    const outcome = decide(jarsFlinkVersion, factsWith(kafkaJar(KAFKA, '3.3.0-1.20', { flinkLine: '1.20' }), KAFKA_VERSIONS));
    expect(outcome.status).toBe('error');
    expect(outcome.fix).toBe(`Replace ${KAFKA}-3.3.0-1.20.jar (from --jars) with ${G}:${KAFKA}:4.0.1-2.0, the newest build for Flink 2.0: ${REPO}/org/apache/flink/${KAFKA}/4.0.1-2.0/${KAFKA}-4.0.1-2.0.jar`);
  });

  it('no build for the target line yet: the fix says so and names the nearest published one', () => {
    const outcome = decide(jarsFlinkVersion, factsWith(kafkaJar(KAFKA, '5.0.0-2.2', { flinkLine: '2.2' }), KAFKA_VERSIONS, '2.3'));
    expect(outcome.status).toBe('warning');
    expect(outcome.fix).toBe(`Replace ${KAFKA}-5.0.0-2.2.jar (from --jars): no build of ${KAFKA} for Flink 2.3 is published yet; the nearest is ${G}:${KAFKA}:5.0.0-2.2 (Flink 2.2): ${REPO}/org/apache/flink/${KAFKA}/5.0.0-2.2/${KAFKA}-5.0.0-2.2.jar`);
  });

  it('a Scala 2.11 build is answered from the matrix (its artifact has no builds for modern lines), not the version list', () => {
    const jar = kafkaJar(`${KAFKA}_2.11`, '1.14.6', { scalaSuffix: '2.11', flinkLine: '1.14' });
    const outcome = decide(jarsFlinkVersion, factsWith(jar, KAFKA_VERSIONS));
    expect(outcome.status).toBe('error');
    expect(outcome.summary).toContain('Scala 2.11 build');
    expect(outcome.fix).toMatch(new RegExp(`^Replace ${KAFKA}_2\\.11-1\\.14\\.6\\.jar \\(from --jars\\) with ${G}:${KAFKA}:\\S+-2\\.0: ${REPO}/`));
  });

  it('without version data (offline, nothing cached) the matrix names the build to use', () => {
    const outcome = decide(jarsFlinkVersion, factsWith(kafkaJar(KAFKA, '3.3.0-1.20', { flinkLine: '1.20' }), null));
    expect(outcome.fix).toMatch(new RegExp(`^Replace ${KAFKA}-3\\.3\\.0-1\\.20\\.jar \\(from --jars\\) with ${G}:${KAFKA}:\\S+-2\\.0: ${REPO}/`));
  });
});

describe('the maven probe', () => {
  it('also fetches the version list of the artifact a fix would recommend (the unsuffixed one for a _2.11 JAR)', async () => {
    const { path } = await jar('old.jar', 'x');
    publish(server, G, KAFKA, KAFKA_VERSIONS);
    publish(server, G, `${KAFKA}_2.11`, ['1.14.6']);
    const maven = await fact([identity(path, KAFKA, '1.14.6', { scalaSuffix: '2.11', flinkLine: '1.14' })]);
    expect(Object.keys(maven.versions).sort()).toEqual([`${G}:${KAFKA}`, `${G}:${KAFKA}_2.11`]);
  });

  it('without candidate JARs reads no settings.xml and asks nothing', async () => {
    await writeFileDeep(join(dir, '.m2', 'settings.xml'), '<settings><mirrors><mirror>not xml');
    const f = await gatherMaven([], { options: defaultOptions({ env: { HOME: dir, FLINK_DOCTOR_CACHE_DIR: await tempDir('fd-cache-') } }) });
    expect(f).toEqual({ repository: null, offline: false, versions: {}, jars: [], problems: [] });
    // With a candidate the same settings.xml is read, and its problem travels in the fact.
    const { path } = await jar('kafka.jar', 'x');
    const withJar = await gatherMaven([identity(path, KAFKA, '3.3.0-1.20')], { options: defaultOptions({ env: { HOME: dir, FLINK_DOCTOR_CACHE_DIR: await tempDir('fd-cache-') }, offline: true }) });
    expect(withJar.problems.join()).toMatch(/settings\.xml is not valid XML/);
  });

  it('reads the typed jars fact: real JARs, SHA-1 compared with the published one', async () => {
    const path = await fatKafkaJar(join(dir, `${KAFKA}-3.4.0-1.20.jar`), '3.4.0-1.20');
    publish(server, G, KAFKA, KAFKA_VERSIONS, { '3.4.0-1.20': await readFile(path) });
    const [integrity, updates] = await runCheckList([jarsIntegrity, jarsUpdates], { jars: [path], flinkVersion: '1.20', mavenRepo: server.url, env: isolatedEnv({ FLINK_DOCTOR_CACHE_DIR: await tempDir('fd-cache-') }) });
    expect(integrity?.status).toBe('ok');
    expect(integrity?.facts).toMatchObject({ repository: server.url, repositorySource: '--maven-repo' });
    expect(updates?.status).toBe('ok');
    expect(server.requests.filter((r) => r.path.endsWith('.jar.sha1'))).toHaveLength(1);
  });
});
