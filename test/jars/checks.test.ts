// jars.flink-version, jars.conflicts, jars.thin and jars.bytecode on real JARs, through the real probes.
import { copyFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import jarsBytecode from '../../checks/jars-bytecode.js';
import jarsConflicts from '../../checks/jars-conflicts.js';
import jarsFlinkVersion from '../../checks/jars-flink-version.js';
import jarsThin from '../../checks/jars-thin.js';
import jarsUpdates from '../../checks/jars-updates.js';
import jobConnectors from '../../checks/job-connectors.js';
import { jdk17, jdk25 } from '../helpers/java.js';
import {
  avroJar,
  cdcJar,
  compiledClass,
  connectorJar,
  FACTORY,
  fatKafkaJar,
  jarDir,
  kafkaClientsJar,
  legacyKafkaJar,
  manifest,
  thinKafkaJar,
  userFatJar,
} from '../helpers/jars.js';
import { isolatedEnv, runCheck, runCheck as runRealCheck, runCheckList } from '../helpers/run-check.js';
import { publish, startMavenServer, type MavenServer } from '../helpers/maven-server.js';
import { tempDir, writeFileDeep } from '../helpers/tmp.js';
import { writeZip } from '../helpers/zip.js';

let dir: string;
const jar: Record<string, string> = {};
beforeAll(async () => {
  dir = await jarDir('checks-');
  jar.fat120 = await fatKafkaJar(join(dir, 'flink-sql-connector-kafka-3.3.0-1.20.jar'));
  jar.fat119 = await fatKafkaJar(join(dir, 'flink-sql-connector-kafka-3.2.0-1.19.jar'), '3.2.0-1.19');
  jar.fat20 = await fatKafkaJar(join(dir, 'renamed-kafka.jar'), '4.0.0-2.0');
  jar.thin = await thinKafkaJar(join(dir, 'flink-connector-kafka-3.3.0-1.20.jar'));
  jar.clients = await kafkaClientsJar(join(dir, 'kafka-clients-3.4.0.jar'));
  jar.clients2 = await kafkaClientsJar(join(dir, 'kafka-clients-3.2.3.jar'), '3.2.3');
  jar.legacy = await legacyKafkaJar(join(dir, 'flink-sql-connector-kafka_2.11-1.14.4.jar'));
  jar.avro = await avroJar(join(dir, 'flink-sql-avro-1.20.1.jar'));
  jar.cdc = await cdcJar(join(dir, 'flink-sql-connector-mysql-cdc-2.4.2.jar'));
  jar.udfs = await userFatJar(join(dir, 'udfs-1.2.0.jar'));
});

describe('jars.flink-version', () => {
  // No network in tests: the Maven data behind exact fixes comes from the shipped snapshot (or a local server).
  let offline: { offline: true; env: Record<string, string | undefined> };
  beforeAll(async () => {
    offline = { offline: true, env: isolatedEnv({ FLINK_DOCTOR_CACHE_DIR: await tempDir('fd-cache-') }) };
  });
  const runCheck = (check: typeof jarsFlinkVersion, options: Parameters<typeof runRealCheck>[1]) =>
    runRealCheck(check, { ...offline, ...options });

  it('is ok for connectors and formats built for the target minor', async () => {
    const result = await runCheck(jarsFlinkVersion, { jars: [jar.fat120 as string, jar.avro as string], flinkVersion: '1.20.1' });
    expect(result.status).toBe('ok');
    expect(result.summary).toBe('2 connector/format JARs built for Flink 1.20');
  });

  it('is an error for a 1.x build on Flink 2.x, naming the right artifact and version', async () => {
    const result = await runCheck(jarsFlinkVersion, { jars: [jar.fat120 as string], flinkVersion: '2.2.0' });
    expect(result.status).toBe('error');
    expect(result.summary).toMatch(/built for Flink 1.20, target is 2.2/);
    expect(result.fix).toContain('org.apache.flink:flink-sql-connector-kafka:5.0.0-2.2');
    expect(result.fix).toContain(
      'https://repo1.maven.org/maven2/org/apache/flink/flink-sql-connector-kafka/5.0.0-2.2/flink-sql-connector-kafka-5.0.0-2.2.jar',
    );
    expect(result.locations).toEqual([{ path: jar.fat120 }]);
  });

  it("is an error for a 2.x build (identified from inside a renamed JAR) on 1.18, which lacks FLIP-372's Sink V2", async () => {
    const result = await runCheck(jarsFlinkVersion, { jars: [jar.fat20 as string], flinkVersion: '1.18' });
    expect(result.status).toBe('error');
    expect(result.summary).toContain('renamed-kafka.jar (flink-sql-connector-kafka:4.0.0-2.0)');
    expect(result.summary).toContain('NoClassDefFoundError: org/apache/flink/api/connector/sink2/WriterInitContext');
    expect(result.fix).toMatch(/flink-sql-connector-kafka:[\d.]+-1\.18/);
  });

  it('is a warning for the same 2.0 build on 1.20, the bridge release, naming the build for 1.20', async () => {
    const result = await runCheck(jarsFlinkVersion, { jars: [jar.fat20 as string], flinkVersion: '1.20' });
    expect(result.status).toBe('warning');
    expect(result.summary).toContain('1.20 is the bridge release to 2.x');
    expect(result.fix).toContain('flink-sql-connector-kafka:3.4.0-1.20');
  });

  it('is an error for the Scala 2.11 / pre-1.15 build on 1.15+', async () => {
    const result = await runCheck(jarsFlinkVersion, { jars: [jar.legacy as string], flinkVersion: '1.18' });
    expect(result.status).toBe('error');
    expect(result.summary).toMatch(/Scala 2.11 build/);
    expect(result.fix).toContain('flink-sql-connector-kafka:3.2.0-1.18');
  });

  it('names the newest build the repository lists for the target line, with its download URL', async () => {
    const server = await startMavenServer();
    try {
      publish(server, 'org.apache.flink', 'flink-sql-connector-kafka', ['3.3.0-1.20', '4.0.1-2.0', '5.0.0-2.2', '5.1.0-2.2', '5.2.0-2.3']);
      const result = await runRealCheck(jarsFlinkVersion, {
        jars: [jar.fat120 as string],
        flinkVersion: '2.2.1',
        mavenRepo: server.url,
        env: isolatedEnv({ FLINK_DOCTOR_CACHE_DIR: await tempDir('fd-cache-') }),
      });
      expect(result.status).toBe('error');
      expect(result.fix).toBe(
        `Replace flink-sql-connector-kafka-3.3.0-1.20.jar (from --jars) with org.apache.flink:flink-sql-connector-kafka:5.1.0-2.2, the newest build for Flink 2.2: ${server.url}/org/apache/flink/flink-sql-connector-kafka/5.1.0-2.2/flink-sql-connector-kafka-5.1.0-2.2.jar`,
      );
    } finally {
      await server.close();
    }
  });

  it('is a warning for another minor of the same major', async () => {
    const result = await runCheck(jarsFlinkVersion, { jars: [jar.fat119 as string], flinkVersion: '1.20' });
    expect(result.status).toBe('warning');
    expect(result.summary).toMatch(/built for Flink 1.19, target is 1.20: expect NoSuchMethodError/);
  });

  it('judges CDC by its own compatibility table (2.4.2 is not Flink 2.4)', async () => {
    expect((await runCheck(jarsFlinkVersion, { jars: [jar.cdc as string], flinkVersion: '1.17' })).status).toBe('ok');
    const result = await runCheck(jarsFlinkVersion, { jars: [jar.cdc as string], flinkVersion: '1.20' });
    expect(result.status).toBe('error');
    expect(result.summary).toMatch(/supports Flink 1.13, 1.14, 1.15, 1.16, 1.17, not 1.20/);
    expect(result.fix).toContain('org.apache.flink:flink-sql-connector-mysql-cdc:3.6.0-1.20');
  });

  it('is skipped without a target or without connector JARs', async () => {
    expect((await runCheck(jarsFlinkVersion, { jars: [jar.fat120 as string] })).status).toBe('skipped');
    expect((await runCheck(jarsFlinkVersion, { jars: [jar.udfs as string], flinkVersion: '1.20' })).status).toBe('skipped');
  });
});

describe('jars.conflicts', () => {
  const text = (result: { summary: string; details: string[] }) => [result.summary, ...result.details].join('\n');

  it('is ok for distinct artifacts', async () => {
    const result = await runCheck(jarsConflicts, { jars: [jar.fat120 as string, jar.avro as string, jar.udfs as string] });
    expect(result.status).toBe('ok');
  });

  it('is a warning for the same artifact in two versions (the first on the classpath wins), naming the JAR to remove', async () => {
    const result = await runCheck(jarsConflicts, { jars: [jar.fat120 as string, jar.fat119 as string] });
    expect(result.status).toBe('warning');
    expect(text(result)).toMatch(/org.apache.flink:flink-sql-connector-kafka in 2 versions/);
    expect(result.fix).toBe(
      'Remove flink-sql-connector-kafka-3.2.0-1.19.jar from --jars; keep flink-sql-connector-kafka-3.3.0-1.20.jar from --jars',
    );
  });

  it('reports kafka-clients twice once: as two versions, not again as shared classes', async () => {
    const result = await runCheck(jarsConflicts, { jars: [jar.clients as string, jar.clients2 as string] });
    expect(result.status).toBe('warning');
    expect(result.summary).toBe(
      'org.apache.kafka:kafka-clients in 2 versions: kafka-clients-3.4.0.jar from --jars; kafka-clients-3.2.3.jar from --jars: the JVM loads each class from the first of them on the classpath and never uses the other',
    );
    expect(result.details.join('\n')).not.toMatch(/classes in both/);
    expect(result.facts).toMatchObject({ duplicateArtifacts: 1, classOverlaps: 0 });
    expect(result.fix).toBe('Remove kafka-clients-3.2.3.jar from --jars; keep kafka-clients-3.4.0.jar from --jars');
    expect(result.locations).toHaveLength(2);
  });

  it('flags thin and fat of the same connector shipping the same classes, with full package names', async () => {
    const result = await runCheck(jarsConflicts, { jars: [jar.fat120 as string, jar.thin as string] });
    expect(result.status).toBe('error');
    expect(result.summary).toBe(
      '2 classes in both flink-sql-connector-kafka-3.3.0-1.20.jar from --jars and flink-connector-kafka-3.3.0-1.20.jar from --jars: org.apache.flink.{connector.kafka.source, streaming.connectors.kafka.table}',
    );
    expect(result.fix).toBe(
      'Remove flink-connector-kafka-3.3.0-1.20.jar from --jars; flink-sql-connector-kafka-3.3.0-1.20.jar from --jars already contains its classes',
    );
  });

  it('shows the longest common package, not the first four segments', async () => {
    const bytes = await compiledClass(8);
    const table = 'org/apache/flink/streaming/connectors/kafka/table';
    const mine = await writeZip(join(dir, 'my-kafka-udfs.jar'), [
      { name: 'META-INF/MANIFEST.MF', data: manifest({}) },
      { name: `${table}/KafkaDynamicTableFactory.class`, data: bytes },
      { name: `${table}/UpsertKafkaDynamicTableFactory.class`, data: bytes },
      { name: 'com/example/Udf.class', data: bytes },
    ]);
    const result = await runCheck(jarsConflicts, { jars: [jar.fat120 as string, mine] });
    expect(result.status).toBe('error');
    expect(result.summary).toMatch(
      /^2 classes in both flink-sql-connector-kafka-3.3.0-1.20.jar from --jars and my-kafka-udfs.jar from --jars: org.apache.flink.streaming.connectors.kafka.table$/,
    );
    expect(result.fix).toBe(
      'Remove flink-sql-connector-kafka-3.3.0-1.20.jar from --jars or my-kafka-udfs.jar from --jars, or rebuild one without the classes under org.apache.flink.streaming.connectors.kafka.table (shade or exclude them)',
    );
  });

  it('the same JAR twice (same artifact and version, or byte-identical) is a warning, not an error', async () => {
    const other = await jarDir('copy-');
    const copy = join(other, 'flink-sql-connector-kafka-3.3.0-1.20.jar');
    await copyFile(jar.fat120 as string, copy);
    const same = await runCheck(jarsConflicts, { jars: [jar.fat120 as string, copy] });
    expect(same.status).toBe('warning');
    expect(same.summary).toMatch(/^the same JAR twice: org.apache.flink:flink-sql-connector-kafka:3.3.0-1.20 as /);
    expect(same.details.join('\n')).not.toMatch(/classes in both/);
    expect(same.fix).toBe(
      `Remove flink-sql-connector-kafka-3.3.0-1.20.jar from --jars; keep flink-sql-connector-kafka-3.3.0-1.20.jar from --jars`,
    );

    // A renamed copy of a JAR nothing inside identifies: only the SHA-1 says it is one file twice.
    const plain = await writeZip(join(other, 'helpers.jar'), [{ name: 'com/example/Helper.class', data: await compiledClass(8) }]);
    const renamed = join(other, 'helpers-copy.jar');
    await copyFile(plain, renamed);
    const identical = await runCheck(jarsConflicts, { jars: [plain, renamed] });
    expect(identical.status).toBe('warning');
    expect(identical.summary).toBe('the same JAR twice (byte-identical files): helpers.jar from --jars; helpers-copy.jar from --jars');
    expect(identical.fix).toBe('Remove helpers-copy.jar from --jars; keep helpers.jar from --jars');
    expect(identical.facts).toMatchObject({ sameJarTwice: 1, classOverlaps: 0 });
  });
});

describe('jars.conflicts: one SQL identifier from two JARs', () => {
  it('is an error when two families register the same identifier with different classes (AWS 4.x Kinesis)', async () => {
    const legacy = await connectorJar(join(dir, 'flink-sql-connector-kinesis-4.3.0-1.19.jar'), {
      notice: 'flink-sql-connector-kinesis',
      version: '4.3.0-1.19',
      factories: [FACTORY.kinesisLegacy],
    });
    const streams = await connectorJar(join(dir, 'flink-sql-connector-aws-kinesis-streams-4.3.0-1.19.jar'), {
      notice: 'flink-sql-connector-aws-kinesis-streams',
      version: '4.3.0-1.19',
      factories: [FACTORY.kinesisStreams4],
    });
    const result = await runCheck(jarsConflicts, { jars: [legacy, streams] });
    expect(result.status).toBe('error');
    expect(result.summary).toBe(
      `'kinesis' is registered by both flink-sql-connector-kinesis-4.3.0-1.19.jar from --jars (${FACTORY.kinesisLegacy}) and flink-sql-connector-aws-kinesis-streams-4.3.0-1.19.jar from --jars (${FACTORY.kinesisStreams4}): "Multiple factories for identifier 'kinesis' … found in the classpath"`,
    );
    expect(result.fix).toBe(
      "Remove flink-sql-connector-kinesis-4.3.0-1.19.jar from --jars; keep flink-sql-connector-aws-kinesis-streams-4.3.0-1.19.jar from --jars for 'kinesis'",
    );
    expect(result.facts).toMatchObject({ identifierClashes: 1, duplicateArtifacts: 0 });
    expect(result.locations).toHaveLength(2);
  });

  it('is ok once the legacy Kinesis connector is 5.x (it registers kinesis-legacy)', async () => {
    const legacy = await connectorJar(join(dir, 'flink-sql-connector-kinesis-5.0.0-1.20.jar'), {
      notice: 'flink-sql-connector-kinesis',
      version: '5.0.0-1.20',
      factories: [FACTORY.kinesisLegacy],
    });
    const streams = await connectorJar(join(dir, 'flink-sql-connector-aws-kinesis-streams-5.0.0-1.20.jar'), {
      notice: 'flink-sql-connector-aws-kinesis-streams',
      version: '5.0.0-1.20',
      factories: [FACTORY.kinesisStreams5],
    });
    expect((await runCheck(jarsConflicts, { jars: [legacy, streams] })).status).toBe('ok');
  });

  it('names the older of two connector generations to remove (JDBC 3.1 and jdbc-core 4.0), once, not again as shared classes', async () => {
    const old = await connectorJar(join(dir, 'flink-connector-jdbc-3.1.2-1.18.jar'), {
      version: '3.1.2-1.18',
      factories: [FACTORY.jdbc3, FACTORY.jdbc3Catalog],
      classes: ['org/apache/flink/connector/jdbc/JdbcInputFormat'],
    });
    const core = await connectorJar(join(dir, 'jdbc-core-renamed.jar'), {
      notice: 'flink-connector-jdbc-core',
      version: '4.0.0-2.0',
      factories: [FACTORY.jdbcCore, FACTORY.jdbcCoreCatalog],
      classes: ['org/apache/flink/connector/jdbc/JdbcInputFormat'],
    });
    const result = await runCheck(jarsConflicts, { jars: [core, old] });
    expect(result.status).toBe('error');
    expect(result.details).toEqual([]); // one finding: it is the summary
    expect(result.summary).toMatch(
      /^'jdbc' is registered by both jdbc-core-renamed.jar \(flink-connector-jdbc-core:4.0.0-2.0\) from --jars /,
    );
    expect(result.summary).toContain(`(${FACTORY.jdbcCoreCatalog}, ${FACTORY.jdbcCore})`);
    expect(result.summary).toContain('flink-connector-jdbc-3.1.2-1.18.jar from --jars');
    expect(result.fix).toMatch(/^Remove flink-connector-jdbc-3.1.2-1.18.jar from --jars; keep jdbc-core-renamed.jar .*for 'jdbc'$/);
    expect(result.facts).toMatchObject({ identifierClashes: 1, classOverlaps: 0 });
  });

  it('leaves two versions of one artifact to the duplicate-artifact finding (Elasticsearch 3.0.1 and 4.0.0)', async () => {
    const v30 = await connectorJar(join(dir, 'flink-sql-connector-elasticsearch7-3.0.1-1.17.jar'), {
      notice: 'flink-sql-connector-elasticsearch7',
      version: '3.0.1-1.17',
      factories: [FACTORY.es7v30],
    });
    const v40 = await connectorJar(join(dir, 'flink-sql-connector-elasticsearch7-4.0.0-2.0.jar'), {
      notice: 'flink-sql-connector-elasticsearch7',
      version: '4.0.0-2.0',
      factories: [FACTORY.es7v40],
    });
    const result = await runCheck(jarsConflicts, { jars: [v30, v40] });
    expect(result.status).toBe('warning');
    expect(result.summary).toMatch(/^org.apache.flink:flink-sql-connector-elasticsearch7 in 2 versions: /);
    expect(result.facts).toMatchObject({ duplicateArtifacts: 1, identifierClashes: 0 });
  });

  it('does not call the same factory class in two JARs "Multiple factories" (ServiceLoader loads it once)', async () => {
    const result = await runCheck(jarsConflicts, { jars: [jar.fat120 as string, jar.thin as string] });
    expect(result.facts).toMatchObject({ identifierClashes: 0, classOverlaps: 1 });
  });
});

describe('jars.thin', () => {
  // Offline, as in jars.flink-version: the fat JAR's version comes from the shipped snapshot, not Maven Central.
  const runCheck = (check: typeof jarsThin, options: Parameters<typeof runRealCheck>[1]) =>
    runRealCheck(check, { offline: true, ...options });

  it('is an error for the thin Kafka connector without kafka-clients, naming the fat JAR', async () => {
    const result = await runCheck(jarsThin, { jars: [jar.thin as string], flinkVersion: '1.20' });
    expect(result.status).toBe('error');
    expect(result.summary).toMatch(/thin Apache Kafka connector and no JAR provides org.apache.kafka:kafka-clients/);
    expect(result.fix).toContain('org.apache.flink:flink-sql-connector-kafka:3.4.0-1.20');
  });

  it('is ok for the fat JAR, and for a thin JAR shipped with its kafka-clients', async () => {
    expect((await runCheck(jarsThin, { jars: [jar.fat120 as string], flinkVersion: '1.20' })).status).toBe('ok');
    expect((await runCheck(jarsThin, { jars: [jar.thin as string, jar.clients as string], flinkVersion: '1.20' })).status).toBe('ok');
  });
});

describe('jars.bytecode', () => {
  it('is ok when every class runs on the Java found', async () => {
    const result = await runCheck(jarsBytecode, { jars: [jar.fat120 as string, jar.udfs as string], javaHome: jdk17() });
    expect(result.status).toBe('ok');
    expect(result.summary).toBe('all classes run on Java 17 (newest: Java 17 bytecode)');
  });

  it('is an error for classes newer than the runtime (javac --release 21 from JDK 25, run on 17)', async (ctx) => {
    const jdk = jdk25();
    if (!jdk) {
      console.log('skipped: Temurin 25 not found (set FLINK_DOCTOR_TEST_JDK25); a JDK newer than 17 is needed to compile --release 21');
      ctx.skip();
      return;
    }
    const path = await writeZip(join(dir, 'java21-udfs.jar'), [
      { name: 'META-INF/MANIFEST.MF', data: manifest({}) },
      { name: 'com/example/New.class', data: await compiledClass(21, jdk) },
      { name: 'com/example/Old.class', data: await compiledClass(8) },
      // Multi-release and module-info copies are newer on purpose: not counted.
      { name: 'META-INF/versions/25/com/example/New.class', data: await compiledClass(25, jdk) },
    ]);
    const result = await runCheck(jarsBytecode, { jars: [path], javaHome: jdk17() });
    expect(result.status).toBe('error');
    expect(result.details.join('\n')).toContain('java21-udfs.jar from --jars: Java 21 bytecode (class major 65)');
    expect(result.fix).toMatch(/Run on Java 21 or newer/);
  });

  it('is skipped when no Java runtime is found', async () => {
    expect((await runCheck(jarsBytecode, { jars: [jar.fat120 as string], javaHome: '/nonexistent' })).status).toBe('skipped');
  });
});

describe("fixes name the artifact PyFlink needs, in the run's repository", () => {
  let server: MavenServer;
  let cache: string;
  beforeAll(async () => {
    server = await startMavenServer();
    publish(server, 'org.apache.flink', 'flink-sql-connector-kafka', [
      '3.2.0-1.19',
      '3.3.0-1.19',
      '3.3.0-1.20',
      '3.4.0-1.20',
      '4.0.1-2.0',
      '5.0.0-2.2',
      '5.1.0-2.2',
    ]);
    publish(server, 'org.apache.flink', 'flink-connector-kafka', [
      '3.2.0-1.19',
      '3.3.0-1.19',
      '3.3.0-1.20',
      '3.4.0-1.20',
      '4.0.1-2.0',
      '5.0.0-2.2',
      '5.1.0-2.2',
    ]);
    cache = await tempDir('fd-cache-');
  });
  afterAll(() => server.close());
  const options = (extra: Parameters<typeof runRealCheck>[1]) => ({
    mavenRepo: server.url,
    env: isolatedEnv({ FLINK_DOCTOR_CACHE_DIR: cache }),
    ...extra,
  });

  it('jars.flink-version recommends the fat flink-sql-connector-kafka for a thin flink-connector-kafka', async () => {
    const result = await runRealCheck(jarsFlinkVersion, options({ jars: [jar.thin as string], flinkVersion: '2.2' }));
    expect(result.status).toBe('error');
    expect(result.fix).toBe(
      `Replace flink-connector-kafka-3.3.0-1.20.jar (from --jars) with org.apache.flink:flink-sql-connector-kafka:5.1.0-2.2, the newest build for Flink 2.2: ${server.url}/org/apache/flink/flink-sql-connector-kafka/5.1.0-2.2/flink-sql-connector-kafka-5.1.0-2.2.jar`,
    );
  });

  it('jars.flink-version and jars.updates agree on a 1.19 JAR with target 1.20', async () => {
    const [version, updates] = await runCheckList(
      [jarsFlinkVersion, jarsUpdates],
      options({ jars: [jar.fat119 as string], flinkVersion: '1.20' }),
    );
    expect(version?.status).toBe('warning');
    expect(version?.fix).toContain('org.apache.flink:flink-sql-connector-kafka:3.4.0-1.20, the newest build for Flink 1.20');
    expect(updates?.status).toBe('skipped');
    expect(updates?.summary).toBe('no JAR is built for Flink 1.20: judged by jars.flink-version');
    expect(updates?.details.join('\n')).toContain(
      'flink-sql-connector-kafka 3.2.0-1.19: built for Flink 1.19, target is 1.20; judged by jars.flink-version',
    );
    expect(JSON.stringify(updates)).not.toContain('3.3.0-1.19');
    // Without a target (nothing to contradict) it still names the newer build of the JAR's own line.
    const alone = await runRealCheck(jarsUpdates, options({ jars: [jar.fat119 as string] }));
    expect(alone.summary).toBe('newer build for the same Flink line: flink-sql-connector-kafka 3.2.0-1.19 → 3.3.0-1.19');
  });

  it('jars.thin and jars.updates give one fix for a thin flink-connector-kafka: the fat JAR alone, the newer thin build with kafka-clients', async () => {
    const [thin, updates] = await runCheckList([jarsThin, jarsUpdates], options({ jars: [jar.thin as string], flinkVersion: '1.20' }));
    expect(thin?.fix).toContain('with org.apache.flink:flink-sql-connector-kafka:3.4.0-1.20 (');
    expect(updates?.status).toBe('skipped');
    expect(updates?.summary).toBe('flink-connector-kafka 3.3.0-1.20: no JAR provides kafka-clients; judged by jars.thin');
    expect(updates?.fix).toBeNull();
    const both = options({ jars: [jar.thin as string, jar.clients as string], flinkVersion: '1.20' });
    const [thinOk, newer] = await runCheckList([jarsThin, jarsUpdates], both);
    expect(thinOk?.status).toBe('ok');
    expect(newer?.fix).toBe(
      `Use org.apache.flink:flink-connector-kafka:3.4.0-1.20 (${server.url}/org/apache/flink/flink-connector-kafka/3.4.0-1.20/flink-connector-kafka-3.4.0-1.20.jar)`,
    );
  });

  it('jars.thin and job.connectors build download URLs with --maven-repo, without asking it anything', async () => {
    server.requests.length = 0;
    const thin = await runRealCheck(jarsThin, options({ jars: [jar.thin as string], flinkVersion: '1.20' }));
    expect(thin.fix).toContain(
      `(${server.url}/org/apache/flink/flink-sql-connector-kafka/3.4.0-1.20/flink-sql-connector-kafka-3.4.0-1.20.jar)`,
    );
    const job = await writeFileDeep(
      join(await tempDir('job-'), 'job.py'),
      "t.execute_sql(\"CREATE TABLE s (a INT) WITH ('connector' = 'kafka')\")\n",
    );
    const connectors = await runRealCheck(jobConnectors, options({ job: [job], flinkVersion: '1.20' }));
    expect(connectors.status).toBe('error');
    expect(connectors.fix).toContain(
      `${server.url}/org/apache/flink/flink-sql-connector-kafka/3.4.0-1.20/flink-sql-connector-kafka-3.4.0-1.20.jar`,
    );
    expect(server.requests).toHaveLength(0);
  });

  it('download URLs follow a settings.xml mirror of central', async () => {
    const home = await tempDir('fd-home-');
    await writeFileDeep(
      join(home, '.m2', 'settings.xml'),
      '<settings><mirrors><mirror><id>corp</id><url>https://nexus.example.com/repository/central/</url><mirrorOf>central</mirrorOf></mirror></mirrors></settings>',
    );
    // Offline: the version comes from the shipped snapshot, as it did when the lookup of nexus.example.com failed (a
    // real DNS query, up to a second here, in a suite that must not need a network).
    const result = await runRealCheck(jarsThin, {
      jars: [jar.thin as string],
      flinkVersion: '1.20',
      offline: true,
      env: isolatedEnv({ HOME: home }),
    });
    expect(result.fix).toContain(
      '(https://nexus.example.com/repository/central/org/apache/flink/flink-sql-connector-kafka/3.4.0-1.20/flink-sql-connector-kafka-3.4.0-1.20.jar)',
    );
    expect(result.fix).not.toContain('repo.maven.apache.org');
  });
});
