// Everything a run is told from outside: flags (and, later, the config file) merged into one object.
// Probes read it; checks get only the parts that change a verdict (strict, target).
import { LIMITS } from './limits.js';

export interface Options {
  json: boolean;
  python?: string;
  javaHome?: string;
  flinkVersion?: string;
  confDir?: string;
  /** --jars: JAR files or folders of JARs the job will also see (repeatable). */
  jars?: string[];
  /** --job: PyFlink jobs (.py) and Flink SQL scripts (.sql), read (never run) for what they need (repeatable). */
  job?: string[];
  only: string[];
  skip: string[];
  strict: boolean;
  verbose: boolean;
  color: boolean;
  /** The environment the probes see (process.env by default; tests pass their own). */
  env: Record<string, string | undefined>;
  cwd: string;
  /** Upper bound for any one spawned process (java, python). */
  processTimeoutMs: number;
  /** --offline: no network at all; Maven data comes from the cache or the shipped snapshot. */
  offline: boolean;
  /**
   * --no-cache: no answer kept by an earlier run is used or kept (JAR contents, parsed config, installed packages'
   * metadata, the JVM's answer, the job's needs).
   */
  noCache?: boolean;
  /** --maven-repo (else FLINK_DOCTOR_MAVEN_REPO, settings.xml mirrors, Maven Central). */
  mavenRepo?: string;
  /** --cluster URL (+ --cluster-auth-env, --cluster-ca, --cluster-timeout): the JobManager's REST address. */
  cluster?: { url: string; authEnv?: string; caFile?: string; timeoutMs?: number };
  /** --deploy FILE (repeatable): Dockerfiles, docker-compose files, Kubernetes manifests; else discovered in cwd. */
  deploy?: string[];
}

/** One command-line flag, declared once (src/cli/flags.ts); the config file's keys are checked against the same list. */
export interface FlagSpec {
  name: string;
  type: 'boolean' | 'string';
  multiple?: boolean;
  value?: string;
  description: string;
}

/** Flags as parsed (kebab-case names), before the config file is merged in. */
export type ParsedFlags = Record<string, string | boolean | string[] | undefined>;

export function defaultOptions(overrides: Partial<Options> = {}): Options {
  return {
    json: false,
    only: [],
    skip: [],
    strict: false,
    verbose: false,
    color: false,
    env: process.env,
    cwd: process.cwd(),
    processTimeoutMs: LIMITS.processTimeoutMs,
    offline: false,
    ...overrides,
  };
}
