// What flink-doctor knows about one JAR, read from inside it (never only from its file name).
// Public to other modules: the Maven client (issue 4) consumes these to suggest replacements.

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
