// job.connectors' decisions on built facts (no files, no JVM): classes PyFlink loads, drivers, JARs judged
// by file name, one finding per cause, unresolved references shown as warnings.
import { describe, expect, it } from 'vitest';
import jobConnectors from '../../checks/job-connectors.js';
import type { JobNeeds, ScannedJar } from '../../src/facts/index.js';
import { buildFacts, decide } from '../helpers/facts.js';

const JOB = '/home/dev/project/job.py';

function needs(over: Partial<JobNeeds>): JobNeeds {
  return { files: [JOB], identifiers: [], apis: [], drivers: [], jars: [], settings: [], unresolved: [], problems: [], ...over };
}

/** A readable JAR as the scan reports it: its identifiers, the wanted classes it holds, drivers it registers. */
function jar(path: string, over: Partial<ScannedJar> = {}, identifiers: string[] = []): ScannedJar {
  return { ref: { path, source: 'job:add_jars', origin: JOB, line: 3 }, alsoFrom: [], notes: [], identity: { path, source: 'job:add_jars', kind: 'fat', identifiers }, bundled: [], unknownFactories: [], factories: {}, evidence: [], ...over };
}

const KAFKA_SOURCE = { file: JOB, line: 2, python: 'pyflink.datastream.connectors.kafka.KafkaSource', text: 'from pyflink.datastream.connectors.kafka import KafkaSource' };
const KAFKA_CLASS = 'org/apache/flink/connector/kafka/source/KafkaSource.class';

function run(jobNeeds: JobNeeds, jars: ScannedJar[] = [], flinkVersion = '2.2.1') {
  const [major, minor] = flinkVersion.split('.');
  return decide(jobConnectors, buildFacts({
    job: { files: [JOB], needs: jobNeeds },
    jars: { jars, overlaps: [], durationMs: 0 },
    target: { flinkVersion, minor: `${major}.${minor}`, source: 'flag', known: true },
  }));
}

describe('job.connectors decisions', () => {
  it('a KafkaSource import without a JAR holding its class is the error the job would die with', () => {
    const outcome = run(needs({ apis: [KAFKA_SOURCE] }));
    expect(outcome.status).toBe('error');
    expect(outcome.summary).toBe("KafkaSource (job.py:2: from pyflink.datastream.connectors.kafka import KafkaSource) loads org.apache.flink.connector.kafka.source.KafkaSource, which no JAR the job sees contains (\"TypeError: Could not found the Java class 'org.apache.flink.connector.kafka.source.KafkaSource…'\")");
    expect(outcome.fix).toContain('org.apache.flink:flink-sql-connector-kafka:5.0.0-2.2');
    expect(outcome.locations).toEqual([{ path: JOB, line: 2 }]);
  });

  it('the class file in a JAR\'s central directory is what counts, not the JAR\'s name', () => {
    const renamed = jar('/libs/kafka-all.jar', { holds: [KAFKA_CLASS] });
    expect(run(needs({ apis: [KAFKA_SOURCE] }), [renamed]).status).toBe('ok');
    const other = jar('/libs/flink-sql-connector-kafka-5.0.0-2.2.jar', { holds: [] }, ['kafka']);
    expect(run(needs({ apis: [KAFKA_SOURCE] }), [other]).status).toBe('error');
  });

  it('a wrapper whose class the connector for the line no longer ships: an error that names no JAR to add', () => {
    // compat-matrix.json pyflinkClasses.unavailable: flink-connector-jdbc-core 4.0.0-2.0 has no org/apache/flink/connector/jdbc/JdbcSink.class.
    const sink = { file: JOB, line: 3, python: 'pyflink.datastream.connectors.jdbc.JdbcSink', text: 'from pyflink.datastream.connectors.jdbc import JdbcSink' };
    const gone = run(needs({ apis: [sink] }), [], '2.0.2');
    expect(gone.status).toBe('error');
    expect(gone.summary).toContain("which the connector for Flink 2.0 (org.apache.flink:flink-connector-jdbc-core:4.0.0-2.0) no longer contains: PyFlink's JdbcSink cannot work on Flink 2.0");
    expect(gone.fix).toBe('On Flink 2.0, use the connector through SQL / the Table API instead of JdbcSink, or target a Flink line whose connector still ships org.apache.flink.connector.jdbc.JdbcSink');
    // A JAR named in an image path cannot help either; one holding the class (a custom build) does.
    const named = { file: JOB, line: 4, kind: 'add_jars' as const, value: 'file:///opt/flink/lib/flink-connector-jdbc-core-4.0.0-2.0.jar', known: true, fileName: 'flink-connector-jdbc-core-4.0.0-2.0.jar' };
    expect(run(needs({ apis: [sink], jars: [named] }), [], '2.0.2').status).toBe('error');
    expect(run(needs({ apis: [sink] }), [jar('/libs/custom-jdbc.jar', { holds: ['org/apache/flink/connector/jdbc/JdbcSink.class'] })], '2.0.2').status).toBe('ok');
    // On 1.20 the JDBC connector still ships it: the fix names the JAR.
    expect(run(needs({ apis: [sink] }), [], '1.20.1').fix).toMatch(/^Add org\.apache\.flink:flink-connector-jdbc:3\.\d+\.\d+-1\.20 /);
  });

  it('classes PyFlink ships in the distribution (no connector family) need nothing', () => {
    const env = { ...KAFKA_SOURCE, python: 'pyflink.datastream.StreamExecutionEnvironment', text: 'from pyflink.datastream import StreamExecutionEnvironment' };
    expect(run(needs({ apis: [env] })).status).toBe('ok');
  });

  it('a class the target line does not have is left to the import (KafkaSource is 1.16+)', () => {
    expect(run(needs({ apis: [KAFKA_SOURCE] }), [], '1.15.4').status).toBe('ok');
  });

  it('one cause, one error: the SQL connector and the DataStream class Kafka leaves open share one finding and one fix', () => {
    const outcome = run(needs({ apis: [KAFKA_SOURCE], identifiers: [{ file: JOB, line: 9, identifier: 'kafka', role: 'connector', via: 'CREATE TABLE t' }] }));
    expect(outcome.status).toBe('error');
    expect(outcome.summary).toMatch(/also needed by/);
    expect(outcome.fix?.split('\n')).toHaveLength(1);
  });

  it('a JAR the job names that is not here is judged by its file name: built for 1.18 on a 2.2 target', () => {
    const ref = { file: JOB, line: 4, kind: 'add_jars' as const, value: 'file:///opt/flink/lib/flink-sql-connector-kafka-3.1.0-1.18.jar', known: true, fileName: 'flink-sql-connector-kafka-3.1.0-1.18.jar' };
    const outcome = run(needs({ jars: [ref], identifiers: [{ file: JOB, line: 9, identifier: 'kafka', role: 'connector', via: 'CREATE TABLE t' }] }));
    expect(outcome.status).toBe('error');
    expect(outcome.summary).toBe('flink-sql-connector-kafka-3.1.0-1.18.jar (add_jars in job.py:4, judged by its file name): built for Flink 1.18, target is 2.2: Flink 2 removed the 1.x SourceFunction/SinkFunction APIs (NoClassDefFoundError/NoSuchMethodError)');
    expect(outcome.fix).toBe('Replace flink-sql-connector-kafka-3.1.0-1.18.jar (job.py:4) with org.apache.flink:flink-sql-connector-kafka:5.0.0-2.2: https://repo1.maven.org/maven2/org/apache/flink/flink-sql-connector-kafka/5.0.0-2.2/flink-sql-connector-kafka-5.0.0-2.2.jar');
    // The same name on its own line is a provider: kafka is not also reported missing.
    const right = { ...ref, value: 'file:///opt/flink/lib/flink-sql-connector-kafka-5.0.0-2.2.jar', fileName: 'flink-sql-connector-kafka-5.0.0-2.2.jar' };
    const ok = run(needs({ jars: [right], identifiers: [{ file: JOB, line: 9, identifier: 'kafka', role: 'connector', via: 'CREATE TABLE t' }] }));
    expect(ok.status).toBe('ok');
    expect(ok.details).toContain("connector 'kafka' (job.py:9): flink-sql-connector-kafka-5.0.0-2.2.jar (add_jars in job.py:4; not on this machine, judged by its file name)");
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
    const outcome = run(needs({ drivers: [{ file: JOB, line: 13, scheme: 'postgresql', via: 'with_url' }, { file: JOB, line: 14, driverClass: 'org.postgresql.Driver', via: 'with_driver_name' }] }));
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
});
