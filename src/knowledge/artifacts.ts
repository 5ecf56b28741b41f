// Artifact names of a connector family for one Flink line or connector release. Some names depend on the line:
// third-party runtimes put the Flink minor into the artifactId ("iceberg-flink-runtime-{flink}"), in-tree Hive
// shipped other fat JARs per release, flink-sql-json exists from 1.16 on, JDBC 4.x split into -core + dialects.
import { compareReleases } from './versions.js';

export const FLINK_PLACEHOLDER = '{flink}';

export interface ArtifactNames {
  fat: string[];
  thin: string[];
}

/** The parts of a connector family (compat-matrix.json) that name artifacts. */
interface NamedArtifacts {
  fat: string[];
  thin: string[];
  artifactsByFlink?: { flink: string; fat?: string[]; thin?: string[] }[];
  releases: { fat?: string[]; thin?: string[] }[];
}

/** "iceberg-flink-runtime-{flink}" + "1.20" → "iceberg-flink-runtime-1.20"; names without the placeholder stay. */
export function nameForLine(name: string, minor: string): string {
  return name.replace(FLINK_PLACEHOLDER, minor);
}

/** Matches an artifactId against a family name that may hold {flink}; returns the Flink minor it names, or "" for a plain match. */
export function matchName(pattern: string, artifactId: string): string | undefined {
  if (!pattern.includes(FLINK_PLACEHOLDER)) return pattern === artifactId ? '' : undefined;
  const [before = '', after = ''] = pattern.split(FLINK_PLACEHOLDER);
  if (!artifactId.startsWith(before) || !artifactId.endsWith(after)) return undefined;
  const minor = artifactId.slice(before.length, artifactId.length - after.length);
  return /^\d+\.\d+$/.test(minor) ? minor : undefined;
}

/** Every name the family was ever published under (for identifying a JAR), placeholders kept. */
export function allNames(family: NamedArtifacts): ArtifactNames {
  const fat = new Set(family.fat);
  const thin = new Set(family.thin);
  for (const entry of family.artifactsByFlink ?? []) {
    entry.fat?.forEach((name) => fat.add(name));
    entry.thin?.forEach((name) => thin.add(name));
  }
  for (const release of family.releases) {
    release.fat?.forEach((name) => fat.add(name));
    release.thin?.forEach((name) => thin.add(name));
  }
  return { fat: [...fat], thin: [...thin] };
}

/**
 * The artifacts of the family on a Flink line, in one connector release when given: the release's own names
 * first, then the newest `artifactsByFlink` entry at or below the line, then the family's names.
 */
export function namesFor(family: NamedArtifacts, minor: string, release?: { fat?: string[]; thin?: string[] }): ArtifactNames {
  let byLine: { fat?: string[]; thin?: string[] } | undefined;
  for (const entry of family.artifactsByFlink ?? []) if (compareReleases(entry.flink, minor) <= 0) byLine = entry;
  const fat = release?.fat ?? (release ? undefined : byLine?.fat) ?? family.fat;
  const thin = release?.thin ?? (release ? undefined : byLine?.thin) ?? family.thin;
  return { fat: fat.map((name) => nameForLine(name, minor)), thin: thin.map((name) => nameForLine(name, minor)) };
}
