// Scanned-JAR facts as the jars probe reports them, for decision tests on built facts (no zip is read).
// Each fixture names the real artifact it is modelled on; the real tier (test-real/) reads the real ones.
import type { JarKind, JarOverlap, JarSource, ScannedJar } from '../../src/facts/index.js';
import { fatKafka, PYFLINK_DIR } from './facts.js';

const JOB_ORIGIN = { origin: '/work/job.py', line: 12 };

export interface JarSpec {
  path: string;
  source?: JarSource;
  groupId?: string;
  artifactId: string;
  version: string;
  kind?: JarKind;
  flinkLine?: string;
  family?: string;
  role?: 'fat' | 'thin';
  identifiers?: string[];
  factories?: Record<string, string>;
  packages?: string[];
  jdbcDrivers?: string[];
}

export function scanned(spec: JarSpec): ScannedJar {
  const { path, source = 'job:pipeline.jars', groupId = 'org.apache.flink', artifactId, version, kind = 'other' } = spec;
  return {
    ref: { path, source, ...(source.startsWith('job:') ? JOB_ORIGIN : {}) },
    alsoFrom: [],
    notes: [],
    identity: {
      path,
      source,
      groupId,
      artifactId,
      version,
      kind,
      identifiers: spec.identifiers ?? [],
      ...(spec.flinkLine ? { flinkLine: spec.flinkLine } : {}),
    },
    ...(spec.family ? { family: spec.family, role: spec.role ?? 'fat' } : {}),
    bundled: [],
    unknownFactories: [],
    factories: spec.factories ?? {},
    evidence: [],
    packages: spec.packages ?? [],
    ...(spec.jdbcDrivers ? { jdbcDrivers: spec.jdbcDrivers } : {}),
  };
}

/** flink-dist as the apache-flink wheel ships it in pyflink/lib. */
export function flinkDist(version: string): ScannedJar {
  return scanned({ path: `${PYFLINK_DIR}/lib/flink-dist-${version}.jar`, source: 'pyflink/lib', artifactId: 'flink-dist', version });
}

export function overlapOf(a: ScannedJar, b: ScannedJar, packages: string[], classes: number, identical = false): JarOverlap {
  const common = packages.length === 1 ? (packages[0] ?? '') : commonPrefix(packages);
  return { jars: [a.ref.path, b.ref.path], packages, commonPackage: common, classes, identical };
}

function commonPrefix(packages: string[]): string {
  const split = packages.map((p) => p.split('/'));
  const first = split[0] ?? [];
  let n = first.length;
  for (const parts of split) while (n > 0 && parts.slice(0, n).join('/') !== first.slice(0, n).join('/')) n -= 1;
  return first.slice(0, n).join('/');
}

/** org.apache.flink:flink-sql-connector-kafka (fat) named in the job's pipeline.jars (job.py line 12). */
export function kafkaFat(version: string, dir = '/work/jars'): ScannedJar {
  const jar = fatKafka(version, `${dir}/flink-sql-connector-kafka-${version}.jar`, 'job:pipeline.jars');
  return { ...jar, ref: { ...jar.ref, ...JOB_ORIGIN } };
}
