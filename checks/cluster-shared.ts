// What the cluster.* checks share: when the cluster was not read, one of them (cluster.version) reports why
// and the others skip, so a cluster that is down is one finding, not four.
import type { Outcome } from '../src/engine/model.js';
import type { ClusterFact } from '../src/facts/index.js';

/** The outcome for a cluster that was not read, or undefined when it was. */
export function clusterNotRead(cluster: ClusterFact): Outcome | undefined {
  if (cluster.status === 'not-requested') return { status: 'skipped', summary: 'no --cluster given' };
  if (cluster.status === 'offline')
    return { status: 'skipped', summary: `--offline: the JobManager at ${cluster.url ?? '--cluster'} was not asked` };
  if (cluster.status === 'unreachable')
    return { status: 'skipped', summary: `the JobManager at ${cluster.url} could not be read (see cluster.version)` };
  return undefined;
}

/** Gaps and notes of the read, as detail lines. */
export function clusterNotes(cluster: ClusterFact): string[] {
  return [...cluster.gaps.map((g) => (g.problem.startsWith(g.endpoint) ? g.problem : `${g.endpoint}: ${g.problem}`)), ...cluster.notes];
}
