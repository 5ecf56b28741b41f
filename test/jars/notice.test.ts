// META-INF/NOTICE as Flink's shade build really writes it: the layout of flink-sql-connector-kafka-3.2.0-1.19.jar
// and flink-connector-kafka-3.3.0-1.20.jar on Maven Central (checked by the real tier, test-real/jars.test.ts).
import { describe, expect, it } from 'vitest';
import { parseNotice } from '../../src/jars/metadata.js';

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
