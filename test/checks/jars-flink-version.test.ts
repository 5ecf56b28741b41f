// jars.flink-version: its decision table on built facts. Real JARs identified from inside (renamed, Scala-suffixed,
// CDC) and judged through the real probes: test/jars/checks.test.ts; identification itself: test/jars/identify.test.ts.
import { describe, expect, it } from 'vitest';
import jarsFlinkVersion from '../../checks/jars-flink-version.js';
import type { JarIdentity, ScannedJar, VersionsResult } from '../../src/facts/index.js';
import { buildFacts, decide, fatKafka, scannedJar, targetOf } from '../helpers/facts.js';
import { kafkaFat } from '../helpers/jar-facts.js';
import { G, KAFKA, KAFKA_VERSIONS, REPO } from '../helpers/maven-facts.js';

const CENTRAL = 'https://repo1.maven.org/maven2';
/** A Kafka connector JAR as the jars probe reports it, identified from inside and found through --jars. */
function kafkaJar(artifactId: string, version: string, extra: Partial<JarIdentity> = {}): ScannedJar {
  return scannedJar(
    `${artifactId}-${version}.jar`,
    { groupId: G, artifactId, version, kind: 'fat', identifiers: ['kafka'], ...extra },
    { family: 'kafka', role: 'fat' },
  );
}
function judge(jars: ScannedJar[], target: string | null, versions?: Record<string, VersionsResult>) {
  return decide(
    jarsFlinkVersion,
    buildFacts({
      target: targetOf(target),
      jars: { jars, overlaps: [], durationMs: 0 },
      ...(versions
        ? {
            repository: { url: REPO, source: '--maven-repo', problems: [] },
            maven: { repository: { url: REPO, source: '--maven-repo' }, versions },
          }
        : {}),
    }),
  );
}
const kafkaVersions = { [`${G}:${KAFKA}`]: { versions: KAFKA_VERSIONS, source: 'network' as const } };
const avro = (version: string) =>
  scannedJar(
    `flink-sql-avro-${version}.jar`,
    {
      groupId: G,
      artifactId: 'flink-sql-avro',
      version,
      flinkLine: version.split('.').slice(0, 2).join('.'),
      kind: 'format',
      identifiers: ['avro'],
    },
    { family: 'avro', role: 'fat' },
  );

describe('jars.flink-version decisions (built facts)', () => {
  it('ok: connectors and formats built for the target minor', () => {
    const outcome = judge([fatKafka('3.3.0-1.20'), avro('1.20.1')], '1.20.1');
    expect(outcome.status).toBe('ok');
    expect(outcome.summary).toBe('2 connector/format JARs built for Flink 1.20');
  });

  it("error: a 1.x build on Flink 2.x (removed SourceFunction/SinkFunction), with the matrix's build for the line", () => {
    const outcome = judge([fatKafka('3.3.0-1.20')], '2.2.0');
    expect(outcome.status).toBe('error');
    expect(outcome.summary).toBe(
      'flink-sql-connector-kafka-3.3.0-1.20.jar from --jars: built for Flink 1.20, target is 2.2: Flink 2 removed the 1.x SourceFunction/SinkFunction APIs (NoClassDefFoundError/NoSuchMethodError)',
    );
    expect(outcome.fix).toBe(
      `Replace flink-sql-connector-kafka-3.3.0-1.20.jar (from --jars) with ${G}:${KAFKA}:5.0.0-2.2: ${CENTRAL}/org/apache/flink/${KAFKA}/5.0.0-2.2/${KAFKA}-5.0.0-2.2.jar`,
    );
    expect(outcome.locations).toEqual([{ path: '/work/jars/flink-sql-connector-kafka-3.3.0-1.20.jar' }]);
  });

  it('warning: another minor of the same major', () => {
    const outcome = judge([fatKafka('3.2.0-1.19')], '1.20');
    expect(outcome.status).toBe('warning');
    expect(outcome.summary).toBe(
      'flink-sql-connector-kafka-3.2.0-1.19.jar from --jars: built for Flink 1.19, target is 1.20: expect NoSuchMethodError where an API it calls changed',
    );
  });

  it('error: a Scala 2.11 build, a Scala-suffixed pre-1.15 build, a pre-1.15 line', () => {
    const scala211 = kafkaJar(`${KAFKA}_2.11`, '1.14.4', { scalaSuffix: '2.11', flinkLine: '1.14' });
    expect(judge([scala211], '1.18').summary).toContain(
      'Scala 2.11 build; Flink 1.18 ships Scala 2.12 only and the two are not binary compatible',
    );
    const scala212 = kafkaJar(`${KAFKA}_2.12`, '1.14.6', { scalaSuffix: '2.12', flinkLine: '1.14' });
    expect(judge([scala212], '1.18').summary).toContain(
      'Scala-suffixed (_2.12) artifact: a pre-1.15 build (1.15 dropped the suffix from this module)',
    );
    expect(judge([kafkaJar(KAFKA, '1.14.6', { flinkLine: '1.14' })], '1.18').summary).toContain(
      'built for Flink 1.14 (pre-1.15), target is 1.18',
    );
  });

  it('CDC before 3.6 is judged by its own compatibility table (2.4.2 is not Flink 2.4)', () => {
    const cdc = scannedJar(
      'flink-sql-connector-mysql-cdc-2.4.2.jar',
      { groupId: 'com.ververica', artifactId: 'flink-sql-connector-mysql-cdc', version: '2.4.2', kind: 'fat', identifiers: ['mysql-cdc'] },
      { family: 'mysql-cdc', role: 'fat' },
    );
    expect(judge([cdc], '1.17').status).toBe('ok');
    const outcome = judge([cdc], '1.20');
    expect(outcome.status).toBe('error');
    expect(outcome.summary).toMatch(/supports Flink 1\.13, 1\.14, 1\.15, 1\.16, 1\.17, not 1\.20$/);
    expect(outcome.fix).toContain('org.apache.flink:flink-sql-connector-mysql-cdc:3.6.0-1.20');
  });

  it('several verdicts: counted in the summary, one line each in the details, errors win the status', () => {
    const outcome = judge([fatKafka('3.3.0-1.20'), avro('2.0.1')], '2.2');
    expect(outcome.status).toBe('error');
    expect(outcome.summary).toBe('2 JARs built for another Flink line than 2.2');
    expect(outcome.details).toHaveLength(2);
    expect(outcome.fix?.split('\n')).toHaveLength(2);
  });

  it('a connector JAR with no version inside is listed as not judgeable', () => {
    const unknown = scannedJar('kafka.jar', { artifactId: KAFKA, kind: 'fat', identifiers: ['kafka'] }, { family: 'kafka', role: 'fat' });
    const outcome = judge([fatKafka('3.3.0-1.20'), unknown], '1.20');
    expect(outcome.status).toBe('ok');
    expect(outcome.details).toContain(`kafka.jar (${KAFKA}) from --jars: no version found inside; cannot tell its Flink line`);
  });

  it("skipped: no target, a target older than the matrix, no connector or format JARs, only the distribution's own", () => {
    expect(judge([fatKafka()], null).summary).toBe('no target Flink version (pass --flink-version or install apache-flink)');
    expect(judge([fatKafka()], '1.13.6').summary).toContain('older than the lines flink-doctor knows');
    const udfs = scannedJar('udfs-1.2.0.jar', { groupId: 'com.example', artifactId: 'udfs', version: '1.2.0' });
    expect(judge([udfs], '1.20').summary).toBe('no connector or format JARs found');
    const own = scannedJar(
      '/opt/flink/lib/flink-json-1.19.1.jar',
      { groupId: G, artifactId: 'flink-json', version: '1.19.1', flinkLine: '1.19', kind: 'format' },
      { family: 'json', role: 'thin' },
      '$FLINK_HOME/lib',
    );
    expect(judge([own], '1.20').status).toBe('skipped');
  });
});

describe("jars.flink-version fixes from the repository's version list (built facts)", () => {
  it('a 1.20 build on Flink 2.0: the newest 2.0 build the repository lists', () => {
    const outcome = judge([kafkaJar(KAFKA, '3.3.0-1.20', { flinkLine: '1.20' })], '2.0', kafkaVersions);
    expect(outcome.fix).toBe(
      `Replace ${KAFKA}-3.3.0-1.20.jar (from --jars) with ${G}:${KAFKA}:4.0.1-2.0, the newest build for Flink 2.0: ${REPO}/org/apache/flink/${KAFKA}/4.0.1-2.0/${KAFKA}-4.0.1-2.0.jar`,
    );
  });

  it('a thin flink-connector-kafka is replaced by the fat flink-sql-connector-kafka', () => {
    const thin = scannedJar(
      'flink-connector-kafka-3.3.0-1.20.jar',
      { groupId: G, artifactId: 'flink-connector-kafka', version: '3.3.0-1.20', flinkLine: '1.20', kind: 'thin', identifiers: ['kafka'] },
      { family: 'kafka', role: 'thin' },
    );
    const outcome = judge([thin], '2.0', kafkaVersions);
    expect(outcome.fix).toBe(
      `Replace flink-connector-kafka-3.3.0-1.20.jar (from --jars) with ${G}:${KAFKA}:4.0.1-2.0, the newest build for Flink 2.0: ${REPO}/org/apache/flink/${KAFKA}/4.0.1-2.0/${KAFKA}-4.0.1-2.0.jar`,
    );
  });

  it('no build for the target line yet: the fix says so and names the nearest published one', () => {
    const outcome = judge([kafkaJar(KAFKA, '5.0.0-2.2', { flinkLine: '2.2' })], '2.3', kafkaVersions);
    expect(outcome.status).toBe('warning');
    expect(outcome.fix).toBe(
      `Replace ${KAFKA}-5.0.0-2.2.jar (from --jars): no build of ${KAFKA} for Flink 2.3 is published yet; the nearest is ${G}:${KAFKA}:5.0.0-2.2 (Flink 2.2): ${REPO}/org/apache/flink/${KAFKA}/5.0.0-2.2/${KAFKA}-5.0.0-2.2.jar`,
    );
  });

  it('a Scala 2.11 build: the matrix names the modern artifact (the suffixed one has no builds for modern lines), its version list the build', () => {
    const outcome = judge([kafkaJar(`${KAFKA}_2.11`, '1.14.6', { scalaSuffix: '2.11', flinkLine: '1.14' })], '2.0', kafkaVersions);
    expect(outcome.fix).toBe(
      `Replace ${KAFKA}_2.11-1.14.6.jar (from --jars) with ${G}:${KAFKA}:4.0.1-2.0, the newest build for Flink 2.0: ${REPO}/org/apache/flink/${KAFKA}/4.0.1-2.0/${KAFKA}-4.0.1-2.0.jar`,
    );
  });

  it('without version data (offline, nothing cached) the matrix names the build; a family without one says none is known', () => {
    expect(judge([kafkaJar(KAFKA, '3.3.0-1.20', { flinkLine: '1.20' })], '2.0', {}).fix).toMatch(
      new RegExp(`^Replace ${KAFKA}-3\\.3\\.0-1\\.20\\.jar \\(from --jars\\) with ${G}:${KAFKA}:\\S+-2\\.0: ${REPO}/`),
    );
    const noFamily = scannedJar('my-connector-1.0-1.19.jar', {
      groupId: 'com.example',
      artifactId: 'my-connector',
      version: '1.0-1.19',
      flinkLine: '1.19',
      kind: 'fat',
    });
    expect(judge([noFamily], '1.20').fix).toBe(
      'Replace my-connector-1.0-1.19.jar (from --jars) with a build for Flink 1.20 (none is known to flink-doctor yet)',
    );
  });

  it('a runtime naming its Flink line in the artifactId is replaced by the one for the target line', () => {
    const runtime = scannedJar(
      'iceberg-flink-runtime-1.20-1.11.0.jar',
      {
        groupId: 'org.apache.iceberg',
        artifactId: 'iceberg-flink-runtime-1.20',
        version: '1.11.0',
        flinkLine: '1.20',
        kind: 'fat',
        identifiers: ['iceberg'],
      },
      { family: 'iceberg', role: 'fat' },
    );
    const outcome = judge([runtime], '1.19.3', {
      'org.apache.iceberg:iceberg-flink-runtime-1.20': { versions: ['1.10.0', '1.11.0'], source: 'network' },
    });
    expect(outcome.status).toBe('warning');
    expect(outcome.fix).toContain('org.apache.iceberg:iceberg-flink-runtime-1.19:1.10.2');
  });
});

// Modelled on setups the real tier ran (test-real/corpus.ts): kafka-2.0-on-1.20, kafka-1.19-on-1.20, kafka-1.x-on-2.2.
function judged(version: string, on: string) {
  return decide(
    jarsFlinkVersion,
    buildFacts({ target: targetOf(on, 'wheel'), jars: { jars: [kafkaFat(version)], overlaps: [], durationMs: 1 } }),
  );
}

describe('a build for a newer Flink line than the target', () => {
  it('2.0 on 1.20 (kafka-2.0-on-1.20): a warning that says 1.20 is the bridge release, with its sources', () => {
    const outcome = judged('4.0.1-2.0', '1.20.5');
    expect(outcome.status).toBe('warning');
    expect(outcome.summary).toContain('built for Flink 2.0, newer than the target 1.20: 1.20 is the bridge release to 2.x');
    expect(outcome.fix).toContain('org.apache.flink:flink-sql-connector-kafka:3.4.0-1.20');
    expect(outcome.sources?.join(' ')).toContain('announcing-the-release-of-apache-flink-1.20');
  });

  it('2.0 on 1.18: an error, FLIP-372 Sink V2 interfaces are missing before 1.19', () => {
    const outcome = judged('4.0.1-2.0', '1.18.1');
    expect(outcome.status).toBe('error');
    expect(outcome.summary).toContain('NoClassDefFoundError: org/apache/flink/api/connector/sink2/WriterInitContext');
  });

  it('2.2 on 1.20 and 1.20 on 1.19: warnings (no API break on record), saying it is untested there', () => {
    for (const [version, line, on] of [
      ['5.0.0-2.2', '2.2', '1.20.5'],
      ['3.3.0-1.20', '1.20', '1.19.3'],
    ] as const) {
      const outcome = judged(version, on);
      expect(outcome.status, version).toBe('warning');
      expect(outcome.summary, version).toContain(`built for Flink ${line}, newer than the target ${on.slice(0, 4)}: it may call APIs`);
    }
  });
});

describe('a build for an older line stays as it was', () => {
  it('1.19 on 1.20 (kafka-1.19-on-1.20): a warning', () => {
    expect(judged('3.2.0-1.19', '1.20.5').status).toBe('warning');
  });

  it('1.x on 2.2 (kafka-1.x-on-2.2): an error naming the removed 1.x APIs', () => {
    const outcome = judged('3.2.0-1.19', '2.2.1');
    expect(outcome.status).toBe('error');
    expect(outcome.summary).toContain('Flink 2 removed the 1.x SourceFunction/SinkFunction APIs');
  });
});
