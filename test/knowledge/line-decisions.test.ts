// Decisions that depend on which Flink line the target is on, tested on built facts: a release older than the
// matrix knows gets one finding, a minor-only target names real files, Java patch levels that break a line, and
// connector fixes for identifiers that only later releases register.
import { describe, expect, it } from 'vitest';
import configFile from '../../checks/config-file.js';
import jarsFlinkVersion from '../../checks/jars-flink-version.js';
import jarsThin from '../../checks/jars-thin.js';
import javaRuntime from '../../checks/java-runtime.js';
import jobConnectors from '../../checks/job-connectors.js';
import pyflinkInstall from '../../checks/pyflink-install.js';
import pythonClient from '../../checks/python-client.js';
import pythonWorker from '../../checks/python-worker.js';
import type { IdentifierNeed, JobFact, ScannedJar, TargetFact } from '../../src/facts/index.js';
import { loadMatrix } from '../../src/knowledge/load-matrix.js';
import { buildFacts, decide, distribution, PYFLINK_DIR } from '../helpers/facts.js';

const matrix = loadMatrix();

/** A --job file whose SQL uses one identifier (the job fact as the job probe reports it). */
function jobUsing(identifier: string, role: IdentifierNeed['role'] = 'connector', line = 7): JobFact {
  const use: IdentifierNeed = { file: '/job.py', line, identifier, role, via: 'CREATE TABLE t' };
  return {
    files: ['/job.py'],
    needs: { files: ['/job.py'], identifiers: [use], apis: [], drivers: [], jars: [], settings: [], unresolved: [], problems: [] },
  };
}

/** The target as the target probe reports it (src/probes/target.ts). */
function target(flinkVersion: string, source: TargetFact['source'] = 'flag'): TargetFact {
  const minor = flinkVersion.split('.').slice(0, 2).join('.');
  return { flinkVersion, patch: matrix.resolvePatch(flinkVersion), minor, source, known: matrix.line(minor) !== undefined };
}

describe('apache-flink older than the lines flink-doctor knows', () => {
  const old = buildFacts({
    target: target('1.13.6', 'wheel'),
    pyflink: {
      flink: distribution('apache-flink', '1.13.6'),
      libraries: distribution('apache-flink-libraries', '1.13.6'),
      versionPy: '1.13.6',
      libJars: ['flink-dist_2.11-1.13.6.jar'],
      optJars: ['flink-python_2.11-1.13.6.jar'],
    },
    python: { version: '3.8.18', markers: { ...buildFacts().python.markers!, python_version: '3.8', python_full_version: '3.8.18' } },
  });

  it('is one pyflink.install warning with what is installed, the known range and the upgrade path', () => {
    const outcome = decide(pyflinkInstall, old);
    expect(outcome.status).toBe('warning');
    expect(outcome.summary).toBe(
      'apache-flink 1.13.6 is installed: flink-doctor knows Flink 1.15 to 2.3 and does not judge older releases (Java, Python, dependency and JAR checks are skipped)',
    );
    expect(outcome.details).toContain('upgrade path: apache-flink 1.20.5 (Java 11, Python 3.8-3.11)');
    expect(outcome.fix).toContain('"apache-flink==1.20.5"');
  });

  it('java.runtime, python.client, python.worker and config.file skip instead of judging against 2.3', () => {
    for (const check of [javaRuntime, pythonClient, configFile]) {
      const outcome = decide(check, old);
      expect(outcome.status, check.id).toBe('skipped');
      expect(outcome.summary, check.id).toContain('Flink 1.13.6 is older than the lines flink-doctor knows (1.15 to 2.3)');
      expect(outcome.summary, check.id).not.toContain('2.3 supports');
    }
    const worker = decide(
      pythonWorker,
      buildFacts({
        ...old,
        worker: {
          status: 'inspected',
          configured: 'python3',
          file: `${PYFLINK_DIR}/conf/flink-conf.yaml`,
          archives: [],
          sameAsClient: true,
          python: old.python,
          packages: old.packages,
        },
      }),
    );
    expect(worker.summary).not.toMatch(/does not support/);
  });

  it('a release newer than the matrix still borrows the newest line, saying so', () => {
    const outcome = decide(javaRuntime, buildFacts({ target: target('2.4.0', 'wheel') }));
    expect(outcome.status).toBe('ok');
    expect((outcome.details ?? []).join('\n')).toContain('Flink 2.4.0 is not in the compatibility matrix: judged against Flink 2.3');
  });
});

describe('--flink-version with a minor only', () => {
  const thinAvro: ScannedJar = {
    ref: { path: '/jars/flink-avro-1.15.2.jar', source: '--jars' },
    alsoFrom: [],
    notes: [],
    family: 'avro',
    role: 'thin',
    identity: {
      path: '/jars/flink-avro-1.15.2.jar',
      source: '--jars',
      artifactId: 'flink-avro',
      version: '1.15.2',
      flinkLine: '1.15',
      kind: 'format',
      identifiers: ['avro'],
    },
  };

  it('resolves to the newest known patch for coordinates and download URLs', () => {
    const outcome = decide(jarsThin, buildFacts({ target: target('1.15'), jars: { jars: [thinAvro], overlaps: [], durationMs: 0 } }));
    expect(outcome.fix).toBe(
      'Replace flink-avro-1.15.2.jar from --jars with org.apache.flink:flink-sql-avro:1.15.4 (https://repo1.maven.org/maven2/org/apache/flink/flink-sql-avro/1.15.4/flink-sql-avro-1.15.4.jar)',
    );
  });

  it('offers no format that the line does not have (protobuf on 1.15)', () => {
    const job = jobUsing('protobuf', 'format', 3);
    const outcome = decide(jobConnectors, buildFacts({ target: target('1.15'), job }));
    expect(outcome.status).toBe('error');
    expect(outcome.fix).not.toContain('1.15.x');
    expect(outcome.fix).not.toContain('flink-sql-protobuf');
  });
});

describe('jars.flink-version on a runtime that names its Flink line', () => {
  it('an Iceberg runtime for 1.20 on 1.19 is replaced by the runtime for 1.19, even with Maven data for the 1.20 one', () => {
    const runtime: ScannedJar = {
      ref: { path: '/jars/iceberg-flink-runtime-1.20-1.11.0.jar', source: '--jars' },
      alsoFrom: [],
      notes: [],
      family: 'iceberg',
      role: 'fat',
      identity: {
        path: '/jars/iceberg-flink-runtime-1.20-1.11.0.jar',
        source: '--jars',
        groupId: 'org.apache.iceberg',
        artifactId: 'iceberg-flink-runtime-1.20',
        version: '1.11.0',
        flinkLine: '1.20',
        kind: 'fat',
        identifiers: ['iceberg'],
      },
    };
    const maven = {
      ...buildFacts().maven,
      versions: { 'org.apache.iceberg:iceberg-flink-runtime-1.20': { versions: ['1.10.0', '1.11.0'], source: 'network' as const } },
    };
    const outcome = decide(
      jarsFlinkVersion,
      buildFacts({ target: target('1.19.3'), jars: { jars: [runtime], overlaps: [], durationMs: 0 }, maven }),
    );
    expect(outcome.status).toBe('warning');
    expect(outcome.fix).toContain('org.apache.iceberg:iceberg-flink-runtime-1.19:1.10.2');
  });
});

describe('job.connectors fixes from per-release knowledge', () => {
  it('dynamic-kafka on 1.20 needs Kafka 5.0.0, which is built for 2.1 and 2.2 only', () => {
    const outcome = decide(jobConnectors, buildFacts({ target: target('1.20.5'), job: jobUsing('dynamic-kafka') }));
    expect(outcome.fix).toBe(
      "'dynamic-kafka' needs Apache Kafka 5.0.0 or newer, built for Flink 2.1, 2.2; none is published for Flink 1.20",
    );
    const on22 = decide(jobConnectors, buildFacts({ target: target('2.2.1'), job: jobUsing('dynamic-kafka') }));
    expect(on22.fix).toContain('org.apache.flink:flink-sql-connector-kafka:5.0.0-2.2');
  });

  it('jdbc on 2.0 adds flink-connector-jdbc-core and names the dialect modules', () => {
    const outcome = decide(jobConnectors, buildFacts({ target: target('2.0.2'), job: jobUsing('jdbc') }));
    expect(outcome.fix).toContain('org.apache.flink:flink-connector-jdbc-core:4.0.0-2.0');
    expect(outcome.fix).toContain('plus one of flink-connector-jdbc-mysql, flink-connector-jdbc-postgres');
    expect(outcome.fix).not.toContain('flink-connector-jdbc:4');
  });

  it('pulsar on 1.17 names 4.1.0, the first release with Table factories', () => {
    const outcome = decide(jobConnectors, buildFacts({ target: target('1.17.2'), job: jobUsing('pulsar') }));
    expect(outcome.fix).toContain('org.apache.flink:flink-sql-connector-pulsar:4.1.0-1.17');
    const on116 = decide(jobConnectors, buildFacts({ target: target('1.16.3'), job: jobUsing('pulsar') }));
    expect(on116.fix).toBe("'pulsar' needs Apache Pulsar 4.1.0 or newer, built for Flink 1.17, 1.18; none is published for Flink 1.16");
  });

  it('a third-party family with no known build for the line says who publishes it, never that none exists', () => {
    const outcome = decide(jobConnectors, buildFacts({ target: target('1.20.5'), job: jobUsing('hudi') }));
    expect(outcome.fix).toBe(
      "Add the Apache Hudi JAR built for Flink 1.20 to pipeline.jars for 'hudi' (Apache Hudi publishes it; flink-doctor knows no build for this line)",
    );
  });

  it('a third-party runtime is a provider: iceberg on 1.20 is the Iceberg runtime for 1.20', () => {
    const outcome = decide(jobConnectors, buildFacts({ target: target('1.20.5'), job: jobUsing('iceberg', 'catalog') }));
    expect(outcome.fix).toContain('org.apache.iceberg:iceberg-flink-runtime-1.20:1.11.0');
  });
});

describe('Java patch levels that break a line (FLINK-30308)', () => {
  const java = (version: string) => ({ version: { major: Number(version.split('.')[0]), version, readFrom: 'release file' as const } });

  it('Java 11.0.16+ on 1.15.0-1.15.3 warns about the class-loader leak and names the fixed patch', () => {
    const outcome = decide(javaRuntime, buildFacts({ target: target('1.15.3'), java: java('11.0.20') }));
    expect(outcome.status).toBe('warning');
    expect(outcome.summary).toContain('ClassLeakCleaner');
    expect(outcome.fix).toContain('apache-flink 1.15.4 (fixed in 1.15.4)');
  });

  it('is quiet on the fixed patch, on older Java patches and on a minor-only target (its newest patch)', () => {
    expect(decide(javaRuntime, buildFacts({ target: target('1.15.4'), java: java('11.0.20') })).status).toBe('ok');
    expect(decide(javaRuntime, buildFacts({ target: target('1.16.0'), java: java('11.0.15') })).status).toBe('ok');
    expect(decide(javaRuntime, buildFacts({ target: target('1.16'), java: java('11.0.20') })).status).toBe('ok');
    expect(decide(javaRuntime, buildFacts({ target: target('1.16.0'), java: java('11.0.16') })).status).toBe('warning');
  });
});
