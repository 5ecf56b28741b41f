// cluster.jars: its decision table on built facts (the JobManager's classpath, the JARs the job ships, the job's
// identifiers).
import { describe, expect, it } from 'vitest';
import clusterJars from '../../checks/cluster-jars.js';
import type { JobFact, ScannedJar } from '../../src/facts/index.js';
import { buildFacts, decide, thinKafkaJar } from '../helpers/facts.js';
import { clusterOf as cluster, shipped } from '../helpers/cluster-facts.js';

describe('cluster.jars decisions (built facts)', () => {
  const kafkaSql: JobFact = {
    files: ['/work/job.py'],
    needs: {
      files: ['/work/job.py'],
      identifiers: [{ identifier: 'kafka', role: 'connector', line: 12, file: '/work/job.py', via: 'CREATE TABLE orders' }],
      apis: [],
      drivers: [],
      jars: [],
      settings: [],
      unresolved: [],
      problems: [],
    },
  };
  const localKafka: ScannedJar = {
    ...shipped('flink-sql-connector-kafka-4.0.1-2.0.jar', { identifiers: ['kafka', 'upsert-kafka'] }),
    ref: { path: '/venv/pyflink/lib/flink-sql-connector-kafka-4.0.1-2.0.jar', source: 'pyflink/lib' },
  };

  it("a connector only in the client's lib/ and not on the cluster (X03)", () => {
    const facts = buildFacts({
      cluster: cluster({ classpath: ['/opt/flink/lib/flink-dist-2.2.1.jar'] }),
      job: kafkaSql,
      jars: { jars: [localKafka], overlaps: [], durationMs: 0 },
    });
    const outcome = decide(clusterJars, facts);
    expect(outcome.status).toBe('error');
    expect(outcome.summary).toBe(
      "the job uses connector 'kafka' (line 12): no shipped JAR provides it and the cluster's classpath has none; flink-sql-connector-kafka-4.0.1-2.0.jar (pyflink/lib) has it on this machine only",
    );
  });

  it("the cluster's lib/ provides it: ok; shipping it as well loads it twice", () => {
    expect(decide(clusterJars, buildFacts({ cluster: cluster(), job: kafkaSql })).status).toBe('ok');
    const twice = buildFacts({
      cluster: cluster(),
      job: kafkaSql,
      jars: {
        jars: [
          shipped('flink-sql-connector-kafka-4.0.1-2.0.jar', {
            artifactId: 'flink-sql-connector-kafka',
            version: '4.0.1-2.0',
            flinkLine: '2.0',
            identifiers: ['kafka'],
          }),
        ],
        overlaps: [],
        durationMs: 0,
      },
    });
    const outcome = decide(clusterJars, twice);
    expect(outcome.status).toBe('warning');
    expect(outcome.summary).toBe(
      'flink-sql-connector-kafka-4.0.1-2.0.jar from pipeline.jars is also in the cluster\'s lib/ (flink-sql-connector-kafka-4.0.1-2.0.jar): loaded twice, by two classloaders ("X is not an instance of X")',
    );
    expect(outcome.fix?.split('\n')[0]).toBe('Ship no flink-sql-connector-kafka with the job: the cluster already has it');
  });

  it('a 1.x connector shipped to a 2.x cluster', () => {
    const facts = buildFacts({
      cluster: cluster(),
      jars: {
        jars: [
          shipped('flink-sql-connector-kafka-3.3.0-1.20.jar', {
            artifactId: 'flink-sql-connector-kafka',
            version: '3.3.0-1.20',
            flinkLine: '1.20',
            identifiers: ['kafka'],
          }),
        ],
        overlaps: [],
        durationMs: 0,
      },
    });
    const outcome = decide(clusterJars, facts);
    expect(outcome.status).toBe('error');
    expect(outcome.details?.join('\n')).toContain('is built for Flink 1.20, the cluster runs 2.2.1 (another major: NoClassDefFoundError)');
  });

  it('two versions of one artifact', () => {
    const facts = buildFacts({
      cluster: cluster(),
      jars: {
        jars: [shipped('flink-json-2.2.0.jar', { artifactId: 'flink-json', version: '2.2.0', flinkLine: '2.2', kind: 'format' })],
        overlaps: [],
        durationMs: 0,
      },
    });
    expect(decide(clusterJars, facts).summary).toBe(
      "flink-json-2.2.0.jar from pipeline.jars is shipped while the cluster's lib/ holds flink-json-2.2.1.jar: two versions of flink-json on one classpath",
    );
  });
});

describe('cluster.jars decisions: more branches (built facts)', () => {
  it("a JAR of another line names the build for the cluster's line; for a thin flink-connector-kafka the fat JAR, not a newer thin one", () => {
    const thin = { ...thinKafkaJar(), ref: { path: '/work/jars/flink-connector-kafka-3.3.0-1.20.jar', source: 'pipeline.jars' as const } };
    const outcome = decide(
      clusterJars,
      buildFacts({
        cluster: cluster({ classpath: ['/opt/flink/lib/flink-dist-2.2.1.jar'] }),
        jars: { jars: [thin], overlaps: [], durationMs: 0 },
      }),
    );
    expect(outcome.status).toBe('error');
    expect(outcome.fix).toBe(
      'Ship org.apache.flink:flink-sql-connector-kafka:5.0.0-2.2 (the build for Flink 2.2) in place of flink-connector-kafka-3.3.0-1.20.jar',
    );
    // A JAR of no family flink-doctor knows: the same artifact, built for the cluster's line.
    const own = shipped('flink-connector-inhouse-1.0.0-1.20.jar', {
      artifactId: 'flink-connector-inhouse',
      version: '1.0.0-1.20',
      flinkLine: '1.20',
    });
    const other = decide(clusterJars, buildFacts({ cluster: cluster(), jars: { jars: [own], overlaps: [], durationMs: 0 } }));
    expect(other.fix).toBe('Ship the build of flink-connector-inhouse for Flink 2.2');
  });

  it('a JobManager that does not show its classpath (before 1.16) is skipped', () => {
    expect(decide(clusterJars, buildFacts({ cluster: cluster({ classpath: [] }) })).summary).toBe(
      'the JobManager does not show its classpath (Flink 1.16+ serves /jobmanager/environment)',
    );
  });

  it("without --job the connectors are not compared, and the details say so; the fix for a missing one names the cluster line's artifact", () => {
    const outcome = decide(clusterJars, buildFacts({ cluster: cluster() }));
    expect(outcome.status).toBe('ok');
    expect(outcome.details).toContain('no --job: the connectors the job uses were not compared');
    const missing = decide(
      clusterJars,
      buildFacts({
        cluster: cluster({ classpath: ['/opt/flink/lib/flink-dist-2.2.1.jar'] }),
        job: {
          files: ['/work/job.py'],
          needs: {
            files: ['/work/job.py'],
            identifiers: [{ identifier: 'kafka', role: 'connector', line: 3, file: '/work/job.py', via: 'CREATE TABLE t' }],
            apis: [],
            drivers: [],
            jars: [],
            settings: [],
            unresolved: [],
            problems: [],
          },
        },
      }),
    );
    expect(missing.fix).toBe(
      "Ship org.apache.flink:flink-sql-connector-kafka:5.0.0-2.2 with the job (pipeline.jars or env.add_jars), or put it into the cluster's lib/ on every node and restart it",
    );
  });
});
