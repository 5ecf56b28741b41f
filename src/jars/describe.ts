// How findings name JARs: the file name, what it was identified as, and where it came from.
import { basename } from 'node:path';
import type { Location } from '../engine/model.js';
import type { Coordinates } from '../knowledge/connectors.js';
import type { JarRef, ScannedJar } from './scan.js';

export function jarLabel(jar: ScannedJar): string {
  const name = basename(jar.ref.path);
  const id = jar.identity;
  const what = id?.artifactId ? `${id.artifactId}${id.version ? `:${id.version}` : ''}` : undefined;
  const shown = what && !name.startsWith(`${id?.artifactId}-${id?.version ?? ''}`) ? `${name} (${what})` : name;
  return `${shown} from ${origin(jar.ref)}`;
}

export function origin(ref: JarRef): string {
  if (ref.origin) return `${ref.source} in ${basename(ref.origin)}${ref.line ? `:${ref.line}` : ''}`;
  return ref.source;
}

export function jarLocation(jar: ScannedJar): Location {
  return { path: jar.ref.path };
}

/** Where the reference was written, when it came from a file (config or job): SARIF points there too. */
export function referenceLocation(ref: JarRef): Location | undefined {
  if (!ref.origin) return undefined;
  return ref.line ? { path: ref.origin, line: ref.line } : { path: ref.origin };
}

export function coordinates(c: Coordinates): string {
  return `${c.groupId}:${c.artifactId}:${c.version}`;
}

/** Maven Central URL of a JAR, when the version is concrete (not "1.20.x"). */
export function centralUrl(c: Coordinates): string | undefined {
  if (c.version.endsWith('.x')) return undefined;
  return `https://repo.maven.apache.org/maven2/${c.groupId.replace(/\./g, '/')}/${c.artifactId}/${c.version}/${c.artifactId}-${c.version}.jar`;
}

export function readable(jars: readonly ScannedJar[]): ScannedJar[] {
  return jars.filter((jar) => !jar.error && jar.identity);
}

/** Long lists in a report: the first `max`, then how many more. */
export function capList(lines: string[], max = 15): string[] {
  return lines.length <= max ? lines : [...lines.slice(0, max), `… and ${lines.length - max} more`];
}
