// Which probe gathers each fact (the fact types: src/facts). Probes that need another fact ask the store
// for it, so the dependency order is implicit and independent probes run at the same time:
//   flinkHome, confDir ─┬─> python ─> packages ─> pyflink ─> target ─> flinkConfig
//                       └──────────────────────────────────────────────> java (spawn starts early)
//   flinkConfig ─> shipping (python.archives/requirements/files) ─┐
//   flinkConfig + python + packages + shipping ─> worker (python.executable, else python on PATH)
//   flinkConfig, job ─> pipelineJars ─> jars (+ flinkHome, pyflink) ─> maven (+ repository)
//   flinkConfig, job ─> run (here or on a cluster)
//   cluster (--cluster: REST, independent), deploy (--deploy or files in the working directory, independent)
import { FactStore, type ProbeMap } from '../engine/facts.js';
import type { Options } from '../engine/options.js';
import type { Facts } from '../facts/index.js';
import type { Matrix } from '../knowledge/matrix.js';
import { probeCluster } from './cluster.js';
import type { ProbeContext } from './context.js';
import { probeDeploy } from './deploy.js';
import { probeConfDir, probeFlinkConfig } from './flink-config.js';
import { probeFlinkHome } from './flink-home.js';
import { probeJars } from './jars.js';
import { probeJava } from './java.js';
import { probeJvmOptions } from './jvm-options.js';
import { probeJob } from './job.js';
import { probeMaven } from './maven.js';
import { probeInstalledPackages } from './packages.js';
import { probePipelineJars } from './pipeline-jars.js';
import { probePyflink } from './pyflink.js';
import { probePython } from './python.js';
import { probeRepository } from './repository.js';
import { probeRun } from './run.js';
import { probeShipping } from './shipping.js';
import { probeTarget } from './target.js';
import { probeWorker } from './worker.js';

/** Fact key → the probe that gathers it. */
const PROBES: { [K in keyof Facts]: (ctx: ProbeContext) => Promise<Facts[K]> } = {
  flinkHome: probeFlinkHome,
  confDir: probeConfDir,
  python: probePython,
  packages: probeInstalledPackages,
  pyflink: probePyflink,
  target: probeTarget,
  flinkConfig: probeFlinkConfig,
  java: probeJava,
  jvmOptions: probeJvmOptions,
  maven: probeMaven,
  repository: probeRepository,
  job: probeJob,
  pipelineJars: probePipelineJars,
  jars: probeJars,
  worker: probeWorker,
  shipping: probeShipping,
  cluster: probeCluster,
  deploy: probeDeploy,
  run: probeRun,
};

/** The fact keys flink-doctor gathers (what a plugin's checks and gatherers may name in `needs`). */
export const BUILT_IN_FACT_KEYS = Object.keys(PROBES) as (keyof Facts)[];

/** One store for a run. `extra` adds probes for facts outside `Facts` (plugins' facts, under their own keys). */
export function createFactStore<F extends Facts = Facts>(options: Options, matrix: Matrix, extra?: Partial<ProbeMap<F>>): FactStore<F> {
  const bound = Object.fromEntries(
    Object.entries(PROBES).map(([key, probe]) => [key, (get: ProbeContext['get']) => probe({ options, matrix, get })]),
  );
  return new FactStore({ ...bound, ...extra } as ProbeMap<F>);
}
