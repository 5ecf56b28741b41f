// What PyFlink's Python classes load from the JVM (compat-matrix.json `pyflinkClasses`) and which JDBC
// driver a URL scheme or driver class means (`jdbcDrivers`): the knowledge job.connectors judges with.
import type { SourceRef } from './source-ref.js';

export interface PyflinkClassEntry {
  python: string;
  java: string[];
  lines: string[];
  /** The file inside the line's wheel that names the JVM classes. */
  path: string;
}

export interface PyflinkClassesSection {
  note: string;
  packages: { prefix: string; family: string; sources: SourceRef[] }[];
  wheels: Record<string, string>;
  classes: PyflinkClassEntry[];
  /** JVM classes the connector JAR for a line does not contain (scripts/verify-pyflink-classes.py). */
  unavailable?: { java: string; lines: string[]; sources: SourceRef[] }[];
}

export interface JdbcDriver {
  schemes: string[];
  driverClass: string;
  otherClasses?: string[];
  groupId: string;
  artifactId: string;
  version: string;
  sources: SourceRef[];
}

export class JobClassKnowledge {
  constructor(
    readonly classes: PyflinkClassesSection | undefined,
    readonly drivers: JdbcDriver[],
  ) {}

  /**
   * The entries for a Python name as imported: exact (pyflink.table.catalog.HiveCatalog), or a class the
   * package re-exports (pyflink.datastream.connectors.FlinkKafkaConsumer is defined in ….connectors.kafka).
   */
  entriesFor(python: string): PyflinkClassEntry[] {
    const all = this.classes?.classes ?? [];
    const exact = all.filter((e) => e.python === python);
    if (exact.length > 0) return exact;
    const cut = python.lastIndexOf('.');
    const module = python.slice(0, cut);
    const name = python.slice(cut + 1);
    return all.filter((e) => e.python.startsWith(`${module}.`) && e.python.endsWith(`.${name}`));
  }

  /** The entry that applies to a Flink line (classes differ between lines, e.g. KafkaSource from 1.16). */
  entryFor(python: string, minor: string): PyflinkClassEntry | undefined {
    return this.entriesFor(python).find((e) => e.lines.includes(minor));
  }

  /** The connector family whose JARs hold a JVM class (the longest package prefix), if any. */
  familyOfClass(javaClass: string): string | undefined {
    let best: { prefix: string; family: string } | undefined;
    for (const entry of this.classes?.packages ?? []) {
      if (javaClass.startsWith(entry.prefix) && (!best || entry.prefix.length > best.prefix.length)) best = entry;
    }
    return best?.family;
  }

  /** Every JVM class any entry for these Python names loads, on any line: what the JAR scan looks for. */
  classesFor(pythonNames: readonly string[]): string[] {
    return [...new Set(pythonNames.flatMap((name) => this.entriesFor(name).flatMap((e) => e.java)))];
  }

  /** The connector JAR (coordinates) read for this line when it lacks the class: the wrapper cannot work there. */
  missingFrom(javaClass: string, minor: string): string | undefined {
    const entry = this.classes?.unavailable?.find((u) => u.java === javaClass && u.lines.includes(minor));
    return entry?.sources.find((s) => s.note?.startsWith(`Flink ${minor}:`))?.path ?? entry?.sources[0]?.path;
  }

  driverByScheme(scheme: string): JdbcDriver | undefined {
    return this.drivers.find((d) => d.schemes.includes(scheme));
  }

  driverByClass(driverClass: string): JdbcDriver | undefined {
    return this.drivers.find((d) => d.driverClass === driverClass || d.otherClasses?.includes(driverClass));
  }

  wheelFor(minor: string): string | undefined {
    return this.classes?.wheels[minor];
  }
}

/** "org.apache.flink.x.Y" → "org/apache/flink/x/Y.class", the central directory's name for it. */
export function classEntryName(javaClass: string): string {
  return `${javaClass.replaceAll('.', '/')}.class`;
}
