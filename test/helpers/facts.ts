// Built facts for testing a check's decisions in milliseconds: no JVM, no Python, no file system.
// buildFacts() is one complete, healthy machine (a Flink 2.2.1 wheel in a Python 3.11 venv on Linux, Java 17,
// FLINK_HOME unset, no --jars, no job); a test overrides only the facts its case is about, e.g.
//   decide(javaRuntime, buildFacts({ java: { version: { major: 21, version: '21.0.7', readFrom: 'release file' } } }))
// Real probes are tested against real JDKs, interpreters and venvs elsewhere; keep those for probes and a few
// end-to-end runs.
import type { Check } from '../../checks/define.js';
import type { Outcome } from '../../src/engine/model.js';
import type {
  FactKey,
  Facts,
  InstalledDistribution,
  JarIdentity,
  JarSource,
  MarkerEnvironment,
  PythonFact,
  ScannedJar,
  TargetFact,
} from '../../src/facts/index.js';
import { java17Flags } from '../../src/knowledge/images.js';
import { bundledMatrix } from './matrix.js';

/** Per fact, the fields to change; each fact is merged shallowly over the healthy default. */
export type FactsOverrides = { [K in FactKey]?: Partial<Facts[K]> };

export const VENV = '/home/dev/project/.venv';
export const PYTHON = `${VENV}/bin/python`;
export const SITE_PACKAGES = `${VENV}/lib/python3.11/site-packages`;
export const PYFLINK_DIR = `${SITE_PACKAGES}/pyflink`;
export const JAVA_HOME = '/usr/lib/jvm/java-17-openjdk-amd64';

/** What CPython 3.11.7 on x86_64 Linux reports for PEP 508 markers (as the python probe's script collects them). */
export const LINUX_PY311_MARKERS: MarkerEnvironment = {
  implementation_name: 'cpython',
  implementation_version: '3.11.7',
  os_name: 'posix',
  platform_machine: 'x86_64',
  platform_python_implementation: 'CPython',
  platform_release: '6.8.0-45-generic',
  platform_system: 'Linux',
  platform_version: '#45-Ubuntu SMP PREEMPT_DYNAMIC',
  python_full_version: '3.11.7',
  python_version: '3.11',
  sys_platform: 'linux',
};

/** apache-flink 2.2.1's Requires-Dist, as its setup.py on release-2.2 declares it (see compat-matrix.json requiresDist). */
export const APACHE_FLINK_221_REQUIRES = [
  'py4j==0.10.9.7',
  'python-dateutil>=2.8.0,<3',
  'apache-beam>=2.54.0,<=2.61.0',
  'cloudpickle>=2.2.0',
  'avro>=1.12.0',
  'pytz>=2018.3',
  'fastavro>=1.1.0,!=1.8.0',
  'requests>=2.26.0',
  'protobuf>=3.19.0',
  'numpy>=1.22.4',
  'pandas>=1.3.0,<2.3',
  'pyarrow>=5.0.0,<21.0.0',
  'pemja>=0.5.7,<0.5.8; platform_system != "Windows"',
  'httplib2>=0.19.0',
  'ruamel.yaml>=0.18.4',
  'apache-flink-libraries>=2.2.1,<2.2.2',
];

/** An installed distribution as the packages probe reports it (dist-info directory in the venv). */
export function distribution(name: string, version: string, requires: string[] = []): InstalledDistribution {
  const key = name.toLowerCase().replace(/[-_.]+/g, '-');
  return { name, key, version, metadataDir: `${SITE_PACKAGES}/${name.replace(/[-.]/g, '_')}-${version}.dist-info`, requires };
}

/** Distributions as the packages probe reports them, keyed by normalised name (e.g. from python-env.ts's lists). */
export function installed(list: readonly { name: string; version: string; requires?: string[] }[]): Record<string, InstalledDistribution> {
  const dists = list.map((d) => distribution(d.name, d.version, d.requires ?? []));
  return Object.fromEntries(dists.map((d) => [d.key, d]));
}

/**
 * apache-flink 2.2.1 and a version of each requirement that satisfies it. The dependencies' own Requires-Dist
 * are left out (except python-dateutil's six) so a test about them adds exactly what it is about.
 */
export function healthyDistributions(): Record<string, InstalledDistribution> {
  const list = [
    distribution('apache-flink', '2.2.1', APACHE_FLINK_221_REQUIRES),
    distribution('apache-flink-libraries', '2.2.1'),
    distribution('py4j', '0.10.9.7'),
    distribution('python-dateutil', '2.9.0.post0', ['six>=1.5']),
    distribution('six', '1.16.0'),
    distribution('apache-beam', '2.61.0'),
    distribution('cloudpickle', '2.2.1'),
    distribution('avro', '1.12.0'),
    distribution('pytz', '2024.1'),
    distribution('fastavro', '1.9.7'),
    distribution('requests', '2.32.3'),
    distribution('protobuf', '4.25.5'),
    distribution('numpy', '1.26.4'),
    distribution('pandas', '2.2.3'),
    distribution('pyarrow', '16.1.0'),
    distribution('pemja', '0.5.7'),
    distribution('httplib2', '0.22.0'),
    distribution('ruamel.yaml', '0.18.6'),
  ];
  return Object.fromEntries(list.map((d) => [d.key, d]));
}

/** The --add-opens/--add-exports list of Flink 2.2's default config (compat-matrix.json jvmOptions). */
export const JAVA17_FLAGS_22 = java17Flags(bundledMatrix(), '2.2')?.flags ?? [];

function healthyFacts(): Facts {
  const distributions = healthyDistributions();
  const configFile = `${PYFLINK_DIR}/conf/config.yaml`;
  return {
    flinkHome: { set: false, exists: false, problems: [] },
    confDir: {},
    python: {
      provenance: { source: 'VIRTUAL_ENV', detail: VENV },
      requested: PYTHON,
      found: true,
      runs: true,
      path: PYTHON,
      executable: PYTHON,
      version: '3.11.7',
      implementation: 'CPython',
      prefix: VENV,
      basePrefix: '/usr/local',
      inVirtualEnv: true,
      markers: LINUX_PY311_MARKERS,
      sysPath: ['/usr/local/lib/python311.zip', '/usr/local/lib/python3.11', '/usr/local/lib/python3.11/lib-dynload', SITE_PACKAGES],
    },
    packages: { distributions, duplicates: [], problems: [] },
    pyflink: {
      installed: true,
      flink: distributions['apache-flink'],
      libraries: distributions['apache-flink-libraries'],
      packageDir: PYFLINK_DIR,
      versionPy: '2.2.1',
      libJars: [
        'flink-dist-2.2.1.jar',
        'flink-table-api-java-uber-2.2.1.jar',
        'flink-table-runtime-2.2.1.jar',
        'flink-table-planner-loader-2.2.1.jar',
      ],
      optJars: ['flink-python-2.2.1.jar', 'flink-sql-client-2.2.1.jar'],
      problems: [],
    },
    target: { flinkVersion: '2.2.1', patch: '2.2.1', minor: '2.2', source: 'wheel', known: true },
    flinkConfig: {
      dir: `${PYFLINK_DIR}/conf`,
      dirProvenance: { source: 'apache-flink wheel', detail: 'pyflink/conf (FLINK_HOME is unset)' },
      file: configFile,
      present: ['config.yaml'],
      values: { 'jobmanager.rpc.address': 'localhost', 'taskmanager.numberOfTaskSlots': 1, 'parallelism.default': 1 },
      problems: [],
    },
    java: {
      provenance: { source: 'JAVA_HOME', detail: JAVA_HOME },
      home: JAVA_HOME,
      binary: `${JAVA_HOME}/bin/java`,
      found: true,
      runs: true,
      version: { major: 17, version: '17.0.15', vendor: 'Eclipse Adoptium', readFrom: 'java -XshowSettings:properties -version' },
      isJdk: true,
      shadowed: [],
    },
    // The wheel's config.yaml carries Flink's Java 17 list in env.java.opts.all, as every 1.18+ distribution does.
    jvmOptions: {
      from: [{ source: 'env.java.opts.all', value: JAVA17_FLAGS_22.join(' ') }],
      options: [...JAVA17_FLAGS_22],
      file: configFile,
    },
    maven: { repository: null, offline: false, versions: {}, jars: [], problems: [] },
    repository: { url: 'https://repo1.maven.org/maven2', source: 'Maven Central', problems: [] },
    job: { files: [] },
    pipelineJars: { settings: [] },
    jars: { jars: [], overlaps: [], durationMs: 0 },
    worker: { status: 'unset', file: configFile, archives: [], sameAsClient: false },
    shipping: { archives: [], files: { entries: [], localImports: [] }, file: configFile },
    cluster: { status: 'not-requested', classpath: [], config: {}, gaps: [], notes: [] },
    deploy: { files: [], images: [], builds: [], jobs: [] },
    // `python job.py` on this machine: no --cluster, no --deploy, no remote execution.target.
    run: {},
  };
}

/** A complete, healthy set of facts with `overrides` merged over it (one level deep per fact). */
export function buildFacts(overrides: FactsOverrides = {}): Facts {
  const facts = healthyFacts();
  for (const key of Object.keys(overrides) as FactKey[]) {
    Object.assign(facts[key], overrides[key]);
  }
  return facts;
}

/** Runs a check's decision on built facts with the real compat-matrix.json: pure, synchronous, no probe. */
export function decide<K extends FactKey>(check: Check<K>, facts: Facts, options: { strict?: boolean } = {}): Outcome {
  return check.run(facts, { matrix: bundledMatrix(), strict: options.strict ?? false });
}

/** The target as the target probe reports it (src/probes/target.ts): a minor alone resolves to the newest known patch. */
export function targetOf(flinkVersion: string | null, source: TargetFact['source'] = 'flag'): TargetFact {
  if (flinkVersion === null) return { flinkVersion: null, patch: null, minor: null, source: 'none', known: false };
  const matrix = bundledMatrix();
  const minor = flinkVersion.split('.').slice(0, 2).join('.');
  return { flinkVersion, patch: matrix.resolvePatch(flinkVersion), minor, source, known: matrix.line(minor) !== undefined };
}

/** A client interpreter of another CPython version (e.g. "3.12.1"): version and markers agree, the rest stays healthy. */
export function pythonOf(version: string, overrides: Partial<PythonFact> = {}): PythonFact {
  const base = buildFacts().python;
  const minor = version.split('.').slice(0, 2).join('.');
  const markers = { ...LINUX_PY311_MARKERS, python_version: minor, python_full_version: version, implementation_version: version };
  return { ...base, version, markers, ...overrides };
}

/**
 * A JAR as the jars probe reports it after reading it (src/jars/identify.ts): `identity` holds what was found
 * inside, `extra` the family, role, packages or factories. A bare file name is placed in /work/jars.
 */
export function scannedJar(
  path: string,
  identity: Partial<JarIdentity> = {},
  extra: Partial<ScannedJar> = {},
  source: JarSource = '--jars',
): ScannedJar {
  const full = path.startsWith('/') ? path : `/work/jars/${path}`;
  return {
    ref: { path: full, source },
    alsoFrom: [],
    notes: [],
    identity: { path: full, source, kind: 'other', identifiers: [], ...identity },
    ...extra,
  };
}

/** flink-sql-connector-kafka built for `version` ("3.3.0-1.20"), as the probe identifies the fat JAR Flink publishes. */
export function fatKafka(
  version = '3.3.0-1.20',
  path = `flink-sql-connector-kafka-${version}.jar`,
  source: JarSource = '--jars',
): ScannedJar {
  const flinkLine = version.split('-')[1];
  const identity = {
    groupId: 'org.apache.flink',
    artifactId: 'flink-sql-connector-kafka',
    version,
    kind: 'fat' as const,
    identifiers: ['kafka', 'upsert-kafka'],
    classMajor: 55,
    ...(flinkLine ? { flinkLine, connectorVersion: version.split('-')[0] } : {}),
  };
  const factories = {
    'org.apache.flink.streaming.connectors.kafka.table.KafkaDynamicTableFactory': 'kafka',
    'org.apache.flink.streaming.connectors.kafka.table.UpsertKafkaDynamicTableFactory': 'upsert-kafka',
  };
  const packages = ['org/apache/flink/streaming/connectors/kafka/table', 'org/apache/flink/kafka/shaded/org/apache/kafka/clients/consumer'];
  return scannedJar(
    path,
    identity,
    { family: 'kafka', role: 'fat', bundled: [], unknownFactories: [], factories, evidence: [], packages },
    source,
  );
}

/** flink-connector-kafka built for `version`: the thin JAR, modelled on the real 3.4.0-1.20 (connector classes only). */
export function thinKafkaJar(version = '3.3.0-1.20'): ScannedJar {
  const identity = {
    groupId: 'org.apache.flink',
    artifactId: 'flink-connector-kafka',
    version,
    flinkLine: version.split('-')[1],
    kind: 'thin' as const,
    identifiers: ['kafka'],
  };
  return scannedJar(`flink-connector-kafka-${version}.jar`, identity, {
    family: 'kafka',
    role: 'thin',
    packages: ['org/apache/flink/streaming/connectors/kafka/table'],
  });
}

/** kafka-clients 3.4.0, what the thin Kafka JAR needs next to it. */
export const kafkaClients = scannedJar(
  'kafka-clients-3.4.0.jar',
  { groupId: 'org.apache.kafka', artifactId: 'kafka-clients', version: '3.4.0' },
  { packages: ['org/apache/kafka/clients/consumer', 'org/apache/kafka/common'] },
);

/** flink-avro 1.20.1: the thin Avro format (PyFlink wants flink-sql-avro). */
export const thinAvro = scannedJar(
  'flink-avro-1.20.1.jar',
  { groupId: 'org.apache.flink', artifactId: 'flink-avro', version: '1.20.1', flinkLine: '1.20', kind: 'format', identifiers: ['avro'] },
  { family: 'avro', role: 'thin' },
);
