// Orders an artifact's versions by the Flink line each was built for. Externalized connectors publish
// "<connector>-<flink minor>" (3.3.0-1.20); in-tree connectors and formats carry the Flink version itself.
// semver would read "-1.20" as a prerelease, so the two parts are compared separately.
import { compareReleaseParts, minorOf } from '../knowledge/versions.js';

export interface LineVersion {
  version: string;
  /** The Flink minor this build targets ("1.20"), or null when the version does not say. */
  line: string | null;
  /** The part ordered within a line: the connector version, or the Flink patch for in-tree builds. */
  release: number[];
}

const EXTERNALIZED = /^(\d+(?:\.\d+){1,2})-(\d+\.\d+)$/;
// StarRocks: "1.2.10_flink-1.19".
const UNDERSCORED = /^(\d+(?:\.\d+){1,2})_flink-(\d+\.\d+)$/;
const PLAIN = /^(\d+)\.(\d+)(?:\.(\d+))?$/;
// Third-party runtimes name the Flink line in the artifactId: iceberg-flink-runtime-1.20, paimon-flink-2.0, hudi-flink1.17-bundle.
const LINE_IN_ARTIFACT = /(?:-|flink)(\d+\.\d+)(?:-bundle)?$/;

/** Whether plain "x.y.z" versions of this artifact are Flink versions (in-tree modules and formats). */
function plainIsFlinkVersion(groupId: string, artifactId: string): boolean {
  // CDC's own versions (2.x, 3.x) look like Flink versions but are not; com.ververica is always CDC.
  return groupId === 'org.apache.flink' && !/cdc/.test(artifactId);
}

export function classify(groupId: string, artifactId: string, version: string): LineVersion {
  const ext = EXTERNALIZED.exec(version) ?? UNDERSCORED.exec(version);
  if (ext) return { version, line: minorOf(ext[2] ?? '') ?? null, release: numbers(ext[1] ?? '') };
  const plain = PLAIN.exec(version);
  if (plain && plainIsFlinkVersion(groupId, artifactId)) return { version, line: minorOf(version) ?? null, release: numbers(version) };
  const named = groupId === 'org.apache.flink' ? undefined : LINE_IN_ARTIFACT.exec(artifactId)?.[1];
  return { version, line: plain && named ? (minorOf(named) ?? null) : null, release: plain ? numbers(version) : [] };
}

/**
 * A release build classified, or undefined for a SNAPSHOT, rc, milestone or other qualifier: each pattern is tried
 * once per version (a repository may list tens of thousands).
 */
function stableBuild(groupId: string, artifactId: string, version: string): Classified['builds'][number] | undefined {
  const ext = EXTERNALIZED.exec(version) ?? UNDERSCORED.exec(version);
  if (ext) return { version, line: minorOf(ext[2] ?? '') ?? null, release: numbers(ext[1] ?? ''), externalized: true };
  return PLAIN.test(version) ? { ...classify(groupId, artifactId, version), externalized: false } : undefined;
}

/**
 * The stable builds of one version list, classified once per list and artifact, and the newest per line once per
 * line: a run asks about the same list once per JAR, and a repository may list tens of thousands of versions.
 */
interface Classified {
  builds: (LineVersion & { externalized: boolean })[];
  newest: Map<string, string | undefined>;
}
const classifiedLists = new WeakMap<readonly string[], Map<string, Classified>>();

function classified(groupId: string, artifactId: string, versions: readonly string[]): Classified {
  let byArtifact = classifiedLists.get(versions);
  if (!byArtifact) classifiedLists.set(versions, (byArtifact = new Map<string, Classified>()));
  const key = `${groupId}:${artifactId}`;
  let entry = byArtifact.get(key);
  if (!entry) {
    const builds = versions.map((v) => stableBuild(groupId, artifactId, v)).filter((b) => b !== undefined);
    byArtifact.set(key, (entry = { builds, newest: new Map() }));
  }
  return entry;
}

/** Newest stable build for a Flink line (externalized builds beat in-tree ones of the same line). */
export function newestForLine(groupId: string, artifactId: string, versions: readonly string[], line: string): string | undefined {
  const entry = classified(groupId, artifactId, versions);
  if (entry.newest.has(line)) return entry.newest.get(line);
  let best: Classified['builds'][number] | undefined;
  for (const candidate of entry.builds) {
    if (candidate.line !== line) continue;
    const order = best
      ? Number(candidate.externalized) - Number(best.externalized) || compareReleaseParts(candidate.release, best.release)
      : 1;
    if (order >= 0) best = candidate;
  }
  entry.newest.set(line, best?.version);
  return best?.version;
}

/** Lines that have at least one stable build, oldest first. */
export function linesOf(groupId: string, artifactId: string, versions: readonly string[]): string[] {
  const lines = new Set<string>();
  for (const build of classified(groupId, artifactId, versions).builds) if (build.line) lines.add(build.line);
  return [...lines].sort((a, b) => compareReleaseParts(numbers(a), numbers(b)));
}

/** The available line closest to `line` (ties go to the older one: it exists, the newer may not fit). */
export function nearestLine(lines: readonly string[], line: string): string | undefined {
  const target = numbers(line);
  const distance = (l: string) => {
    const [maj = 0, min = 0] = numbers(l);
    return Math.abs((maj - (target[0] ?? 0)) * 100 + (min - (target[1] ?? 0)));
  };
  return [...lines].sort((a, b) => distance(a) - distance(b) || compareReleaseParts(numbers(a), numbers(b)))[0];
}

function numbers(version: string): number[] {
  return version.split('.').map(Number);
}
