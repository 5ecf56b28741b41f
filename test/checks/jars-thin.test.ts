// jars.thin: its decision table on built facts. Telling a thin JAR from the fat one by what is inside it:
// test/jars/identify.test.ts; the check on real JARs: test/jars/checks.test.ts.
import { describe, expect, it } from 'vitest';
import jarsThin from '../../checks/jars-thin.js';
import type { ScannedJar } from '../../src/facts/index.js';
import { buildFacts, decide, fatKafka, scannedJar, targetOf } from '../helpers/facts.js';

const CENTRAL = 'https://repo1.maven.org/maven2';
const thinKafka = scannedJar('flink-connector-kafka-3.3.0-1.20.jar', { groupId: 'org.apache.flink', artifactId: 'flink-connector-kafka', version: '3.3.0-1.20', flinkLine: '1.20', kind: 'thin', identifiers: ['kafka'] }, { family: 'kafka', role: 'thin', packages: ['org/apache/flink/streaming/connectors/kafka/table'] });
const kafkaClients = scannedJar('kafka-clients-3.4.0.jar', { groupId: 'org.apache.kafka', artifactId: 'kafka-clients', version: '3.4.0' }, { packages: ['org/apache/kafka/clients/consumer', 'org/apache/kafka/common'] });
const thinAvro = scannedJar('flink-avro-1.20.1.jar', { groupId: 'org.apache.flink', artifactId: 'flink-avro', version: '1.20.1', flinkLine: '1.20', kind: 'format', identifiers: ['avro'] }, { family: 'avro', role: 'thin' });
const judge = (jars: ScannedJar[], target = targetOf('1.20'), repository = CENTRAL) =>
  decide(jarsThin, buildFacts({ jars: { jars, overlaps: [], durationMs: 0 }, target, repository: { url: repository, source: 'Maven Central', problems: [] } }));

describe('jars.thin decisions (built facts)', () => {
  it('error: the thin Kafka connector and no JAR with kafka-clients: NoClassDefFoundError; the fix names the fat JAR and its URL', () => {
    const outcome = judge([thinKafka]);
    expect(outcome.status).toBe('error');
    expect(outcome.summary).toBe('flink-connector-kafka-3.3.0-1.20.jar from --jars is the thin Apache Kafka connector and no JAR provides org.apache.kafka:kafka-clients (org/apache/kafka/clients/): NoClassDefFoundError at runtime');
    expect(outcome.fix).toBe(`Replace flink-connector-kafka-3.3.0-1.20.jar from --jars with org.apache.flink:flink-sql-connector-kafka:3.4.0-1.20 (${CENTRAL}/org/apache/flink/flink-sql-connector-kafka/3.4.0-1.20/flink-sql-connector-kafka-3.4.0-1.20.jar)`);
    expect(outcome.locations).toEqual([{ path: thinKafka.ref.path }]);
  });

  it('ok: the thin JAR shipped with its kafka-clients, or the fat JAR alone', () => {
    expect(judge([thinKafka, kafkaClients]).status).toBe('ok');
    expect(judge([fatKafka()]).summary).toBe('no thin connector JARs');
  });

  it('warning: a thin artifact with no known dependency to look for (flink-avro): PyFlink wants the flink-sql- one', () => {
    const outcome = judge([thinAvro]);
    expect(outcome.status).toBe('warning');
    expect(outcome.summary).toBe('flink-avro-1.20.1.jar from --jars is the thin Avro artifact: it needs its dependencies on the classpath; PyFlink wants flink-sql-avro');
  });

  it('a minor-only target names the newest known patch; the URL follows the run\'s repository', () => {
    const outcome = judge([thinAvro], targetOf('1.15'), 'https://nexus.example.com/repository/central');
    expect(outcome.fix).toBe('Replace flink-avro-1.20.1.jar from --jars with org.apache.flink:flink-sql-avro:1.15.4 (https://nexus.example.com/repository/central/org/apache/flink/flink-sql-avro/1.15.4/flink-sql-avro-1.15.4.jar)');
  });

  it('several thin JARs: counted, errors first in status', () => {
    const outcome = judge([thinKafka, thinAvro]);
    expect(outcome.status).toBe('error');
    expect(outcome.summary).toBe('2 thin connector JARs where PyFlink needs the fat SQL JAR');
    expect(outcome.details?.map((d) => d.split(':')[0])).toEqual(['error', 'warning']);
  });

  it('never the distribution\'s own thin format JARs (flink-json in lib/); skipped without readable JARs or for an old target', () => {
    const libJson = scannedJar('/opt/flink/lib/flink-json-1.20.1.jar', { groupId: 'org.apache.flink', artifactId: 'flink-json', version: '1.20.1', kind: 'format' }, { family: 'json', role: 'thin' }, '$FLINK_HOME/lib');
    expect(judge([libJson]).status).toBe('ok');
    expect(judge([]).summary).toBe('no readable JARs');
    expect(judge([thinKafka], targetOf('1.13.6')).status).toBe('skipped');
  });
});
