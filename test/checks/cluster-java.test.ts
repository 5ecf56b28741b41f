// cluster.java: its decision table on built facts (the JobManager's JVM as /jobmanager/environment reports it).
import { describe, expect, it } from 'vitest';
import clusterJava from '../../checks/cluster-java.js';
import { buildFacts, decide, JAVA17_FLAGS_22 } from '../helpers/facts.js';
import { clusterOf as cluster, shipped } from '../helpers/cluster-facts.js';

describe('cluster.java decisions (built facts)', () => {
  it('Java 11 on 1.20 is fine; Java 8 on 2.2 is an error', () => {
    expect(
      decide(
        clusterJava,
        buildFacts({ cluster: cluster({ flinkVersion: '1.20.1', jvm: { raw: 'x - 11/11.0.24+8', major: 11, options: [] } }) }),
      ).status,
    ).toBe('ok');
    expect(
      decide(clusterJava, buildFacts({ cluster: cluster({ jvm: { raw: 'x - 1.8/25.392-b08', major: 8, options: [] } }) })),
    ).toMatchObject({ status: 'error', summary: 'the cluster runs Java 8, which Flink 2.2.1 does not support (supported: 11, 17)' });
  });

  it('a shipped JAR compiled for Java 21 on a Java 17 cluster: UnsupportedClassVersionError, found on the laptop', () => {
    const facts = buildFacts({
      cluster: cluster(),
      jars: { jars: [shipped('udf.jar', { kind: 'other', classMajor: 65 })], overlaps: [], durationMs: 0 },
    });
    expect(decide(clusterJava, facts)).toMatchObject({
      status: 'error',
      summary: "udf.jar from pipeline.jars holds Java 21 bytecode: UnsupportedClassVersionError on the cluster's Java 17",
    });
  });

  it("Java 17 without Flink's --add-opens list on the JobManager", () => {
    const outcome = decide(
      clusterJava,
      buildFacts({ cluster: cluster({ jvm: { raw: 'x - 17/17.0.15', major: 17, options: ['-Xmx1g', '-XX:+UseG1GC'] } }) }),
    );
    expect(outcome.status).toBe('error');
    expect(outcome.summary).toBe(
      `the JobManager's JVM on Java 17 lacks ${JAVA17_FLAGS_22.length} of the ${JAVA17_FLAGS_22.length} --add-opens/--add-exports flags Flink 2.2.1's config carries (InaccessibleObjectException at run time)`,
    );
    expect(outcome.fix).toContain('env.java.opts.all');
  });

  it('a 1.15 cluster does not say its Java', () => {
    const facts = buildFacts({
      cluster: cluster({
        flinkVersion: '1.15.4',
        jvm: undefined,
        gaps: [
          { endpoint: '/jobmanager/environment', problem: '/jobmanager/environment is not served (HTTP 404; Flink added it in 1.16)' },
        ],
      }),
    });
    expect(decide(clusterJava, facts).summary).toBe(
      'the JobManager does not say which Java it runs: /jobmanager/environment is not served (HTTP 404; Flink added it in 1.16)',
    );
  });
});

describe('cluster.java decisions: more branches (built facts)', () => {
  const jvm = (major: number, options: string[] = []) => ({ raw: `x - ${major}/${major}.0.2`, major, options });
  it('experimental on its line: a warning; a line the matrix lacks: a warning that nothing was judged', () => {
    expect(decide(clusterJava, buildFacts({ cluster: cluster({ jvm: jvm(21, JAVA17_FLAGS_22) }) }))).toMatchObject({
      status: 'warning',
      summary: 'the cluster runs Java 21, experimental on Flink 2.2.1',
    });
    expect(decide(clusterJava, buildFacts({ cluster: cluster({ flinkVersion: '2.9.0', jvm: jvm(11) }) })).summary).toBe(
      'Flink 2.9.0 is not in the compatibility matrix: its Java support is not judged',
    );
  });

  it('ok on Java 17 says the flags are there; the fix joins bytecode and flags when both are wrong', () => {
    expect(decide(clusterJava, buildFacts({ cluster: cluster() })).summary).toBe(
      'the cluster runs Java 17, supported by Flink 2.2.1 with the flags it needs',
    );
    const both = decide(
      clusterJava,
      buildFacts({
        cluster: cluster({ jvm: jvm(17) }),
        jars: { jars: [shipped('udf.jar', { kind: 'other', classMajor: 65 })], overlaps: [], durationMs: 0 },
      }),
    );
    expect(both.fix?.split('\n')).toEqual([
      "Rebuild the job's JARs for Java 17 (maven.compiler.release 17), or run the cluster on a newer Java its Flink line supports",
      "Put the missing flags above back into env.java.opts.all of the cluster's config and restart it (extend Flink's list, never shorten it)",
    ]);
    expect(both.locations).toEqual([{ path: '/work/jars/udf.jar' }]);
  });

  it('a JVM string without a version is skipped with it', () => {
    expect(decide(clusterJava, buildFacts({ cluster: cluster({ jvm: { raw: 'Some VM', options: [] } }) })).summary).toBe(
      'the JobManager does not say which Java it runs: the JVM string "Some VM" names no Java version',
    );
  });
});

describe('cluster.java: a Java newer than the newest the line lists (the real tier ran 2.2.1 on Temurin 25)', () => {
  it("the cluster on Java 25 (with Flink's --add-opens list) is the same warning in cluster.java", () => {
    const facts = {
      status: 'read' as const,
      flinkVersion: '2.2.1',
      jvm: { raw: 'OpenJDK 64-Bit Server VM - Eclipse Adoptium - 25/25.0.3+9', major: 25, options: [...JAVA17_FLAGS_22] },
      classpath: [],
      config: {},
      gaps: [],
      notes: [],
    };
    const outcome = decide(clusterJava, buildFacts({ cluster: facts }));
    expect(outcome.status).toBe('warning');
    expect(outcome.summary).toContain('newer than any Java Flink 2.2.1 lists: untested upstream');
  });
});
