// Every fact a check can ask for, and the probe that gathers it. Probes that need another fact ask the
// store for it, so the dependency order is implicit and independent probes run at the same time:
//   flinkHome, confDir ─┬─> python ─> packages ─> pyflink ─> target ─> flinkConfig
//                       └──────────────────────────────────────────────> java (spawn starts early)
//   flinkConfig + python + packages ─> worker (python.executable)
//   flinkConfig, job ─> pipelineJars ─> jars (+ flinkHome, pyflink) ─> maven (+ repository)
import { FactStore, type ProbeMap } from '../engine/facts.js';
import type { Options } from '../engine/options.js';
import type { Matrix } from '../knowledge/matrix.js';
import { probeConfDir, probeFlinkConfig, type ConfDirFact } from './flink-config.js';
import { probeFlinkHome } from './flink-home.js';
import type { JarsFact } from '../jars/scan.js';
import { probeJars } from './jars.js';
import { probeJava } from './java.js';
import { probeJob, type JobFact } from './job.js';
import { probeMaven, type MavenFact } from './maven.js';
import { probeInstalledPackages } from './packages.js';
import { probePipelineJars, type PipelineJarsFact } from './pipeline-jars.js';
import { probePyflink } from './pyflink.js';
import { probePython } from './python.js';
import { probeRepository, type RepositoryFact } from './repository.js';
import { probeTarget } from './target.js';
import { probeWorker, type WorkerFact } from './worker.js';
import type {
  FlinkConfigFact,
  FlinkHomeFact,
  InstalledPackagesFact,
  JavaFact,
  PyflinkFact,
  PythonFact,
  TargetFact,
} from './types.js';

export interface Facts {
  flinkHome: FlinkHomeFact;
  confDir: ConfDirFact;
  python: PythonFact;
  packages: InstalledPackagesFact;
  pyflink: PyflinkFact;
  target: TargetFact;
  flinkConfig: FlinkConfigFact;
  java: JavaFact;
  /** Maven repository data for the identified connector JARs (issue 4). */
  maven: MavenFact;
  /** The Maven repository download URLs point at (no network, no credentials). */
  repository: RepositoryFact;
  job: JobFact;
  pipelineJars: PipelineJarsFact;
  jars: JarsFact;
  /** The Python UDF workers' interpreter (python.executable). */
  worker: WorkerFact;
}

export type FactKey = keyof Facts;

export interface ProbeContext {
  options: Options;
  matrix: Matrix;
  get: <K extends FactKey>(key: K) => Promise<Facts[K]>;
}

export function createFactStore(options: Options, matrix: Matrix): FactStore<Facts> {
  const bind =
    <T>(probe: (ctx: ProbeContext) => Promise<T>) =>
    (get: ProbeContext['get']) =>
      probe({ options, matrix, get });
  const probes: ProbeMap<Facts> = {
    flinkHome: bind(probeFlinkHome),
    confDir: bind(probeConfDir),
    python: bind(probePython),
    packages: bind(probeInstalledPackages),
    pyflink: bind(probePyflink),
    target: bind(probeTarget),
    flinkConfig: bind(probeFlinkConfig),
    java: bind(probeJava),
    maven: bind(probeMaven),
    repository: bind(probeRepository),
    job: bind(probeJob),
    pipelineJars: bind(probePipelineJars),
    jars: bind(probeJars),
    worker: bind(probeWorker),
  };
  return new FactStore<Facts>(probes);
}
