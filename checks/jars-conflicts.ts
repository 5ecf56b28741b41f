// jars.conflicts: the same artifact twice in different versions, or the same classes in several JARs
// (e.g. kafka-clients unshaded twice): the JVM loads whichever comes first, so behaviour depends on order.
// One JAR twice (same artifact and version, or byte-identical files) is only a warning: whichever copy
// loads, the classes are the same.
import { defineCheck } from '../src/engine/check.js';
import { capList, jarLabel, readable } from '../src/jars/describe.js';
import type { ScannedJar } from '../src/jars/scan.js';
import { compareReleases, parseArtifactVersion, splitScalaSuffix } from '../src/jars/version.js';

const DISTRIBUTION = new Set(['$FLINK_HOME/lib', '$FLINK_HOME/opt', 'pyflink/lib', 'pyflink/opt']);

export default defineCheck({
  id: 'jars.conflicts',
  title: 'No duplicate artifacts or classes',
  group: 'JARs',
  reads: ['each JAR\'s identity and class list (zip central directory)', 'SHA-1 of overlapping JARs of the same size'],
  needs: ['jars'],
  run({ jars }) {
    const seen = readable(jars.jars);
    if (seen.length < 2) return { status: 'skipped', summary: seen.length === 0 ? 'no readable JARs' : 'only one JAR: nothing to conflict with' };
    const byPath = new Map(seen.map((jar) => [jar.ref.path, jar]));
    const byArtifact = new Map<string, ScannedJar[]>();
    for (const jar of seen) {
      const id = jar.identity;
      if (!id?.artifactId) continue;
      const key = `${id.groupId ?? ''}:${splitScalaSuffix(id.artifactId).base}`;
      byArtifact.set(key, [...(byArtifact.get(key) ?? []), jar]);
    }

    const errors: string[] = [];
    const warnings: string[] = [];
    const fixes: string[] = [];
    const paths = new Set<string>();
    // Pairs already explained as one artifact twice: their shared classes are not a second finding.
    const explained = new Set<string>();
    const pairKey = (a: string, b: string) => [a, b].sort().join('\0');
    let duplicateArtifacts = 0;
    let sameJarTwice = 0;

    for (const [key, group] of byArtifact) {
      if (group.length < 2) continue;
      for (const a of group) for (const b of group) if (a !== b) explained.add(pairKey(a.ref.path, b.ref.path));
      group.forEach((j) => paths.add(j.ref.path));
      const versions = new Set(group.map((j) => j.identity?.version ?? '?'));
      const keep = pickKeeper(group);
      const remove = group.filter((j) => j !== keep);
      if (versions.size < 2) {
        sameJarTwice += 1;
        warnings.push(`the same JAR twice: ${key.replace(/^:/, '')}:${[...versions][0]} as ${group.map(jarLabel).join('; ')}`);
      } else {
        duplicateArtifacts += 1;
        errors.push(`${key.replace(/^:/, '')} in ${versions.size} versions: ${group.map(jarLabel).join('; ')}`);
      }
      fixes.push(`Remove ${remove.map(jarLabel).join('; ')}; keep ${jarLabel(keep)}`);
    }

    let classOverlaps = 0;
    for (const overlap of jars.overlaps) {
      if (explained.has(pairKey(overlap.jars[0], overlap.jars[1]))) continue;
      const a = byPath.get(overlap.jars[0]);
      const b = byPath.get(overlap.jars[1]);
      if (!a || !b) continue;
      overlap.jars.forEach((p) => paths.add(p));
      if (overlap.identical) {
        sameJarTwice += 1;
        warnings.push(`the same JAR twice (byte-identical files): ${jarLabel(a)}; ${jarLabel(b)}`);
        const keep = pickKeeper([a, b]);
        fixes.push(`Remove ${jarLabel(keep === a ? b : a)}; keep ${jarLabel(keep)}`);
        continue;
      }
      classOverlaps += 1;
      errors.push(`${overlap.classes} class${overlap.classes === 1 ? '' : 'es'} in both ${jarLabel(a)} and ${jarLabel(b)}: ${describePackages(overlap.commonPackage, overlap.packages)}`);
      fixes.push(overlapFix(a, b, overlap.commonPackage));
    }

    const facts = { jars: seen.length, duplicateArtifacts, classOverlaps, sameJarTwice };
    const details = [...errors, ...warnings];
    if (details.length === 0) return { status: 'ok', summary: `no duplicate artifacts or classes across ${seen.length} JARs`, facts };
    return {
      status: errors.length > 0 ? 'error' : 'warning',
      summary: details.length === 1 ? (details[0] ?? '') : errors.length > 0 ? `${details.length} conflicts between JARs` : `${details.length} JARs present twice`,
      details: capList(details, 25),
      fix: [...new Set(fixes)].join('\n'),
      facts,
      locations: [...paths].map((path) => ({ path })),
    };
  },
});

/** The copy to keep: the newest version; among equals one shipped with Flink (lib/), else the first found. */
function pickKeeper(group: readonly ScannedJar[]): ScannedJar {
  const rank = (jar: ScannedJar) => parseArtifactVersion(jar.identity?.version ?? '');
  let best = group[0] as ScannedJar;
  for (const jar of group.slice(1)) {
    const order = compareVersions(rank(jar), rank(best));
    if (order > 0 || (order === 0 && DISTRIBUTION.has(jar.ref.source) && !DISTRIBUTION.has(best.ref.source))) best = jar;
  }
  return best;
}

function compareVersions(a: ReturnType<typeof parseArtifactVersion>, b: ReturnType<typeof parseArtifactVersion>): number {
  if (!a || !b) return a ? 1 : b ? -1 : 0;
  return compareReleases(a.builtFor ?? '0', b.builtFor ?? '0') || compareReleases(a.release, b.release);
}

/** Which JAR to remove when two different artifacts ship the same classes. */
function overlapFix(a: ScannedJar, b: ScannedJar, common: string): string {
  // The thin and the fat JAR of one connector: the fat one is what PyFlink needs and contains the thin one.
  if (a.family && a.family === b.family && a.role !== b.role) {
    const [thin, fat] = a.role === 'thin' ? [a, b] : [b, a];
    return `Remove ${jarLabel(thin)}; ${jarLabel(fat)} already contains its classes`;
  }
  return `Remove ${jarLabel(a)} or ${jarLabel(b)}, or rebuild one without the classes under ${common ? common.replace(/\//g, '.') : 'the shared packages'} (shade or exclude them)`;
}

/** "org.apache.kafka.{clients.consumer, common}": the common package, then what lies under it. */
export function describePackages(common: string, packages: readonly string[], max = 5): string {
  const dotted = (p: string) => p.replace(/\//g, '.');
  const name = (p: string) => (p === '' ? '(default package)' : dotted(p));
  if (packages.length <= 1) return name(packages[0] ?? common);
  if (common === '') return capped(packages.map(name), max).join(', ');
  const below = packages.filter((p) => p !== common).map((p) => dotted(p.slice(common.length + 1)));
  const under = below.length === 1 ? `${dotted(common)}.${below[0]}` : `${dotted(common)}.{${capped(below, max).join(', ')}}`;
  return packages.includes(common) ? `${dotted(common)} and ${under}` : under;
}

function capped(items: string[], max: number): string[] {
  return items.length <= max ? items : [...items.slice(0, max), `… ${items.length - max} more`];
}
