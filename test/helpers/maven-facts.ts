// The maven fact as the maven probe reports it (src/probes/maven.ts), for jars.updates and jars.integrity: a Kafka
// connector's version list and a JAR whose SHA-1 matches the published one, unless a test says otherwise.
import type { Facts, MavenJar, VersionsResult } from '../../src/facts/index.js';
import { buildFacts, targetOf, type FactsOverrides } from './facts.js';

export const REPO = 'https://repo.example.com/maven2';
export const G = 'org.apache.flink';
export const KAFKA = 'flink-sql-connector-kafka';
export const KAFKA_VERSIONS = ['1.17.2', '3.2.0-1.19', '3.3.0-1.20', '3.4.0-1.20', '4.0.0-2.0', '4.0.1-2.0', '5.0.0-2.2'];
export const SHA = 'a'.repeat(40);

export function mavenJar(version: string, extra: Partial<MavenJar> = {}): MavenJar {
  return {
    path: `/work/jars/${KAFKA}-${version}.jar`,
    groupId: G,
    artifactId: KAFKA,
    version,
    localSha1: SHA,
    checksum: { status: 'found', sha1: SHA, source: 'network' },
    ...extra,
  };
}
export function mavenFacts(
  jars: MavenJar[],
  versions: Record<string, VersionsResult> = { [`${G}:${KAFKA}`]: { versions: KAFKA_VERSIONS, source: 'network' } },
  minor: string | null = null,
  more: FactsOverrides = {},
): Facts {
  return buildFacts({
    ...more,
    maven: { repository: { url: REPO, source: '--maven-repo' }, offline: false, versions, jars, problems: [] },
    repository: { url: REPO, source: '--maven-repo', problems: [] },
    target: targetOf(minor),
  });
}
