// jars.flink-version, jars.conflicts, jars.thin and jars.bytecode on real JARs, through the real probes.
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import jarsBytecode from '../../checks/jars-bytecode.js';
import jarsConflicts from '../../checks/jars-conflicts.js';
import jarsFlinkVersion from '../../checks/jars-flink-version.js';
import jarsThin from '../../checks/jars-thin.js';
import { jdk17, jdk25 } from '../helpers/java.js';
import { avroJar, cdcJar, compiledClass, fatKafkaJar, jarDir, kafkaClientsJar, legacyKafkaJar, manifest, thinKafkaJar, userFatJar } from '../helpers/jars.js';
import { isolatedEnv, runCheck, runCheck as runRealCheck } from '../helpers/run-check.js';
import { publish, startMavenServer } from '../helpers/maven-server.js';
import { tempDir } from '../helpers/tmp.js';
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
  const runCheck = (check: typeof jarsFlinkVersion, options: Parameters<typeof runRealCheck>[1]) => runRealCheck(check, { ...offline, ...options });

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
    expect(result.fix).toContain('https://repo1.maven.org/maven2/org/apache/flink/flink-sql-connector-kafka/5.0.0-2.2/flink-sql-connector-kafka-5.0.0-2.2.jar');
    expect(result.locations).toEqual([{ path: jar.fat120 }]);
  });

  it('is an error for a 2.x build (identified from inside a renamed JAR) on 1.20', async () => {
    const result = await runCheck(jarsFlinkVersion, { jars: [jar.fat20 as string], flinkVersion: '1.20' });
    expect(result.status).toBe('error');
    expect(result.summary).toContain('renamed-kafka.jar (flink-sql-connector-kafka:4.0.0-2.0)');
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
        `Replace flink-sql-connector-kafka-3.3.0-1.20.jar from --jars: Use org.apache.flink:flink-sql-connector-kafka:5.1.0-2.2, the newest build for Flink 2.2: ${server.url}/org/apache/flink/flink-sql-connector-kafka/5.1.0-2.2/flink-sql-connector-kafka-5.1.0-2.2.jar`,
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
  it('is ok for distinct artifacts', async () => {
    const result = await runCheck(jarsConflicts, { jars: [jar.fat120 as string, jar.avro as string, jar.udfs as string] });
    expect(result.status).toBe('ok');
  });

  it('is an error for the same artifact in two versions', async () => {
    const result = await runCheck(jarsConflicts, { jars: [jar.fat120 as string, jar.fat119 as string] });
    expect(result.status).toBe('error');
    expect(result.details.join('\n')).toMatch(/org.apache.flink:flink-sql-connector-kafka in 2 versions/);
  });

  it('names the JARs and packages when kafka-clients is there twice', async () => {
    const result = await runCheck(jarsConflicts, { jars: [jar.clients as string, jar.clients2 as string] });
    expect(result.status).toBe('error');
    const text = result.details.join('\n');
    expect(text).toMatch(/org.apache.kafka:kafka-clients in 2 versions/);
    expect(text).toMatch(/3 classes in both kafka-clients-3.4.0.jar and kafka-clients-3.2.3.jar: org.apache.kafka.clients, org.apache.kafka.common/);
    expect(result.locations).toHaveLength(2);
  });

  it('flags thin and fat of the same connector shipping the same classes', async () => {
    const result = await runCheck(jarsConflicts, { jars: [jar.fat120 as string, jar.thin as string] });
    expect(result.status).toBe('error');
    expect(result.details.join('\n')).toMatch(/classes in both .*: org.apache.flink.connector, org.apache.flink.streaming/);
  });
});

describe('jars.thin', () => {
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
