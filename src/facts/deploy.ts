// The deployment as its files state it (--deploy, or a Dockerfile / docker-compose.y(a)ml / Kubernetes manifest
// found in the working directory): the images, what each Dockerfile adds, and the jobs FlinkDeployment and
// FlinkSessionJob resources run. Every item keeps its file and line so a finding can point at it.

/** The Python options of `flink run` and of a PythonDriver's args. */
export interface PythonArgs {
  /** -py / --python: the entry script. */
  python?: string;
  /** -pym / --pyModule */
  pyModule?: string;
  /** -pyfs / --pyFiles: files, directories or zips put on the workers' PYTHONPATH. */
  pyFiles: string[];
  /** -pyreq / --pyRequirements: "requirements.txt" or "requirements.txt#cache_dir". */
  pyRequirements?: { file: string; cacheDir?: string };
  /** -pyarch / --pyArchives: "archive[#dir]". */
  pyArchives: string[];
  /** -pyexec / --pyExecutable: the workers' interpreter. */
  pyExecutable?: string;
  /** -pyclientexec / --pyClientExecutable */
  pyClientExecutable?: string;
  /** -j / --jarfile */
  jarFiles: string[];
  /** -D key=value */
  dynamic: Record<string, string>;
}

export interface Located {
  file: string;
  line?: number;
}

export interface DeployImageFact extends Located {
  /** The reference as written (ARG defaults substituted). */
  ref: string;
  /** What states it. */
  role: 'dockerfile' | 'compose' | 'flinkdeployment' | 'workload';
  /** The compose service, FlinkDeployment or workload that uses it. */
  owner?: string;
  /** An official Flink image (flink, apache/flink). */
  official: boolean;
  /** An official repository with a tag flink-docker never publishes: nothing is read from it. */
  unknownTag?: boolean;
  flinkVersion?: string;
  scala?: string;
  /** Java named by the tag; absent: the line's default variant. */
  java?: number;
  floating: false | 'minor-only' | 'no-version';
}

export interface DeployPythonFact extends Located {
  /** "3.11" or "3.11.9"; absent for apt's python3, whose version depends on the base image. */
  version?: string;
  how: 'python-image' | 'apt' | 'source-build';
}

export interface DeployBuildFact extends Located {
  /** Index into DeployFact.images of the final stage's root image. */
  base?: number;
  /** The Python the image installs, in order. */
  pythons: DeployPythonFact[];
  /** Something makes `python` resolve in the image (a symlink, python-is-python3, a python: base image). */
  pythonAlias: boolean;
  /** A Python configured with --enable-shared. */
  sharedLibpython: boolean;
  pip: (Located & { python?: string; specs: string[]; requirementFiles: string[] })[];
  jars: (Located & { name: string; dir: string; how: 'download' | 'copy' })[];
  /** FROM images that could not be resolved (an ARG without a default). */
  unresolved: (Located & { text: string })[];
}

export interface DeployJobFact extends Located {
  kind: 'FlinkDeployment' | 'FlinkSessionJob' | 'compose';
  name: string;
  /** spec.flinkVersion as written ("v1_20") and its Flink minor. */
  flinkVersion?: Located & { value: string; minor?: string };
  /** Index into DeployFact.images (FlinkDeployment spec.image, compose service image). */
  image?: number;
  /** Index into DeployFact.builds when the image is built from a Dockerfile that was read (compose build:). */
  build?: number;
  jarURI?: string;
  entryClass?: string;
  python?: PythonArgs;
  /** spec.flinkConfiguration, or FLINK_PROPERTIES of a compose service. */
  config: Record<string, string>;
  /** FlinkSessionJob: the session FlinkDeployment it runs on. */
  deploymentName?: string;
  /** JAR files mounted into a compose service. */
  mounts: (Located & { name: string; dir: string })[];
}

export interface DeployFileFact {
  path: string;
  kind: 'dockerfile' | 'compose' | 'manifest';
  /** flag: --deploy (or the config file); discovered: found in the working directory; build: a compose build's Dockerfile. */
  found: 'flag' | 'discovered' | 'build';
  problems: string[];
}

export interface DeployFact {
  files: DeployFileFact[];
  images: DeployImageFact[];
  builds: DeployBuildFact[];
  jobs: DeployJobFact[];
}
