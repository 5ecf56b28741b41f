// Facts about the Python side: the client interpreter, what is installed in it, the PyFlink wheel, the UDF workers.
import type { Provenance } from './environment.js';

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
  /** Built with --enable-shared (sysconfig Py_ENABLE_SHARED), or a libpython*.so/.dylib sits in LIBDIR: pemja (thread mode) can load it. */
  libpython?: { shared: boolean; found: boolean };
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

export interface WorkerFact {
  /**
   * unset: python.executable is not in the config; archive: a path inside an extracted python.archives entry;
   * relative: another relative path (resolved on the workers); invalid: not a string; inspected: looked at;
   * computed: the job sets it from a value known only at run time (`configured` holds the expression).
   */
  status: 'unset' | 'archive' | 'relative' | 'invalid' | 'inspected' | 'computed';
  /** The job's own code sets it (set("python.executable"), set_python_executable()): `file` is "job.py:line". */
  inJob?: boolean;
  /** status unset: `python` from this machine's PATH was inspected instead (what `flink run` and local workers start). */
  fromPath?: boolean;
  /** status archive: the archive opened on this machine and the interpreter looked up inside it. */
  archiveRead?: ArchiveRead;
  /** python.executable as written. */
  configured?: string;
  /** The config file that sets it (or the conf dir read when unset). */
  file?: string;
  /** python.archives entries as written ("venv.zip", "envs/py311.tar.gz#py"). */
  archives: string[];
  /** The archive python.executable points into (status archive). */
  archive?: string;
  /** The inspected interpreter (status inspected). */
  python?: PythonFact;
  /** python.executable is the client's interpreter: the client's facts were reused and nothing was spawned. */
  sameAsClient: boolean;
  /** What is installed in it (the client's scan when sameAsClient). */
  packages?: InstalledPackagesFact;
  /**
   * Set when the config file (not the job) sets python.executable and the job is a DataStream job: `python` from PATH,
   * which that job run here starts instead (`python job.py` does not read the config file's python.executable).
   */
  pathPython?: PathPython;
}

/** `python` from this machine's PATH, inspected as a worker interpreter. */
export type PathPython = Pick<WorkerFact, 'python' | 'packages' | 'sameAsClient'>;

/** A symlink inside an archive whose target is absolute or climbs out of it (it will not exist on the workers). */
export interface OutwardLink {
  name: string;
  target: string;
}

/** The interpreter python.executable names, looked up inside a shipped environment archive. */
export interface ArchiveInterpreter {
  /** Its path inside the archive ("venv/bin/python"). */
  inside: string;
  /** file: a real file inside; outside: a symlink (chain) leaving the archive; missing: no such entry; loop. */
  resolution: { kind: 'file'; path: string } | { kind: 'outside'; link: string; target: string } | { kind: 'missing' } | { kind: 'loop' };
  /** The environment root (the folder holding bin/). */
  root: string;
  pythonMinor?: string;
  minorFrom?: 'pyvenv.cfg' | 'lib/pythonX.Y';
  /** apache-flink in the environment's site-packages (from its dist-info folder name). */
  flinkVersion?: string;
}

/** One python.archives entry as read on this machine. */
export interface ArchiveRead {
  /** As written ("venv.zip", "envs/py311.tar.gz#py"). */
  entry: string;
  /** The local file it names, when it is one. */
  path?: string;
  /** remote: an hdfs://, s3://… URL that is not read; unreadable: see problem. */
  status: 'read' | 'remote' | 'unreadable';
  problem?: string;
  entries?: number;
  /** Entries were left unread: a cap was reached (`cap`) or the checks had what they need (`enough`). */
  truncated?: boolean;
  /** The bound that ended the listing, in words: the checks judge only what was read. */
  cap?: string;
  /** The listing stopped once the checks had what they need (a symlink out of the archive decides python.archives). */
  enough?: boolean;
  outwardLinks: OutwardLink[];
  /** Folders holding bin/python* (Python environments). */
  environments: string[];
  /** The interpreter python.executable points at inside this archive. */
  interpreter?: ArchiveInterpreter;
}

/** A requirements file (python.requirements, -pyreq, set_python_requirements) and its optional cache folder. */
export interface RequirementsRead {
  entry: string;
  file: string;
  cacheDir?: string;
  problem?: string;
  /** Requirement lines (options, comments and -r includes left out). */
  requirements: { line: number; text: string }[];
  /** File names in the cache folder (wheels and sdists), when one is given. */
  cacheFiles: string[];
  cacheProblem?: string;
}

/** python.files entries and the local modules the job imports. */
export interface PythonFilesRead {
  entries: { entry: string; path?: string; kind?: 'py' | 'zip' | 'dir' | 'other'; modules: string[]; problem?: string }[];
  /** Modules the job imports that are files or packages next to it (what workers need shipped). */
  localImports: { module: string; line: number; path: string; /** The --job file that imports it. */ job: string }[];
}

/** What the job ships to the Python workers besides the interpreter, from the Flink config. */
export interface ShippingFact {
  archives: ArchiveRead[];
  requirements?: RequirementsRead;
  files: PythonFilesRead;
  /** python.execution-mode as set ("process" by default, "thread" needs pemja and a shared libpython). */
  executionMode?: string;
  /** The config file these came from. */
  file?: string;
  /** Keys the job's code sets or adds to (python.files, python.archives, python.requirements) → "job.py:line". */
  fromJob?: Partial<Record<'python.files' | 'python.archives' | 'python.requirements', string>>;
}
