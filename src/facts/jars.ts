// Facts about JARs: what the run found (--jars, pipeline.jars/classpaths, lib/ and opt/) and what each one is,
// read from inside it (never only from its file name).

/** Where the run found a JAR: the words a user would search for. */
export type JarSource =
  | '--jars'
  | 'pipeline.jars'
  | 'pipeline.classpaths'
  | 'job:add_jars'
  | 'job:add_classpaths'
  | 'job:pipeline.jars'
  | 'job:pipeline.classpaths'
  | '$FLINK_HOME/lib'
  | '$FLINK_HOME/opt'
  | 'pyflink/lib'
  | 'pyflink/opt';

const DISTRIBUTION_FOLDERS: Partial<Record<JarSource, 'lib' | 'opt'>> = {
  '$FLINK_HOME/lib': 'lib',
  'pyflink/lib': 'lib',
  '$FLINK_HOME/opt': 'opt',
  'pyflink/opt': 'opt',
};

/** The distribution folder (lib/ or opt/ of FLINK_HOME or the wheel) a JAR was found in; undefined for the user's JARs. */
export function distributionFolder(source: JarSource): 'lib' | 'opt' | undefined {
  return DISTRIBUTION_FOLDERS[source];
}

/** A JAR of the Flink distribution itself (what the wheel or FLINK_HOME ships), not one the user added. */
export function fromDistribution(source: JarSource): boolean {
  return distributionFolder(source) !== undefined;
}

/**
 * fat: a flink-sql-connector-* / flink-sql-* shaded JAR meant for SQL and PyFlink;
 * thin: a flink-connector-* JAR without its dependencies; format: a flink format JAR (json, avro, …);
 * other: anything else (kafka-clients, a user's own JAR, flink-dist).
 */
export type JarKind = 'fat' | 'thin' | 'format' | 'other';

export interface JarIdentity {
  /** Absolute path of the JAR. */
  path: string;
  source: JarSource;
  groupId?: string;
  artifactId?: string;
  /** The artifact's own version as published ("3.3.0-1.20", "1.14.4"). */
  version?: string;
  /** The connector's own release when it differs from Flink's ("3.3.0" of "3.3.0-1.20"). */
  connectorVersion?: string;
  /** The Flink minor it was built for ("1.20"), from the version or the bundled Flink. */
  flinkLine?: string;
  /** "2.11", "2.12" for Scala-suffixed artifacts (flink-sql-connector-kafka_2.11). */
  scalaSuffix?: string;
  kind: JarKind;
  /** Table factory identifiers from META-INF/services/org.apache.flink.table.factories.Factory. */
  identifiers: string[];
  /** Highest class-file major version seen in a bounded sample (52 = Java 8, 61 = Java 17). */
  classMajor?: number;
}

export interface Coordinate {
  groupId: string;
  artifactId: string;
  version: string;
}

export interface IdentifiedJar {
  identity: JarIdentity;
  /** compat-matrix.json family key and whether this is its fat or thin artifact. */
  family?: string;
  role?: 'fat' | 'thin';
  /** Dependencies a Flink fat JAR lists in its NOTICE, or the shaded pom.properties of other fat JARs. */
  bundled: Coordinate[];
  /** Factory classes the matrix cannot map to an identifier. */
  unknownFactories: string[];
  /** Factory class → the identifier it registers, for the classes the matrix maps (what "Multiple factories" compares). */
  factories: Record<string, string>;
  /** Which entry each field came from, for --verbose. */
  evidence: string[];
}

export interface JarRef {
  path: string;
  source: JarSource;
  /** The config file or job file that named it. */
  origin?: string;
  line?: number;
}

export interface ScannedJar extends Partial<IdentifiedJar> {
  ref: JarRef;
  /** The same file reached through other sources (e.g. lib/ and pipeline.jars). */
  alsoFrom: JarRef[];
  /** Why it could not be read; identity is absent then. */
  error?: string;
  /** Oversized entries skipped, entries beyond the cap: reported as warnings. */
  notes: string[];
  entryCount?: number;
  size?: number;
  /** Packages with classes, in full ("org/apache/kafka/clients/consumer"): what it provides. */
  packages?: string[];
  /** SHA-1 of the file, computed only where it decides something (two overlapping JARs of the same size). */
  sha1?: string;
  /** Of the class files the run looks for (what the job's PyFlink classes load), those this JAR holds. */
  holds?: string[];
  /** Driver classes it registers in META-INF/services/java.sql.Driver. */
  jdbcDrivers?: string[];
}

export interface JarOverlap {
  jars: [string, string];
  /** Packages ("org/apache/kafka/clients") holding classes found in both. */
  packages: string[];
  /** The longest package every overlapping class is in ("org/apache/kafka"; "" when they share none). */
  commonPackage: string;
  classes: number;
  /** The two files are byte-identical (same SHA-1): one JAR twice, not two builds. */
  identical: boolean;
}

export interface JarsFact {
  jars: ScannedJar[];
  overlaps: JarOverlap[];
  durationMs: number;
  /** Bounds the scan hit (more JARs than it reads, more class names than it compares): reported, never fatal. */
  notes?: string[];
  /** Folders given with --jars that exist but could not be listed ("cannot read <dir>: <why>"). */
  unlisted?: string[];
  /** Set, non-empty classpath variables PyFlink's gateway adds to the JVM's classpath (HADOOP_CLASSPATH). */
  classpathEnv?: Record<string, string>;
}

export interface PipelineEntry {
  raw: string;
  /** Local file the entry points at (file: URLs, and plain paths Flink would reject). */
  path?: string;
  scheme?: string;
  /** Filled by the probe: the local file exists and is a regular file. */
  exists?: boolean;
}

export interface PipelineAnalysis {
  key: 'pipeline.jars' | 'pipeline.classpaths';
  entries: PipelineEntry[];
  /** Syntax problems, each one line. */
  issues: string[];
  /** The value to write instead, when something was wrong and a correction is clear. */
  corrected?: string;
  /** The value is a YAML list (config.yaml) rather than one string. */
  yamlList: boolean;
}

export interface PipelineSetting {
  /** Config file or job file. */
  origin: string;
  line?: number;
  /** How it was set: the config key, or the job call. */
  via: 'config' | 'job:set' | 'job:add_jars' | 'job:add_classpaths';
  source: JarSource;
  analysis: PipelineAnalysis;
  /** Entries or a whole value the job computes at run time, as written: not checked here. */
  computed?: string[];
}

export interface PipelineJarsFact {
  settings: PipelineSetting[];
}
