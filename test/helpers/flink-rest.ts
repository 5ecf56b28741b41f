// What a JobManager's REST API answers, per Flink line, for the loopback server (test/helpers/maven-server.ts).
// Written here, modelled on the answers of a real 1.20.5 JobManager started from the apache-flink wheel's
// bin/jobmanager.sh, and shaped per line by Flink's published REST spec (the derived subset in
// test/fixtures/flink-rest/spec-subset.json, see scripts/derive-rest-spec.mjs): which dashboard feature flags
// exist, whether /jobmanager/environment exists (1.16+), which TaskManager fields exist ("blocked" 1.16+,
// "assignedTasks" 2.3). Tests validate every answer against that line's spec before using it.
import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import type { MavenServer } from './maven-server.js';

export const REST_LINES = ['1.15', '1.16', '1.17', '1.18', '1.19', '1.20', '2.0', '2.1', '2.2', '2.3'] as const;

export interface ClusterShape {
  version: string;
  /** As Flink prints it: "OpenJDK 64-Bit Server VM - Eclipse Adoptium - 17/17.0.15+6". */
  jvm?: string;
  jvmOptions?: string[];
  classpath?: string[];
  config?: Record<string, string>;
  taskManagers?: number;
}

const DEFAULT_JVM = 'OpenJDK 64-Bit Server VM - Eclipse Adoptium - 17/17.0.15+6';
const OPENS = ['--add-opens=java.base/java.lang=ALL-UNNAMED', '--add-opens=java.base/java.util=ALL-UNNAMED'];

const atLeast = (line: string, min: string) => {
  const [a = 0, b = 0] = line.split('.').map(Number);
  const [c = 0, d = 0] = min.split('.').map(Number);
  return a > c || (a === c && b >= d);
};

/** Path → JSON body for a cluster of `line`; /jobmanager/environment is absent before 1.16 (a 404, as on 1.15). */
export function restAnswers(line: string, shape: ClusterShape): Record<string, unknown> {
  const features: Record<string, boolean> = { 'web-submit': true, 'web-cancel': true };
  if (atLeast(line, '1.16')) features['web-history'] = false;
  if (atLeast(line, '1.18')) features['web-rescale'] = false;
  const dist = `/opt/flink/lib/flink-dist-${shape.version}.jar`;
  const answers: Record<string, unknown> = {
    '/config': {
      'refresh-interval': 3000,
      'timezone-name': 'Coordinated Universal Time',
      'timezone-offset': 0,
      'flink-version': shape.version,
      'flink-revision': '0980485 @ 2026-06-08T09:21:06+02:00',
      features,
    },
    '/jobmanager/config': Object.entries({ 'rest.port': '8081', 'taskmanager.numberOfTaskSlots': '1', ...shape.config }).map(
      ([key, value]) => ({ key, value }),
    ),
    '/taskmanagers': { taskmanagers: Array.from({ length: shape.taskManagers ?? 1 }, (_, i) => taskManager(line, i)) },
  };
  if (atLeast(line, '1.16')) {
    answers['/jobmanager/environment'] = {
      jvm: {
        version: shape.jvm ?? DEFAULT_JVM,
        arch: 'amd64',
        options: shape.jvmOptions ?? ['-Xmx201326592', '-XX:+IgnoreUnrecognizedVMOptions', ...OPENS],
      },
      classpath: shape.classpath ?? [
        `/opt/flink/lib/flink-csv-${shape.version}.jar`,
        `/opt/flink/lib/flink-json-${shape.version}.jar`,
        dist,
      ],
    };
  }
  return answers;
}

function taskManager(line: string, i: number): Record<string, unknown> {
  const resource = {
    cpuCores: 1,
    taskHeapMemory: 383,
    taskOffHeapMemory: 0,
    managedMemory: 512,
    networkMemory: 128,
    extendedResources: {},
  };
  return {
    id: `localhost:3${i}001-abcdef`,
    path: `pekko.tcp://flink@localhost:3${i}001/user/rpc/taskmanager_0`,
    dataPort: 40000 + i,
    jmxPort: -1,
    timeSinceLastHeartbeat: 1_700_000_000_000,
    slotsNumber: 1,
    freeSlots: 1,
    totalResource: resource,
    freeResource: resource,
    hardware: { cpuCores: 2, physicalMemory: 25_000_000_000, freeMemory: 500_000_000, managedMemory: 536_870_912 },
    memoryConfiguration: {
      frameworkHeap: 134217728,
      taskHeap: 401604608,
      frameworkOffHeap: 134217728,
      taskOffHeap: 0,
      networkMemory: 134217728,
      managedMemory: 536870912,
      jvmMetaspace: 268435456,
      jvmOverhead: 201326592,
      totalFlinkMemory: 1342177280,
      totalProcessMemory: 1811939328,
    },
    ...(atLeast(line, '1.16') ? { blocked: false } : {}),
    ...(atLeast(line, '2.3') ? { assignedTasks: 0 } : {}),
  };
}

interface SpecSubset {
  lines: Record<string, { source: { commit: string }; responses: Record<string, object | null> }>;
}

const spec = JSON.parse(readFileSync(new URL('../fixtures/flink-rest/spec-subset.json', import.meta.url), 'utf8')) as SpecSubset;
const ajv = new Ajv({ strict: false, validateFormats: false, allErrors: true });

/** Problems of `body` against the published schema of `path` on `line` ([] when valid); a path the line lacks is one. */
export function specProblems(line: string, path: string, body: unknown): string[] {
  const schema = spec.lines[line]?.responses[path];
  if (!schema) return [`${path} is not in the Flink ${line} REST spec`];
  const validate = ajv.compile(schema);
  return validate(body)
    ? []
    : (validate.errors ?? []).map(
        (e) =>
          `${e.instancePath || '/'} ${e.message}${e.params && 'additionalProperty' in e.params ? ` (${String(e.params.additionalProperty)})` : ''}`,
      );
}

/** Serves `restAnswers` on the server (JSON content type). */
export function serveCluster(server: MavenServer, line: string, shape: ClusterShape): void {
  server.contentType = 'application/json';
  for (const [path, body] of Object.entries(restAnswers(line, shape))) server.files.set(path, { body: JSON.stringify(body) });
}
