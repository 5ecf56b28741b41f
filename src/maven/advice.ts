// Pure decisions over version lists, shared by the checks and the `connector` command: the newest build of
// an artifact for a Flink line (or the nearest line that has one) and where to download it.
import type { ConnectorKnowledge } from '../knowledge/connectors.js';
import { splitScalaSuffix } from '../jars/version.js';
import { joinUrl, jarPath } from './coordinates.js';
import { classify, linesOf, nearestLine, newestForLine } from './flink-line.js';
import { compareReleaseParts } from '../knowledge/versions.js';

export interface BuildChoice {
  groupId: string;
  artifactId: string;
  version: string;
  /** The line the chosen build is for; differs from the asked line when none exists for it yet. */
  line: string;
  exact: boolean;
  url: string;
}

/** Newest build for `line`; when there is none, the newest build of the nearest line (exact: false). */
export function chooseBuild(
  repoUrl: string,
  groupId: string,
  artifactId: string,
  versions: readonly string[],
  line: string,
): BuildChoice | undefined {
  const make = (version: string, forLine: string, exact: boolean): BuildChoice => ({
    groupId,
    artifactId,
    version,
    line: forLine,
    exact,
    url: joinUrl(repoUrl, jarPath({ groupId, artifactId, version })),
  });
  const newest = newestForLine(groupId, artifactId, versions, line);
  if (newest) return make(newest, line, true);
  const nearest = nearestLine(linesOf(groupId, artifactId, versions), line);
  const fallback = nearest && newestForLine(groupId, artifactId, versions, nearest);
  return nearest && fallback ? make(fallback, nearest, false) : undefined;
}

/** A newer build than `current` for the line `current` was built for, or undefined. */
export function newerOnSameLine(
  groupId: string,
  artifactId: string,
  versions: readonly string[],
  current: string,
  lineHint?: string,
): string | undefined {
  const mine = classify(groupId, artifactId, current);
  const line = mine.line ?? lineHint;
  if (!line) return undefined;
  const newest = newestForLine(groupId, artifactId, versions, line);
  if (!newest || newest === current) return undefined;
  const theirs = classify(groupId, artifactId, newest);
  return compareReleaseParts(theirs.release, mine.release) > 0 ? newest : undefined;
}

/** One-line fix text for a JAR built for the wrong Flink line (used by jars.flink-version). */
export function describeChoice(choice: BuildChoice, targetLine: string): string {
  const coords = `${choice.groupId}:${choice.artifactId}:${choice.version}`;
  if (choice.exact) return `Use ${coords}, the newest build for Flink ${targetLine}: ${choice.url}`;
  return `No build of ${choice.artifactId} for Flink ${targetLine} is published yet; the nearest is ${coords} (Flink ${choice.line}): ${choice.url}`;
}

/** What jars.flink-version needs from the `maven` fact: version lists by "g:a". */
export interface VersionLists {
  versions: Record<string, { versions: string[] | null; notFound?: boolean }>;
}

/**
 * For jars.flink-version: the newest build for `targetLine` of the artifact PyFlink needs instead of this JAR
 * (the fat flink-sql-connector-X for a thin flink-connector-X, the unsuffixed name for a pre-1.15 Scala build),
 * from the repository's own version lists. undefined when the fact has no data for it (the caller then uses
 * the matrix).
 */
export function exactFlinkVersionChoice(
  repoUrl: string,
  maven: VersionLists,
  jar: { groupId?: string; artifactId?: string },
  targetLine: string,
  knowledge?: ConnectorKnowledge,
): BuildChoice | undefined {
  if (!jar.groupId || !jar.artifactId) return undefined;
  for (const artifactId of lookupArtifacts(jar.artifactId, knowledge)) {
    const known = maven.versions[`${jar.groupId}:${artifactId}`];
    if (!known?.versions || known.notFound) continue;
    const choice = chooseBuild(repoUrl, jar.groupId, artifactId, known.versions, targetLine);
    if (choice) return choice;
  }
  return undefined;
}

/**
 * The artifacts to recommend in place of `artifactId`, best first: a thin connector's fat SQL artifact when its
 * family has one (PyFlink needs the fat JAR), then the name without a pre-1.15 Scala suffix.
 */
export function lookupArtifacts(artifactId: string, knowledge?: ConnectorKnowledge): string[] {
  const hit = knowledge?.familyOfArtifact(artifactId);
  if (hit?.role === 'thin' && hit.family.fat.length > 0) {
    const { scala } = splitScalaSuffix(artifactId);
    return [...new Set(hit.family.fat.flatMap((fat) => replacementArtifacts(scala ? `${fat}_${scala}` : fat)))];
  }
  return replacementArtifacts(artifactId);
}

/** The artifact to recommend first: without a pre-1.15 Scala suffix, except where Flink kept it (Hive, Cassandra). */
function replacementArtifacts(artifactId: string): string[] {
  const base = artifactId.replace(/_2\.1[0-3]$/, '');
  if (base === artifactId || /cassandra|hive/.test(base)) return [artifactId];
  return [base, artifactId];
}
