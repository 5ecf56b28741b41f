// Pure decisions over version lists, shared by the checks and the `connector` command: the newest build of
// an artifact for a Flink line (or the nearest line that has one) and where to download it.
// buildForLine at the end says, for every check that names one, which build of a connector to use on a line.
import type { Coordinate } from '../facts/index.js';
import { downloadUrl } from '../jars/describe.js';
import type { ConnectorFamily, ConnectorKnowledge, Recommendation } from '../knowledge/connectors.js';
import type { Matrix } from '../knowledge/matrix.js';
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

/** What buildForLine reads from the `maven` fact: version lists by "g:a". */
export interface VersionLists {
  versions: Record<string, { versions: string[] | null; notFound?: boolean }>;
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

/*
 * "The build of this connector for Flink line X": one answer for every check that names one (jars.thin,
 * jars.flink-version, cluster.jars, deploy.jars, job.connectors), so a user never reads two versions of the fat JAR
 * for one JAR.
 * Two sources know it: compat-matrix.json (which artifact is right for the line, and the newest release it recorded)
 * and the repository's version list (maven-metadata.xml from the network, the cache or the shipped snapshot).
 *
 * Which source wins, and why:
 * - The artifact is the matrix's whenever it knows the family on the line: only the matrix knows that a thin
 *   flink-connector-X wants the fat flink-sql-connector-X, that an artifact was renamed for a line (Hive, JSON), or
 *   that JDBC 4.x split into modules. The repository lists versions; it cannot say which artifact a job needs.
 * - The version is the newest build for the line the repository lists, when its list is known and has one. It is
 *   what that repository serves today: a release published after the matrix was written shows up, and a mirror that
 *   lags behind Central is never sent for a version it does not have (the URL printed downloads). The matrix's
 *   release otherwise (offline without a cache, an artifact never looked up, a list without the line).
 * - An in-tree build (a format, a connector before it left Flink): the Flink release the target resolves to (its
 *   patch, else the newest the matrix knows for the line: TargetFact.patch, the release every coordinate uses),
 *   whatever the repository lists. In-tree modules ship with Flink itself; the build of the release the target
 *   runs is the one certain to fit it, and a newer patch of the format is no fix for anything.
 * - A family the matrix has no build of for the line (or a JAR of no family): the repository's newest build of the
 *   JAR's replacement artifact for the line, else that of the nearest line that has one (`exact: false`).
 */
export interface LineBuild extends Coordinate {
  /** The Flink line the build is for: the one asked, or the nearest with a build when none exists yet (exact: false). */
  line: string;
  exact: boolean;
  /** Which source named the version (see the rule above). */
  from: 'repository' | 'matrix';
  /** Where to download it from the run's repository; absent for a version that is not concrete ("1.20.x"). */
  url?: string;
  /** Artifacts needed next to it, one of them (JDBC 4.x dialect modules). */
  companions?: Recommendation['companions'];
}

export interface LineBuildAsk {
  /** The Flink minor to build for ("2.2"). */
  line: string;
  /** The Flink release the target resolves to ("2.2.1"; TargetFact.patch), else null (then the newest the matrix knows). */
  patch: string | null;
  /** The family of the JAR (or of the identifier) a build is wanted for. */
  family?: ConnectorFamily | undefined;
  /** The JAR being replaced, when there is one: its replacement is looked up when the matrix has no build. */
  jar?: { groupId?: string | undefined; artifactId?: string | undefined; scalaSuffix?: string | undefined } | undefined;
}

export interface LineBuildSources {
  /** The connectors' knowledge, and the newest patch of a line for an in-tree build when the target names none. */
  matrix: Pick<Matrix, 'connectors' | 'resolvePatch'>;
  /** The `maven` fact's version lists; absent where the check does not read the repository. */
  versions?: VersionLists | undefined;
  /** The run's repository, for download URLs; absent where the check names no URL. */
  repositoryUrl?: string;
}

/** The build to name for `ask.line`, or undefined when neither source has one. */
export function buildForLine(ask: LineBuildAsk, sources: LineBuildSources): LineBuild | undefined {
  const { versions, repositoryUrl } = sources;
  const knowledge = sources.matrix.connectors();
  const patch = ask.patch ?? sources.matrix.resolvePatch(ask.line);
  const recommended = ask.family ? knowledge.recommend(ask.family, ask.line, patch) : undefined;
  if (!recommended) return repositoryOnly(ask, knowledge, sources);
  const { groupId, artifactId, companions } = recommended;
  const listed = recommended.inTree ? undefined : listedVersions(versions, recommended);
  const newest = listed && newestForLine(groupId, artifactId, listed, ask.line);
  const coordinate = { groupId, artifactId, version: newest ?? recommended.version };
  const url = repositoryUrl === undefined ? undefined : downloadUrl(repositoryUrl, coordinate);
  return {
    ...coordinate,
    line: ask.line,
    exact: true,
    from: newest ? 'repository' : 'matrix',
    ...(url ? { url } : {}),
    ...(companions ? { companions } : {}),
  };
}

function listedVersions(versions: VersionLists | undefined, c: Coordinate): readonly string[] | undefined {
  const known = versions?.versions[`${c.groupId}:${c.artifactId}`];
  return known?.versions && !known.notFound ? known.versions : undefined;
}

/**
 * No build in the matrix: the repository's lists of the JAR's replacement artifacts (the fat one for a thin JAR, the
 * name without a pre-1.15 Scala suffix), best first. Not for a Scala-suffixed build (its modern successor has another
 * name, only the matrix knows it) nor for an artifact naming its line (iceberg-flink-runtime-1.20 has no 2.0 build).
 */
function repositoryOnly(
  ask: LineBuildAsk,
  knowledge: ConnectorKnowledge,
  { versions, repositoryUrl }: LineBuildSources,
): LineBuild | undefined {
  const { groupId, artifactId, scalaSuffix } = ask.jar ?? {};
  if (!versions || !groupId || !artifactId || scalaSuffix || knowledge.familyOfArtifact(artifactId)?.builtFor) return undefined;
  for (const candidate of lookupArtifacts(artifactId, knowledge)) {
    const listed = listedVersions(versions, { groupId, artifactId: candidate, version: '' });
    const choice = listed && chooseBuild(repositoryUrl ?? '', groupId, candidate, listed, ask.line);
    if (choice) {
      const { groupId: g, artifactId: a, version, line, exact, url } = choice;
      return { groupId: g, artifactId: a, version, line, exact, from: 'repository', ...(repositoryUrl === undefined ? {} : { url }) };
    }
  }
  return undefined;
}

/**
 * The build in a sentence that follows "Replace X": " with G:A:V, the newest build for Flink 2.2: URL" (without "the
 * newest" when the version is the matrix's), or ": no build of A for Flink 2.3 is published yet; the nearest is G:A:V
 * (Flink 2.2): URL".
 */
export function describeLineBuild(build: LineBuild, line: string): string {
  const coords = `${build.groupId}:${build.artifactId}:${build.version}`;
  const url = build.url ? `: ${build.url}` : '';
  if (!build.exact)
    return `: no build of ${build.artifactId} for Flink ${line} is published yet; the nearest is ${coords} (Flink ${build.line})${url}`;
  return ` with ${coords}${build.from === 'repository' ? `, the newest build for Flink ${line}` : ''}${url}`;
}
