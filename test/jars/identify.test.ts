// Identification from inside real JARs (javac-compiled classes, zipped in each layout), and the version parser.
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { identifyJar } from '../../src/jars/identify.js';
import { compareReleases } from '../../src/knowledge/versions.js';
import { flinkLineOfJarName, parseArtifactVersion, parseJarFileName } from '../../src/jars/version.js';
import { readJar } from '../../src/jars/zip-reader.js';
import { loadMatrix } from '../../src/knowledge/load-matrix.js';
import {
  avroJar,
  cdcJar,
  connectorJar,
  FACTORY,
  fatKafkaJar,
  jarDir,
  kafkaClientsJar,
  legacyKafkaJar,
  thinKafkaJar,
  userFatJar,
} from '../helpers/jars.js';

const knowledge = loadMatrix().connectors();
let dir: string;
beforeAll(async () => {
  dir = await jarDir();
});

async function identify(path: string) {
  return identifyJar(path, '--jars', await readJar(path), knowledge);
}

describe('artifact versions', () => {
  it('reads <connector>-<flink minor> without treating -1.20 as a prerelease', () => {
    expect(parseArtifactVersion('3.3.0-1.20')).toEqual({ raw: '3.3.0-1.20', release: '3.3.0', builtFor: '1.20', snapshot: false });
    expect(parseArtifactVersion('4.0.0-2.0-SNAPSHOT')).toMatchObject({ release: '4.0.0', builtFor: '2.0', snapshot: true });
    expect(parseArtifactVersion('1.14.4')).toEqual({ raw: '1.14.4', release: '1.14.4', snapshot: false });
    expect(parseArtifactVersion('33.0.0-jre')).toBeUndefined();
    expect(compareReleases('1.9', '1.10')).toBe(-1);
  });

  it('splits file names with Scala suffixes and artifactIds that hold versions', () => {
    expect(parseJarFileName('flink-sql-connector-kafka_2.11-1.14.4.jar')).toEqual({
      artifactId: 'flink-sql-connector-kafka',
      scalaSuffix: '2.11',
      version: '1.14.4',
    });
    expect(parseJarFileName('flink-sql-connector-hbase-2.2-4.0.0-1.19.jar')).toEqual({
      artifactId: 'flink-sql-connector-hbase-2.2',
      version: '4.0.0-1.19',
    });
    expect(parseJarFileName('flink-sql-connector-hive-3.1.3_2.12-3.0.0-1.20.jar')).toEqual({
      artifactId: 'flink-sql-connector-hive-3.1.3',
      scalaSuffix: '2.12',
      version: '3.0.0-1.20',
    });
  });
});

describe('identifyJar', () => {
  it('identifies a Flink fat SQL JAR from NOTICE, MANIFEST and its factories', async () => {
    const jar = await identify(await fatKafkaJar(join(dir, 'flink-sql-connector-kafka-3.3.0-1.20.jar')));
    expect(jar.identity).toMatchObject({
      groupId: 'org.apache.flink',
      artifactId: 'flink-sql-connector-kafka',
      version: '3.3.0-1.20',
      connectorVersion: '3.3.0',
      flinkLine: '1.20',
      kind: 'fat',
      identifiers: ['kafka', 'upsert-kafka'],
      classMajor: 55,
    });
    expect(jar.bundled).toEqual([{ groupId: 'org.apache.kafka', artifactId: 'kafka-clients', version: '3.4.0' }]);
    expect(jar.family).toBe('kafka');
  });

  it('identifies a renamed fat JAR from inside, not from its name', async () => {
    const jar = await identify(await fatKafkaJar(join(dir, 'connector.jar'), '4.0.0-2.0'));
    expect(jar.identity).toMatchObject({ artifactId: 'flink-sql-connector-kafka', version: '4.0.0-2.0', flinkLine: '2.0', kind: 'fat' });
  });

  it('tells a thin connector from the fat one by its missing shaded packages', async () => {
    const jar = await identify(await thinKafkaJar(join(dir, 'kafka-thin-renamed.jar')));
    expect(jar.identity).toMatchObject({ artifactId: 'flink-connector-kafka', version: '3.3.0-1.20', kind: 'thin', flinkLine: '1.20' });
    expect(jar.role).toBe('thin');
  });

  it('reads a non-Flink JAR from pom.properties, and picks the own one among several', async () => {
    const clients = await identify(await kafkaClientsJar(join(dir, 'kafka-clients-3.4.0.jar')));
    expect(clients.identity).toMatchObject({
      groupId: 'org.apache.kafka',
      artifactId: 'kafka-clients',
      version: '3.4.0',
      kind: 'other',
      classMajor: 52,
    });
    const fat = await identify(await userFatJar(join(dir, 'udfs-1.2.0.jar')));
    expect(fat.identity).toMatchObject({ groupId: 'com.example', artifactId: 'udfs', version: '1.2.0', kind: 'other', classMajor: 61 });
    expect(fat.bundled.map((b) => b.artifactId).sort()).toEqual(['guava', 'slf4j-api']);
  });

  it('reads the legacy Scala-suffixed in-tree build: version = Flink version', async () => {
    const jar = await identify(await legacyKafkaJar(join(dir, 'flink-sql-connector-kafka_2.11-1.14.4.jar')));
    expect(jar.identity).toMatchObject({
      artifactId: 'flink-sql-connector-kafka_2.11',
      scalaSuffix: '2.11',
      version: '1.14.4',
      flinkLine: '1.14',
      kind: 'fat',
    });
    expect(jar.identity.connectorVersion).toBeUndefined();
  });

  it('reads no Flink line from a flink-shaded-* version (2.8.3-10.0: Hadoop 2.8.3, flink-shaded 10.0), from inside or by name', async () => {
    // Modelled on the real flink-shaded-hadoop-2-uber-2.8.3-10.0.jar: its MANIFEST names it; it has no pom.properties.
    const path = await connectorJar(join(dir, 'flink-shaded-hadoop-2-uber-2.8.3-10.0.jar'), {
      version: '2.8.3-10.0',
      factories: [],
      classes: ['org/apache/hadoop/conf/Configuration', 'org/apache/commons/cli/Options'],
    });
    const jar = await identify(path);
    expect(jar.identity).toMatchObject({ artifactId: 'flink-shaded-hadoop-2-uber', version: '2.8.3-10.0' });
    expect(jar.identity.flinkLine).toBeUndefined();
    expect(flinkLineOfJarName('flink-shaded-hadoop-2-uber-2.8.3-10.0.jar')).toBeUndefined();
    expect(flinkLineOfJarName('flink-sql-connector-kafka-3.3.0-1.20.jar')?.line).toBe('1.20');
  });

  it('keeps CDC versions apart from Flink versions (com.ververica 2.4.2 is not Flink 2.4)', async () => {
    const jar = await identify(await cdcJar(join(dir, 'mysql-cdc.jar')));
    expect(jar.identity).toMatchObject({
      groupId: 'com.ververica',
      artifactId: 'flink-sql-connector-mysql-cdc',
      version: '2.4.2',
      connectorVersion: '2.4.2',
      identifiers: ['mysql-cdc'],
      kind: 'fat',
    });
    expect(jar.identity.flinkLine).toBeUndefined();
    expect(knowledge.flinkLinesOf(knowledge.family('mysql-cdc')!, '2.4.2').lines).toContain('1.17');
  });

  it('identifies format JARs', async () => {
    const jar = await identify(await avroJar(join(dir, 'flink-sql-avro-1.20.1.jar')));
    expect(jar.identity).toMatchObject({ artifactId: 'flink-sql-avro', flinkLine: '1.20', kind: 'format', identifiers: ['avro'] });
  });

  it('recommends the artifact for a target from the matrix', () => {
    const kafka = knowledge.family('kafka')!;
    expect(knowledge.recommend(kafka, '1.20', '1.20.5')).toEqual({
      groupId: 'org.apache.flink',
      artifactId: 'flink-sql-connector-kafka',
      version: '3.4.0-1.20',
    });
    expect(knowledge.recommend(kafka, '2.2', '2.2.1')?.version).toBe('5.0.0-2.2');
    expect(knowledge.recommend(knowledge.family('avro')!, '2.2', '2.2.0')?.version).toBe('2.2.0');
  });
});

describe('identifyJar: connector families beyond Kafka', () => {
  it('identifies a renamed Kinesis Data Streams fat JAR from its NOTICE and factory', async () => {
    const jar = await identify(
      await connectorJar(join(dir, 'kinesis.jar'), {
        notice: 'flink-sql-connector-aws-kinesis-streams',
        version: '5.0.0-1.20',
        factories: [FACTORY.kinesisStreams5],
      }),
    );
    expect(jar.family).toBe('kinesis');
    expect(jar.identity).toMatchObject({
      artifactId: 'flink-sql-connector-aws-kinesis-streams',
      version: '5.0.0-1.20',
      connectorVersion: '5.0.0',
      flinkLine: '1.20',
      kind: 'fat',
      identifiers: ['kinesis'],
    });
    expect(jar.factories).toEqual({ [FACTORY.kinesisStreams5]: 'kinesis' });
  });

  it('knows the legacy Kinesis factory registers "kinesis" up to 4.x and "kinesis-legacy" from 5.0.0', async () => {
    const v4 = await identify(
      await connectorJar(join(dir, 'legacy-kinesis-4.jar'), {
        notice: 'flink-sql-connector-kinesis',
        version: '4.3.0-1.19',
        factories: [FACTORY.kinesisLegacy],
      }),
    );
    expect(v4.family).toBe('kinesis-legacy');
    expect(v4.identity.identifiers).toEqual(['kinesis']);
    const v5 = await identify(
      await connectorJar(join(dir, 'legacy-kinesis-5.jar'), {
        notice: 'flink-sql-connector-kinesis',
        version: '5.0.0-1.20',
        factories: [FACTORY.kinesisLegacy],
      }),
    );
    expect(v5.identity.identifiers).toEqual(['kinesis-legacy']);
    expect(v5.unknownFactories).toEqual([]);
  });

  it('identifies a renamed thin JDBC JAR (no NOTICE) from its factory classes, old and new packages', async () => {
    const v3 = await identify(
      await connectorJar(join(dir, 'db.jar'), { version: '3.1.2-1.18', factories: [FACTORY.jdbc3, FACTORY.jdbc3Catalog] }),
    );
    expect(v3.family).toBe('jdbc');
    expect(v3.identity).toMatchObject({
      artifactId: 'flink-connector-jdbc',
      version: '3.1.2-1.18',
      flinkLine: '1.18',
      identifiers: ['jdbc'],
    });
    const v4 = await identify(
      await connectorJar(join(dir, 'jdbc-core.jar'), {
        notice: 'flink-connector-jdbc-core',
        version: '4.0.0-2.0',
        factories: [FACTORY.jdbcCore, FACTORY.jdbcCoreCatalog],
      }),
    );
    expect(v4.identity).toMatchObject({ artifactId: 'flink-connector-jdbc-core', flinkLine: '2.0', identifiers: ['jdbc'] });
    expect(v4.unknownFactories).toEqual([]);
  });

  it('identifies OpenSearch and Postgres CDC JARs by their factories', async () => {
    const os = await identify(
      await connectorJar(join(dir, 'search.jar'), {
        notice: 'flink-sql-connector-opensearch',
        version: '1.1.0-1.18',
        factories: [FACTORY.opensearch],
      }),
    );
    expect(os.identity).toMatchObject({
      artifactId: 'flink-sql-connector-opensearch',
      kind: 'fat',
      flinkLine: '1.18',
      identifiers: ['opensearch'],
    });
    const pg = await identify(
      await connectorJar(join(dir, 'pg.jar'), {
        notice: 'flink-sql-connector-postgres-cdc',
        version: '3.1.1',
        factories: [FACTORY.postgresCdc],
      }),
    );
    expect(pg.family).toBe('postgres-cdc');
    expect(pg.identity.identifiers).toEqual(['postgres-cdc']);
  });
});
