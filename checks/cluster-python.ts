// cluster.python: the python.* settings of the running cluster (/jobmanager/config) against the client's. A job
// keeps the cluster's value for every key it does not set itself, so an interpreter the cluster names for the
// workers must be the client's Python minor (UDFs are cloudpickled by the client, unpickled by the workers).
import { defineCheck } from './define.js';
import type { ClusterFact } from '../src/facts/index.js';
import { stringValue } from '../src/flink/config-values.js';
import { pythonMinorOf } from '../src/knowledge/versions.js';
import { clusterNotes, clusterNotRead } from './cluster-shared.js';

const KEYS = [
  'python.executable',
  'python.client.executable',
  'python.execution-mode',
  'python.archives',
  'python.requirements',
  'python.files',
  'python.pythonpath',
];

/** "python3.10", "/usr/bin/python3.11" → "3.10"; "python", "venv/bin/python" → undefined (the name does not say). */
function minorInName(executable: string): string | undefined {
  const match = /python(\d)\.(\d+)(?:\.exe)?$/.exec(executable.trim());
  return match ? `${match[1]}.${match[2]}` : undefined;
}

export default defineCheck({
  id: 'cluster.python',
  title: "The cluster's Python settings fit the client",
  group: 'Cluster',
  description:
    "The cluster's `python.*` settings (`/jobmanager/config`) against the client's: an interpreter the workers " +
    "run whose name states another Python minor than the client's is an error (cloudpickle).",
  reads: [
    '--cluster URL: GET /jobmanager/config (python.* keys)',
    'python.* keys in the local Flink config',
    "the client interpreter's version",
  ],
  needs: ['cluster', 'flinkConfig', 'python'],
  run({ cluster, flinkConfig, python }) {
    const skipped = clusterNotRead(cluster);
    if (skipped) return skipped;
    if (cluster.gaps.some((g) => g.endpoint === '/jobmanager/config'))
      return { status: 'skipped', summary: 'the JobManager did not show its configuration', details: clusterNotes(cluster) };
    const client = (key: string) => stringValue(flinkConfig.values, key);
    const details = settingLines(cluster, client);
    const clientMinor = python.version !== undefined ? pythonMinorOf(python.version) : undefined;
    const { workers, from } = workersInterpreter(cluster, client);
    const facts = {
      workerExecutable: workers ?? null,
      clientPython: python.version ?? null,
      executionMode: client('python.execution-mode') ?? cluster.config['python.execution-mode'] ?? null,
    };
    const stated = workers ? minorInName(workers) : undefined;
    if (stated && clientMinor && stated !== clientMinor) {
      return {
        status: 'error',
        summary: `the workers run ${from}, Python ${stated}, the client Python ${clientMinor}: cloudpickled UDFs fail ("code expected at most 16 arguments, got 18")`,
        details: [...details, ...clusterNotes(cluster)],
        fix: `Set python.executable (in the job's config, or the cluster's) to a Python ${clientMinor} interpreter that exists on every TaskManager, or run the client on Python ${stated}`,
        facts,
      };
    }
    const who = from ?? "python from the TaskManagers' PATH (python.executable is unset on both sides)";
    return {
      status: 'ok',
      summary: `the workers run ${who}${stated ? `: Python ${stated}, as the client` : ''}`,
      details: [
        ...details,
        ...(stated ? [] : ['its version cannot be seen from here: check it on a TaskManager']),
        ...clusterNotes(cluster),
      ],
      facts,
    };
  },
});

type ClientValue = (key: string) => string | undefined;

/** One line per python.* key set on either side, saying which value the job gets. */
function settingLines(cluster: ClusterFact, client: ClientValue): string[] {
  const details: string[] = [];
  for (const key of KEYS) {
    const there = cluster.config[key];
    const here = client(key);
    if (there === undefined && here === undefined) continue;
    details.push(
      `${key}: cluster ${there ?? '(unset)'}, client ${here ?? '(unset)'}${there !== undefined && here !== undefined && there !== here ? " (the job's value wins for the job)" : ''}`,
    );
  }
  return details;
}

/** The workers' python.executable: the client's own setting wins, else the cluster's; and where it came from. */
function workersInterpreter(cluster: ClusterFact, client: ClientValue): { workers?: string; from?: string } {
  const own = client('python.executable');
  if (own !== undefined) return { workers: own, from: `python.executable ${own} (client config)` };
  const workers = cluster.config['python.executable'];
  return workers !== undefined ? { workers, from: `python.executable ${workers} (the cluster's config)` } : {};
}
