// How findings name JARs: the file name, what it was identified as, and where it came from.
import { basename } from 'node:path';
import type { Location } from '../engine/model.js';
import type { ConnectorKnowledge } from '../knowledge/connectors.js';
import { jarPath, joinUrl } from '../maven/coordinates.js';
import type { Coordinate, JarRef, ScannedJar } from '../facts/index.js';

export function jarLabel(jar: ScannedJar): string {
  const { name, what } = nameAndWhat(jar);
  return `${what ? `${name} (${what})` : name} from ${origin(jar.ref)}`;
}

/** The same with the origin in parentheses, for sentences that go on ("Replace X (from --jars) with Y"). */
export function jarLabelInline(jar: ScannedJar): string {
  const { name, what } = nameAndWhat(jar);
  return `${name} (${what ? `${what}, ` : ''}from ${origin(jar.ref)})`;
}

/** The file name, and what it was identified as when the name does not already say so. */
function nameAndWhat(jar: ScannedJar): { name: string; what?: string } {
  const name = basename(jar.ref.path);
  const id = jar.identity;
  const what = id?.artifactId ? `${id.artifactId}${id.version ? `:${id.version}` : ''}` : undefined;
  return what && !name.startsWith(`${id?.artifactId}-${id?.version ?? ''}`) ? { name, what } : { name };
}

export function origin(ref: JarRef): string {
  if (ref.origin) return `${ref.source} in ${basename(ref.origin)}${ref.line ? `:${ref.line}` : ''}`;
  return ref.source;
}

/** Where the reference was written, when it came from a file (config or job): SARIF points there too. */
export function referenceLocation(ref: JarRef): Location | undefined {
  if (!ref.origin) return undefined;
  return ref.line ? { path: ref.origin, line: ref.line } : { path: ref.origin };
}

export function coordinates(c: Coordinate): string {
  return `${c.groupId}:${c.artifactId}:${c.version}`;
}

/** Download URL of a JAR in the run's repository (the `repository` fact), when the version is concrete (not "1.20.x"). */
export function downloadUrl(repositoryUrl: string, c: Coordinate): string | undefined {
  if (c.version.endsWith('.x')) return undefined;
  try {
    return joinUrl(repositoryUrl, jarPath(c));
  } catch {
    return undefined; // coordinates that are not a valid repository path: no URL rather than a wrong one
  }
}

export function readable(jars: readonly ScannedJar[]): ScannedJar[] {
  return jars.filter((jar) => !jar.error && jar.identity);
}

/** Readable JARs minus the distribution's own (flink-json in lib/, flink-python in opt/ …): those are never findings. */
export function userJars(jars: readonly ScannedJar[], knowledge: ConnectorKnowledge): ScannedJar[] {
  return readable(jars).filter((jar) => !knowledge.isDistributionJar(jar.ref.path, jar.ref.source));
}

/** Long lists in a report: the first `max`, then how many more. */
export function capList(lines: string[], max = 15): string[] {
  return lines.length <= max ? lines : [...lines.slice(0, max), `… and ${lines.length - max} more`];
}
