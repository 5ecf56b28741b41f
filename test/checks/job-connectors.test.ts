// job.connectors' decisions on built facts (no files, no JVM): classes PyFlink loads, drivers, JARs judged
// by file name, one finding per cause, unresolved references shown as warnings. Reading real job files (the
// parser, the corpus) is tested under test/job/; fixes that depend on which releases register an identifier in
// test/knowledge/line-decisions.test.ts.
import { describe, expect, it } from 'vitest';
import jobConnectors from '../../checks/job-connectors.js';
import type { JobFact, JobNeeds, ScannedJar } from '../../src/facts/index.js';
import { emptyNeeds } from '../../src/job/model.js';
import { buildFacts, decide, targetOf } from '../helpers/facts.js';

const JOB = '/home/dev/project/job.py';

function needs(over: Partial<JobNeeds>): JobNeeds {
  return { files: [JOB], identifiers: [], apis: [], drivers: [], jars: [], settings: [], unresolved: [], problems: [], ...over };
}

/** A readable JAR as the scan reports it: its identifiers, the wanted classes it holds, drivers it registers. */
function jar(path: string, over: Partial<ScannedJar> = {}, identifiers: string[] = []): ScannedJar {
  return {
    ref: { path, source: 'job:add_jars', origin: JOB, line: 3 },
    alsoFrom: [],
    notes: [],
    identity: { path, source: 'job:add_jars', kind: 'fat', identifiers },
    bundled: [],
    unknownFactories: [],
    factories: {},
    evidence: [],
    ...over,
  };
}

const KAFKA_SOURCE = {
  file: JOB,
  line: 2,
  python: 'pyflink.datastream.connectors.kafka.KafkaSource',
  text: 'from pyflink.datastream.connectors.kafka import KafkaSource',
};
const KAFKA_CLASS = 'org/apache/flink/connector/kafka/source/KafkaSource.class';

function run(jobNeeds: JobNeeds, jars: ScannedJar[] = [], flinkVersion = '2.2.1') {
  const [major, minor] = flinkVersion.split('.');
  return decide(
    jobConnectors,
    buildFacts({
      job: { files: [JOB], needs: jobNeeds },
      jars: { jars, overlaps: [], durationMs: 0 },
      target: { flinkVersion, minor: `${major}.${minor}`, source: 'flag', known: true },
    }),
  );
}

describe('job.connectors decisions', () => {
  it('a KafkaSource import without a JAR holding its class is the error the job would die with', () => {
    const outcome = run(needs({ apis: [KAFKA_SOURCE] }));
    expect(outcome.status).toBe('error');
    expect(outcome.summary).toBe(
      'KafkaSource (job.py:2: from pyflink.datastream.connectors.kafka import KafkaSource) loads org.apache.flink.connector.kafka.source.KafkaSource, which no JAR the job sees contains ("TypeError: Could not found the Java class \'org.apache.flink.connector.kafka.source.KafkaSource…\'")',
    );
    expect(outcome.fix).toContain('org.apache.flink:flink-sql-connector-kafka:5.0.0-2.2');
    expect(outcome.locations).toEqual([{ path: JOB, line: 2 }]);
  });

  it("the class file in a JAR's central directory is what counts, not the JAR's name", () => {
    const renamed = jar('/libs/kafka-all.jar', { holds: [KAFKA_CLASS] });
    expect(run(needs({ apis: [KAFKA_SOURCE] }), [renamed]).status).toBe('ok');
    const other = jar('/libs/flink-sql-connector-kafka-5.0.0-2.2.jar', { holds: [] }, ['kafka']);
    expect(run(needs({ apis: [KAFKA_SOURCE] }), [other]).status).toBe('error');
  });

  it('a wrapper whose class the connector for the line no longer ships: an error that names no JAR to add', () => {
    // compat-matrix.json pyflinkClasses.unavailable: flink-connector-jdbc-core 4.0.0-2.0 has no org/apache/flink/connector/jdbc/JdbcSink.class.
    const sink = {
      file: JOB,
      line: 3,
      python: 'pyflink.datastream.connectors.jdbc.JdbcSink',
      text: 'from pyflink.datastream.connectors.jdbc import JdbcSink',
    };
    const gone = run(needs({ apis: [sink] }), [], '2.0.2');
    expect(gone.status).toBe('error');
    expect(gone.summary).toContain(
      "which the connector for Flink 2.0 (org.apache.flink:flink-connector-jdbc-core:4.0.0-2.0) no longer contains: PyFlink's JdbcSink cannot work on Flink 2.0",
    );
    expect(gone.fix).toBe(
      'On Flink 2.0, use the connector through SQL / the Table API instead of JdbcSink, or target a Flink line whose connector still ships org.apache.flink.connector.jdbc.JdbcSink',
    );
    // A JAR named in an image path cannot help either; one holding the class (a custom build) does.
    const named = {
      file: JOB,
      line: 4,
      kind: 'add_jars' as const,
      value: 'file:///opt/flink/lib/flink-connector-jdbc-core-4.0.0-2.0.jar',
      known: true,
      fileName: 'flink-connector-jdbc-core-4.0.0-2.0.jar',
    };
    expect(run(needs({ apis: [sink], jars: [named] }), [], '2.0.2').status).toBe('error');
    expect(
      run(needs({ apis: [sink] }), [jar('/libs/custom-jdbc.jar', { holds: ['org/apache/flink/connector/jdbc/JdbcSink.class'] })], '2.0.2')
        .status,
    ).toBe('ok');
    // On 1.20 the JDBC connector still ships it: the fix names the JAR.
    expect(run(needs({ apis: [sink] }), [], '1.20.1').fix).toMatch(/^Add org\.apache\.flink:flink-connector-jdbc:3\.\d+\.\d+-1\.20 /);
  });

  it('classes PyFlink ships in the distribution (no connector family) need nothing', () => {
    const env = {
      ...KAFKA_SOURCE,
      python: 'pyflink.datastream.StreamExecutionEnvironment',
      text: 'from pyflink.datastream import StreamExecutionEnvironment',
    };
    expect(run(needs({ apis: [env] })).status).toBe('ok');
  });

  it('a class the target line does not have is left to the import (KafkaSource is 1.16+)', () => {
    expect(run(needs({ apis: [KAFKA_SOURCE] }), [], '1.15.4').status).toBe('ok');
  });

  it('one cause, one error: the SQL connector and the DataStream class Kafka leaves open share one finding and one fix', () => {
    const outcome = run(
      needs({ apis: [KAFKA_SOURCE], identifiers: [{ file: JOB, line: 9, identifier: 'kafka', role: 'connector', via: 'CREATE TABLE t' }] }),
    );
    expect(outcome.status).toBe('error');
    expect(outcome.summary).toMatch(/also needed by/);
    expect(outcome.fix?.split('\n')).toHaveLength(1);
  });

  it('a JAR the job names that is not here is judged by its file name: built for 1.18 on a 2.2 target', () => {
    const ref = {
      file: JOB,
      line: 4,
      kind: 'add_jars' as const,
      value: 'file:///opt/flink/lib/flink-sql-connector-kafka-3.1.0-1.18.jar',
      known: true,
      fileName: 'flink-sql-connector-kafka-3.1.0-1.18.jar',
    };
    const outcome = run(
      needs({ jars: [ref], identifiers: [{ file: JOB, line: 9, identifier: 'kafka', role: 'connector', via: 'CREATE TABLE t' }] }),
    );
    expect(outcome.status).toBe('error');
    expect(outcome.summary).toBe(
      'flink-sql-connector-kafka-3.1.0-1.18.jar (add_jars in job.py:4, judged by its file name): built for Flink 1.18, target is 2.2: Flink 2 removed the 1.x SourceFunction/SinkFunction APIs (NoClassDefFoundError/NoSuchMethodError)',
    );
    expect(outcome.fix).toBe(
      'Replace flink-sql-connector-kafka-3.1.0-1.18.jar (job.py:4) with org.apache.flink:flink-sql-connector-kafka:5.0.0-2.2: https://repo1.maven.org/maven2/org/apache/flink/flink-sql-connector-kafka/5.0.0-2.2/flink-sql-connector-kafka-5.0.0-2.2.jar',
    );
    // The same name on its own line is a provider: kafka is not also reported missing.
    const right = {
      ...ref,
      value: 'file:///opt/flink/lib/flink-sql-connector-kafka-5.0.0-2.2.jar',
      fileName: 'flink-sql-connector-kafka-5.0.0-2.2.jar',
    };
    const ok = run(
      needs({ jars: [right], identifiers: [{ file: JOB, line: 9, identifier: 'kafka', role: 'connector', via: 'CREATE TABLE t' }] }),
    );
    expect(ok.status).toBe('ok');
    expect(ok.details).toContain(
      "connector 'kafka' (job.py:9): flink-sql-connector-kafka-5.0.0-2.2.jar (add_jars in job.py:4; not on this machine, judged by its file name)",
    );
  });

  it('a JDBC URL needs its driver: registered in META-INF/services/java.sql.Driver, or the class file, by whoever built the JAR', () => {
    const driverNeed = { file: JOB, line: 12, scheme: 'postgresql', via: 'CREATE TABLE sink' };
    const missing = run(needs({ drivers: [driverNeed] }));
    expect(missing.status).toBe('error');
    expect(missing.fix).toContain('org.postgresql:postgresql:42.7.4');
    expect(run(needs({ drivers: [driverNeed] }), [jar('/libs/pg.jar', { jdbcDrivers: ['org.postgresql.Driver'] })]).status).toBe('ok');
    expect(run(needs({ drivers: [driverNeed] }), [jar('/libs/fat-app.jar', { holds: ['org/postgresql/Driver.class'] })]).status).toBe('ok');
  });

  it('the driver named twice (URL scheme and driver class) for one sink is one finding', () => {
    const outcome = run(
      needs({
        drivers: [
          { file: JOB, line: 13, scheme: 'postgresql', via: 'with_url' },
          { file: JOB, line: 14, driverClass: 'org.postgresql.Driver', via: 'with_driver_name' },
        ],
      }),
    );
    expect((outcome.details ?? []).filter((d) => d.startsWith('error:'))).toEqual([]);
    expect(outcome.summary).toMatch(/also needed by/);
  });

  it('a catalog JAR that registers the identifier is a provider, whoever built it (Iceberg, Paimon)', () => {
    const use = { file: JOB, line: 5, identifier: 'iceberg', role: 'catalog' as const, via: 'CREATE CATALOG lake' };
    const runtime = jar('/libs/iceberg-flink-runtime-1.20-1.9.1.jar', {}, ['iceberg']);
    expect(run(needs({ identifiers: [use] }), [runtime], '1.20.1').status).toBe('ok');
    expect(run(needs({ identifiers: [use] }), [], '1.20.1').status).toBe('error');
  });

  it('SQL computed at run time is a warning with its line and expression, shown without --verbose', () => {
    const outcome = run(needs({ unresolved: [{ file: JOB, line: 17, what: 'sql', expression: 't_env.execute_sql(build())' }] }));
    expect(outcome.status).toBe('warning');
    expect(outcome.summary).toBe('job.py:17: t_env.execute_sql(build()): SQL computed at run time; its connectors were not read');
  });

  it('is skipped without --job', () => {
    expect(decide(jobConnectors, buildFacts()).status).toBe('skipped');
  });

  it('identifiers built in or registered by a JAR the job sees are listed as provided; each said once', () => {
    const use = (identifier: string, role: 'connector' | 'format', line: number) => ({
      file: JOB,
      line,
      identifier,
      role,
      via: 'CREATE TABLE t',
    });
    const kafka = jar('/libs/flink-sql-connector-kafka-5.0.0-2.2.jar', {}, ['kafka', 'upsert-kafka']);
    const outcome = run(
      needs({
        identifiers: [
          use('kafka', 'connector', 9),
          use('datagen', 'connector', 10),
          use('json', 'format', 11),
          use('kafka', 'connector', 12),
        ],
      }),
      [kafka],
    );
    expect(outcome.status).toBe('ok');
    expect(outcome.summary).toBe('all 3 needs of the job are available');
    expect(outcome.details).toEqual([
      "connector 'kafka' (job.py:9): provided by /libs/flink-sql-connector-kafka-5.0.0-2.2.jar",
      "connector 'datagen' (job.py:10): built into Flink",
      "format 'json' (job.py:11): built into Flink",
    ]);
    expect(run(needs({})).summary).toBe('the job needs no connector, format, catalog, driver or connector class');
  });

  it('a missing identifier is an error whose fix adds the fat JAR for the target; a JAR with factories flink-doctor cannot map makes it a warning', () => {
    const kafka = { file: JOB, line: 9, identifier: 'kafka', role: 'connector' as const, via: 'CREATE TABLE t' };
    const missing = run(needs({ identifiers: [kafka] }));
    expect(missing.status).toBe('error');
    expect(missing.summary).toBe(
      "connector 'kafka' (job.py:9, CREATE TABLE t): not built in and no JAR the job sees registers it (\"Could not find any factory for identifier 'kafka'\")",
    );
    expect(missing.fix).toBe(
      "Add org.apache.flink:flink-sql-connector-kafka:5.0.0-2.2 (https://repo1.maven.org/maven2/org/apache/flink/flink-sql-connector-kafka/5.0.0-2.2/flink-sql-connector-kafka-5.0.0-2.2.jar) to pipeline.jars (or env.add_jars) for 'kafka'",
    );
    expect(missing.locations).toEqual([{ path: JOB, line: 9 }]);
    const opaque = jar('/libs/inhouse.jar', { unknownFactories: ['com.example.InhouseFactory'] });
    expect(run(needs({ identifiers: [kafka] }), [opaque]).status).toBe('warning');
  });

  it('an identifier no family provides: the fix says so instead of inventing an artifact', () => {
    const outcome = run(needs({ identifiers: [{ file: JOB, line: 9, identifier: 'my-own', role: 'connector', via: 'CREATE TABLE t' }] }));
    expect(outcome.fix).toBe("Add the JAR that provides 'my-own' to pipeline.jars (flink-doctor knows no artifact for it on Flink 2.2)");
  });

  it('job files that could not be read are warnings; a target older than the matrix is skipped', () => {
    const problem = `${JOB}: cut at 2 MB; the rest was not read`;
    expect(run(needs({ problems: [problem] }))).toMatchObject({ status: 'warning', summary: problem });
    const old = decide(jobConnectors, buildFacts({ job: { files: [JOB], needs: needs({}) }, target: targetOf('1.13.6', 'wheel') }));
    expect(old.status).toBe('skipped');
    expect(old.summary).toContain('older than the lines flink-doctor knows');
  });
});

describe('job.connectors judges a JAR the job names by its file name with the same rule', () => {
  it('flink-sql-connector-kafka-4.0.1-2.0.jar named for a 1.20 target is a warning, not an error', () => {
    const needs = { ...emptyNeeds(), files: ['/work/job.py'] };
    needs.jars.push({
      file: '/work/job.py',
      line: 9,
      kind: 'pipeline.jars',
      value: 'file:///opt/flink/lib/flink-sql-connector-kafka-4.0.1-2.0.jar',
      known: true,
      fileName: 'flink-sql-connector-kafka-4.0.1-2.0.jar',
    });
    needs.identifiers.push({ file: '/work/job.py', line: 14, identifier: 'kafka', role: 'connector', via: 'CREATE TABLE orders' });
    const job: JobFact = { files: ['/work/job.py'], needs };
    const outcome = decide(jobConnectors, buildFacts({ job, target: targetOf('1.20.5', 'wheel') }));
    expect(outcome.status).toBe('warning');
    expect(outcome.summary).toContain('1.20 is the bridge release to 2.x');
  });
});
