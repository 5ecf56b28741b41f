// jars.conflicts decisions on built facts, each modelled on a setup the real tier ran (test-real/corpus.ts):
// a copy of classes Flink loads parent-first next to flink-dist is a note, two versions of one connector a
// warning, and different classes of one name (or one identifier from two factories) stay errors.
import { describe, expect, it } from 'vitest';
import jarsConflicts from '../../checks/jars-conflicts.js';
import { buildFacts, decide } from '../helpers/facts.js';
import { flinkDist, kafkaFat, overlap, scanned } from './jar-facts.js';

const GUAVA31 = ['org/apache/flink/shaded/guava31/com/google/common/base', 'org/apache/flink/shaded/guava31/com/google/common/collect'];

describe('a connector fat JAR that bundles classes flink-dist also ships', () => {
  // flink-sql-connector-mysql-cdc 3.5.0 bundles flink-shaded-guava31: 2,025 classes also in flink-dist 1.20.5.
  const cdc = scanned({ path: '/work/jars/flink-sql-connector-mysql-cdc-3.5.0.jar', artifactId: 'flink-sql-connector-mysql-cdc', version: '3.5.0', kind: 'fat', family: 'mysql-cdc', identifiers: ['mysql-cdc'] });
  const dist = flinkDist('1.20.5');

  it('under org.apache.flink.shaded: a note saying flink-dist\'s copy loads, never a fix that removes a JAR', () => {
    const outcome = decide(jarsConflicts, buildFacts({ jars: { jars: [dist, cdc], overlaps: [overlap(cdc, dist, GUAVA31, 2025)], durationMs: 1 } }));
    expect(outcome.status).toBe('ok');
    expect(outcome.fix ?? null).toBeNull();
    const note = (outcome.details ?? []).join('\n');
    expect(note).toContain('2025 classes under org.apache.flink.shaded.guava31.com.google');
    expect(note).toContain('classloader.parent-first-patterns.default');
    expect(note).toContain('flink-dist-1.20.5.jar from pyflink/lib is the one used; nothing to remove');
    expect(outcome.sources?.join('\n')).toContain('flink-mirror');
  });

  it('flink-connector-base inside Kafka 3.0.x next to Flink 1.17\'s flink-dist and flink-connector-files: notes, not errors', () => {
    const kafka = kafkaFat('3.0.0-1.17', '1.17');
    const files = scanned({ path: '/venv/pyflink/lib/flink-connector-files-1.17.2.jar', source: 'pyflink/lib', artifactId: 'flink-connector-files', version: '1.17.2' });
    const dist17 = flinkDist('1.17.2');
    const base = ['org/apache/flink/connector/base', 'org/apache/flink/connector/base/sink/writer'];
    const facts = buildFacts({ jars: { jars: [dist17, files, kafka], overlaps: [overlap(kafka, files, base, 82), overlap(kafka, dist17, base, 82)], durationMs: 1 } });
    const outcome = decide(jarsConflicts, facts);
    expect(outcome.status).toBe('ok');
    expect(outcome.details).toHaveLength(2);
    expect(outcome.facts).toMatchObject({ parentFirstCopies: 2, classOverlaps: 0 });
  });

  it('classes outside the parent-first packages in both a user JAR and flink-dist are still an error, keeping flink-dist', () => {
    const guava = ['com/google/common/base'];
    const outcome = decide(jarsConflicts, buildFacts({ jars: { jars: [dist, cdc], overlaps: [overlap(cdc, dist, guava, 300)], durationMs: 1 } }));
    expect(outcome.status).toBe('error');
    expect(outcome.fix).toContain('Remove flink-sql-connector-mysql-cdc-3.5.0.jar');
    expect(outcome.fix).toContain('flink-dist-1.20.5.jar from pyflink/lib ships with Flink');
    expect(outcome.fix).not.toMatch(/Remove flink-dist/);
  });
});

describe('two versions of one connector (two-kafka: 3.2.0-1.19 and 3.0.1-1.18 on 1.19.3)', () => {
  const newer = kafkaFat('3.2.0-1.19', '1.19');
  const older = kafkaFat('3.0.1-1.18', '1.18', '/work/old');

  it('is a warning: the first on the classpath wins, the other is dead weight; keep the newer', () => {
    const outcome = decide(jarsConflicts, buildFacts({ jars: { jars: [newer, older], overlaps: [overlap(newer, older, ['org/apache/flink/streaming/connectors/kafka/table'], 120)], durationMs: 1 } }));
    expect(outcome.status).toBe('warning');
    expect(outcome.summary).toContain('org.apache.flink:flink-sql-connector-kafka in 2 versions');
    expect(outcome.summary).toContain('loads each class from the first of them on the classpath');
    expect(outcome.fix).toBe('Remove flink-sql-connector-kafka-3.0.1-1.18.jar from job:pipeline.jars in job.py:12; keep flink-sql-connector-kafka-3.2.0-1.19.jar from job:pipeline.jars in job.py:12');
  });
});

describe('what really breaks stays an error', () => {
  it("one identifier from two different factory classes (\"Multiple factories for identifier 'kafka'\")", () => {
    const kafka = kafkaFat('3.3.0-1.20', '1.20');
    const other = scanned({
      path: '/work/jars/my-kafka-fork-1.0.jar', groupId: 'com.example', artifactId: 'my-kafka-fork', version: '1.0', identifiers: ['kafka'],
      factories: { 'org.apache.flink.streaming.connectors.kafka.table.KafkaDynamicTableFactory': 'kafka', 'com.example.ForkedKafkaFactory': 'kafka' },
    });
    const outcome = decide(jarsConflicts, buildFacts({ jars: { jars: [kafka, other], overlaps: [], durationMs: 1 } }));
    expect(outcome.status).toBe('error');
    expect(outcome.summary).toContain("\"Multiple factories for identifier 'kafka' … found in the classpath\"");
  });

  it('different classes of one name from two user artifacts (kafka-clients unshaded in two JARs)', () => {
    const a = scanned({ path: '/work/jars/kafka-clients-3.4.0.jar', groupId: 'org.apache.kafka', artifactId: 'kafka-clients', version: '3.4.0' });
    const b = scanned({ path: '/work/jars/my-app-1.0.jar', groupId: 'com.example', artifactId: 'my-app', version: '1.0' });
    const outcome = decide(jarsConflicts, buildFacts({ jars: { jars: [a, b], overlaps: [overlap(a, b, ['org/apache/kafka/clients/consumer'], 40)], durationMs: 1 } }));
    expect(outcome.status).toBe('error');
    expect(outcome.summary).toBe('40 classes in both kafka-clients-3.4.0.jar from job:pipeline.jars in job.py:12 and my-app-1.0.jar from job:pipeline.jars in job.py:12: org.apache.kafka.clients.consumer');
  });
});
