// JAR layouts as Flink's build really writes them, seen on Maven Central by the real tier (test-real/jars.test.ts):
// the merged NOTICE of flink-sql-connector-kafka-3.2.0-1.19.jar and flink-connector-kafka-3.3.0-1.20.jar, and
// flink-connector-jdbc-core-4.0.0-2.0.jar, whose NOTICE names the project ("Flink : Connectors : JDBC : Core"),
// and the wheel's lib/, whose JARs register the built-in factories under classes the matrix does not map.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { identifyJar } from '../../src/jars/identify.js';
import { parseNotice } from '../../src/jars/metadata.js';
import { readJar } from '../../src/jars/zip-reader.js';
import { loadMatrix } from '../../src/knowledge/load-matrix.js';
import jobConnectors from '../../checks/job-connectors.js';
import { fakeFlinkHome } from '../helpers/flink-home.js';
import { connectorJar, FACTORY, jarDir } from '../helpers/jars.js';
import { isolatedEnv, runCheck } from '../helpers/run-check.js';
import { writeFileDeep } from '../helpers/tmp.js';
import { writeZip } from '../helpers/zip.js';

const header = [
  '// ------------------------------------------------------------------',
  '// NOTICE file corresponding to the section 4d of The Apache License,',
  '// Version 2.0, in this case for Apache Flink',
  '// ------------------------------------------------------------------',
  '',
  'Apache Flink',
  'Copyright 2006-2024 The Apache Software Foundation',
  '',
  'This product includes software developed at',
  'The Apache Software Foundation (http://www.apache.org/).',
  '',
];

describe('parseNotice on the merged NOTICE of a Flink build', () => {
  it('finds the artifactId heading below the Apache Flink header, not the header', () => {
    const text = [
      ...header,
      'flink-sql-connector-kafka',
      'Copyright 2014-2024 The Apache Software Foundation',
      '',
      '- org.apache.kafka:kafka-clients:3.4.0',
      '',
    ].join('\n');
    expect(parseNotice(text)).toEqual({
      firstLine: 'flink-sql-connector-kafka',
      bundled: [{ groupId: 'org.apache.kafka', artifactId: 'kafka-clients', version: '3.4.0' }],
    });
  });

  it('gives no artifactId when the heading is the project name a thin module gets ("Flink : Connectors : Kafka")', () => {
    const text = [...header, 'Flink : Connectors : Kafka', 'Copyright 2022-2024 The Apache Software Foundation', ''].join('\r\n');
    expect(parseNotice(text).firstLine).toBeUndefined();
  });

  it('still takes the first line of a NOTICE without the Flink header (Flink CDC builds)', () => {
    expect(
      parseNotice('flink-sql-connector-mysql-cdc\nCopyright 2020 Ververica Inc.\n\n- org.apache.kafka:kafka-clients:2.7.0\n').firstLine,
    ).toBe('flink-sql-connector-mysql-cdc');
  });
});

describe('identifying one artifact of a family with several', () => {
  it("takes flink-connector-jdbc-core from the file name its factories confirm, not the family's first artifact", async () => {
    const path = await connectorJar(join(await jarDir(), 'flink-connector-jdbc-core-4.0.0-2.0.jar'), {
      notice: 'Flink : Connectors : JDBC : Core',
      version: '4.0.0-2.0',
      factories: [FACTORY.jdbcCore, FACTORY.jdbcCoreCatalog],
    });
    const jar = identifyJar(path, '--jars', await readJar(path), loadMatrix().connectors());
    expect(jar.identity).toMatchObject({
      artifactId: 'flink-connector-jdbc-core',
      version: '4.0.0-2.0',
      flinkLine: '2.0',
      kind: 'thin',
      identifiers: ['jdbc'],
    });
  });
});

describe('job.connectors on a real distribution', () => {
  it('is an error for a missing connector although the distribution JARs register factories it cannot map', async () => {
    // lib/ as in the real apache-flink-libraries 1.20.5 wheel: flink-table-api-java-uber registers the
    // built-in datagen, blackhole and print factories and the in-memory catalogs, by classes the matrix
    // does not map (it knows the built-ins by identifier).
    const home = await fakeFlinkHome({ version: '1.20.1' });
    await writeZip(join(home, 'lib', 'flink-table-api-java-uber-1.20.1.jar'), [
      {
        name: 'META-INF/MANIFEST.MF',
        data: 'Manifest-Version: 1.0\r\nImplementation-Version: 1.20.1\r\nImplementation-Vendor-Id: org.apache.flink\r\n\r\n',
      },
      {
        name: 'META-INF/services/org.apache.flink.table.factories.Factory',
        data: 'org.apache.flink.table.catalog.GenericInMemoryCatalogFactory\norg.apache.flink.connector.datagen.table.DataGenTableSourceFactory\norg.apache.flink.connector.blackhole.table.BlackHoleTableSinkFactory\norg.apache.flink.connector.print.table.PrintTableSinkFactory\n',
      },
    ]);
    const job = await writeFileDeep(
      join(home, 'job.py'),
      "t_env.execute_sql(\"CREATE TABLE s (a INT) WITH ('connector' = 'kafka', 'format' = 'json')\")\n",
    );
    const result = await runCheck(jobConnectors, { job: [job], flinkVersion: '1.20.1', env: isolatedEnv({ FLINK_HOME: home }) });
    expect(result.status, result.summary).toBe('error');
    expect(result.summary).toMatch(/^connector 'kafka' \(job\.py:1/);
  });
});
