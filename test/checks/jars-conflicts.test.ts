// jars.conflicts: its decision table on built facts (identities, factories and class overlaps as the jars probe
// reports them). The probe computing overlaps, common packages and byte-identical files from real JARs, and the
// check on those JARs: test/jars/checks.test.ts.
import { describe, expect, it } from 'vitest';
import jarsConflicts from '../../checks/jars-conflicts.js';
import type { JarOverlap, ScannedJar } from '../../src/facts/index.js';
import { buildFacts, decide, fatKafka, scannedJar } from '../helpers/facts.js';
import { flinkDist, kafkaFat, overlapOf, scanned } from '../helpers/jar-facts.js';

const judge = (jars: ScannedJar[], overlaps: JarOverlap[] = []) =>
  decide(jarsConflicts, buildFacts({ jars: { jars, overlaps, durationMs: 0 } }));
const clients = (version: string, path = `kafka-clients-${version}.jar`, source: ScannedJar['ref']['source'] = '--jars') =>
  scannedJar(path, { groupId: 'org.apache.kafka', artifactId: 'kafka-clients', version }, {}, source);
const overlap = (a: ScannedJar, b: ScannedJar, extra: Partial<JarOverlap> = {}): JarOverlap => ({
  jars: [a.ref.path, b.ref.path],
  packages: ['org/apache/kafka/clients/consumer', 'org/apache/kafka/common'],
  commonPackage: 'org/apache/kafka',
  classes: 3,
  identical: false,
  ...extra,
});
/** A connector JAR registering `factories` (class → identifier), of `family` when the matrix knows it. */
const connector = (name: string, artifactId: string, version: string, family: string, factories: Record<string, string>) =>
  scannedJar(
    name,
    { groupId: 'org.apache.flink', artifactId, version, kind: 'fat', identifiers: [...new Set(Object.values(factories))] },
    { family, role: 'fat', factories },
  );

describe('jars.conflicts decisions (built facts)', () => {
  it('skipped with fewer than two readable JARs; ok for distinct artifacts', () => {
    expect(judge([]).summary).toBe('no readable JARs');
    expect(judge([fatKafka()]).summary).toBe('only one JAR: nothing to conflict with');
    const outcome = judge([fatKafka(), clients('3.4.0')]);
    expect(outcome.status).toBe('ok');
    expect(outcome.summary).toBe('no conflicting duplicate artifacts or classes across 2 JARs');
  });

  it('warning: one artifact in two versions (the first on the classpath wins); the fix keeps the newest, said once', () => {
    const [a, b] = [clients('3.4.0'), clients('3.2.3')];
    const outcome = judge([b, a], [overlap(b, a)]);
    expect(outcome.status).toBe('warning');
    expect(outcome.summary).toBe(
      'org.apache.kafka:kafka-clients in 2 versions: kafka-clients-3.2.3.jar from --jars; kafka-clients-3.4.0.jar from --jars: ' +
        'the JVM loads each class from the first of them on the classpath and never uses the other',
    );
    expect(outcome.fix).toBe('Remove kafka-clients-3.2.3.jar from --jars; keep kafka-clients-3.4.0.jar from --jars');
    expect(outcome.facts).toMatchObject({ duplicateArtifacts: 1, classOverlaps: 0 });
    expect(outcome.locations).toHaveLength(2);
  });

  it('Flink connector versions compare by Flink line, then release: 3.3.0-1.20 is newer than 3.2.0-1.19', () => {
    const outcome = judge([fatKafka('3.3.0-1.20'), fatKafka('3.2.0-1.19')]);
    expect(outcome.fix).toBe(
      'Remove flink-sql-connector-kafka-3.2.0-1.19.jar from --jars; keep flink-sql-connector-kafka-3.3.0-1.20.jar from --jars',
    );
  });

  it('warning: the same JAR twice (same artifact and version, or byte-identical files), never an error', () => {
    const same = judge([fatKafka('3.3.0-1.20'), fatKafka('3.3.0-1.20', '/opt/other/flink-sql-connector-kafka-3.3.0-1.20.jar')]);
    expect(same.status).toBe('warning');
    expect(same.summary).toMatch(/^the same JAR twice: org\.apache\.flink:flink-sql-connector-kafka:3\.3\.0-1\.20 as /);
    const [x, y] = [scannedJar('helpers.jar'), scannedJar('helpers-copy.jar')];
    const identical = judge([x, y], [overlap(x, y, { identical: true })]);
    expect(identical.status).toBe('warning');
    expect(identical.summary).toBe('the same JAR twice (byte-identical files): helpers.jar from --jars; helpers-copy.jar from --jars');
    expect(identical.fix).toBe('Remove helpers-copy.jar from --jars; keep helpers.jar from --jars');
    expect(identical.facts).toMatchObject({ sameJarTwice: 1, classOverlaps: 0 });
  });

  it('error: classes in two different JARs, with the common package and what lies under it', () => {
    const mine = scannedJar('my-kafka-udfs.jar');
    const outcome = judge(
      [fatKafka(), mine],
      [
        overlap(fatKafka(), mine, {
          packages: ['org/apache/flink/streaming/connectors/kafka/table'],
          commonPackage: 'org/apache/flink/streaming/connectors/kafka/table',
          classes: 2,
        }),
      ],
    );
    expect(outcome.status).toBe('error');
    expect(outcome.summary).toBe(
      '2 classes in both flink-sql-connector-kafka-3.3.0-1.20.jar from --jars and my-kafka-udfs.jar from --jars: org.apache.flink.streaming.connectors.kafka.table',
    );
    expect(outcome.fix).toBe(
      'Remove flink-sql-connector-kafka-3.3.0-1.20.jar from --jars or my-kafka-udfs.jar from --jars, or rebuild one without the classes under org.apache.flink.streaming.connectors.kafka.table (shade or exclude them)',
    );
    const wide = judge([clients('3.4.0', 'a.jar'), scannedJar('b.jar')], [overlap(clients('3.4.0', 'a.jar'), scannedJar('b.jar'))]);
    expect(wide.summary).toMatch(/: org\.apache\.kafka\.\{clients\.consumer, common\}$/);
  });

  it('the thin and the fat JAR of one connector: remove the thin one, the fat one contains it', () => {
    const thin = scannedJar(
      'flink-connector-kafka-3.3.0-1.20.jar',
      { groupId: 'org.apache.flink', artifactId: 'flink-connector-kafka', version: '3.3.0-1.20', kind: 'thin' },
      { family: 'kafka', role: 'thin', factories: fatKafka().factories },
    );
    const outcome = judge([fatKafka(), thin], [overlap(fatKafka(), thin)]);
    expect(outcome.fix).toBe(
      'Remove flink-connector-kafka-3.3.0-1.20.jar from --jars; flink-sql-connector-kafka-3.3.0-1.20.jar from --jars already contains its classes',
    );
    // The same factory classes in both: ServiceLoader loads each class once, so no "Multiple factories" finding.
    expect(outcome.facts).toMatchObject({ identifierClashes: 0, classOverlaps: 1 });
  });

  it("the distribution's own JAR is always the one to keep; among themselves they are never a finding", () => {
    const json = (version: string, path: string, source: ScannedJar['ref']['source']) =>
      scannedJar(path, { groupId: 'org.apache.flink', artifactId: 'flink-json', version }, {}, source);
    const lib = json('1.20.1', '/opt/flink/lib/flink-json-1.20.1.jar', '$FLINK_HOME/lib');
    expect(judge([lib, json('1.20.0', '/venv/pyflink/lib/flink-json-1.20.0.jar', 'pyflink/lib')]).status).toBe('ok');
    const user = scannedJar('udfs.jar');
    // A user JAR's copy of org.apache.flink.* classes: Flink loads the distribution's first, so a note, nothing to remove.
    const outcome = judge(
      [lib, user],
      [overlap(lib, user, { packages: ['org/apache/flink/formats/json'], commonPackage: 'org/apache/flink/formats/json' })],
    );
    expect(outcome.status).toBe('ok');
    expect(outcome.fix).toBeUndefined();
    expect(outcome.details?.[0]).toMatch(
      /^3 classes under org\.apache\.flink\.formats\.json are in both udfs\.jar from --jars and flink-json-1\.20\.1\.jar .*: Flink loads org\.apache\.flink\.\* from its own JARs first .*nothing to remove$/,
    );
    expect(outcome.facts).toMatchObject({ parentFirstCopies: 1, classOverlaps: 0 });
    // Even a newer copy of it is the one to remove: the distribution's JAR stays.
    const copy = json('1.20.2', 'flink-json-1.20.2.jar', '--jars');
    expect(judge([copy, lib]).fix).toBe('Remove flink-json-1.20.2.jar from --jars; keep flink-json-1.20.1.jar from $FLINK_HOME/lib');
  });

  it('error: two families registering one identifier with different classes (AWS 4.x Kinesis): "Multiple factories"', () => {
    const legacy = connector('flink-sql-connector-kinesis-4.3.0-1.19.jar', 'flink-sql-connector-kinesis', '4.3.0-1.19', 'kinesis-legacy', {
      'org.apache.flink.streaming.connectors.kinesis.table.KinesisDynamicTableFactory': 'kinesis',
    });
    const streams = connector(
      'flink-sql-connector-aws-kinesis-streams-4.3.0-1.19.jar',
      'flink-sql-connector-aws-kinesis-streams',
      '4.3.0-1.19',
      'kinesis',
      { 'org.apache.flink.connector.kinesis.table.KinesisDynamicTableSinkFactory': 'kinesis' },
    );
    const outcome = judge([legacy, streams]);
    expect(outcome.status).toBe('error');
    expect(outcome.summary).toBe(
      "'kinesis' is registered by both flink-sql-connector-kinesis-4.3.0-1.19.jar from --jars (org.apache.flink.streaming.connectors.kinesis.table.KinesisDynamicTableFactory) and flink-sql-connector-aws-kinesis-streams-4.3.0-1.19.jar from --jars (org.apache.flink.connector.kinesis.table.KinesisDynamicTableSinkFactory): \"Multiple factories for identifier 'kinesis' … found in the classpath\"",
    );
    // Across families the matrix's recommended provider for the identifier is kept.
    expect(outcome.fix).toBe(
      "Remove flink-sql-connector-kinesis-4.3.0-1.19.jar from --jars; keep flink-sql-connector-aws-kinesis-streams-4.3.0-1.19.jar from --jars for 'kinesis'",
    );
    expect(outcome.facts).toMatchObject({ identifierClashes: 1, duplicateArtifacts: 0 });
  });

  it('within one family, the newer generation is kept (JDBC 3.1 and jdbc-core 4.0)', () => {
    const old = connector('flink-connector-jdbc-3.1.2-1.18.jar', 'flink-connector-jdbc', '3.1.2-1.18', 'jdbc', {
      'org.apache.flink.connector.jdbc.table.JdbcDynamicTableFactory': 'jdbc',
    });
    const core = connector('jdbc-core-renamed.jar', 'flink-connector-jdbc-core', '4.0.0-2.0', 'jdbc', {
      'org.apache.flink.connector.jdbc.core.table.JdbcDynamicTableFactory': 'jdbc',
    });
    const outcome = judge([old, core]);
    expect(outcome.fix).toBe(
      "Remove flink-connector-jdbc-3.1.2-1.18.jar from --jars; keep jdbc-core-renamed.jar (flink-connector-jdbc-core:4.0.0-2.0) from --jars for 'jdbc'",
    );
    expect(outcome.details).toEqual([outcome.summary]);
  });

  it('several findings: counted in the summary, all in the details', () => {
    const [a, b] = [clients('3.4.0'), clients('3.2.3')];
    const [x, y] = [scannedJar('helpers.jar'), scannedJar('helpers-copy.jar')];
    const outcome = judge([a, b, x, y], [overlap(x, y, { identical: true })]);
    expect(outcome.status).toBe('warning');
    expect(outcome.summary).toBe('2 JARs present twice');
    expect(outcome.details).toHaveLength(2);
    const mine = scannedJar('my-kafka-udfs.jar');
    const clash = {
      packages: ['org/apache/flink/streaming/connectors/kafka/table'],
      commonPackage: 'org/apache/flink/streaming/connectors/kafka/table',
      classes: 2,
    };
    const mixed = judge([a, b, fatKafka(), mine], [overlap(fatKafka(), mine, clash)]);
    expect(mixed.status).toBe('error');
    expect(mixed.summary).toBe('2 conflicts between JARs');
    expect(judge([x, y, fatKafka(), fatKafka('3.3.0-1.20', '/b/k.jar')], [overlap(x, y, { identical: true })]).summary).toBe(
      '2 JARs present twice',
    );
  });
});

// Modelled on setups the real tier ran (test-real/corpus.ts): mysql-cdc-with-driver, kafka-fat-1.17, two-kafka.
const GUAVA31 = ['org/apache/flink/shaded/guava31/com/google/common/base', 'org/apache/flink/shaded/guava31/com/google/common/collect'];

describe('a connector fat JAR that bundles classes flink-dist also ships', () => {
  // flink-sql-connector-mysql-cdc 3.5.0 bundles flink-shaded-guava31: 2,025 classes also in flink-dist 1.20.5.
  const cdc = scanned({
    path: '/work/jars/flink-sql-connector-mysql-cdc-3.5.0.jar',
    artifactId: 'flink-sql-connector-mysql-cdc',
    version: '3.5.0',
    kind: 'fat',
    family: 'mysql-cdc',
    identifiers: ['mysql-cdc'],
  });
  const dist = flinkDist('1.20.5');

  it("under org.apache.flink.shaded: a note saying flink-dist's copy loads, never a fix that removes a JAR", () => {
    const outcome = decide(
      jarsConflicts,
      buildFacts({ jars: { jars: [dist, cdc], overlaps: [overlapOf(cdc, dist, GUAVA31, 2025)], durationMs: 1 } }),
    );
    expect(outcome.status).toBe('ok');
    expect(outcome.fix ?? null).toBeNull();
    const note = (outcome.details ?? []).join('\n');
    expect(note).toContain('2025 classes under org.apache.flink.shaded.guava31.com.google');
    expect(note).toContain('classloader.parent-first-patterns.default');
    expect(note).toContain('flink-dist-1.20.5.jar from pyflink/lib is the one used; nothing to remove');
    expect(outcome.sources?.join('\n')).toContain('flink-mirror');
  });

  it("flink-connector-base inside Kafka 3.0.x next to Flink 1.17's flink-dist and flink-connector-files: notes, not errors", () => {
    const kafka = kafkaFat('3.0.0-1.17');
    const files = scanned({
      path: '/venv/pyflink/lib/flink-connector-files-1.17.2.jar',
      source: 'pyflink/lib',
      artifactId: 'flink-connector-files',
      version: '1.17.2',
    });
    const dist17 = flinkDist('1.17.2');
    const base = ['org/apache/flink/connector/base', 'org/apache/flink/connector/base/sink/writer'];
    const facts = buildFacts({
      jars: {
        jars: [dist17, files, kafka],
        overlaps: [overlapOf(kafka, files, base, 82), overlapOf(kafka, dist17, base, 82)],
        durationMs: 1,
      },
    });
    const outcome = decide(jarsConflicts, facts);
    expect(outcome.status).toBe('ok');
    expect(outcome.details).toHaveLength(2);
    expect(outcome.facts).toMatchObject({ parentFirstCopies: 2, classOverlaps: 0 });
  });

  it('classes outside the parent-first packages in a JAR the job adds and in flink-dist: a warning (paimon-catalog-hadoop ran), keeping flink-dist', () => {
    const guava = ['com/google/common/base'];
    const outcome = decide(
      jarsConflicts,
      buildFacts({ jars: { jars: [dist, cdc], overlaps: [overlapOf(cdc, dist, guava, 300)], durationMs: 1 } }),
    );
    expect(outcome.status).toBe('warning');
    expect(outcome.summary).toBe(
      "300 classes in both flink-sql-connector-mysql-cdc-3.5.0.jar from job:pipeline.jars in job.py:12 and flink-dist-1.20.5.jar from pyflink/lib: com.google.common.base: the job's class loader takes them from flink-sql-connector-mysql-cdc-3.5.0.jar from job:pipeline.jars in job.py:12, Flink's own code from flink-dist-1.20.5.jar from pyflink/lib; a clash shows only where the two meet (NoSuchMethodError, ClassCastException, LinkageError)",
    );
    expect(outcome.fix).toBe(
      'If a NoSuchMethodError, ClassCastException or LinkageError names classes under com.google.common.base, relocate (shade) or exclude them in flink-sql-connector-mysql-cdc-3.5.0.jar from job:pipeline.jars in job.py:12: flink-dist-1.20.5.jar from pyflink/lib ships with Flink',
    );
    expect(outcome.facts).toMatchObject({ userLoaderCopies: 1, classOverlaps: 0 });
  });

  it('the same classes in a JAR put into lib/ next to flink-dist stay an error: one class loader, the first on the classpath wins', () => {
    const inLib = scanned({
      path: '/opt/flink/lib/guava-31.1-jre.jar',
      source: '$FLINK_HOME/lib',
      groupId: 'com.google.guava',
      artifactId: 'guava',
      version: '31.1-jre',
    });
    const outcome = decide(
      jarsConflicts,
      buildFacts({ jars: { jars: [dist, inLib], overlaps: [overlapOf(inLib, dist, ['com/google/common/base'], 300)], durationMs: 1 } }),
    );
    expect(outcome.status).toBe('error');
    expect(outcome.fix).toContain('Remove guava-31.1-jre.jar from $FLINK_HOME/lib');
    expect(outcome.fix).not.toMatch(/Remove flink-dist/);
  });
});

describe('two versions of one connector (two-kafka: 3.2.0-1.19 and 3.0.1-1.18 on 1.19.3)', () => {
  const newer = kafkaFat('3.2.0-1.19');
  const older = kafkaFat('3.0.1-1.18', '/work/old');

  it('is a warning: the first on the classpath wins, the other is dead weight; keep the newer', () => {
    const outcome = decide(
      jarsConflicts,
      buildFacts({
        jars: {
          jars: [newer, older],
          overlaps: [overlapOf(newer, older, ['org/apache/flink/streaming/connectors/kafka/table'], 120)],
          durationMs: 1,
        },
      }),
    );
    expect(outcome.status).toBe('warning');
    expect(outcome.summary).toContain('org.apache.flink:flink-sql-connector-kafka in 2 versions');
    expect(outcome.summary).toContain('loads each class from the first of them on the classpath');
    expect(outcome.fix).toBe(
      'Remove flink-sql-connector-kafka-3.0.1-1.18.jar from job:pipeline.jars in job.py:12; keep flink-sql-connector-kafka-3.2.0-1.19.jar from job:pipeline.jars in job.py:12',
    );
  });
});

describe('what really breaks stays an error', () => {
  it('one identifier from two different factory classes ("Multiple factories for identifier \'kafka\'")', () => {
    const kafka = kafkaFat('3.3.0-1.20');
    const other = scanned({
      path: '/work/jars/my-kafka-fork-1.0.jar',
      groupId: 'com.example',
      artifactId: 'my-kafka-fork',
      version: '1.0',
      identifiers: ['kafka'],
      factories: {
        'org.apache.flink.streaming.connectors.kafka.table.KafkaDynamicTableFactory': 'kafka',
        'com.example.ForkedKafkaFactory': 'kafka',
      },
    });
    const outcome = decide(jarsConflicts, buildFacts({ jars: { jars: [kafka, other], overlaps: [], durationMs: 1 } }));
    expect(outcome.status).toBe('error');
    expect(outcome.summary).toContain('"Multiple factories for identifier \'kafka\' … found in the classpath"');
  });

  it('different classes of one name from two user artifacts (kafka-clients unshaded in two JARs)', () => {
    const a = scanned({
      path: '/work/jars/kafka-clients-3.4.0.jar',
      groupId: 'org.apache.kafka',
      artifactId: 'kafka-clients',
      version: '3.4.0',
    });
    const b = scanned({ path: '/work/jars/my-app-1.0.jar', groupId: 'com.example', artifactId: 'my-app', version: '1.0' });
    const outcome = decide(
      jarsConflicts,
      buildFacts({ jars: { jars: [a, b], overlaps: [overlapOf(a, b, ['org/apache/kafka/clients/consumer'], 40)], durationMs: 1 } }),
    );
    expect(outcome.status).toBe('error');
    expect(outcome.summary).toBe(
      '40 classes in both kafka-clients-3.4.0.jar from job:pipeline.jars in job.py:12 and my-app-1.0.jar from job:pipeline.jars in job.py:12: org.apache.kafka.clients.consumer',
    );
  });
});

// The fix names what to relocate or exclude: the packages themselves, not a root they happen to share ("under org").
describe('the packages a fix names when the shared classes only meet at a shallow root', () => {
  const dist = flinkDist('1.20.5');
  // flink-shaded-hadoop-2-uber 2.8.3-10.0 next to flink-dist 1.20.5 (paimon-catalog-hadoop in the real tier): 2,136
  // classes in 124 packages under six libraries; these are some of them, their common package is "org".
  const uber = scanned({
    path: '/work/jars/flink-shaded-hadoop-2-uber-2.8.3-10.0.jar',
    artifactId: 'flink-shaded-hadoop-2-uber',
    version: '2.8.3-10.0',
  });
  const HADOOP_UBER = [
    'org/apache/commons/cli',
    'org/apache/commons/collections',
    'org/apache/commons/collections/bag',
    'org/apache/commons/compress',
    'org/apache/commons/compress/archivers/zip',
    'org/apache/commons/compress/utils',
    'org/apache/commons/io',
    'org/apache/commons/io/input',
    'org/apache/commons/math3',
    'org/apache/commons/math3/linear',
    'org/xerial/snappy',
    'org/xerial/snappy/buffer',
  ];
  const fixFor = (a: ScannedJar, b: ScannedJar, packages: string[]) =>
    decide(jarsConflicts, buildFacts({ jars: { jars: [a, b], overlaps: [overlapOf(a, b, packages, 2136)], durationMs: 1 } })).fix;

  it('names the topmost packages holding shared classes (no sub-package twice), never "classes under org"', () => {
    expect(overlapOf(uber, dist, HADOOP_UBER, 2136).commonPackage).toBe('org');
    expect(fixFor(uber, dist, HADOOP_UBER)).toBe(
      'If a NoSuchMethodError, ClassCastException or LinkageError names classes under org.apache.commons.cli, ' +
        'org.apache.commons.collections, org.apache.commons.compress, org.apache.commons.io, org.apache.commons.math3 and ' +
        'org.xerial.snappy, relocate (shade) or exclude them in flink-shaded-hadoop-2-uber-2.8.3-10.0.jar from job:pipeline.jars ' +
        'in job.py:12: flink-dist-1.20.5.jar from pyflink/lib ships with Flink',
    );
    // The summary names them too, not "org.{apache.commons.cli, apache.commons.collections, …, 119 more}".
    const summary = decide(
      jarsConflicts,
      buildFacts({ jars: { jars: [uber, dist], overlaps: [overlapOf(uber, dist, HADOOP_UBER, 2136)], durationMs: 1 } }),
    ).summary;
    expect(summary).toContain(
      'flink-dist-1.20.5.jar from pyflink/lib: org.apache.commons.cli, org.apache.commons.collections, org.apache.commons.compress, ' +
        "org.apache.commons.io, org.apache.commons.math3 and org.xerial.snappy: the job's class loader",
    );
  });

  it('more than six: those under one package of three segments or more become it, the deepest first', () => {
    const more = [...HADOOP_UBER.filter((p) => p !== 'org/apache/commons/compress'), 'org/slf4j', 'org/codehaus/jackson'];
    expect(fixFor(uber, dist, more)).toContain(
      'names classes under org.apache.commons, org.codehaus.jackson, org.slf4j and org.xerial.snappy, relocate',
    );
    // Without org.slf4j and org.codehaus.jackson, merging compress.archivers.zip and compress.utils is enough.
    expect(fixFor(uber, dist, more.slice(0, -2))).toContain('org.apache.commons.compress, org.apache.commons.io');
  });

  it('more than six that share only a shallow root: the first five by name and how many more', () => {
    const libraries = [
      'checkerframework',
      'codehaus/jackson',
      'iq80/snappy',
      'joda/time',
      'objenesis',
      'slf4j',
      'tukaani/xz',
      'xerial/snappy',
    ];
    expect(
      fixFor(
        uber,
        dist,
        libraries.map((p) => `org/${p}`),
      ),
    ).toContain(
      'names classes under org.checkerframework, org.codehaus.jackson, org.iq80.snappy, org.joda.time, org.objenesis and 3 more packages, relocate',
    );
  });

  it("many packages of one library's tree (three segments or deeper): that tree, as before", () => {
    const guava = ['base', 'cache', 'collect', 'hash', 'io', 'math', 'net', 'primitives'].map((p) => `com/google/common/${p}`);
    expect(fixFor(uber, dist, guava)).toContain('names classes under com.google.common, relocate');
    expect(fixFor(uber, dist, [guava[0] ?? '', guava[2] ?? ''])).toContain(
      'names classes under com.google.common.base and com.google.common.collect, relocate',
    );
  });

  it('two JARs the user adds: the remove-or-rebuild fix names the packages too, the default package by that name', () => {
    const a = scanned({ path: '/work/jars/udfs-a-1.0.jar', groupId: 'com.example', artifactId: 'udfs-a', version: '1.0' });
    const b = scanned({ path: '/work/jars/udfs-b-1.0.jar', groupId: 'com.example', artifactId: 'udfs-b', version: '1.0' });
    expect(fixFor(a, b, ['', 'com/fasterxml/jackson/core', 'org/slf4j'])).toBe(
      'Remove udfs-a-1.0.jar from job:pipeline.jars in job.py:12 or udfs-b-1.0.jar from job:pipeline.jars in job.py:12, or rebuild ' +
        'one without the classes under (default package), com.fasterxml.jackson.core and org.slf4j (shade or exclude them)',
    );
  });
});

// orc-hadoop-jar in the real tier: flink-sql-orc 2.3.0 and flink-shaded-hadoop-2-uber 2.8.3-10.0 in pipeline.jars share
// 133 classes under org.apache.commons.lang (every one byte-different after shading); both NOTICE files list
// commons-lang:commons-lang:2.6, and the job ran.
describe('two JARs in one class loader bundling the same release of a library', () => {
  const LANG = ['org/apache/commons/lang', 'org/apache/commons/lang/builder', 'org/apache/commons/lang/math'];
  const lang = (version: string) => ({ groupId: 'commons-lang', artifactId: 'commons-lang', version });
  const orc = {
    ...scanned({ path: '/work/jars/flink-sql-orc-2.3.0.jar', artifactId: 'flink-sql-orc', version: '2.3.0' }),
    bundled: [{ groupId: 'org.apache.orc', artifactId: 'orc-core', version: '1.5.6' }, lang('2.6')],
  };
  const uber = (version = '2.6', extra: ScannedJar['bundled'] = []) => ({
    ...scanned({
      path: '/work/jars/flink-shaded-hadoop-2-uber-2.8.3-10.0.jar',
      artifactId: 'flink-shaded-hadoop-2-uber',
      version: '2.8.3-10.0',
    }),
    bundled: [{ groupId: 'org.apache.hadoop', artifactId: 'hadoop-common', version: '2.8.3' }, lang(version), ...extra],
  });
  const judgeOverlap = (a: ScannedJar, b: ScannedJar, packages: string[]) =>
    decide(jarsConflicts, buildFacts({ jars: { jars: [a, b], overlaps: [overlapOf(a, b, packages, 133)], durationMs: 1 } }));

  it('a note naming the release both bundle, nothing to remove', () => {
    const outcome = judgeOverlap(orc, uber(), LANG);
    expect(outcome.status).toBe('ok');
    expect(outcome.details?.[0]).toMatch(
      /^133 classes under org\.apache\.commons\.lang and .* are in both .*flink-sql-orc-2\.3\.0\.jar.* and .*flink-shaded-hadoop-2-uber.*, and both bundle commons-lang:commons-lang:2\.6 .*nothing to remove$/,
    );
    expect(outcome.facts).toMatchObject({ sameReleaseCopies: 1, classOverlaps: 0 });
  });

  it('stays an error when the library is bundled at two versions, or a shared package is no bundled library of both', () => {
    expect(judgeOverlap(orc, uber('2.5'), LANG).status).toBe('error');
    expect(judgeOverlap(orc, uber(), [...LANG, 'com/google/common/base']).status).toBe('error');
    // commons-lang matches org/apache/commons/lang by its words, never org/apache/commons/lang3 (another library).
    expect(judgeOverlap(orc, uber(), ['org/apache/commons/lang3']).status).toBe('error');
    // By the words of its artifactId, never its groupId: flink-connector-base does not claim the Kafka connector's classes.
    const base = { groupId: 'org.apache.flink', artifactId: 'flink-connector-base', version: '2.0.0' };
    const [x, y] = [
      { ...orc, bundled: [base] },
      { ...uber(), bundled: [base] },
    ];
    expect(judgeOverlap(x, y, ['org/apache/flink/connector/base']).status).toBe('ok');
    expect(judgeOverlap(x, y, ['org/apache/flink/connector/base', 'org/apache/flink/streaming/connectors/kafka']).status).toBe('error');
    // A library at two versions matters where its packages are shared: protobuf relocated in one of them is no conflict.
    const protobuf = (version: string) => ({ groupId: 'com.google.protobuf', artifactId: 'protobuf-java', version });
    const orcWithProtobuf = { ...orc, bundled: [...orc.bundled, protobuf('2.5.0')] };
    expect(judgeOverlap(orcWithProtobuf, uber('2.6', [protobuf('3.21.7')]), LANG).status).toBe('ok');
    expect(judgeOverlap(orcWithProtobuf, uber('2.6', [protobuf('3.21.7')]), [...LANG, 'com/google/protobuf']).status).toBe('error');
    expect(judgeOverlap(orcWithProtobuf, uber('2.6', [protobuf('2.5.0')]), [...LANG, 'com/google/protobuf']).status).toBe('ok');
  });

  it("across class loaders (a JAR the job adds and flink-dist) the same release is still the job's copy: the warning stays", () => {
    const dist = { ...flinkDist('2.3.0'), bundled: [lang('2.6')] };
    const outcome = judgeOverlap(uber(), dist, LANG);
    expect(outcome.status).toBe('warning');
    expect(outcome.facts).toMatchObject({ userLoaderCopies: 1, sameReleaseCopies: 0 });
  });
});
