// jars.updates: its decision table on built facts (the maven fact as the maven probe reports it). The maven probe
// against a repository on 127.0.0.1 is tested in test/maven/checks.test.ts; the HTTP client's fault modes in
// test/maven/client.test.ts.
import { describe, expect, it } from 'vitest';
import jarsThin from '../../checks/jars-thin.js';
import jarsUpdates from '../../checks/jars-updates.js';
import type { JobFact, MavenJar, ScannedJar } from '../../src/facts/index.js';
import { emptyNeeds } from '../../src/job/model.js';
import { decide, fatKafka, kafkaClients, scannedJar, thinAvro, thinKafkaJar } from '../helpers/facts.js';
import { G, KAFKA, KAFKA_VERSIONS, mavenFacts as facts, mavenJar, REPO } from '../helpers/maven-facts.js';

describe('jars.updates decisions (built facts)', () => {
  it('skipped when no connector JAR was identified', () => {
    expect(decide(jarsUpdates, facts([])).summary).toBe('no identified connector or format JARs to look up');
  });

  it("warning: a newer build for the same Flink line, never one of a newer line, with its URL in the run's repository", () => {
    const outcome = decide(jarsUpdates, facts([mavenJar('3.3.0-1.20')]));
    expect(outcome.status).toBe('warning');
    expect(outcome.summary).toBe(`newer build for the same Flink line: ${KAFKA} 3.3.0-1.20 → 3.4.0-1.20`);
    expect(outcome.fix).toBe(`Use ${G}:${KAFKA}:3.4.0-1.20 (${REPO}/org/apache/flink/${KAFKA}/3.4.0-1.20/${KAFKA}-3.4.0-1.20.jar)`);
    // The summary names it: a "newer:" detail would show the one finding twice in the human output.
    expect(outcome.details ?? []).toEqual([]);
  });

  it('more newer builds than the summary names: it says how many more, the details list each', () => {
    const copies = Array.from({ length: 6 }, (_, i) => mavenJar('3.3.0-1.20', { path: `/work/jars/copy-${i}/${KAFKA}-3.3.0-1.20.jar` }));
    const outcome = decide(jarsUpdates, facts(copies));
    expect(outcome.summary).toMatch(/→ 3\.4\.0-1\.20, … and 1 more$/);
    expect(outcome.details?.filter((d) => d.startsWith('newer: '))).toHaveLength(6);
  });

  it('ok: the newest build for its line', () => {
    const outcome = decide(jarsUpdates, facts([mavenJar('4.0.1-2.0')]));
    expect(outcome.status).toBe('ok');
    expect(outcome.summary).toBe('1 JAR(s) are the newest build for their Flink line');
  });

  it('a JAR built for another line than the target is left to jars.flink-version', () => {
    const outcome = decide(jarsUpdates, facts([mavenJar('3.2.0-1.19')], undefined, '1.20'));
    expect(outcome.status).toBe('skipped');
    expect(outcome.summary).toBe('no JAR is built for Flink 1.20: judged by jars.flink-version');
    expect(outcome.details).toEqual([`${KAFKA} 3.2.0-1.19: built for Flink 1.19, target is 1.20; judged by jars.flink-version`]);
  });

  it('versions that could not be looked up: skipped alone, a warning next to JARs that could', () => {
    const dead = { [`${G}:${KAFKA}`]: { versions: null, source: 'none' as const, note: 'connection failed' } };
    const alone = decide(jarsUpdates, facts([mavenJar('3.3.0-1.20')], dead));
    expect(alone.status).toBe('skipped');
    expect(alone.summary).toBe('could not look up versions: flink-sql-connector-kafka 3.3.0-1.20: connection failed');
    const other = mavenJar('1.0.0-1.20', { artifactId: 'flink-sql-connector-inhouse' });
    const mixed = decide(
      jarsUpdates,
      facts([mavenJar('4.0.1-2.0'), other], {
        [`${G}:${KAFKA}`]: { versions: KAFKA_VERSIONS, source: 'network' },
        [`${G}:flink-sql-connector-inhouse`]: { versions: [], notFound: true, source: 'network' },
      }),
    );
    expect(mixed.status).toBe('warning');
    expect(mixed.summary).toBe('1 JAR(s) up to date; 1 could not be looked up');
    expect(mixed.details).toContain(`flink-sql-connector-inhouse 1.0.0-1.20: not in ${REPO}`);
  });

  it('versions from the shipped snapshot say how old they are', () => {
    const outcome = decide(
      jarsUpdates,
      facts([mavenJar('3.3.0-1.20')], {
        [`${G}:${KAFKA}`]: { versions: KAFKA_VERSIONS, source: 'snapshot', asOf: '2026-05-01', note: 'offline' },
      }),
    );
    expect(outcome.details?.join('\n')).toMatch(
      /versions from the snapshot shipped with flink-doctor \(data of 2026-05-01, \d+ days old\): offline/,
    );
  });
});

// A thin JAR is judged here only when jars.thin finds its dependencies provided: otherwise a newer build of the same
// thin artifact still fails (NoClassDefFoundError), and jars.thin's fix (the fat JAR) is the one. Same facts, both checks.
// flink-connector-kafka's and flink-avro's versions as Maven Central's maven-metadata.xml lists them (data/maven-snapshot.json).
const THIN = 'flink-connector-kafka';
const THIN_VERSIONS = ['3.2.0-1.18', '3.2.0-1.19', '3.3.0-1.20', '3.4.0-1.20', '4.0.0-2.0', '4.0.1-2.0', '5.0.0-2.1', '5.0.0-2.2'];
const AVRO_VERSIONS = ['1.20.0', '1.20.1', '1.20.2', '1.20.3', '1.20.4', '1.20.5', '2.0.0', '2.2.1'];
const thinMaven = mavenJar('3.3.0-1.20', { artifactId: THIN, path: thinKafkaJar().ref.path });
const VERSIONS = {
  [`${G}:${THIN}`]: { versions: THIN_VERSIONS, source: 'network' as const },
  [`${G}:${KAFKA}`]: { versions: KAFKA_VERSIONS, source: 'network' as const },
  [`${G}:flink-avro`]: { versions: AVRO_VERSIONS, source: 'network' as const },
};
/** A run on Flink 1.20 with these JARs scanned and these looked up in the repository. */
const run = (scanned: ScannedJar[], looked: MavenJar[] = [thinMaven], job?: JobFact) =>
  facts(looked, VERSIONS, '1.20', { jars: { jars: scanned, overlaps: [], durationMs: 0 }, ...(job ? { job } : {}) });

describe('jars.updates and jars.thin give one fix for a thin JAR', () => {
  it('thin flink-connector-kafka alone: left to jars.thin, whose fix is the fat JAR; never the newer thin build', () => {
    const alone = run([thinKafkaJar()]);
    const outcome = decide(jarsUpdates, alone);
    expect(outcome.status).toBe('skipped');
    expect(outcome.summary).toBe('flink-connector-kafka 3.3.0-1.20: no JAR provides kafka-clients; judged by jars.thin');
    expect(outcome.fix).toBeUndefined();
    expect(outcome.details ?? []).toEqual([]);
    expect(decide(jarsThin, alone).fix).toMatch(
      /^Replace flink-connector-kafka-3\.3\.0-1\.20\.jar from --jars with org\.apache\.flink:flink-sql-connector-kafka:3\.4\.0-1\.20 /,
    );
  });

  it('thin flink-connector-kafka with kafka-clients next to it (or named by the job): the newer thin build; jars.thin is ok', () => {
    const withClients = run([thinKafkaJar(), kafkaClients]);
    const outcome = decide(jarsUpdates, withClients);
    expect(outcome.status).toBe('warning');
    expect(outcome.summary).toBe(`newer build for the same Flink line: ${THIN} 3.3.0-1.20 → 3.4.0-1.20`);
    expect(outcome.fix).toBe(`Use ${G}:${THIN}:3.4.0-1.20 (${REPO}/org/apache/flink/${THIN}/3.4.0-1.20/${THIN}-3.4.0-1.20.jar)`);
    expect(decide(jarsThin, withClients).status).toBe('ok');
    const job: JobFact = { files: ['/work/job.py'], needs: { ...emptyNeeds(), files: ['/work/job.py'] } };
    const value = 'file:///opt/flink/lib/kafka-clients-3.4.0.jar';
    job.needs?.jars.push({ file: '/work/job.py', line: 9, kind: 'pipeline.jars', value, known: true, fileName: 'kafka-clients-3.4.0.jar' });
    expect(decide(jarsUpdates, run([thinKafkaJar()], [thinMaven], job)).status).toBe('warning');
  });

  it("next to a JAR with a newer build, the thin JAR is a detail and not in the fix (the fat JAR's shaded clients do not count)", () => {
    const outcome = decide(jarsUpdates, run([thinKafkaJar(), fatKafka('3.3.0-1.20')], [thinMaven, mavenJar('3.3.0-1.20')]));
    expect(outcome.status).toBe('warning');
    expect(outcome.summary).toBe(`newer build for the same Flink line: ${KAFKA} 3.3.0-1.20 → 3.4.0-1.20`);
    expect(outcome.fix).toBe(`Use ${G}:${KAFKA}:3.4.0-1.20 (${REPO}/org/apache/flink/${KAFKA}/3.4.0-1.20/${KAFKA}-3.4.0-1.20.jar)`);
    expect(outcome.details).toContain('flink-connector-kafka 3.3.0-1.20: no JAR provides kafka-clients; judged by jars.thin');
  });

  it('the thin flink-avro (no dependency listed to look for) is left to jars.thin too: PyFlink wants flink-sql-avro', () => {
    const avro = mavenJar('1.20.1', { artifactId: 'flink-avro', path: thinAvro.ref.path });
    const outcome = decide(jarsUpdates, run([thinAvro], [avro]));
    expect(outcome.status).toBe('skipped');
    expect(outcome.summary).toBe('flink-avro 1.20.1: the thin Avro artifact, PyFlink wants flink-sql-avro; judged by jars.thin');
    expect(decide(jarsThin, run([thinAvro], [avro])).fix).toContain('with org.apache.flink:flink-sql-avro:1.20.');
  });

  it('JARs left to jars.thin and to jars.flink-version: counted in the summary, each in the details', () => {
    const fat119 = fatKafka('3.2.0-1.19');
    const outcome = decide(jarsUpdates, run([thinKafkaJar(), fat119], [thinMaven, mavenJar('3.2.0-1.19', { path: fat119.ref.path })]));
    expect(outcome.status).toBe('skipped');
    expect(outcome.summary).toBe(
      'no JAR to look up: 1 lacking classes it needs (judged by jars.thin), 1 built for another line than Flink 1.20 (judged by jars.flink-version)',
    );
    expect(outcome.details).toHaveLength(2);
  });
});

describe('jars.updates leaves any JAR jars.thin has a finding for to it, not only thin ones', () => {
  // Modelled on the real flink-sql-connector-mysql-cdc 3.4.0 (org.apache.flink): since 3.1 without com/mysql/ classes.
  const cdc = scannedJar(
    'flink-sql-connector-mysql-cdc-3.4.0.jar',
    { groupId: G, artifactId: 'flink-sql-connector-mysql-cdc', version: '3.4.0', kind: 'fat', identifiers: ['mysql-cdc'] },
    { family: 'mysql-cdc', role: 'fat', packages: ['org/apache/flink/cdc/connectors/mysql/table'] },
  );
  const driver = scannedJar(
    'mysql-connector-j-8.4.0.jar',
    { groupId: 'com.mysql', artifactId: 'mysql-connector-j', version: '8.4.0' },
    { packages: ['com/mysql/cj/jdbc'], jdbcDrivers: ['com.mysql.cj.jdbc.Driver'] },
  );
  const looked = [mavenJar('3.4.0', { artifactId: 'flink-sql-connector-mysql-cdc', path: cdc.ref.path, flinkLine: '1.20' })];
  // Its versions on Maven Central (maven-metadata.xml, as data/maven-snapshot.json holds them).
  const versions = {
    [`${G}:flink-sql-connector-mysql-cdc`]: {
      versions: ['3.1.0', '3.1.1', '3.2.0', '3.2.1', '3.3.0', '3.4.0', '3.5.0', '3.6.0-1.20', '3.6.0-2.2'],
      source: 'network' as const,
    },
  };
  const cdcRun = (scanned: ScannedJar[]) => facts(looked, versions, '1.20', { jars: { jars: scanned, overlaps: [], durationMs: 0 } });

  it('MySQL CDC 3.1+ without a MySQL driver: jars.thin says add the driver (at its release); no update here to split them', () => {
    const outcome = decide(jarsUpdates, cdcRun([cdc]));
    expect(outcome.status).toBe('skipped');
    expect(outcome.summary).toBe('flink-sql-connector-mysql-cdc 3.4.0: no JAR provides a MySQL JDBC driver; judged by jars.thin');
    expect(decide(jarsThin, cdcRun([cdc])).fix).toContain('Add com.mysql:mysql-connector-j:');
    const withDriver = decide(jarsUpdates, cdcRun([cdc, driver]));
    expect(withDriver.summary).toBe('newer build for the same Flink line: flink-sql-connector-mysql-cdc 3.4.0 → 3.6.0-1.20');
    expect(decide(jarsThin, cdcRun([cdc, driver])).status).toBe('ok');
  });
});
