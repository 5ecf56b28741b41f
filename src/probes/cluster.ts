// The running cluster (--cluster URL): read over its REST API unless --offline. Never throws.
import { DEFAULT_CLUSTER_TIMEOUT_MS, emptyClusterFact, readCluster } from '../cluster/client.js';
import type { ClusterFact } from '../facts/cluster.js';
import type { ProbeContext } from './context.js';

export async function probeCluster({ options }: Pick<ProbeContext, 'options'>): Promise<ClusterFact> {
  const cluster = options.cluster;
  if (!cluster) return emptyClusterFact('not-requested');
  if (options.offline) return emptyClusterFact('offline', cluster.url);
  return readCluster({ timeoutMs: DEFAULT_CLUSTER_TIMEOUT_MS, ...cluster }, options.env);
}
