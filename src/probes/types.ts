// The facts probes gather. Checks read these and nothing else; keep them plain data (JSON-friendly).
import type { ConfigProblem } from '../flink/config-file.js';

/** Where a value came from, in the words a user would search for (flag, env var, config key, PATH). */
export interface Provenance {
  /** e.g. "--python", "PYFLINK_CLIENT_EXECUTABLE", "python.client.executable", "VIRTUAL_ENV", "PATH". */
  source: string;
  /** Free text: the file or variable value behind it. */
  detail?: string;
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

/** The marker environment of PEP 508, as reported by the interpreter itself. */
export interface MarkerEnvironment {
  implementation_name: string;
  implementation_version: string;
  os_name: string;
  platform_machine: string;
  platform_python_implementation: string;
  platform_release: string;
  platform_system: string;
  platform_version: string;
  python_full_version: string;
  python_version: string;
  sys_platform: string;
}

export interface PythonFact {
  provenance: Provenance;
  /** What was asked to run (a path or a bare name looked up on PATH). */
  requested: string;
  /** The interpreter file exists (false: missing path, or a bare name not on PATH). */
  found?: boolean;
  /** It ran and answered the probe. */
  runs: boolean;
  failure?: string;
  /** The file that was started: `requested` resolved against cwd or PATH (a venv's bin/python, a wrapper script). */
  path?: string;
  /** sys.executable as the interpreter reports it. */
  executable?: string;
  /** "3.11.7" */
  version?: string;
  implementation?: string;
  prefix?: string;
  basePrefix?: string;
  inVirtualEnv?: boolean;
  markers?: MarkerEnvironment;
  sysPath: string[];
}

export interface InstalledDistribution {
  /** As written in METADATA ("ruamel.yaml"). */
  name: string;
  /** PEP 503 normalised ("ruamel-yaml"). */
  key: string;
  version: string;
  /** The *.dist-info or *.egg-info directory. */
  metadataDir: string;
  /** Requires-Dist lines, raw. */
  requires: string[];
}

export interface InstalledPackagesFact {
  /** Normalised name → distribution; the first one on sys.path wins, as in importlib.metadata. */
  distributions: Record<string, InstalledDistribution>;
  /** Same name found more than once on sys.path (shadowed copies). */
  duplicates: InstalledDistribution[];
  problems: string[];
  /** Distributions whose metadata could not be read (guessed from the directory name): reinstall them. */
  broken?: string[];
}

export interface PyflinkFact {
  /** apache-flink is installed in the client interpreter. */
  installed: boolean;
  flink?: InstalledDistribution;
  libraries?: InstalledDistribution;
  /** site-packages/pyflink */
  packageDir?: string;
  /** __version__ from pyflink/version.py */
  versionPy?: string;
  /** File names in pyflink/lib and pyflink/opt. */
  libJars: string[];
  optJars: string[];
  problems: string[];
}

export interface TargetFact {
  flinkVersion: string | null;
  minor: string | null;
  source: 'flag' | 'wheel' | 'config' | 'none';
  /** The matrix knows this minor. */
  known: boolean;
}
