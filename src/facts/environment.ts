// Facts about the machine outside Python: FLINK_HOME, the Flink conf directory, Java, the target Flink line.

/** Where a value came from, in the words a user would search for (flag, env var, config key, PATH). */
export interface Provenance {
  /** e.g. "--python", "PYFLINK_CLIENT_EXECUTABLE", "python.client.executable", "VIRTUAL_ENV", "PATH". */
  source: string;
  /** Free text: the file or variable value behind it. */
  detail?: string;
}

/** "PYFLINK_CLIENT_EXECUTABLE (/opt/py/bin/python)"; "env.java.home (/opt/flink/conf/config.yaml)"; "--python". */
export function describeProvenance(provenance: Provenance): string {
  return provenance.detail ? `${provenance.source} (${provenance.detail})` : provenance.source;
}

export interface FlinkHomeFact {
  /** FLINK_HOME is set in the environment. */
  set: boolean;
  path?: string;
  exists: boolean;
  /** lib/flink-dist-*.jar (file name) and the version read from its name. */
  distJar?: string;
  distVersion?: string;
  /** opt/flink-python*.jar and its version. */
  pythonJar?: string;
  pythonJarVersion?: string;
  problems: string[];
}

export interface ConfDirFact {
  dir?: string;
  provenance?: Provenance;
}

/**
 * One problem with the conf directory, for a check to report and fix: `unreadable` (directory or file),
 * `too-big` (over LIMITS.flinkConfigBytes), `yaml` (config.yaml is not YAML, or nested too deep), `shape` (its top level is not a mapping), `legacy-line` (a flink-conf.yaml
 * line Flink's parser skips), `value` (a setting Flink takes as one value holds a list or a mapping).
 */
export interface ConfigProblem {
  kind: 'unreadable' | 'too-big' | 'yaml' | 'shape' | 'legacy-line' | 'value';
  /** One line, naming the file (and line) it is about. */
  message: string;
  /** The file, or the directory for an unreadable directory. */
  path: string;
  line?: number;
  /** The setting a `value` problem is about. */
  key?: string;
}

export interface FlinkConfigFact {
  /** The conf directory read, and why that one. */
  dir?: string;
  dirProvenance?: Provenance;
  /** The file whose values are in `values`, after the version rules of which file wins. */
  file?: string;
  /** Files present in the directory (flink-conf.yaml, config.yaml). */
  present: string[];
  /** Flattened keys ("env.java.home") with their raw values (lists stay lists). */
  values: Record<string, unknown>;
  /** Read problems (malformed YAML, unreadable file) and settings Flink cannot use: reported by config.file, never thrown. */
  problems: ConfigProblem[];
}

export interface JavaVersionInfo {
  /** Feature release: 8 for 1.8.0_392, 17 for 17.0.15+6. */
  major: number;
  /** As printed: "1.8.0_392", "17.0.15", "25". */
  version: string;
  vendor?: string;
  /** "release file" or "java -XshowSettings" */
  readFrom: string;
}

export interface JavaFact {
  provenance: Provenance;
  home?: string;
  binary: string;
  /** The binary (or home) exists. */
  found: boolean;
  /** The binary ran and reported a version. */
  runs: boolean;
  version?: JavaVersionInfo;
  /** Why it did not run or could not be read (one line). */
  failure?: string;
  /** JDK (has javac and include/) or only a JRE: pemja builds need a JDK. */
  isJdk?: boolean;
  /** Other candidates PyFlink would have used after the winner (for --verbose). */
  shadowed: Provenance[];
}

export interface TargetFact {
  flinkVersion: string | null;
  /** The exact release every coordinate and URL uses: the patch given, else the newest patch known for the line. */
  patch: string | null;
  minor: string | null;
  source: 'flag' | 'wheel' | 'config' | 'none';
  /** The matrix knows this minor. */
  known: boolean;
}

/** The JVM options Flink's launchers use (PyFlink's gateway, bin/config.sh), read from the config and the environment. */
export interface JvmOptionsFact {
  /** What was read, in order, each with its raw value (JVM_ARGS, FLINK_ENV_JAVA_OPTS or the env.java.* keys). */
  from: { source: string; value: string }[];
  options: string[];
  /** The config file the keys came from. */
  file?: string;
}

/** Where the job runs: here (`python job.py` starts a mini cluster) or on a cluster. From the flags, the config and the job. */
export interface RunFact {
  /** Why it is submitted to a cluster ("--cluster", "execution.target: remote", "rest.address: jm"); absent: it runs here. */
  remote?: string;
  /** Why it runs in application mode, its paths resolved where it runs ("--deploy", "execution.target: kubernetes-application"). */
  application?: string;
}
