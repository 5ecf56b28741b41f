// Which probe gathers each fact (the fact types: src/facts). Probes that need another fact ask the store
// for it, so the dependency order is implicit and independent probes run at the same time:
//   flinkHome, confDir ─┬─> python ─> packages ─> pyflink ─> target ─> flinkConfig
//                       └──────────────────────────────────────────────> java (spawn starts early)
//   flinkConfig ─> shipping (python.archives/requirements/files) ─┐
//   flinkConfig + python + packages + shipping ─> worker (python.executable, else python on PATH)
//   flinkConfig, job ─> pipelineJars ─> jars (+ flinkHome, pyflink) ─> maven (+ repository)
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
import { probeShipping } from './shipping.js';
import { probeTarget } from './target.js';
import { probeWorker } from './worker.js';

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
    jvmOptions: bind(probeJvmOptions),
    maven: bind(probeMaven),
    repository: bind(probeRepository),
    job: bind(probeJob),
    pipelineJars: bind(probePipelineJars),
    jars: bind(probeJars),
    worker: bind(probeWorker),
    shipping: bind(probeShipping),
    cluster: bind(probeCluster),
    deploy: bind(probeDeploy),
  };
  return new FactStore<Facts>(probes);
}
