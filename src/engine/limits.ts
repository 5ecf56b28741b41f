// Every bound on what flink-doctor reads, in one place. The files it reads may come from anyone (a pull
// request, a container image, a cache), so each input has a size cap and every parser runs in time linear in
// its input: no single input up to its cap costs more than 2 s or 300 MB, and many inputs cost in proportion.
// docs/bounds.md lists the same numbers for users (test/limits.test.ts keeps the two equal); an input over its
// cap becomes a finding naming the file and the cap, and the doctor stops reading that input only.

const KiB = 1024;
const MiB = 1024 * KiB;

export const LIMITS = {
  /** flink-doctor.config.json. Real ones are under 2 KiB. */
  configFileBytes: 1 * MiB,
  /** Entries of the config file's `ignore` list. */
  configIgnoreEntries: 1_000,
  /** flink-conf.yaml / config.yaml. Flink's own default config.yaml is about 15 KiB, mostly comments. */
  flinkConfigBytes: 128 * KiB,
  /** Nesting of mappings, sequences and flow collections in any YAML read (Flink's config.yaml nests 4 deep). */
  yamlDepth: 64,
  /** YAML anchors, and aliases, in any YAML read (a "billion laughs" document expands aliases exponentially). */
  yamlAliases: 100,
  /** A docker-compose file or Kubernetes manifest given to --deploy (the YAML library's cost caps it like config.yaml). */
  deployYamlBytes: 128 * KiB,
  /** Characters of one pipeline.jars / pipeline.classpaths value. */
  pipelineValueChars: 256 * KiB,
  /** Entries of one pipeline.jars / pipeline.classpaths value that are looked at. */
  pipelineEntries: 1_000,
  /** JAR files scanned in one run (lib/, opt/, --jars folders, pipeline.jars together). */
  jarFiles: 5_000,
  /** Central-directory entries listed per JAR; a fat connector JAR has 5,000 to 40,000. */
  zipEntries: 100_000,
  /** Largest small JAR entry inflated (MANIFEST.MF, NOTICE, pom.properties, the Factory service file). */
  zipTextBytes: 256 * KiB,
  /** Class files per JAR whose 8-byte header is read for the bytecode level. */
  zipClassSample: 24,
  /** pom.properties files read per JAR (shaded fat JARs carry one per bundled dependency). */
  zipPomProperties: 64,
  /**
   * Time one JAR may take to read; a JAR that takes longer is reported as unreadable, the scan goes on. The entry
   * and byte caps bound the work (≤ 2 s of CPU at the cap); this only stops stalled I/O, so it is generous: at 5 s a
   * CI machine at load 20 reported flink-dist unreadable (real tier, 2026-12-01).
   */
  zipReadMs: 30_000,
  /** Class names kept across all JARs to find the same class twice (about 100 bytes each). */
  classNamesTotal: 2_000_000,
  /** The METADATA / PKG-INFO header block (the long description after it is never read; old PKG-INFO files fold it into a header). */
  metadataHeaderBytes: 1 * MiB,
  /** An egg-info requires.txt. */
  requiresTxtBytes: 256 * KiB,
  /** Characters of one Requires-Dist / requires.txt requirement; real ones are under 300. */
  requirementChars: 8 * KiB,
  /** Extras, version clauses and marker comparisons of one requirement together; real ones have under 15. */
  requirementParts: 32,
  /** Parentheses nesting inside one PEP 508 marker. */
  markerDepth: 32,
  /** Requires-Dist lines (or requires.txt lines) read per distribution; apache-airflow, with all its extras, has about 800. */
  requirementsPerDistribution: 2_000,
  /** *.dist-info / *.egg-info directories read per interpreter (a large environment has about 500). */
  distributions: 20_000,
  /** pyflink/version.py and a JDK's `release` file. */
  smallTextBytes: 1 * MiB,
  /** ~/.m2/settings.xml. */
  settingsXmlBytes: 1 * MiB,
  /** One Maven response (maven-metadata.xml, a .sha1). */
  httpResponseBytes: 2 * MiB,
  /** Connecting to the Maven repository (or proxy). */
  httpConnectMs: 4_000,
  /** One request, headers and body. */
  httpRequestMs: 8_000,
  /** All network work of one run together; past it, the data comes from the cache or the shipped snapshot. */
  httpRunMs: 20_000,
  /** Retries of a request that failed in a way worth retrying (5xx, 429, a reset connection). */
  httpRetries: 2,
  /** Longest Retry-After honoured. */
  httpRetryAfterMs: 5_000,
  /** Redirects followed per request. */
  httpRedirects: 5,
  /** Requests in flight at once. */
  httpConcurrency: 4,
  /** One file of flink-doctor's own Maven cache. */
  cacheEntryBytes: 4 * MiB,
  /** Output kept from one java or python process. */
  processOutputBytes: 4 * MiB,
  /** Time one java or python process may take. */
  processTimeoutMs: 10_000,

  // What the job ships to its workers (src/python/archive.ts, src/probes/shipping.ts).
  /** Entries listed per python.archives / python.files archive; a venv with apache-flink has 10,000 to 30,000. */
  archiveEntries: 60_000,
  /** Bytes of a tar(.gz) stream decompressed; a venv with apache-flink is larger, and is read until the checks have what they need. */
  archiveStreamBytes: 256 * MiB,
  /** Time one archive may take to list (generous for the same reason as zipReadMs). */
  archiveReadMs: 30_000,
  /** A small archive entry read (pyvenv.cfg, a zip symlink's target). */
  archiveTextBytes: 64 * KiB,
  /** Symlink targets read per zip archive (a tar keeps them in its headers). */
  archiveLinks: 5_000,
  /** A python.requirements file. */
  requirementsFileBytes: 1 * MiB,
  /** Lines of one requirements file read. */
  requirementsFileLines: 100_000,
  /** Names kept from one python.files entry or requirements cache folder. */
  shippedNames: 5_000,
  /** Lines of a job file scanned for the local modules it imports. */
  importScanLines: 200_000,

  // Deployment files given to --deploy or found in the working directory (src/deploy).
  /** A Dockerfile (or any --deploy file before its kind is known). */
  dockerfileBytes: 512 * KiB,
  /** Instructions read per Dockerfile. */
  dockerfileInstructions: 5_000,
  /** Characters of one shell line of a RUN instruction handed to the shell-word splitter. */
  shellLineChars: 64 * KiB,
  /** YAML documents read per compose file or manifest. */
  deployYamlDocuments: 200,
  /** FLINK_PROPERTIES lines and volumes read per compose service. */
  composeServiceItems: 5_000,
  /** Files of the working directory looked at for deployment files. */
  deployDirEntries: 2_000,

  // The JobManager's REST API (--cluster, src/cluster).
  /** One REST response. */
  clusterResponseBytes: 4 * MiB,
  /** Classpath entries, JVM options and config entries kept from one response. */
  clusterListItems: 5_000,
  /** Characters kept of one value in a response. */
  clusterValueChars: 4_096,
  /** The PEM file --cluster-ca names. */
  clusterCaBytes: 1 * MiB,

  // The Flink config's JVM options (src/flink/jvm-options.ts).
  /** Options split from one JVM options value. */
  jvmOptions: 10_000,

  // The job files given to --job (src/job).
  /** A job file read from disk; only its first jobChars characters are parsed. */
  jobFileBytes: 16 * MiB,
  /** Characters of one job file parsed (the cut is reported). */
  jobChars: 1_048_576,
  /** Bracket nesting of one statement handed to the Python parser. */
  jobStatementDepth: 64,
  /** Characters of one statement handed to the Python parser. */
  jobStatementChars: 200_000,
  /** Characters of one string value the job builds; longer ones are unknown. */
  jobValueChars: 262_144,
  /** Literal pieces tracked per built string. */
  jobValuePieces: 256,
} as const;

export type LimitName = keyof typeof LIMITS;

/** A limit as docs/bounds.md writes it: sizes in KiB/MiB, times in s or ms, counts with thousands separators. */
export function formatLimit(name: LimitName): string {
  const value = LIMITS[name];
  if (name.endsWith('Bytes')) return formatBytes(value);
  if (name.endsWith('Ms')) return value % 1000 === 0 ? `${value / 1000} s` : `${value} ms`;
  return value.toLocaleString('en-US');
}

/** "1 MiB", "256 KiB", "900 bytes": how a cap is named in findings. */
export function formatBytes(bytes: number): string {
  if (bytes >= MiB && bytes % MiB === 0) return `${bytes / MiB} MiB`;
  if (bytes >= KiB && bytes % KiB === 0) return `${bytes / KiB} KiB`;
  if (bytes >= MiB) return `${(bytes / MiB).toFixed(1)} MiB`;
  if (bytes >= KiB) return `${(bytes / KiB).toFixed(1)} KiB`;
  return `${bytes} bytes`;
}
