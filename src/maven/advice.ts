// Pure decisions over version lists, shared by the checks and the `connector` command: the newest build of
// an artifact for a Flink line (or the nearest line that has one) and where to download it.
import { joinUrl, jarPath } from './coordinates.js';
import { classify, compareRelease, linesOf, nearestLine, newestForLine } from './flink-line.js';

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
export function chooseBuild(repoUrl: string, groupId: string, artifactId: string, versions: readonly string[], line: string): BuildChoice | undefined {
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
export function newerOnSameLine(groupId: string, artifactId: string, versions: readonly string[], current: string, lineHint?: string): string | undefined {
  const mine = classify(groupId, artifactId, current);
  const line = mine.line ?? lineHint;
  if (!line) return undefined;
  const newest = newestForLine(groupId, artifactId, versions, line);
  if (!newest || newest === current) return undefined;
  const theirs = classify(groupId, artifactId, newest);
  return compareRelease(theirs.release, mine.release) > 0 ? newest : undefined;
}

/** One-line fix text for a JAR built for the wrong Flink line (used by jars.flink-version). */
export function describeChoice(choice: BuildChoice, targetLine: string): string {
  const coords = `${choice.groupId}:${choice.artifactId}:${choice.version}`;
  if (choice.exact) return `Use ${coords}, the newest build for Flink ${targetLine}: ${choice.url}`;
  return `No build of ${choice.artifactId} for Flink ${targetLine} is published yet; the nearest is ${coords} (Flink ${choice.line}): ${choice.url}`;
}

/** The `pipeline.jars` value for a downloaded JAR. */
export function pipelineJarsLine(localPath: string): string {
  return `pipeline.jars: file://${localPath}`;
}
