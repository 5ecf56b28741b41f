// JAR layouts as Flink's build really writes them, seen on Maven Central by the real tier (test-real/jars.test.ts):
// the merged NOTICE of flink-sql-connector-kafka-3.2.0-1.19.jar and flink-connector-kafka-3.3.0-1.20.jar, and
// flink-connector-jdbc-core-4.0.0-2.0.jar, whose NOTICE names the project ("Flink : Connectors : JDBC : Core").
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { identifyJar } from '../../src/jars/identify.js';
import { parseNotice } from '../../src/jars/metadata.js';
import { readJar } from '../../src/jars/zip-reader.js';
import { loadMatrix } from '../../src/knowledge/load-matrix.js';
import { connectorJar, FACTORY, jarDir } from '../helpers/jars.js';

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
    const text = [...header, 'flink-sql-connector-kafka', 'Copyright 2014-2024 The Apache Software Foundation', '', '- org.apache.kafka:kafka-clients:3.4.0', ''].join('\n');
    expect(parseNotice(text)).toEqual({ firstLine: 'flink-sql-connector-kafka', bundled: [{ groupId: 'org.apache.kafka', artifactId: 'kafka-clients', version: '3.4.0' }] });
  });

  it('gives no artifactId when the heading is the project name a thin module gets ("Flink : Connectors : Kafka")', () => {
    const text = [...header, 'Flink : Connectors : Kafka', 'Copyright 2022-2024 The Apache Software Foundation', ''].join('\r\n');
    expect(parseNotice(text).firstLine).toBeUndefined();
  });

  it('still takes the first line of a NOTICE without the Flink header (Flink CDC builds)', () => {
    expect(parseNotice('flink-sql-connector-mysql-cdc\nCopyright 2020 Ververica Inc.\n\n- org.apache.kafka:kafka-clients:2.7.0\n').firstLine).toBe('flink-sql-connector-mysql-cdc');
  });
});

describe('identifying one artifact of a family with several', () => {
  it('takes flink-connector-jdbc-core from the file name its factories confirm, not the family\'s first artifact', async () => {
    const path = await connectorJar(join(await jarDir(), 'flink-connector-jdbc-core-4.0.0-2.0.jar'), {
      notice: 'Flink : Connectors : JDBC : Core',
      version: '4.0.0-2.0',
      factories: [FACTORY.jdbcCore, FACTORY.jdbcCoreCatalog],
    });
    const jar = identifyJar(path, '--jars', await readJar(path), loadMatrix().connectors());
    expect(jar.identity).toMatchObject({ artifactId: 'flink-connector-jdbc-core', version: '4.0.0-2.0', flinkLine: '2.0', kind: 'thin', identifiers: ['jdbc'] });
  });
});
