// What the JARs a job sees provide: table factory identifiers, class files, JDBC drivers. A JAR present here
// is judged by its contents; one the job names that is not here (an image's /opt/flink/lib/…, a computed
// directory) is judged by its file name, so a wrong build is caught before anyone downloads it.
import { basename } from 'node:path';
import type { JarReference, JobNeeds, ScannedJar } from '../src/facts/index.js';
import { parseJarFileName } from '../src/jars/version.js';
import type { ConnectorFamily, ConnectorKnowledge } from '../src/knowledge/connectors.js';

/** A JAR the job names, known only by its file name. */
export interface NamedJar {
  ref: JarReference;
  fileName: string;
  artifactId: string;
  version: string;
  scalaSuffix?: string;
  familyKey?: string;
  family?: ConnectorFamily;
  /** The Flink minor its version says it was built for. */
  builtFor?: string;
  /** Lines its release supports (CDC tables); builtFor when the version carries one. */
  lines: string[];
}

export interface Providers {
  /** Readable JARs with their identity. */
  present: ScannedJar[];
  /** Referenced by the job, not readable here: judged by name. */
  named: NamedJar[];
}

export function providersOf(jars: readonly ScannedJar[], needs: JobNeeds | undefined, knowledge: ConnectorKnowledge): Providers {
  const present = jars.filter((jar) => !jar.error && jar.identity);
  const here = new Set(present.flatMap((jar) => [jar.ref.path, ...jar.alsoFrom.map((r) => r.path)].map((p) => basename(p))));
  const named: NamedJar[] = [];
  for (const ref of needs?.jars ?? []) {
    if (!ref.fileName || here.has(ref.fileName) || named.some((n) => n.fileName === ref.fileName)) continue;
    const parsed = parseJarFileName(ref.fileName);
    if (!parsed) continue;
    const artifactId = parsed.artifactId + (parsed.scalaSuffix ? `_${parsed.scalaSuffix}` : '');
    const match = knowledge.familyOfArtifact(artifactId);
    const lines = match ? knowledge.flinkLinesOf(match.family, parsed.version, artifactId) : undefined;
    named.push({
      ref,
      fileName: ref.fileName,
      artifactId,
      version: parsed.version,
      ...(parsed.scalaSuffix ? { scalaSuffix: parsed.scalaSuffix } : {}),
      ...(match ? { familyKey: match.key, family: match.family } : {}),
      ...(lines?.builtFor ? { builtFor: lines.builtFor } : {}),
      lines: lines?.lines ?? [],
    });
  }
  return { present, named };
}

/** Who registers a table identifier: a readable JAR (its Factory service file) or a named JAR's family. */
export function identifierProvider(
  providers: Providers,
  identifier: string,
  knowledge: ConnectorKnowledge,
): { present?: ScannedJar; named?: NamedJar } | undefined {
  const present = providers.present.find((jar) => jar.identity?.identifiers.includes(identifier));
  if (present) return { present };
  const named = providers.named.find(
    (jar) => jar.family && knowledge.registersIn(jar.family, identifier, jar.version.replace(/-\d+\.\d+$/, '')),
  );
  return named ? { named } : undefined;
}

/** Who holds a class file: a readable JAR whose central directory lists it, or a named JAR of the family that owns it. */
export function classProvider(
  providers: Providers,
  entryName: string,
  family: string | undefined,
): { present?: ScannedJar; named?: NamedJar } | undefined {
  const present = providers.present.find((jar) => jar.holds?.includes(entryName));
  if (present) return { present };
  const named = family ? providers.named.find((jar) => jar.familyKey === family) : undefined;
  return named ? { named } : undefined;
}

/** Who provides a JDBC driver: a JAR registering it (java.sql.Driver service) or holding its class; a named JAR of its artifact. */
export function driverProvider(
  providers: Providers,
  classes: readonly string[],
  artifactId: string | undefined,
): { present?: ScannedJar; named?: NamedJar } | undefined {
  const entries = classes.map((c) => `${c.replaceAll('.', '/')}.class`);
  const present = providers.present.find(
    (jar) => jar.jdbcDrivers?.some((d) => classes.includes(d)) || jar.holds?.some((h) => entries.includes(h)),
  );
  if (present) return { present };
  const named = artifactId ? providers.named.find((jar) => jar.artifactId === artifactId) : undefined;
  return named ? { named } : undefined;
}
