// Versions of connector artifacts. "3.3.0-1.20" is <connector release>-<Flink minor it was built for>;
// semver would read "-1.20" as a prerelease, so this is a focused parser, not semver.
// What a plain "1.14.4" means depends on the artifact family (in-tree connector: the Flink version;
// CDC: its own release), so callers decide that with the matrix.
import { minorOf } from '../knowledge/versions.js';

export interface ArtifactVersion {
  /** As written. */
  raw: string;
  /** The release part: "3.3.0" of "3.3.0-1.20", "1.14.4" of "1.14.4". */
  release: string;
  /** The Flink minor of an externalized build ("1.20"), absent for plain versions. */
  builtFor?: string;
  snapshot: boolean;
}

const VERSION = /^(\d+\.\d+(?:\.\d+)?)(?:-(\d+\.\d+))?(-SNAPSHOT)?$/;

export function parseArtifactVersion(text: string): ArtifactVersion | undefined {
  const raw = text.trim();
  const match = VERSION.exec(raw);
  if (!match) return undefined;
  const version: ArtifactVersion = { raw, release: match[1] ?? raw, snapshot: Boolean(match[3]) };
  if (match[2]) version.builtFor = minorOf(match[2]);
  return version;
}

export interface FileNameParts {
  artifactId: string;
  scalaSuffix?: string;
  version: string;
}

// artifactId, optional _2.1x Scala suffix, then a version; artifactIds may hold digits and dots
// (flink-sql-connector-hbase-2.2, flink-sql-connector-hive-3.1.3_2.12), so the version is anchored at ".jar".
const FILE_NAME = /^(.+?)(?:_(2\.1[0-3]))?-(\d+\.\d+(?:\.\d+)?(?:-\d+\.\d+)?(?:-SNAPSHOT)?)\.jar$/;

/** "flink-sql-connector-kafka_2.11-1.14.4.jar" → artifactId, "2.11", "1.14.4". A hint only: JARs get renamed. */
export function parseJarFileName(name: string): FileNameParts | undefined {
  const match = FILE_NAME.exec(name);
  if (!match?.[1] || !match[3]) return undefined;
  const parts: FileNameParts = { artifactId: match[1], version: match[3] };
  if (match[2]) parts.scalaSuffix = match[2];
  return parts;
}

/** "flink-connector-kafka_2.12" → { base: "flink-connector-kafka", scala: "2.12" }. */
export function splitScalaSuffix(artifactId: string): { base: string; scala?: string } {
  const match = /^(.*)_(2\.1[0-3])$/.exec(artifactId);
  return match?.[1] && match[2] ? { base: match[1], scala: match[2] } : { base: artifactId };
}

/**
 * flink-shaded-* artifacts (flink-shaded-guava, flink-shaded-hadoop-2-uber) are versioned <bundled library>-<flink-shaded
 * release> ("2.8.3-10.0": Hadoop 2.8.3, flink-shaded 10.0): the suffix names no Flink line.
 */
export function isFlinkShaded(artifactId: string | undefined): boolean {
  return Boolean(artifactId?.startsWith('flink-shaded-'));
}

/**
 * The Flink line an Apache Flink JAR's file name states: "flink-sql-connector-kafka-3.3.0-1.20.jar" → 1.20,
 * "flink-python-1.20.1.jar" and "flink-python_2.12-1.15.4.jar" → 1.20 / 1.15. Only flink-* names: other
 * projects' versions (kafka-clients-3.7.0) are not Flink versions. A hint, as every file name is.
 */
export function flinkLineOfJarName(name: string): { artifactId: string; version: string; line: string } | undefined {
  const parts = parseJarFileName(name);
  if (!parts || !parts.artifactId.startsWith('flink-') || /cdc/.test(parts.artifactId) || isFlinkShaded(parts.artifactId)) return undefined;
  const externalized = /^\d+(?:\.\d+){1,2}-(\d+\.\d+)$/.exec(parts.version);
  // A plain version is Flink's own only for in-tree builds (1.9+ or 2.x); externalized releases (3.0.0) are not.
  const plain = /^(1)\.(9|[1-9]\d)(?:\.\d+)?$|^(2)\.(\d+)(?:\.\d+)?$/.test(parts.version) ? minorOf(parts.version) : undefined;
  const line = minorOf(externalized?.[1] ?? plain ?? '');
  return line ? { artifactId: parts.artifactId, version: parts.version, line } : undefined;
}

/**
 * How bad a JAR built for Flink `built` is on Flink `target`: another major is an error (Flink 2 removed the
 * 1.x SourceFunction/SinkFunction APIs), another minor of the same major a warning (NoSuchMethodError where
 * an API it calls changed), as jars.flink-version judges it.
 */
export function lineMismatch(built: string, target: string): 'error' | 'warning' | undefined {
  if (built === target) return undefined;
  return built.split('.')[0] !== target.split('.')[0] ? 'error' : 'warning';
}
