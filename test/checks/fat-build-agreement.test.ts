// One JAR, one answer: jars.thin, jars.flink-version and cluster.jars name the same build of the fat JAR for a line,
// whichever source knows it (src/maven/advice.ts buildForLine). Before they shared it, jars.thin read compat-matrix.json and
// jars.flink-version the repository's version list, so a live repository with a release newer than the matrix made
// the two name two versions for one JAR. Decided on built facts with the real matrix; each row says which source
// holds what, and the build every check must name.
import { describe, expect, it } from 'vitest';
import clusterJars from '../../checks/cluster-jars.js';
import jarsFlinkVersion from '../../checks/jars-flink-version.js';
import jarsThin from '../../checks/jars-thin.js';
import type { ScannedJar, VersionsResult } from '../../src/facts/index.js';
import { buildFacts, decide, scannedJar, targetOf, thinKafkaJar } from '../helpers/facts.js';
import { clusterOf } from '../helpers/cluster-facts.js';

const REPO = 'https://repo.example.com/maven2';
const G = 'org.apache.flink';
const KAFKA = 'flink-sql-connector-kafka';
const AVRO = 'flink-sql-avro';

/** The repository's version list of one artifact, as the maven probe reports it (network, cache or snapshot). */
const listed = (artifactId: string, versions: string[]): Record<string, VersionsResult> => ({
  [`${G}:${artifactId}`]: { versions, source: 'network' },
});

/** The thin Kafka connector built for 1.18, shipped with the job (so cluster.jars judges it too). */
const thinKafka18: ScannedJar = {
  ...thinKafkaJar('3.1.0-1.18'),
  ref: { path: '/work/jars/flink-connector-kafka-3.1.0-1.18.jar', source: 'pipeline.jars' },
};
/** The thin Avro format of 1.19 (in-tree: versioned like Flink), shipped with the job. */
const thinAvro19 = scannedJar(
  'flink-avro-1.19.1.jar',
  { groupId: G, artifactId: 'flink-avro', version: '1.19.1', flinkLine: '1.19', kind: 'format', identifiers: ['avro'] },
  { family: 'avro', role: 'thin' },
  'pipeline.jars',
);

interface Row {
  name: string;
  jar: ScannedJar;
  target: string;
  versions: Record<string, VersionsResult>;
  /** The build every check names ("G:A:V"), or null where no check may name a version of the fat artifact. */
  build: string | null;
}

const ROWS: Row[] = [
  { name: 'matrix only (offline, nothing cached)', jar: thinKafka18, target: '2.2.1', versions: {}, build: `${G}:${KAFKA}:5.0.0-2.2` },
  {
    name: 'both, agreeing on the newest 2.2 build',
    jar: thinKafka18,
    target: '2.2.1',
    versions: listed(KAFKA, ['3.1.0-1.18', '4.0.1-2.0', '5.0.0-2.2']),
    build: `${G}:${KAFKA}:5.0.0-2.2`,
  },
  {
    name: 'the repository newer than the matrix (a release published after it)',
    jar: thinKafka18,
    target: '2.2.1',
    versions: listed(KAFKA, ['3.1.0-1.18', '5.0.0-2.2', '5.0.1-2.2']),
    build: `${G}:${KAFKA}:5.0.1-2.2`,
  },
  {
    name: 'the repository behind the matrix (a mirror that has 3.3.0-1.20, not 3.4.0-1.20): what it serves',
    jar: thinKafka18,
    target: '1.20.1',
    versions: listed(KAFKA, ['3.1.0-1.18', '3.3.0-1.20']),
    build: `${G}:${KAFKA}:3.3.0-1.20`,
  },
  {
    name: 'the repository without the line (nothing for 2.2 listed): the matrix',
    jar: thinKafka18,
    target: '2.2.1',
    versions: listed(KAFKA, ['3.1.0-1.18', '4.0.1-2.0']),
    build: `${G}:${KAFKA}:5.0.0-2.2`,
  },
  {
    name: 'repository only (a line the matrix has no Kafka release for)',
    jar: thinKafka18,
    target: '2.3.0',
    versions: listed(KAFKA, ['5.0.0-2.2', '5.1.0-2.3']),
    build: `${G}:${KAFKA}:5.1.0-2.3`,
  },
  { name: 'neither source has a build for the line', jar: thinKafka18, target: '2.3.0', versions: {}, build: null },
  {
    name: "in-tree format: the target's own release, whatever the repository lists",
    jar: thinAvro19,
    target: '1.20.1',
    versions: listed(AVRO, ['1.19.1', '1.20.1', '1.20.3']),
    build: `${G}:${AVRO}:1.20.1`,
  },
  {
    name: 'in-tree format, a minor-only target: the newest patch the matrix knows (the release the target resolves to)',
    jar: thinAvro19,
    target: '1.20',
    versions: listed(AVRO, ['1.19.1', '1.20.1', '1.20.9']),
    build: `${G}:${AVRO}:${targetOf('1.20').patch}`,
  },
];

function factsFor(row: Row) {
  return buildFacts({
    target: targetOf(row.target),
    jars: { jars: [row.jar], overlaps: [], durationMs: 0 },
    repository: { url: REPO, source: '--maven-repo', problems: [] },
    maven: { repository: { url: REPO, source: '--maven-repo' }, offline: false, versions: row.versions, jars: [], problems: [] },
    cluster: clusterOf({ flinkVersion: row.target, classpath: [`/opt/flink/lib/flink-dist-${row.target}.jar`] }),
  });
}

/** Every "G:A:V" of the family's fat artifact a fix names. */
function namedBuilds(fix: string | null | undefined, artifactId: string): string[] {
  return [...(fix ?? '').matchAll(new RegExp(`${G}:${artifactId}:[^\\s,:)]+`, 'g'))].map((m) => m[0]);
}

describe('the fat build named for a JAR of another line: one answer from every check, in every source combination', () => {
  it.each(ROWS)('$name', (row) => {
    const facts = factsFor(row);
    const artifactId = row.jar.family === 'avro' ? AVRO : KAFKA;
    const thin = decide(jarsThin, facts);
    const line = decide(jarsFlinkVersion, facts);
    const cluster = decide(clusterJars, facts);
    // Each check finds the JAR wrong (thin; built for another line; shipped for another line than the cluster's).
    expect([thin.status, line.status, cluster.status]).not.toContain('ok');
    const named = {
      thin: namedBuilds(thin.fix, artifactId),
      line: namedBuilds(line.fix, artifactId),
      cluster: namedBuilds(cluster.fix, artifactId),
    };
    if (row.build === null) {
      expect(named).toEqual({ thin: [], line: [], cluster: [] });
      return;
    }
    expect(named).toEqual({ thin: [row.build], line: [row.build], cluster: [row.build] });
    // The download URL is the build's, in the run's repository.
    const [, a, v] = row.build.split(':');
    expect(line.fix).toContain(`${REPO}/org/apache/flink/${a}/${v}/${a}-${v}.jar`);
    expect(thin.fix).toContain(`${REPO}/org/apache/flink/${a}/${v}/${a}-${v}.jar`);
  });
});
