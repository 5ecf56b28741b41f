// The facts the 2026-12-01 matrix audit found wrong, and what the wheels' METADATA and the real JARs settled:
// each test pins one decision the doctor makes from them (see docs/matrix-verification.md for the sources).
import { describe, expect, it } from 'vitest';
import { loadMatrix } from '../../src/knowledge/load-matrix.js';

const matrix = loadMatrix();
const knowledge = matrix.connectors();
const family = (key: string) => {
  const found = knowledge.family(key);
  if (!found) throw new Error(`no family ${key}`);
  return found;
};
const requires = (version: string, tag?: string) => matrix.requiresDistFor(version, tag)?.requires ?? [];

describe('Requires-Dist as the wheels declare it', () => {
  it('1.20.2 pins pemja==0.4.1 like 1.20.0 (FLINK-37991 missed the release)', () => {
    expect(requires('1.20.2')).toContain('pemja==0.4.1; platform_system != "Windows"');
    expect(matrix.line('1.20')?.knownBadDependencies?.some((b) => b.package === 'pemja')).toBe(false);
  });

  it('2.1.2 pins pemja 0.5.6, not the 0.5.7 of its rc2 branch', () => {
    expect(requires('2.1.2')).toContain('pemja>=0.5.6,<0.5.7; platform_system != "Windows"');
    expect(requires('2.1.3')).toContain('pemja>=0.5.7,<0.5.8; platform_system != "Windows"');
  });

  it('1.16.0 wheels carry the pins of the Python that built them, without markers', () => {
    expect(requires('1.16.0', 'cp39')).toContain('numpy>=1.21.4,<1.22.0');
    expect(requires('1.16.0', 'cp36')).toContain('numpy>=1.14.3,<1.20');
    expect(requires('1.16.0').some((r) => r.includes('python_full_version < "3.7"') && r.startsWith('numpy'))).toBe(false);
    expect(requires('1.16.1')).toContain('numpy>=1.14.3,<1.20; python_full_version < "3.7"');
  });

  it('every Requires-Dist entry is confirmed by the wheels', () => {
    for (const minor of matrix.minors()) {
      for (const entry of matrix.line(minor)?.requiresDist ?? []) expect(entry.confidence, `${minor} ${entry.since}`).toBe('confirmed');
    }
  });
});

describe('connector facts', () => {
  it('JDBC 4.x is flink-connector-jdbc-core plus a dialect module; 3.4.0 is the newest for 1.20', () => {
    const jdbc = family('jdbc');
    const on20 = knowledge.recommend(jdbc, '2.0', '2.0.2');
    expect(on20).toMatchObject({ artifactId: 'flink-connector-jdbc-core', version: '4.0.0-2.0' });
    expect(on20?.companions?.oneOf).toContain('flink-connector-jdbc-postgres');
    expect(knowledge.recommend(jdbc, '2.2', '2.2.1')?.artifactId).toBe('flink-connector-jdbc-core');
    expect(knowledge.recommend(jdbc, '1.20', '1.20.5')).toEqual({
      groupId: 'org.apache.flink',
      artifactId: 'flink-connector-jdbc',
      version: '3.4.0-1.20',
    });
    expect(knowledge.familyOfArtifact('flink-connector-jdbc-mysql')?.key).toBe('jdbc');
  });

  it('Pulsar registers its SQL identifiers from 4.1.0 only, and the in-tree JAR never', () => {
    const pulsar = family('pulsar');
    expect(knowledge.registersIn(pulsar, 'pulsar', '4.0.0')).toBe(false);
    expect(knowledge.registersIn(pulsar, 'upsert-pulsar', '4.1.0')).toBe(true);
    expect(knowledge.recommend(pulsar, '1.16', '1.16.3')).toBeUndefined();
    expect(knowledge.firstReleaseRegistering(pulsar, 'pulsar')?.version).toBe('4.1.0');
  });

  it('dynamic-kafka is known and registered from Kafka 5.0.0 on', () => {
    const kafka = family('kafka');
    expect(knowledge.providersOf('dynamic-kafka').map((p) => p.key)).toEqual(['kafka']);
    expect(knowledge.registersIn(kafka, 'dynamic-kafka', '3.4.0')).toBe(false);
    expect(knowledge.registersIn(kafka, 'dynamic-kafka', '5.0.0')).toBe(true);
    expect(knowledge.familyOfFactory('org.apache.flink.streaming.connectors.kafka.table.DynamicKafkaTableFactory')?.identifier).toBe(
      'dynamic-kafka',
    );
  });

  it('Hive is in-tree through 1.20 with the fat JARs of each release, external 3.0.0 on 1.20, nothing on 2.0', () => {
    const hive = family('hive');
    expect(knowledge.recommend(hive, '1.17', '1.17.2')).toEqual({
      groupId: 'org.apache.flink',
      artifactId: 'flink-sql-connector-hive-2.3.9_2.12',
      version: '1.17.2',
      inTree: true,
    });
    expect(knowledge.recommend(hive, '1.15', '1.15.4')?.artifactId).toBe('flink-sql-connector-hive-2.3.6_2.12');
    expect(knowledge.recommend(hive, '1.20', '1.20.5')?.version).toBe('3.0.0-1.20');
    expect(knowledge.recommend(hive, '2.0', '2.0.2')).toBeUndefined();
    expect(knowledge.familyOfArtifact('flink-sql-connector-hive-2.3.9_2.12')).toMatchObject({ key: 'hive', role: 'fat' });
    expect(knowledge.familyOfArtifact('flink-sql-connector-hive-1.2.2_2.12')?.key).toBe('hive');
  });

  it('protobuf and flink-sql-json/csv exist from 1.16', () => {
    expect(knowledge.recommend(family('protobuf'), '1.15', '1.15.4')).toBeUndefined();
    expect(knowledge.recommend(family('protobuf'), '1.16', '1.16.3')?.version).toBe('1.16.3');
    expect(knowledge.recommend(family('json'), '1.15', '1.15.4')?.artifactId).toBe('flink-json');
    expect(knowledge.recommend(family('json'), '1.16', '1.16.3')?.artifactId).toBe('flink-sql-json');
  });

  it('built-in identifiers change per line', () => {
    expect(knowledge.builtinsFor('1.15').has('python-input-format')).toBe(false);
    expect(knowledge.builtinsFor('1.16').has('python-input-format')).toBe(true);
    expect(knowledge.builtinsFor('1.20').has('legacy-csv')).toBe(false);
    expect(knowledge.builtinsFor('2.0').has('legacy-csv')).toBe(true);
    expect(knowledge.builtinsFor('2.3').has('python-arrow-source')).toBe(true);
  });

  it('third-party runtimes name the Flink line in the artifactId and register their identifiers', () => {
    const iceberg = family('iceberg');
    expect(iceberg.maintainer).toBe('Apache Iceberg');
    expect(knowledge.recommend(iceberg, '1.20', '1.20.5')).toEqual({
      groupId: 'org.apache.iceberg',
      artifactId: 'iceberg-flink-runtime-1.20',
      version: '1.11.0',
    });
    expect(knowledge.familyOfArtifact('iceberg-flink-runtime-1.19')).toMatchObject({ key: 'iceberg', role: 'fat', builtFor: '1.19' });
    expect(knowledge.flinkLinesOf(iceberg, '1.9.2', 'iceberg-flink-runtime-1.18')).toMatchObject({ lines: ['1.18'], builtFor: '1.18' });
    expect(knowledge.familyOfArtifact('hudi-flink1.17-bundle')?.builtFor).toBe('1.17');
    expect(knowledge.providersOf('paimon').map((p) => p.key)).toEqual(['paimon']);
    expect(knowledge.recommend(family('starrocks'), '1.19', '1.19.3')?.version).toBe('1.2.10_flink-1.19');
    expect(knowledge.flinkLinesOf(family('starrocks'), '1.2.9_flink-1.16').builtFor).toBe('1.16');
  });

  it('DataStream-only families have no SQL identifiers and still identify their JARs', () => {
    for (const key of ['rabbitmq', 'cassandra', 'gcp-pubsub', 'prometheus', 'elasticsearch8']) {
      expect(family(key).datastreamOnly, key).toBe(true);
      expect(family(key).identifiers, key).toEqual([]);
    }
    expect(knowledge.familyOfArtifact('flink-connector-cassandra_2.12')?.key).toBe('cassandra');
    expect(knowledge.recommend(family('cassandra'), '1.19', '1.19.3')?.artifactId).toBe('flink-connector-cassandra_2.12');
  });

  it('CDC recommendations name an exact release, never "3.1.x"', () => {
    for (const minor of matrix.minors()) {
      const c = knowledge.recommend(family('mysql-cdc'), minor, matrix.resolvePatch(minor));
      if (c) expect(c.version, minor).toMatch(/^\d+\.\d+\.\d+(-\d+\.\d+)?$/);
    }
  });
});

describe('target resolution', () => {
  it('a minor resolves to its newest known patch; an unknown line to nothing', () => {
    expect(matrix.resolvePatch('1.15')).toBe('1.15.4');
    expect(matrix.resolvePatch('1.20.1')).toBe('1.20.1');
    expect(matrix.resolvePatch('1.13')).toBeNull();
  });

  it('a target older than every known line is skipped with one sentence, never judged against another line', () => {
    const judged = matrix.judgedLine({ known: false, minor: '1.13', flinkVersion: '1.13.6' });
    expect(judged.skip).toBe('Flink 1.13.6 is older than the lines flink-doctor knows (1.15 to 2.3): not judged (see pyflink.install)');
    expect(matrix.judgedLine({ known: false, minor: '2.4', flinkVersion: '2.4.0' }).skip).toBeUndefined();
  });
});
