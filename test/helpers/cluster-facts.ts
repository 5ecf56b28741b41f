// The cluster fact as the REST client reports it (src/cluster/client.ts) for a healthy Flink 2.2.1 JobManager on
// Java 17 with Flink's --add-opens list, and JARs as the jars probe reports those the job ships (pipeline.jars).
import type { ClusterFact, JarIdentity, ScannedJar } from '../../src/facts/index.js';
import { JAVA17_FLAGS_22, scannedJar } from './facts.js';

export function clusterOf(overrides: Partial<ClusterFact> = {}): ClusterFact {
  return {
    status: 'read',
    url: 'http://jobmanager:8081/',
    flinkVersion: '2.2.1',
    jvm: {
      raw: 'OpenJDK 64-Bit Server VM - Eclipse Adoptium - 17/17.0.15+6',
      major: 17,
      arch: 'amd64',
      options: ['-Xmx1g', ...JAVA17_FLAGS_22],
    },
    classpath: [
      '/opt/flink/lib/flink-dist-2.2.1.jar',
      '/opt/flink/lib/flink-json-2.2.1.jar',
      '/opt/flink/lib/flink-sql-connector-kafka-4.0.1-2.0.jar',
    ],
    config: {},
    taskManagers: 1,
    gaps: [],
    notes: [],
    ...overrides,
  };
}

/** A JAR the job ships through pipeline.jars. */
export function shipped(name: string, identity: Partial<JarIdentity> = {}): ScannedJar {
  return scannedJar(name, { kind: 'fat', ...identity }, {}, 'pipeline.jars');
}
