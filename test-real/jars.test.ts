// Real connector and format JARs from Maven Central (checked against their published .sha1): the doctor's
// identification of each is compared with what its coordinates say (artifact, version, Flink line, fat or
// thin), with what a JVM says its factories register (FactoryProbe.java loads every factory and calls
// factoryIdentifier()) and with the highest class-file version over all its classes (class_majors.py).
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { mavenJar, parseCoordinate } from '../scripts/real/artifacts.js';
import { RELEASES, layoutOnly } from '../scripts/real/installs.js';
import type { IdentifiedJar } from '../src/facts/jars.js';
import { identifyJar } from '../src/jars/identify.js';
import { readJar } from '../src/jars/zip-reader.js';
import { openMatrix } from '../src/knowledge/matrix.js';
import { javaProbe, runJava } from './support/jvm.js';

const run = promisify(execFile);

interface JarCase {
  key: string;
  /** compat-matrix.json family the artifact belongs to (none for drivers and clients). */
  family?: string;
  /** Flink release whose lib/ the factories are loaded against, when the version names no Flink line (CDC). */
  probeOn?: string;
  /** false: nothing inside the JAR names its groupId (Gradle-built kafka-clients: no pom.properties, bare MANIFEST). */
  groupIdInside?: false;
}

const F = 'org.apache.flink';
const CASES: JarCase[] = [
  { key: `${F}:flink-sql-connector-kafka:1.17.1`, family: 'kafka' },
  { key: `${F}:flink-sql-connector-kafka:3.0.0-1.17`, family: 'kafka' },
  { key: `${F}:flink-sql-connector-kafka:3.0.1-1.18`, family: 'kafka' },
  { key: `${F}:flink-sql-connector-kafka:3.2.0-1.19`, family: 'kafka' },
  { key: `${F}:flink-sql-connector-kafka:4.0.1-2.0`, family: 'kafka' },
  { key: `${F}:flink-sql-connector-kafka:5.0.0-2.2`, family: 'kafka' },
  { key: `${F}:flink-connector-kafka:3.2.0-1.19`, family: 'kafka' },
  { key: `${F}:flink-connector-kafka:3.3.0-1.20`, family: 'kafka' },
  { key: `${F}:flink-connector-kafka:5.0.0-2.2`, family: 'kafka' },
  { key: `${F}:flink-connector-jdbc:1.16.3`, family: 'jdbc' },
  { key: `${F}:flink-connector-jdbc:3.2.0-1.19`, family: 'jdbc' },
  { key: `${F}:flink-connector-jdbc:3.3.0-1.20`, family: 'jdbc' },
  { key: `${F}:flink-connector-jdbc-core:3.3.0-1.20`, family: 'jdbc' },
  { key: `${F}:flink-connector-jdbc-core:4.0.0-2.0`, family: 'jdbc' },
  { key: `${F}:flink-connector-jdbc-postgres:3.3.0-1.20`, family: 'jdbc' },
  { key: `${F}:flink-connector-jdbc-postgres:4.0.0-2.0`, family: 'jdbc' },
  { key: `${F}:flink-sql-connector-elasticsearch7:3.0.1-1.17`, family: 'elasticsearch7' },
  { key: `${F}:flink-sql-connector-kinesis:4.0.0-1.16`, family: 'kinesis-legacy' },
  { key: `${F}:flink-sql-avro:1.20.0`, family: 'avro' },
  { key: `${F}:flink-sql-avro:2.0.0`, family: 'avro' },
  { key: `${F}:flink-sql-avro:2.3.0`, family: 'avro' },
  { key: `${F}:flink-avro:1.20.3`, family: 'avro' },
  { key: `${F}:flink-sql-avro-confluent-registry:1.20.0`, family: 'avro-confluent' },
  { key: `${F}:flink-sql-avro-confluent-registry:2.3.0`, family: 'avro-confluent' },
  { key: `${F}:flink-sql-parquet:2.3.0`, family: 'parquet' },
  { key: `${F}:flink-sql-connector-mysql-cdc:3.5.0`, family: 'mysql-cdc', probeOn: '1.20.5' },
  { key: `${F}:flink-sql-connector-postgres-cdc:3.5.0`, family: 'postgres-cdc', probeOn: '1.20.5' },
  { key: 'com.ververica:flink-sql-connector-mysql-cdc:3.0.1', family: 'mysql-cdc', probeOn: '1.18.1' },
  // Not Flink JARs: loaded in the same JVM probe so that "registers no factory" is the JVM's answer too.
  { key: 'org.apache.kafka:kafka-clients:3.4.0', groupIdInside: false, probeOn: '1.20.5' },
  { key: 'org.postgresql:postgresql:42.7.5', probeOn: '1.20.5' },
];
const FORMATS = new Set(['avro', 'avro-confluent', 'parquet']);

/** What the coordinates alone say: externalized "<release>-<flink minor>", in-tree "<flink version>", CDC its own. */
function fromCoordinates(c: JarCase) {
  const { groupId, artifactId, version } = parseCoordinate(c.key);
  const externalized = groupId === F ? /^(\d+\.\d+\.\d+)-(\d+\.\d+)$/.exec(version) : null;
  const cdc = c.family?.endsWith('-cdc');
  const inTree = c.family && !cdc && !externalized;
  const kind = !c.family ? 'other' : FORMATS.has(c.family) ? 'format' : artifactId.startsWith('flink-sql-') ? 'fat' : 'thin';
  return {
    groupId: c.groupIdInside === false ? undefined : groupId,
    artifactId,
    version,
    kind,
    role: c.family ? (artifactId.startsWith('flink-sql-') ? 'fat' : 'thin') : undefined,
    flinkLine: externalized?.[2] ?? (inTree ? version.split('.').slice(0, 2).join('.') : undefined),
    connectorVersion: externalized?.[1] ?? (cdc ? version : undefined),
  };
}

const knowledge = openMatrix().connectors();
const paths = new Map<string, string>();
const identified = new Map<string, IdentifiedJar>();
const majors = new Map<string, number | null>();
/** JAR path → factory class → identifier (or "!<error>") as a JVM loads them. */
const jvmFactories = new Map<string, Record<string, string>>();

function probeRelease(c: JarCase) {
  const line = fromCoordinates(c).flinkLine;
  const found = RELEASES.find((r) => (c.probeOn ? r.flink === c.probeOn : line && r.flink.startsWith(`${line}.`)));
  if (!found) throw new Error(`no pinned Flink release to load ${c.key} against`);
  return found;
}

beforeAll(async () => {
  for (const c of CASES) paths.set(c.key, await mavenJar(c.key));
  for (const c of CASES) {
    const path = paths.get(c.key) as string;
    identified.set(c.key, identifyJar(path, '--jars', await readJar(path), knowledge));
  }
  const { stdout } = await run('python3', [join(import.meta.dirname, 'probes', 'class_majors.py'), ...paths.values()], {
    maxBuffer: 1 << 20,
  });
  for (const [path, major] of Object.entries(JSON.parse(stdout) as Record<string, number | null>)) majors.set(path, major);
  await probeFactories(CASES);
}, 20 * 60_000);

/** One JVM per Flink release: each JAR in its own class loader over that release's pyflink/lib. */
async function probeFactories(cases: JarCase[]) {
  const probe = await javaProbe('FactoryProbe');
  for (const r of RELEASES) {
    const mine = cases.filter((c) => probeRelease(c) === r);
    if (mine.length === 0) continue;
    const lib = join((await layoutOnly(r)).sitePackages, 'pyflink', 'lib', '*');
    const output = await runJava(
      'FactoryProbe',
      [probe, lib],
      mine.map((c) => paths.get(c.key) as string),
    );
    for (const line of output.trim().split('\n').filter(Boolean)) {
      const [jar, className, identifier] = line.split('\t') as [string, string, string];
      jvmFactories.set(jar, { ...jvmFactories.get(jar), [className]: identifier });
    }
  }
}

describe.each(CASES)('$key', (c) => {
  it('is identified as its coordinates say', () => {
    const expected = fromCoordinates(c);
    const jar = identified.get(c.key) as IdentifiedJar;
    expect(jar.identity).toMatchObject({ artifactId: expected.artifactId, version: expected.version, kind: expected.kind });
    expect(jar.identity.groupId).toBe(expected.groupId);
    expect(jar.family).toBe(c.family);
    expect(jar.role).toBe(expected.role);
    expect(jar.identity.flinkLine).toBe(expected.flinkLine);
    expect(jar.identity.connectorVersion).toBe(expected.connectorVersion);
  });

  it('reports the highest class-file version of all its classes', () => {
    const path = paths.get(c.key) as string;
    expect(identified.get(c.key)?.identity.classMajor).toBe(majors.get(path) ?? undefined);
  });

  it('maps each factory to the identifier the JVM gets from factoryIdentifier() (none for drivers and clients)', () => {
    const jar = identified.get(c.key) as IdentifiedJar;
    const jvm = jvmFactories.get(paths.get(c.key) as string) ?? {};
    const loaded = Object.fromEntries(Object.entries(jvm).filter(([, id]) => !id.startsWith('!')));
    expect(Object.keys(loaded).length, `the JVM could not load any factory of ${c.key}: ${JSON.stringify(jvm)}`).toBe(
      Object.keys(jvm).length,
    );
    expect(jar.factories).toEqual(loaded);
    expect(jar.unknownFactories).toEqual([]);
    expect(jar.identity.identifiers).toEqual([...new Set(Object.values(loaded))].sort());
  });
});
