// Inputs built to be as expensive as possible for flink-doctor at (or just past) each cap in src/engine/limits.ts:
// the shapes that cost most per byte in the YAML library, the PEP 508 parser, the XML parser and the zip reader.
// Shared by test/hostile/bounds.test.ts and scripts/bench-hostile.mjs, so the numbers in docs/bounds.md come from
// the same files the tests check.

/** Repeats `unit(i)` until the text is within 200 characters of `size`. */
export function fill(size: number, unit: (i: number) => string): string {
  const parts: string[] = [];
  let length = 0;
  for (let i = 0; length + 200 < size; i += 1) {
    const part = unit(i);
    parts.push(part);
    length += part.length;
  }
  return parts.join('');
}

/** config.yaml shapes; each is just under `size` bytes. */
export function yamlShapes(size: number) {
  // Getters: a test that wants one 15 MiB shape builds that one, not all six (Object.entries still reads every one).
  return {
    // Flat settings, the shape of a real config grown huge.
    get keys() { return fill(size, (i) => `key.number${i}: value-${i}\n`); },
    get nested() { return fill(size, (i) => `a${i}:\n  b:\n    c:\n      d: v\n`); },
    get flowMaps() { return `k: [${fill(size - 10, (i) => `{a: ${i}}, `)}{}]\n`; },
    // Sixty open brackets (under the depth limit) around a long flow sequence.
    get deepFlow() { return `k: ${'['.repeat(60)}${fill(size - 200, () => 'a, ')}${']'.repeat(60)}\n`; },
    get newlines() { return fill(size, () => '\n'); },
    get sequence() { return `k:\n${fill(size - 10, (i) => `  - item${i}\n`)}`; },
  };
}

/** A pipeline.jars value of `count` file: URLs, in config.yaml. */
export function pipelineJarsYaml(count: number): string {
  return `pipeline.jars: "${Array.from({ length: count }, (_, i) => `file:///opt/flink/usrlib/connector-number-${i}.jar`).join(';')}"\n`;
}

/**
 * Requires-Dist lines as costly as the PEP 508 limits allow: `parts` parts each (version clauses or marker
 * comparisons, every literal distinct so no comparison is answered from the cache), about `size` bytes in all.
 */
export function costlyRequiresDist(size: number, parts: number): string[] {
  const lines: string[] = [];
  let length = 0;
  for (let i = 0; length < size; i += 1) {
    const line =
      i % 2 === 0
        ? `dep${i} ${Array.from({ length: parts }, (_, k) => `!=${i}.${k}.1`).join(',')}`
        : `dep${i}; ${Array.from({ length: parts }, (_, k) => `python_version != "${i}.${k}"`).join(' and ')}`;
    lines.push(line);
    length += line.length + 16;
  }
  return lines;
}

/** requires.txt of `size` bytes: sections with markers and many requirement lines. */
export function requiresTxt(size: number): string {
  return fill(size, (i) => (i % 20 === 0 ? `[extra${i}:python_version < "3.${i % 13}"]\n` : `package-number-${i}>=1.${i},<2.${i}\n`));
}

/** settings.xml of about `size` bytes: many mirrors and servers, the central mirror last. */
export function settingsXml(size: number, centralUrl: string): string {
  const entries = fill(size - 600, (i) => `    <mirror><id>m${i}</id><mirrorOf>repo-${i}</mirrorOf><url>https://mirror-${i}.example/maven2</url></mirror>\n`);
  return `<?xml version="1.0" encoding="UTF-8"?>\n<settings>\n  <mirrors>\n${entries}    <mirror><id>corp</id><mirrorOf>central</mirrorOf><url>${centralUrl}</url></mirror>\n  </mirrors>\n</settings>\n`;
}

/** maven-metadata.xml listing versions until it is about `size` bytes. */
export function metadataXml(size: number, groupId: string, artifactId: string): string {
  const versions = fill(size - 400, (i) => `      <version>${Math.floor(i / 100)}.${i % 100}.0-1.20</version>\n`);
  return `<?xml version="1.0" encoding="UTF-8"?>\n<metadata>\n  <groupId>${groupId}</groupId>\n  <artifactId>${artifactId}</artifactId>\n  <versioning>\n    <versions>\n${versions}    </versions>\n  </versioning>\n</metadata>\n`;
}

/** flink-doctor.config.json of about `size` bytes: the longest `ignore` list it accepts, with long reasons. */
export function doctorConfigJson(size: number, entries: number): string {
  const reason = 'x'.repeat(Math.max(1, Math.floor(size / entries) - 80));
  return JSON.stringify({ ignore: Array.from({ length: entries }, (_, i) => ({ check: 'jars.integrity', reason, match: `jar-${i}` })) });
}

/** Entries of a flink-sql-connector-kafka fat JAR of `version`, as Flink builds it, with stand-in class bytes. */
export function identifiedKafkaEntries(version: string): { name: string; data: string | Uint8Array }[] {
  const classBytes = Buffer.concat([Buffer.from([0xca, 0xfe, 0xba, 0xbe, 0, 0, 0, 55]), Buffer.alloc(100, 7)]);
  return [
    { name: 'META-INF/MANIFEST.MF', data: `Manifest-Version: 1.0\r\nImplementation-Version: ${version}\r\nImplementation-Vendor-Id: org.apache.flink\r\n\r\n` },
    { name: 'META-INF/NOTICE', data: 'flink-sql-connector-kafka\n\n- org.apache.kafka:kafka-clients:3.4.0\n' },
    { name: 'META-INF/services/org.apache.flink.table.factories.Factory', data: 'org.apache.flink.streaming.connectors.kafka.table.KafkaDynamicTableFactory\n' },
    { name: 'org/apache/flink/streaming/connectors/kafka/table/KafkaDynamicTableFactory.class', data: classBytes },
    { name: 'org/apache/flink/kafka/shaded/org/apache/kafka/clients/consumer/KafkaConsumer.class', data: classBytes },
  ];
}
