// cluster.version: its decision table on built facts (the cluster fact as the REST client reports it; the client's
// facts from the facts builder: apache-flink 2.2.1 in Python 3.11). The REST client itself: test/cluster/client.test.ts.
import { describe, expect, it } from 'vitest';
import clusterJars from '../../checks/cluster-jars.js';
import clusterJava from '../../checks/cluster-java.js';
import clusterPython from '../../checks/cluster-python.js';
import clusterVersion from '../../checks/cluster-version.js';
import { buildFacts, decide, targetOf } from '../helpers/facts.js';
import { clusterOf as cluster } from '../helpers/cluster-facts.js';

describe('cluster.version decisions (built facts)', () => {
  it('another minor is an error, another patch a warning, the same release ok', () => {
    expect(decide(clusterVersion, buildFacts({ cluster: cluster({ flinkVersion: '1.20.1' }) }))).toMatchObject({
      status: 'error',
      summary: "the cluster runs Flink 1.20.1, the client wheel is apache-flink 2.2.1: another minor cannot run the client's jobs",
      fix: 'Install the cluster\'s release in the client: pip install "apache-flink==1.20.1" (or move the cluster to 2.2.1)',
    });
    expect(decide(clusterVersion, buildFacts({ cluster: cluster({ flinkVersion: '2.2.0' }) })).status).toBe('warning');
    expect(decide(clusterVersion, buildFacts({ cluster: cluster() })).status).toBe('ok');
  });

  it('an unreachable cluster is one error here and a skip in the other cluster checks', () => {
    const facts = buildFacts({
      cluster: { status: 'unreachable', url: 'http://jm:8081/', failure: '/config: no response within 5000 ms' },
    });
    expect(decide(clusterVersion, facts)).toMatchObject({
      status: 'error',
      summary: 'cannot read the JobManager at http://jm:8081/: /config: no response within 5000 ms',
    });
    for (const check of [clusterJava, clusterJars, clusterPython]) expect(decide(check, facts).status).toBe('skipped');
  });

  it('no --cluster, or --offline: skipped', () => {
    expect(decide(clusterVersion, buildFacts()).summary).toBe('no --cluster given');
    expect(decide(clusterVersion, buildFacts({ cluster: { status: 'offline', url: 'http://jm:8081/' } })).summary).toBe(
      '--offline: the JobManager at http://jm:8081/ was not asked',
    );
  });
});

describe('cluster.version decisions: more branches (built facts)', () => {
  const noWheel = { installed: false, flink: undefined, libraries: undefined };
  it('without a wheel the target is compared, a minor-only target accepting any patch', () => {
    const outcome = decide(clusterVersion, buildFacts({ cluster: cluster(), pyflink: noWheel, target: targetOf('2.2') }));
    expect(outcome).toMatchObject({ status: 'ok', summary: 'the cluster runs Flink 2.2.1, as the target' });
    expect(decide(clusterVersion, buildFacts({ cluster: cluster(), pyflink: noWheel, target: targetOf('2.2.0') })).status).toBe('warning');
  });

  it('nothing to compare with: ok, saying so; a version the matrix does not know is named in the details', () => {
    const outcome = decide(
      clusterVersion,
      buildFacts({ cluster: cluster({ flinkVersion: '2.9.0' }), pyflink: noWheel, target: targetOf(null) }),
    );
    expect(outcome.summary).toBe('the cluster runs Flink 2.9.0 (no client wheel or --flink-version to compare with)');
    expect(outcome.details).toContain('Flink 2.9.0 is not in the compatibility matrix');
  });

  it('a cluster that did not say its version is skipped', () => {
    expect(decide(clusterVersion, buildFacts({ cluster: cluster({ flinkVersion: undefined }) })).summary).toBe(
      'the cluster did not say its version',
    );
  });
});
