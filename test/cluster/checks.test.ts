// cluster.* decisions on built facts: a cluster fact as the REST client reports it, the client's facts from the
// facts builder (apache-flink 2.2.1 in Python 3.11, Java 17).
import { describe, expect, it } from 'vitest';
import clusterJars from '../../checks/cluster-jars.js';
import clusterJava from '../../checks/cluster-java.js';
import clusterPython from '../../checks/cluster-python.js';
import clusterVersion from '../../checks/cluster-version.js';
import type { ClusterFact, JobFact, ScannedJar } from '../../src/facts/index.js';
import { java17Flags } from '../../src/knowledge/images.js';
import { loadMatrix } from '../../src/knowledge/load-matrix.js';
import { buildFacts, decide } from '../helpers/facts.js';

const FLAGS_22 = java17Flags(loadMatrix(), '2.2')?.flags ?? [];

function cluster(overrides: Partial<ClusterFact> = {}): ClusterFact {
  return {
    status: 'read',
    url: 'http://jobmanager:8081/',
    flinkVersion: '2.2.1',
    jvm: { raw: 'OpenJDK 64-Bit Server VM - Eclipse Adoptium - 17/17.0.15+6', major: 17, arch: 'amd64', options: ['-Xmx1g', ...FLAGS_22] },
    classpath: ['/opt/flink/lib/flink-dist-2.2.1.jar', '/opt/flink/lib/flink-json-2.2.1.jar', '/opt/flink/lib/flink-sql-connector-kafka-4.0.1-2.0.jar'],
    config: {},
    taskManagers: 1,
    gaps: [],
    notes: [],
    ...overrides,
  };
}

function shipped(name: string, extra: Partial<NonNullable<ScannedJar['identity']>> = {}): ScannedJar {
  const path = `/work/jars/${name}`;
  return { ref: { path, source: 'pipeline.jars' }, alsoFrom: [], notes: [], identity: { path, source: 'pipeline.jars', kind: 'fat', identifiers: [], ...extra } };
}

describe('cluster.version', () => {
  it('another minor is an error, another patch a warning, the same release ok', () => {
    expect(decide(clusterVersion, buildFacts({ cluster: cluster({ flinkVersion: '1.20.1' }) }))).toMatchObject({
      status: 'error',
      summary: 'the cluster runs Flink 1.20.1, the client wheel is apache-flink 2.2.1: another minor cannot run the client\'s jobs',
      fix: 'Install the cluster\'s release in the client: pip install "apache-flink==1.20.1" (or move the cluster to 2.2.1)',
    });
    expect(decide(clusterVersion, buildFacts({ cluster: cluster({ flinkVersion: '2.2.0' }) })).status).toBe('warning');
    expect(decide(clusterVersion, buildFacts({ cluster: cluster() })).status).toBe('ok');
  });

  it('an unreachable cluster is one error here and a skip in the other cluster checks', () => {
    const facts = buildFacts({ cluster: { status: 'unreachable', url: 'http://jm:8081/', failure: '/config: no response within 5000 ms' } });
    expect(decide(clusterVersion, facts)).toMatchObject({ status: 'error', summary: 'cannot read the JobManager at http://jm:8081/: /config: no response within 5000 ms' });
    for (const check of [clusterJava, clusterJars, clusterPython]) expect(decide(check, facts).status).toBe('skipped');
  });

  it('no --cluster, or --offline: skipped', () => {
    expect(decide(clusterVersion, buildFacts()).summary).toBe('no --cluster given');
    expect(decide(clusterVersion, buildFacts({ cluster: { status: 'offline', url: 'http://jm:8081/' } })).summary).toBe('--offline: the JobManager at http://jm:8081/ was not asked');
  });
});

describe('cluster.java', () => {
  it('Java 11 on 1.20 is fine; Java 8 on 2.2 is an error', () => {
    expect(decide(clusterJava, buildFacts({ cluster: cluster({ flinkVersion: '1.20.1', jvm: { raw: 'x - 11/11.0.24+8', major: 11, options: [] } }) })).status).toBe('ok');
    expect(decide(clusterJava, buildFacts({ cluster: cluster({ jvm: { raw: 'x - 1.8/25.392-b08', major: 8, options: [] } }) }))).toMatchObject({ status: 'error', summary: 'the cluster runs Java 8, which Flink 2.2.1 does not support (supported: 11, 17)' });
  });

  it('a shipped JAR compiled for Java 21 on a Java 17 cluster: UnsupportedClassVersionError, found on the laptop', () => {
    const facts = buildFacts({ cluster: cluster(), jars: { jars: [shipped('udf.jar', { kind: 'other', classMajor: 65 })], overlaps: [], durationMs: 0 } });
    expect(decide(clusterJava, facts)).toMatchObject({ status: 'error', summary: 'udf.jar from pipeline.jars holds Java 21 bytecode: UnsupportedClassVersionError on the cluster\'s Java 17' });
  });

  it('Java 17 without Flink\'s --add-opens list on the JobManager', () => {
    const outcome = decide(clusterJava, buildFacts({ cluster: cluster({ jvm: { raw: 'x - 17/17.0.15', major: 17, options: ['-Xmx1g', '-XX:+UseG1GC'] } }) }));
    expect(outcome.status).toBe('error');
    expect(outcome.summary).toBe(`the JobManager's JVM on Java 17 lacks ${FLAGS_22.length} of the ${FLAGS_22.length} --add-opens/--add-exports flags Flink 2.2.1's config carries (InaccessibleObjectException at run time)`);
    expect(outcome.fix).toContain('env.java.opts.all');
  });

  it('a 1.15 cluster does not say its Java', () => {
    const facts = buildFacts({ cluster: cluster({ flinkVersion: '1.15.4', jvm: undefined, gaps: [{ endpoint: '/jobmanager/environment', problem: '/jobmanager/environment is not served (HTTP 404; Flink added it in 1.16)' }] }) });
    expect(decide(clusterJava, facts).summary).toBe('the JobManager does not say which Java it runs: /jobmanager/environment is not served (HTTP 404; Flink added it in 1.16)');
  });
});

describe('cluster.jars', () => {
  const kafkaSql: JobFact = {
    files: ['/work/job.py'],
    needs: {
      files: ['/work/job.py'],
      identifiers: [{ identifier: 'kafka', role: 'connector', line: 12, file: '/work/job.py', via: 'CREATE TABLE orders' }],
      apis: [], drivers: [], jars: [], settings: [], unresolved: [], problems: [],
    },
  };
  const localKafka: ScannedJar = { ...shipped('flink-sql-connector-kafka-4.0.1-2.0.jar', { identifiers: ['kafka', 'upsert-kafka'] }), ref: { path: '/venv/pyflink/lib/flink-sql-connector-kafka-4.0.1-2.0.jar', source: 'pyflink/lib' } };

  it('a connector only in the client\'s lib/ and not on the cluster (X03)', () => {
    const facts = buildFacts({ cluster: cluster({ classpath: ['/opt/flink/lib/flink-dist-2.2.1.jar'] }), job: kafkaSql, jars: { jars: [localKafka], overlaps: [], durationMs: 0 } });
    const outcome = decide(clusterJars, facts);
    expect(outcome.status).toBe('error');
    expect(outcome.summary).toBe('the job uses connector \'kafka\' (line 12): no shipped JAR provides it and the cluster\'s classpath has none; flink-sql-connector-kafka-4.0.1-2.0.jar (pyflink/lib) has it on this machine only');
  });

  it('the cluster\'s lib/ provides it: ok; shipping it as well loads it twice', () => {
    expect(decide(clusterJars, buildFacts({ cluster: cluster(), job: kafkaSql })).status).toBe('ok');
    const twice = buildFacts({ cluster: cluster(), job: kafkaSql, jars: { jars: [shipped('flink-sql-connector-kafka-4.0.1-2.0.jar', { artifactId: 'flink-sql-connector-kafka', version: '4.0.1-2.0', flinkLine: '2.0', identifiers: ['kafka'] })], overlaps: [], durationMs: 0 } });
    const outcome = decide(clusterJars, twice);
    expect(outcome.status).toBe('warning');
    expect(outcome.summary).toBe('flink-sql-connector-kafka-4.0.1-2.0.jar from pipeline.jars is also in the cluster\'s lib/ (flink-sql-connector-kafka-4.0.1-2.0.jar): loaded twice, by two classloaders ("X is not an instance of X")');
    expect(outcome.fix?.split('\n')[0]).toBe('Ship no flink-sql-connector-kafka with the job: the cluster already has it');
  });

  it('a 1.x connector shipped to a 2.x cluster', () => {
    const facts = buildFacts({ cluster: cluster(), jars: { jars: [shipped('flink-sql-connector-kafka-3.3.0-1.20.jar', { artifactId: 'flink-sql-connector-kafka', version: '3.3.0-1.20', flinkLine: '1.20', identifiers: ['kafka'] })], overlaps: [], durationMs: 0 } });
    const outcome = decide(clusterJars, facts);
    expect(outcome.status).toBe('error');
    expect(outcome.details?.join('\n')).toContain('is built for Flink 1.20, the cluster runs 2.2.1 (another major: NoClassDefFoundError)');
  });

  it('two versions of one artifact', () => {
    const facts = buildFacts({ cluster: cluster(), jars: { jars: [shipped('flink-json-2.2.0.jar', { artifactId: 'flink-json', version: '2.2.0', flinkLine: '2.2', kind: 'format' })], overlaps: [], durationMs: 0 } });
    expect(decide(clusterJars, facts).summary).toBe('flink-json-2.2.0.jar from pipeline.jars is shipped while the cluster\'s lib/ holds flink-json-2.2.1.jar: two versions of flink-json on one classpath');
  });
});

describe('cluster.python', () => {
  it('the cluster\'s python.executable names another minor than the client\'s', () => {
    const facts = buildFacts({ cluster: cluster({ config: { 'python.executable': '/usr/bin/python3.10' } }) });
    expect(decide(clusterPython, facts)).toMatchObject({ status: 'error', summary: 'the workers run python.executable /usr/bin/python3.10 (the cluster\'s config), Python 3.10, the client Python 3.11: cloudpickled UDFs fail ("code expected at most 16 arguments, got 18")' });
  });

  it('the client\'s own python.executable wins for the job', () => {
    const facts = buildFacts({ cluster: cluster({ config: { 'python.executable': '/usr/bin/python3.10' } }), flinkConfig: { values: { 'python.executable': '/opt/py311/bin/python3.11' } } });
    const outcome = decide(clusterPython, facts);
    expect(outcome.status).toBe('ok');
    expect(outcome.details?.[0]).toBe('python.executable: cluster /usr/bin/python3.10, client /opt/py311/bin/python3.11 (the job\'s value wins for the job)');
  });

  it('nothing set anywhere: ok, with what cannot be seen from here', () => {
    const outcome = decide(clusterPython, buildFacts({ cluster: cluster() }));
    expect(outcome.summary).toBe('the workers run python from the TaskManagers\' PATH (python.executable is unset on both sides)');
  });
});
