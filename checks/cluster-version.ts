// cluster.version: the running cluster's Flink (its JobManager's /config) against the client: another minor
// breaks job submission (ClassNotFoundException, 'JavaPackage' object is not callable), another patch can
// break connectors compiled against it (NoSuchMethodError).
import { defineCheck } from './define.js';
import type { Outcome } from '../src/engine/model.js';
import type { ClusterFact } from '../src/facts/index.js';
import type { Matrix } from '../src/knowledge/matrix.js';
import { minorOf } from '../src/knowledge/versions.js';
import { sameRelease } from '../src/python/pip.js';
import { clusterNotes, clusterNotRead } from './cluster-shared.js';

export default defineCheck({
  id: 'cluster.version',
  title: "The cluster runs the client's Flink",
  group: 'Cluster',
  description:
    "The running cluster's Flink (its JobManager's `/config`, `--cluster URL`) is the client wheel's release " +
    '(else `--flink-version`): another minor is an error, another patch a warning. A cluster that cannot be read ' +
    'is an error here and a skip in the other `cluster.*` checks.',
  reads: [
    '--cluster URL: GET /config, /jobmanager/environment, /jobmanager/config, /taskmanagers (auth header from --cluster-auth-env)',
    "the client's apache-flink wheel, else --flink-version",
  ],
  needs: ['cluster', 'pyflink', 'target'],
  run({ cluster, pyflink, target }, { matrix }) {
    if (cluster.status === 'unreachable') return cannotRead(cluster);
    const skipped = clusterNotRead(cluster);
    if (skipped || !cluster.flinkVersion) return skipped ?? { status: 'skipped', summary: 'the cluster did not say its version' };

    const clusterVersion = cluster.flinkVersion;
    const wheel = pyflink.flink?.version;
    const client = wheel ?? target.flinkVersion ?? undefined;
    const clientWhat = wheel ? `the client wheel is apache-flink ${wheel}` : `the target is Flink ${client}`;
    const details = clusterDetails(cluster, clusterVersion, matrix);
    const facts = { url: cluster.url ?? null, clusterVersion, clientVersion: client ?? null, taskManagers: cluster.taskManagers ?? null };
    if (!client)
      return {
        status: 'ok',
        summary: `the cluster runs Flink ${clusterVersion} (no client wheel or --flink-version to compare with)`,
        details,
        facts,
      };

    const fix = `Install the cluster's release in the client: pip install "apache-flink==${clusterVersion}" (or move the cluster to ${client})`;
    if (minorOf(client) !== minorOf(clusterVersion)) {
      return {
        status: 'error',
        summary: `the cluster runs Flink ${clusterVersion}, ${clientWhat}: another minor cannot run the client's jobs`,
        details,
        fix,
        facts,
      };
    }
    if (/^\d+\.\d+\.\d+/.test(client) && !sameRelease(client, clusterVersion)) {
      return {
        status: 'warning',
        summary: `the cluster runs Flink ${clusterVersion}, ${clientWhat}: another patch (connectors built against one can fail on the other with NoSuchMethodError)`,
        details,
        fix,
        facts,
      };
    }
    return {
      status: 'ok',
      summary: `the cluster runs Flink ${clusterVersion}, as ${wheel ? 'the client wheel' : 'the target'}`,
      details,
      facts,
    };
  },
});

/** The JobManager did not answer: the one error of the cluster checks (the others skip). */
function cannotRead(cluster: ClusterFact): Outcome {
  return {
    status: 'error',
    summary: `cannot read the JobManager at ${cluster.url}: ${cluster.failure ?? 'no answer'}`,
    details: cluster.notes,
    fix: "Check the address (the JobManager's REST endpoint, rest.port 8081 by default), the network path, the auth header (--cluster-auth-env) and the CA (--cluster-ca); or drop --cluster",
    facts: { url: cluster.url ?? null },
  };
}

function clusterDetails(cluster: ClusterFact, clusterVersion: string, matrix: Matrix): string[] {
  return [
    `JobManager: ${cluster.url}${cluster.flinkRevision ? ` (revision ${cluster.flinkRevision})` : ''}`,
    ...(cluster.taskManagers !== undefined ? [`TaskManagers registered: ${cluster.taskManagers}`] : []),
    ...(matrix.line(clusterVersion) ? [] : [`Flink ${clusterVersion} is not in the compatibility matrix`]),
    ...clusterNotes(cluster),
  ];
}
