// jars.conflicts: the same artifact twice in different versions, or the same classes in several JARs
// (e.g. kafka-clients unshaded twice): the JVM loads whichever comes first, so behaviour depends on order.
// One JAR twice (same artifact and version, or byte-identical files) is only a warning: whichever copy
// loads, the classes are the same. Two JARs registering one SQL identifier with different factory classes
// fail at the first CREATE TABLE: "Multiple factories for identifier 'kafka' that implement … found in the
// classpath". ServiceLoader skips a provider class name it has already seen, so the same class twice is not
// that error (the class overlap or the same artifact twice reports it).
import { defineCheck } from './define.js';
import type { ConnectorKnowledge } from '../src/knowledge/connectors.js';
import { capList, jarLabel, readable } from '../src/jars/describe.js';
import type { ScannedJar } from '../src/facts/index.js';
import { compareReleases, parseArtifactVersion, splitScalaSuffix } from '../src/jars/version.js';

export default defineCheck({
  id: 'jars.conflicts',
  title: 'No duplicate artifacts or classes',
  group: 'JARs',
  description:
    'No artifact twice in different versions, no classes in several JARs (the same JAR twice is a warning); the fix ' +
    'names which JAR to keep.',
  reads: ['each JAR\'s identity and class list (zip central directory)', 'the Factory service file of each JAR (identifiers and factory classes)', 'SHA-1 of overlapping JARs of the same size'],
  needs: ['jars'],
  run({ jars }, { matrix }) {
    const seen = readable(jars.jars);
    if (seen.length < 2) return { status: 'skipped', summary: seen.length === 0 ? 'no readable JARs' : 'only one JAR: nothing to conflict with' };
    const knowledge = matrix.connectors();
    // The distribution's own JARs are never the finding: among themselves they are Flink's layout, and next to a
    // user's JAR they are the copy to keep.
    const shipped = (jar: ScannedJar) => knowledge.isDistributionJar(jar.ref.path, jar.ref.source);
    const onlyShipped = (group: readonly ScannedJar[]) => group.every(shipped);
    const pickKeeper = (group: readonly ScannedJar[]) => group.find(shipped) ?? newestOf(group);
    const byPath = new Map(seen.map((jar) => [jar.ref.path, jar]));
    const byArtifact = new Map<string, ScannedJar[]>();
    for (const jar of seen) {
      const id = jar.identity;
      if (!id?.artifactId) continue;
      const key = `${id.groupId ?? ''}:${splitScalaSuffix(id.artifactId).base}`;
      const group = byArtifact.get(key);
      if (group) group.push(jar);
      else byArtifact.set(key, [jar]);
    }

    const errors: string[] = [];
    const warnings: string[] = [];
    const fixes: string[] = [];
    const paths = new Set<string>();
    // Pairs already explained as one artifact twice (same group key), or as an identifier clash: their shared
    // classes are not a second finding. Kept per JAR, not per pair, so a thousand copies cost a thousand entries.
    const artifactOf = new Map<string, string>();
    const explained = new Set<string>();
    const pairKey = (a: string, b: string) => (a < b ? `${a}\0${b}` : `${b}\0${a}`);
    const isExplained = (a: string, b: string) => (artifactOf.get(a) !== undefined && artifactOf.get(a) === artifactOf.get(b)) || explained.has(pairKey(a, b));
    let duplicateArtifacts = 0;
    let sameJarTwice = 0;

    for (const [key, group] of byArtifact) {
      if (group.length < 2 || onlyShipped(group)) continue;
      for (const jar of group) {
        artifactOf.set(jar.ref.path, key);
        paths.add(jar.ref.path);
      }
      const versions = new Set(group.map((j) => j.identity?.version ?? '?'));
      const keep = pickKeeper(group);
      const remove = group.filter((j) => j !== keep);
      if (versions.size < 2) {
        sameJarTwice += 1;
        warnings.push(`the same JAR twice: ${key.replace(/^:/, '')}:${[...versions][0]} as ${labels(group)}`);
      } else {
        duplicateArtifacts += 1;
        errors.push(`${key.replace(/^:/, '')} in ${versions.size} versions: ${labels(group)}`);
      }
      fixes.push(`Remove ${labels(remove)}; keep ${jarLabel(keep)}`);
    }

    // The same SQL identifier from different factory classes in two JARs: Flink refuses to choose.
    let identifierClashes = 0;
    for (const clash of identifierClashesOf(seen, isExplained)) {
      const { identifier, a, b } = clash;
      if (onlyShipped([a.jar, b.jar])) continue;
      explained.add(pairKey(a.jar.ref.path, b.jar.ref.path));
      paths.add(a.jar.ref.path);
      paths.add(b.jar.ref.path);
      identifierClashes += 1;
      errors.push(
        `'${identifier}' is registered by both ${jarLabel(a.jar)} (${a.classes.join(', ')}) and ${jarLabel(b.jar)} (${b.classes.join(', ')}): "Multiple factories for identifier '${identifier}' … found in the classpath"`,
      );
      const keep = [a.jar, b.jar].find(shipped) ?? identifierKeeper(a.jar, b.jar, identifier, knowledge);
      fixes.push(`Remove ${jarLabel(keep === a.jar ? b.jar : a.jar)}; keep ${jarLabel(keep)} for '${identifier}'`);
    }

    let classOverlaps = 0;
    for (const overlap of jars.overlaps) {
      if (isExplained(overlap.jars[0], overlap.jars[1])) continue;
      const a = byPath.get(overlap.jars[0]);
      const b = byPath.get(overlap.jars[1]);
      if (!a || !b || onlyShipped([a, b])) continue;
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
      fixes.push(overlapFix(a, b, overlap.commonPackage, shipped));
    }

    const facts = { jars: seen.length, duplicateArtifacts, identifierClashes, classOverlaps, sameJarTwice };
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

interface Registration {
  jar: ScannedJar;
  /** Its factory classes registering the identifier. */
  classes: string[];
}

/** Identifier clashes reported at most; each is a line and a fix, and a thousand say nothing more than fifty. */
const MAX_CLASHES = 50;

/**
 * Pairs of JARs registering one identifier where at least one factory class differs, except pairs already
 * reported as the same artifact twice. Only classes the matrix maps count: an unmapped class says nothing.
 * JARs are grouped by their exact set of factory classes first: only JARs of different groups can clash, so
 * a thousand copies of one connector cost a thousand steps, not a million comparisons.
 */
function identifierClashesOf(seen: readonly ScannedJar[], isExplained: (a: string, b: string) => boolean): { identifier: string; a: Registration; b: Registration }[] {
  const byIdentifier = new Map<string, Map<string, Registration[]>>();
  for (const jar of seen) {
    const classesOf = new Map<string, string[]>();
    for (const [className, identifier] of Object.entries(jar.factories ?? {})) classesOf.set(identifier, [...(classesOf.get(identifier) ?? []), className]);
    for (const [identifier, classes] of classesOf) {
      const registration = { jar, classes: classes.sort() };
      const bySignature = byIdentifier.get(identifier) ?? new Map<string, Registration[]>();
      byIdentifier.set(identifier, bySignature);
      const signature = registration.classes.join('\n');
      bySignature.set(signature, [...(bySignature.get(signature) ?? []), registration]);
    }
  }
  const clashes: { identifier: string; a: Registration; b: Registration }[] = [];
  const reported = new Set<string>();
  for (const [identifier, bySignature] of [...byIdentifier].sort(([x], [y]) => x.localeCompare(y))) {
    const groups = [...bySignature.values()];
    for (let g = 0; g < groups.length; g += 1) {
      for (const a of groups[g] ?? []) {
        for (const other of groups.slice(g + 1)) {
          for (const b of other) {
            if (clashes.length >= MAX_CLASHES) return clashes;
            if (isExplained(a.jar.ref.path, b.jar.ref.path)) continue;
            const pair = [a.jar.ref.path, b.jar.ref.path].sort().join('\0');
            if (reported.has(pair)) continue;
            reported.add(pair);
            clashes.push({ identifier, a, b });
          }
        }
      }
    }
  }
  return clashes;
}

/**
 * Which of two JARs registering one identifier to keep: within one family the newer release, the fat JAR on a
 * tie (PyFlink needs it); across families the one the matrix lists first for the identifier (its recommended provider).
 */
function identifierKeeper(a: ScannedJar, b: ScannedJar, identifier: string, knowledge: ConnectorKnowledge): ScannedJar {
  if (a.family && a.family === b.family) {
    const order = compareVersions(parseArtifactVersion(a.identity?.version ?? ''), parseArtifactVersion(b.identity?.version ?? ''));
    if (order !== 0) return order > 0 ? a : b;
    if (a.role !== b.role) return a.role === 'fat' ? a : b;
    return newestOf([a, b]);
  }
  const providers = knowledge.providersOf(identifier).map((p) => p.key);
  const rank = (jar: ScannedJar) => {
    const at = jar.family ? providers.indexOf(jar.family) : -1;
    return at < 0 ? providers.length : at;
  };
  if (rank(a) !== rank(b)) return rank(a) < rank(b) ? a : b;
  return newestOf([a, b]);
}

/** The copy to keep among a user's JARs: the newest version, else the first found. */
function newestOf(group: readonly ScannedJar[]): ScannedJar {
  const rank = (jar: ScannedJar) => parseArtifactVersion(jar.identity?.version ?? '');
  let best = group[0] as ScannedJar;
  for (const jar of group.slice(1)) if (compareVersions(rank(jar), rank(best)) > 0) best = jar;
  return best;
}

function compareVersions(a: ReturnType<typeof parseArtifactVersion>, b: ReturnType<typeof parseArtifactVersion>): number {
  if (!a || !b) return a ? 1 : b ? -1 : 0;
  return compareReleases(a.builtFor ?? '0', b.builtFor ?? '0') || compareReleases(a.release, b.release);
}

/** Which JAR to remove when two different artifacts ship the same classes (never the distribution's own). */
function overlapFix(a: ScannedJar, b: ScannedJar, common: string, shipped: (jar: ScannedJar) => boolean): string {
  const own = [a, b].find(shipped);
  if (own) {
    const other = own === a ? b : a;
    return `Remove ${jarLabel(other)} or rebuild it without the classes under ${common ? common.replace(/\//g, '.') : 'the shared packages'}: ${jarLabel(own)} ships with Flink`;
  }
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

/** A group of JARs in one sentence: the first few by name, then how many more. */
function labels(group: readonly ScannedJar[], max = 10): string {
  return capped(group.map(jarLabel), max).join('; ');
}

function capped(items: string[], max: number): string[] {
  return items.length <= max ? items : [...items.slice(0, max), `… ${items.length - max} more`];
}
