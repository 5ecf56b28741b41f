// Real JARs for the JAR checks: class files compiled by javac --release N, zipped in the layouts real
// artifacts have (Flink fat SQL JAR, thin connector, non-Flink JAR with pom.properties, legacy Scala build).
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, realpathSync, statSync } from 'node:fs';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { jdk17 } from './java.js';
import { tempDir, writeFileDeep } from './tmp.js';
import { writeZip, type ZipEntry } from './zip.js';

const run = promisify(execFile);
const compiled = new Map<string, Buffer>();
const SOURCE = 'public class Probe { public static int answer() { return 42; } }\n';
/** Class files javac made on this machine, kept between runs: a javac start costs about a second of CPU. */
const CLASS_CACHE = join(import.meta.dirname, '..', '..', '.cache', 'test-fixtures', 'javac');

/**
 * Bytes of a class compiled with `javac --release <release>` by the JDK at `jdkHome` (JDK 17 by default). Real javac
 * output, compiled once per JDK (its path and install time are in the key) and release, then read from .cache/.
 */
export async function compiledClass(release: number, jdkHome = jdk17()): Promise<Buffer> {
  const javac = join(jdkHome, 'bin', 'javac');
  if (!existsSync(javac)) throw new Error(`javac not found at ${javac}: the JAR tests compile real class files and need a JDK`);
  const real = realpathSync(javac);
  const key = createHash('sha1')
    .update(`${real}|${statSync(real).mtimeMs}|${release}|${SOURCE}`)
    .digest('hex');
  const cached = compiled.get(key) ?? (await readFile(join(CLASS_CACHE, `${key}.class`)).catch(() => undefined));
  if (cached) {
    compiled.set(key, cached);
    return cached;
  }
  const dir = await tempDir('javac-');
  await writeFileDeep(join(dir, 'Probe.java'), SOURCE);
  await run(javac, ['--release', String(release), '-d', join(dir, 'out'), join(dir, 'Probe.java')], { timeout: 60_000 });
  const bytes = await readFile(join(dir, 'out', 'Probe.class'));
  // Written under a unique name, then renamed: two workers compiling the same release never leave half a file.
  await mkdir(CLASS_CACHE, { recursive: true });
  const partial = join(CLASS_CACHE, `${key}.${process.pid}.tmp`);
  await writeFile(partial, bytes);
  await rename(partial, join(CLASS_CACHE, `${key}.class`));
  compiled.set(key, bytes);
  return bytes;
}

export function manifest(values: Record<string, string>): string {
  return `Manifest-Version: 1.0\r\n${Object.entries(values)
    .map(([k, v]) => `${k}: ${v}\r\n`)
    .join('')}\r\n`;
}

export const KAFKA_FACTORIES =
  'org.apache.flink.streaming.connectors.kafka.table.KafkaDynamicTableFactory\norg.apache.flink.streaming.connectors.kafka.table.UpsertKafkaDynamicTableFactory\n';
const FACTORY_SERVICE = 'META-INF/services/org.apache.flink.table.factories.Factory';

const classes = (bytes: Buffer, names: string[]): ZipEntry[] => names.map((name) => ({ name: `${name}.class`, data: bytes }));

/** flink-sql-connector-kafka as Flink builds it: NOTICE (artifactId first), MANIFEST, services, shaded kafka-clients. */
export async function fatKafkaJar(path: string, version = '3.3.0-1.20', release = 11): Promise<string> {
  const bytes = await compiledClass(release);
  return writeZip(path, [
    {
      name: 'META-INF/MANIFEST.MF',
      data: manifest({
        'Implementation-Title': 'Flink : Connectors : SQL : Kafka',
        'Implementation-Version': version,
        'Implementation-Vendor-Id': 'org.apache.flink',
      }),
    },
    {
      name: 'META-INF/NOTICE',
      data: 'flink-sql-connector-kafka\nCopyright 2014-2024 The Apache Software Foundation\n\nThis project bundles the following dependencies under the Apache Software License 2.0.\n\n- org.apache.kafka:kafka-clients:3.4.0\n',
    },
    { name: FACTORY_SERVICE, data: `# Licensed to the Apache Software Foundation\n${KAFKA_FACTORIES}` },
    ...classes(bytes, [
      'org/apache/flink/streaming/connectors/kafka/table/KafkaDynamicTableFactory',
      'org/apache/flink/streaming/connectors/kafka/table/UpsertKafkaDynamicTableFactory',
      'org/apache/flink/connector/kafka/source/KafkaSource',
      'org/apache/flink/kafka/shaded/org/apache/kafka/clients/consumer/KafkaConsumer',
      'org/apache/flink/kafka/shaded/org/apache/kafka/common/Node',
    ]),
  ]);
}

/** flink-connector-kafka: the connector code only (no NOTICE, no kafka-clients inside). */
export async function thinKafkaJar(path: string, version = '3.3.0-1.20'): Promise<string> {
  const bytes = await compiledClass(11);
  return writeZip(path, [
    { name: 'META-INF/MANIFEST.MF', data: manifest({ 'Implementation-Version': version, 'Implementation-Vendor-Id': 'org.apache.flink' }) },
    { name: FACTORY_SERVICE, data: KAFKA_FACTORIES },
    ...classes(bytes, [
      'org/apache/flink/streaming/connectors/kafka/table/KafkaDynamicTableFactory',
      'org/apache/flink/connector/kafka/source/KafkaSource',
    ]),
  ]);
}

/** kafka-clients: a non-Flink Maven JAR identified by its pom.properties. */
export async function kafkaClientsJar(path: string, version = '3.4.0', release = 8): Promise<string> {
  const bytes = await compiledClass(release);
  return writeZip(path, [
    { name: 'META-INF/MANIFEST.MF', data: manifest({ 'Implementation-Title': 'kafka-clients', 'Implementation-Version': version }) },
    {
      name: 'META-INF/maven/org.apache.kafka/kafka-clients/pom.properties',
      data: `#Created by Apache Maven\nversion=${version}\ngroupId=org.apache.kafka\nartifactId=kafka-clients\n`,
    },
    ...classes(bytes, [
      'org/apache/kafka/clients/consumer/KafkaConsumer',
      'org/apache/kafka/common/Node',
      'org/apache/kafka/common/utils/Utils',
    ]),
  ]);
}

/** A user's fat JAR built with the shade plugin: its own pom.properties plus one per shaded dependency. */
export async function userFatJar(path: string, release = 17): Promise<string> {
  const bytes = await compiledClass(release);
  return writeZip(path, [
    { name: 'META-INF/MANIFEST.MF', data: manifest({ 'Created-By': 'Maven JAR Plugin 3.4.1' }) },
    {
      name: 'META-INF/maven/com.google.guava/guava/pom.properties',
      data: 'artifactId=guava\ngroupId=com.google.guava\nversion=33.0.0-jre\n',
    },
    { name: 'META-INF/maven/com.example/udfs/pom.properties', data: 'version=1.2.0\ngroupId=com.example\nartifactId=udfs\n' },
    { name: 'META-INF/maven/org.slf4j/slf4j-api/pom.properties', data: 'groupId=org.slf4j\nartifactId=slf4j-api\nversion=2.0.9\n' },
    ...classes(bytes, ['com/example/udfs/Upper', 'com/google/common/collect/ImmutableList']),
  ]);
}

/** The pre-1.15 in-tree build: flink-sql-connector-kafka_2.11-1.14.4 (version = the Flink version). */
export async function legacyKafkaJar(path: string): Promise<string> {
  const bytes = await compiledClass(8);
  return writeZip(path, [
    {
      name: 'META-INF/MANIFEST.MF',
      data: manifest({ 'Implementation-Version': '1.14.4', 'Implementation-Vendor-Id': 'org.apache.flink' }),
    },
    {
      name: 'META-INF/NOTICE',
      data: 'flink-sql-connector-kafka_2.11\nCopyright 2014-2022 The Apache Software Foundation\n\n- org.apache.kafka:kafka-clients:2.4.1\n',
    },
    { name: FACTORY_SERVICE, data: KAFKA_FACTORIES },
    ...classes(bytes, [
      'org/apache/flink/streaming/connectors/kafka/table/KafkaDynamicTableFactory',
      'org/apache/flink/kafka/shaded/org/apache/kafka/clients/consumer/KafkaConsumer',
    ]),
  ]);
}

/** flink-sql-avro: a format JAR whose version is the Flink version. */
export async function avroJar(path: string, version = '1.20.1'): Promise<string> {
  const bytes = await compiledClass(8);
  return writeZip(path, [
    { name: 'META-INF/MANIFEST.MF', data: manifest({ 'Implementation-Version': version, 'Implementation-Vendor-Id': 'org.apache.flink' }) },
    { name: 'META-INF/NOTICE', data: 'flink-sql-avro\n\n- org.apache.avro:avro:1.11.4\n' },
    { name: FACTORY_SERVICE, data: 'org.apache.flink.formats.avro.AvroFormatFactory\n' },
    ...classes(bytes, ['org/apache/flink/formats/avro/AvroFormatFactory', 'org/apache/avro/Schema']),
  ]);
}

/** Flink CDC 2.4.2 under com.ververica: own release line, pom.properties present. */
export async function cdcJar(path: string): Promise<string> {
  const bytes = await compiledClass(8);
  return writeZip(path, [
    { name: 'META-INF/MANIFEST.MF', data: manifest({ 'Created-By': 'Apache Maven 3.8.6' }) },
    {
      name: 'META-INF/maven/com.ververica/flink-sql-connector-mysql-cdc/pom.properties',
      data: 'groupId=com.ververica\nartifactId=flink-sql-connector-mysql-cdc\nversion=2.4.2\n',
    },
    {
      name: 'META-INF/maven/io.debezium/debezium-core/pom.properties',
      data: 'groupId=io.debezium\nartifactId=debezium-core\nversion=1.9.7.Final\n',
    },
    { name: FACTORY_SERVICE, data: 'com.ververica.cdc.connectors.mysql.table.MySqlTableSourceFactory\n' },
    ...classes(bytes, ['com/ververica/cdc/connectors/mysql/table/MySqlTableSourceFactory']),
  ]);
}

export async function jarDir(prefix = 'jars-'): Promise<string> {
  return tempDir(prefix);
}

export interface ConnectorJarSpec {
  /** The NOTICE first line (Flink fat JARs); thin Flink JARs have none. */
  notice?: string;
  version: string;
  /** Factory classes listed in META-INF/services/…Factory; each also gets a class file. */
  factories: string[];
  /** Further classes (zip paths without .class), e.g. relocated dependencies of a fat JAR. */
  classes?: string[];
}

/** Any externalized Flink connector JAR as Flink builds it: MANIFEST, optional NOTICE, the Factory service file. */
export async function connectorJar(path: string, spec: ConnectorJarSpec): Promise<string> {
  const bytes = await compiledClass(11);
  return writeZip(path, [
    {
      name: 'META-INF/MANIFEST.MF',
      data: manifest({ 'Implementation-Version': spec.version, 'Implementation-Vendor-Id': 'org.apache.flink' }),
    },
    ...(spec.notice ? [{ name: 'META-INF/NOTICE', data: `${spec.notice}\nCopyright 2014-2025 The Apache Software Foundation\n` }] : []),
    { name: FACTORY_SERVICE, data: `# Licensed to the Apache Software Foundation (ASF)\n${spec.factories.join('\n')}\n` },
    ...classes(bytes, [...spec.factories.map((f) => f.replace(/\./g, '/')), ...(spec.classes ?? [])]),
  ]);
}

/** Factory classes as the connector repositories' service files list them (see compat-matrix.json sources). */
export const FACTORY = {
  kinesisStreams4: 'org.apache.flink.connector.kinesis.table.KinesisDynamicTableSinkFactory',
  kinesisStreams5: 'org.apache.flink.connector.kinesis.table.KinesisDynamicTableFactory',
  kinesisLegacy: 'org.apache.flink.streaming.connectors.kinesis.table.KinesisDynamicTableFactory',
  jdbc3: 'org.apache.flink.connector.jdbc.table.JdbcDynamicTableFactory',
  jdbc3Catalog: 'org.apache.flink.connector.jdbc.catalog.factory.JdbcCatalogFactory',
  jdbcCore: 'org.apache.flink.connector.jdbc.core.table.JdbcDynamicTableFactory',
  jdbcCoreCatalog: 'org.apache.flink.connector.jdbc.core.database.catalog.factory.JdbcCatalogFactory',
  opensearch: 'org.apache.flink.connector.opensearch.table.OpensearchDynamicSinkFactory',
  es7v30: 'org.apache.flink.streaming.connectors.elasticsearch.table.Elasticsearch7DynamicSinkFactory',
  es7v40: 'org.apache.flink.connector.elasticsearch.table.Elasticsearch7DynamicTableFactory',
  postgresCdc: 'org.apache.flink.cdc.connectors.postgres.table.PostgreSQLTableFactory',
} as const;
