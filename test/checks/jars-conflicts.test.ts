// jars.conflicts: its decision table on built facts (identities, factories and class overlaps as the jars probe
// reports them). The probe computing overlaps, common packages and byte-identical files from real JARs, and the
// check on those JARs: test/jars/checks.test.ts.
import { describe, expect, it } from 'vitest';
import jarsConflicts from '../../checks/jars-conflicts.js';
import type { JarOverlap, ScannedJar } from '../../src/facts/index.js';
import { buildFacts, decide, fatKafka, scannedJar } from '../helpers/facts.js';

const judge = (jars: ScannedJar[], overlaps: JarOverlap[] = []) => decide(jarsConflicts, buildFacts({ jars: { jars, overlaps, durationMs: 0 } }));
const clients = (version: string, path = `kafka-clients-${version}.jar`, source: ScannedJar['ref']['source'] = '--jars') =>
  scannedJar(path, { groupId: 'org.apache.kafka', artifactId: 'kafka-clients', version }, {}, source);
const overlap = (a: ScannedJar, b: ScannedJar, extra: Partial<JarOverlap> = {}): JarOverlap => ({
  jars: [a.ref.path, b.ref.path], packages: ['org/apache/kafka/clients/consumer', 'org/apache/kafka/common'], commonPackage: 'org/apache/kafka', classes: 3, identical: false, ...extra,
});
/** A connector JAR registering `factories` (class → identifier), of `family` when the matrix knows it. */
const connector = (name: string, artifactId: string, version: string, family: string, factories: Record<string, string>) =>
  scannedJar(name, { groupId: 'org.apache.flink', artifactId, version, kind: 'fat', identifiers: [...new Set(Object.values(factories))] }, { family, role: 'fat', factories });

describe('jars.conflicts decisions (built facts)', () => {
  it('skipped with fewer than two readable JARs; ok for distinct artifacts', () => {
    expect(judge([]).summary).toBe('no readable JARs');
    expect(judge([fatKafka()]).summary).toBe('only one JAR: nothing to conflict with');
    const outcome = judge([fatKafka(), clients('3.4.0')]);
    expect(outcome.status).toBe('ok');
    expect(outcome.summary).toBe('no duplicate artifacts or classes across 2 JARs');
  });

  it('error: one artifact in two versions; the fix keeps the newest and says so once (not again as shared classes)', () => {
    const [a, b] = [clients('3.4.0'), clients('3.2.3')];
    const outcome = judge([b, a], [overlap(b, a)]);
    expect(outcome.status).toBe('error');
    expect(outcome.summary).toBe('org.apache.kafka:kafka-clients in 2 versions: kafka-clients-3.2.3.jar from --jars; kafka-clients-3.4.0.jar from --jars');
    expect(outcome.fix).toBe('Remove kafka-clients-3.2.3.jar from --jars; keep kafka-clients-3.4.0.jar from --jars');
    expect(outcome.facts).toMatchObject({ duplicateArtifacts: 1, classOverlaps: 0 });
    expect(outcome.locations).toHaveLength(2);
  });

  it('Flink connector versions compare by Flink line, then release: 3.3.0-1.20 is newer than 3.2.0-1.19', () => {
    const outcome = judge([fatKafka('3.3.0-1.20'), fatKafka('3.2.0-1.19')]);
    expect(outcome.fix).toBe('Remove flink-sql-connector-kafka-3.2.0-1.19.jar from --jars; keep flink-sql-connector-kafka-3.3.0-1.20.jar from --jars');
  });

  it('warning: the same JAR twice (same artifact and version, or byte-identical files), never an error', () => {
    const same = judge([fatKafka('3.3.0-1.20'), fatKafka('3.3.0-1.20', '/opt/other/flink-sql-connector-kafka-3.3.0-1.20.jar')]);
    expect(same.status).toBe('warning');
    expect(same.summary).toMatch(/^the same JAR twice: org\.apache\.flink:flink-sql-connector-kafka:3\.3\.0-1\.20 as /);
    const [x, y] = [scannedJar('helpers.jar'), scannedJar('helpers-copy.jar')];
    const identical = judge([x, y], [overlap(x, y, { identical: true })]);
    expect(identical.status).toBe('warning');
    expect(identical.summary).toBe('the same JAR twice (byte-identical files): helpers.jar from --jars; helpers-copy.jar from --jars');
    expect(identical.fix).toBe('Remove helpers-copy.jar from --jars; keep helpers.jar from --jars');
    expect(identical.facts).toMatchObject({ sameJarTwice: 1, classOverlaps: 0 });
  });

  it('error: classes in two different JARs, with the common package and what lies under it', () => {
    const mine = scannedJar('my-kafka-udfs.jar');
    const outcome = judge([fatKafka(), mine], [overlap(fatKafka(), mine, { packages: ['org/apache/flink/streaming/connectors/kafka/table'], commonPackage: 'org/apache/flink/streaming/connectors/kafka/table', classes: 2 })]);
    expect(outcome.status).toBe('error');
    expect(outcome.summary).toBe('2 classes in both flink-sql-connector-kafka-3.3.0-1.20.jar from --jars and my-kafka-udfs.jar from --jars: org.apache.flink.streaming.connectors.kafka.table');
    expect(outcome.fix).toBe('Remove flink-sql-connector-kafka-3.3.0-1.20.jar from --jars or my-kafka-udfs.jar from --jars, or rebuild one without the classes under org.apache.flink.streaming.connectors.kafka.table (shade or exclude them)');
    const wide = judge([clients('3.4.0', 'a.jar'), scannedJar('b.jar')], [overlap(clients('3.4.0', 'a.jar'), scannedJar('b.jar'))]);
    expect(wide.summary).toMatch(/: org\.apache\.kafka\.\{clients\.consumer, common\}$/);
  });

  it('the thin and the fat JAR of one connector: remove the thin one, the fat one contains it', () => {
    const thin = scannedJar('flink-connector-kafka-3.3.0-1.20.jar', { groupId: 'org.apache.flink', artifactId: 'flink-connector-kafka', version: '3.3.0-1.20', kind: 'thin' }, { family: 'kafka', role: 'thin', factories: fatKafka().factories });
    const outcome = judge([fatKafka(), thin], [overlap(fatKafka(), thin)]);
    expect(outcome.fix).toBe('Remove flink-connector-kafka-3.3.0-1.20.jar from --jars; flink-sql-connector-kafka-3.3.0-1.20.jar from --jars already contains its classes');
    // The same factory classes in both: ServiceLoader loads each class once, so no "Multiple factories" finding.
    expect(outcome.facts).toMatchObject({ identifierClashes: 0, classOverlaps: 1 });
  });

  it('the distribution\'s own JAR is always the one to keep; among themselves they are never a finding', () => {
    const json = (version: string, path: string, source: ScannedJar['ref']['source']) => scannedJar(path, { groupId: 'org.apache.flink', artifactId: 'flink-json', version }, {}, source);
    const lib = json('1.20.1', '/opt/flink/lib/flink-json-1.20.1.jar', '$FLINK_HOME/lib');
    expect(judge([lib, json('1.20.0', '/venv/pyflink/lib/flink-json-1.20.0.jar', 'pyflink/lib')]).status).toBe('ok');
    const user = scannedJar('udfs.jar');
    const outcome = judge([lib, user], [overlap(lib, user, { packages: ['org/apache/flink/formats/json'], commonPackage: 'org/apache/flink/formats/json' })]);
    expect(outcome.fix).toBe('Remove udfs.jar from --jars or rebuild it without the classes under org.apache.flink.formats.json: flink-json-1.20.1.jar from $FLINK_HOME/lib ships with Flink');
    // Even a newer copy of it is the one to remove: the distribution's JAR stays.
    const copy = json('1.20.2', 'flink-json-1.20.2.jar', '--jars');
    expect(judge([copy, lib]).fix).toBe('Remove flink-json-1.20.2.jar from --jars; keep flink-json-1.20.1.jar from $FLINK_HOME/lib');
  });

  it('error: two families registering one identifier with different classes (AWS 4.x Kinesis): "Multiple factories"', () => {
    const legacy = connector('flink-sql-connector-kinesis-4.3.0-1.19.jar', 'flink-sql-connector-kinesis', '4.3.0-1.19', 'kinesis-legacy', { 'org.apache.flink.streaming.connectors.kinesis.table.KinesisDynamicTableFactory': 'kinesis' });
    const streams = connector('flink-sql-connector-aws-kinesis-streams-4.3.0-1.19.jar', 'flink-sql-connector-aws-kinesis-streams', '4.3.0-1.19', 'kinesis', { 'org.apache.flink.connector.kinesis.table.KinesisDynamicTableSinkFactory': 'kinesis' });
    const outcome = judge([legacy, streams]);
    expect(outcome.status).toBe('error');
    expect(outcome.summary).toBe(
      "'kinesis' is registered by both flink-sql-connector-kinesis-4.3.0-1.19.jar from --jars (org.apache.flink.streaming.connectors.kinesis.table.KinesisDynamicTableFactory) and flink-sql-connector-aws-kinesis-streams-4.3.0-1.19.jar from --jars (org.apache.flink.connector.kinesis.table.KinesisDynamicTableSinkFactory): \"Multiple factories for identifier 'kinesis' … found in the classpath\"",
    );
    // Across families the matrix's recommended provider for the identifier is kept.
    expect(outcome.fix).toBe("Remove flink-sql-connector-kinesis-4.3.0-1.19.jar from --jars; keep flink-sql-connector-aws-kinesis-streams-4.3.0-1.19.jar from --jars for 'kinesis'");
    expect(outcome.facts).toMatchObject({ identifierClashes: 1, duplicateArtifacts: 0 });
  });

  it('within one family, the newer generation is kept (JDBC 3.1 and jdbc-core 4.0)', () => {
    const old = connector('flink-connector-jdbc-3.1.2-1.18.jar', 'flink-connector-jdbc', '3.1.2-1.18', 'jdbc', { 'org.apache.flink.connector.jdbc.table.JdbcDynamicTableFactory': 'jdbc' });
    const core = connector('jdbc-core-renamed.jar', 'flink-connector-jdbc-core', '4.0.0-2.0', 'jdbc', { 'org.apache.flink.connector.jdbc.core.table.JdbcDynamicTableFactory': 'jdbc' });
    const outcome = judge([old, core]);
    expect(outcome.fix).toBe("Remove flink-connector-jdbc-3.1.2-1.18.jar from --jars; keep jdbc-core-renamed.jar (flink-connector-jdbc-core:4.0.0-2.0) from --jars for 'jdbc'");
    expect(outcome.details).toEqual([outcome.summary]);
  });

  it('several findings: counted in the summary, all in the details', () => {
    const [a, b] = [clients('3.4.0'), clients('3.2.3')];
    const [x, y] = [scannedJar('helpers.jar'), scannedJar('helpers-copy.jar')];
    const outcome = judge([a, b, x, y], [overlap(x, y, { identical: true })]);
    expect(outcome.status).toBe('error');
    expect(outcome.summary).toBe('2 conflicts between JARs');
    expect(judge([x, y, fatKafka(), fatKafka('3.3.0-1.20', '/b/k.jar')], [overlap(x, y, { identical: true })]).summary).toBe('2 JARs present twice');
  });
});
