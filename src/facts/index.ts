// Every fact a check can ask for: plain data (JSON-friendly) that probes gather and checks read.
// Types only, importing nothing outside this folder, so checks, the engine, probes and reporters can all
// depend on it without depending on each other. Which probe gathers each fact: src/probes/registry.ts.
import type { ClusterFact } from './cluster.js';
import type { DeployFact } from './deploy.js';
import type { ConfDirFact, FlinkConfigFact, FlinkHomeFact, JavaFact, JvmOptionsFact, RunFact, TargetFact } from './environment.js';
import type { JarsFact, PipelineJarsFact } from './jars.js';
import type { JobFact } from './job.js';
import type { MavenFact, RepositoryFact } from './maven.js';
import type { InstalledPackagesFact, PyflinkFact, PythonFact, ShippingFact, WorkerFact } from './python.js';

export type * from './cluster.js';
export type * from './deploy.js';
export type * from './environment.js';
export type * from './jars.js';
export type * from './job.js';
export type * from './maven.js';
export type * from './python.js';

export interface Facts {
  flinkHome: FlinkHomeFact;
  confDir: ConfDirFact;
  python: PythonFact;
  packages: InstalledPackagesFact;
  pyflink: PyflinkFact;
  target: TargetFact;
  flinkConfig: FlinkConfigFact;
  java: JavaFact;
  /** The JVM options the gateway and bin/config.sh use (env.java.*opts*, FLINK_ENV_JAVA_OPTS, JVM_ARGS). */
  jvmOptions: JvmOptionsFact;
  /** Maven repository data for the identified connector JARs (issue 4). */
  maven: MavenFact;
  /** The Maven repository download URLs point at (no network, no credentials). */
  repository: RepositoryFact;
  job: JobFact;
  pipelineJars: PipelineJarsFact;
  jars: JarsFact;
  /** The Python UDF workers' interpreter (python.executable). */
  worker: WorkerFact;
  /** What the job ships to the Python workers: archives, requirements, files; the execution mode. */
  shipping: ShippingFact;
  /** The running cluster, read over its REST API (--cluster). */
  cluster: ClusterFact;
  /** Dockerfiles, compose files and Kubernetes manifests (--deploy, or found in the working directory). */
  deploy: DeployFact;
  /** Where the job runs: here or on a cluster (--cluster, --deploy, execution.target, a JobManager address). */
  run: RunFact;
}

export type FactKey = keyof Facts;
