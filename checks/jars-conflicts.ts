// jars.conflicts: the same classes in several JARs, where it decides which class the JVM loads.
// Two JARs registering one SQL identifier with different factory classes fail at the first CREATE TABLE:
// "Multiple factories for identifier 'kafka' that implement … found in the classpath" (an error; ServiceLoader
// skips a provider class name it has already seen, so the same class twice is not that error). Different
// classes of one name from different artifacts are an error too: which one loads depends on the order.
// Two versions of one artifact are a warning: the first on the classpath wins and the other is dead weight.
// The same JAR twice is a warning, and so is a JAR the job adds (its own class loader) holding classes the
// distribution ships. A user JAR's copy of classes Flink loads parent-first (org.apache.flink.*,
// e.g. the flink-shaded-guava a CDC fat JAR bundles, flink-connector-base in Kafka 3.0.x) next to the
// distribution's is only a note: the distribution's copy is the one loaded, so there is nothing to remove. So is a
// library two JARs in one class loader both bundle at the same release (their NOTICE files say which): either copy is it.
import { defineCheck } from './define.js';
import type { ConnectorKnowledge } from '../src/knowledge/connectors.js';
import { capList, jarLabel, readable } from '../src/jars/describe.js';
import type { Coordinate, JarOverlap, ScannedJar } from '../src/facts/index.js';
import { parseArtifactVersion, splitScalaSuffix } from '../src/jars/version.js';
import { fromDistribution } from '../src/facts/jars.js';
import { compareBuilds } from '../src/knowledge/versions.js';

/** What the sections of the check found, in report order. */
interface Tally {
  errors: string[];
  warnings: string[];
  notes: string[];
  fixes: string[];
  paths: Set<string>;
  counts: {
    duplicateArtifacts: number;
    identifierClashes: number;
    classOverlaps: number;
    sameJarTwice: number;
    parentFirstCopies: number;
    userLoaderCopies: number;
    sameReleaseCopies: number;
  };
}

/** The run's shared view: the JARs, the distribution's, and the pairs already explained by an earlier section. */
interface Scene {
  knowledge: ConnectorKnowledge;
  byPath: Map<string, ScannedJar>;
  shipped: (jar: ScannedJar) => boolean;
  /** Per JAR, the artifact group it was reported in as "one artifact twice". */
  artifactOf: Map<string, string>;
  /** Pairs reported as an identifier clash. Kept per JAR or pair, so a thousand copies cost a thousand entries. */
  explained: Set<string>;
}

const pairKey = (a: string, b: string) => (a < b ? `${a}\0${b}` : `${b}\0${a}`);

function isExplained(scene: Scene, a: string, b: string): boolean {
  const artifact = scene.artifactOf.get(a);
  return (artifact !== undefined && artifact === scene.artifactOf.get(b)) || scene.explained.has(pairKey(a, b));
}

export default defineCheck({
  id: 'jars.conflicts',
  title: 'No duplicate artifacts or classes',
  group: 'JARs',
  description:
    'No SQL identifier registered by two different factory classes and no classes of one name in two artifacts ' +
    '(errors); one artifact in two versions or one JAR twice is a warning naming which JAR to keep, and so is a JAR ' +
    "the job adds that holds classes the distribution ships (the job's class loader keeps them apart). Copies of " +
    'classes Flink loads from its own JARs first (org.apache.flink.*, org.apache.hadoop.*, …), or of a library two JARs both bundle at one ' +
    'release, are noted, never a reason to remove a JAR.',
  reads: [
    "each JAR's identity and class list (zip central directory)",
    'the Factory service file of each JAR (identifiers and factory classes)',
    'SHA-1 of overlapping JARs of the same size',
    'the libraries each JAR bundles (NOTICE, pom.properties)',
    'compat-matrix.json connectors.parentFirst (classloader.parent-first-patterns.default)',
  ],
  needs: ['jars'],
  run({ jars }, { matrix }) {
    const seen = readable(jars.jars);
    if (seen.length < 2)
      return { status: 'skipped', summary: seen.length === 0 ? 'no readable JARs' : 'only one JAR: nothing to conflict with' };
    const knowledge = matrix.connectors();
    // The distribution's own JARs are never the finding: among themselves they are Flink's layout, and next to a
    // user's JAR they are the copy to keep.
    const shipped = (jar: ScannedJar) => knowledge.isDistributionJar(jar.ref.path, jar.ref.source);
    const scene: Scene = {
      knowledge,
      byPath: new Map(seen.map((jar) => [jar.ref.path, jar])),
      shipped,
      artifactOf: new Map(),
      explained: new Set(),
    };
    const tally: Tally = {
      errors: [],
      warnings: [],
      notes: [],
      fixes: [],
      paths: new Set(),
      counts: {
        duplicateArtifacts: 0,
        identifierClashes: 0,
        classOverlaps: 0,
        sameJarTwice: 0,
        parentFirstCopies: 0,
        userLoaderCopies: 0,
        sameReleaseCopies: 0,
      },
    };
    artifactsTwice(seen, scene, tally);
    clashingIdentifiers(seen, scene, tally);
    overlappingClasses(jars.overlaps, scene, tally);
    const { errors, warnings, notes } = tally;
    const facts = { jars: seen.length, ...tally.counts };
    const sources = notes.length > 0 ? matrix.cite(knowledge.section.parentFirst?.sources) : [];
    const findings = [...errors, ...warnings];
    if (findings.length === 0)
      return {
        status: 'ok',
        summary: `no conflicting duplicate artifacts or classes across ${seen.length} JARs`,
        details: notes,
        facts,
        sources,
      };
    const summary =
      findings.length === 1
        ? (findings[0] ?? '')
        : errors.length > 0
          ? `${findings.length} conflicts between JARs`
          : `${findings.length} ${tally.counts.userLoaderCopies > 0 ? 'duplicates between JARs' : 'JARs present twice'}`;
    return {
      status: errors.length > 0 ? 'error' : 'warning',
      summary,
      details: capList([...findings, ...notes], 25),
      fix: [...new Set(tally.fixes)].join('\n'),
      facts,
      locations: [...tally.paths].map((path) => ({ path })),
      sources,
    };
  },
});

/** One artifact (groupId:artifactId, Scala suffix aside) present more than once among the user's JARs. */
function artifactsTwice(seen: readonly ScannedJar[], scene: Scene, tally: Tally): void {
  const byArtifact = new Map<string, ScannedJar[]>();
  for (const jar of seen) {
    const id = jar.identity;
    if (!id?.artifactId) continue;
    const key = `${id.groupId ?? ''}:${splitScalaSuffix(id.artifactId).base}`;
    byArtifact.set(key, [...(byArtifact.get(key) ?? []), jar]);
  }
  for (const [key, group] of byArtifact) {
    if (group.length < 2 || group.every(scene.shipped)) continue;
    for (const jar of group) {
      scene.artifactOf.set(jar.ref.path, key);
      tally.paths.add(jar.ref.path);
    }
    const versions = new Set(group.map((j) => j.identity?.version ?? '?'));
    const keep = group.find(scene.shipped) ?? newestOf(group);
    const name = key.replace(/^:/, '');
    if (versions.size < 2) {
      tally.counts.sameJarTwice += 1;
      tally.warnings.push(`the same JAR twice: ${name}:${[...versions][0]} as ${labels(group)}`);
    } else {
      tally.counts.duplicateArtifacts += 1;
      tally.warnings.push(
        `${name} in ${versions.size} versions: ${labels(group)}: the JVM loads each class from the first of them on the classpath and never uses the other`,
      );
    }
    tally.fixes.push(`Remove ${labels(group.filter((j) => j !== keep))}; keep ${jarLabel(keep)}`);
  }
}

/** The same SQL identifier from different factory classes in two JARs: Flink refuses to choose. */
function clashingIdentifiers(seen: readonly ScannedJar[], scene: Scene, tally: Tally): void {
  for (const { identifier, a, b } of identifierClashesOf(seen, (x, y) => isExplained(scene, x, y))) {
    if (scene.shipped(a.jar) && scene.shipped(b.jar)) continue;
    scene.explained.add(pairKey(a.jar.ref.path, b.jar.ref.path));
    tally.paths.add(a.jar.ref.path);
    tally.paths.add(b.jar.ref.path);
    tally.counts.identifierClashes += 1;
    tally.errors.push(
      `'${identifier}' is registered by both ${jarLabel(a.jar)} (${a.classes.join(', ')}) and ${jarLabel(b.jar)} (${b.classes.join(', ')}): "Multiple factories for identifier '${identifier}' … found in the classpath"`,
    );
    const keep = [a.jar, b.jar].find(scene.shipped) ?? identifierKeeper(a.jar, b.jar, identifier, scene.knowledge);
    tally.fixes.push(`Remove ${jarLabel(keep === a.jar ? b.jar : a.jar)}; keep ${jarLabel(keep)} for '${identifier}'`);
  }
}

/** Classes of one name in two JARs not already explained: byte-identical files, parent-first copies, real conflicts. */
function overlappingClasses(overlaps: readonly JarOverlap[], scene: Scene, tally: Tally): void {
  for (const overlap of overlaps) {
    if (isExplained(scene, overlap.jars[0], overlap.jars[1])) continue;
    const a = scene.byPath.get(overlap.jars[0]);
    const b = scene.byPath.get(overlap.jars[1]);
    if (!a || !b || (scene.shipped(a) && scene.shipped(b))) continue;
    const classes = `${overlap.classes} class${overlap.classes === 1 ? '' : 'es'}`;
    const own = [a, b].find(scene.shipped);
    if (own && scene.knowledge.loadedParentFirst(overlap.packages)) {
      const other = own === a ? b : a;
      tally.counts.parentFirstCopies += 1;
      tally.notes.push(
        `${classes} under ${describePackages(overlap.commonPackage, overlap.packages)} are in both ${jarLabel(other)} and ${jarLabel(own)}: ` +
          'Flink loads org.apache.flink.* from its own JARs first (classloader.parent-first-patterns.default), so the copy in ' +
          `${jarLabel(own)} is the one used; nothing to remove`,
      );
      continue;
    }
    overlap.jars.forEach((p) => tally.paths.add(p));
    if (overlap.identical) {
      tally.counts.sameJarTwice += 1;
      tally.warnings.push(`the same JAR twice (byte-identical files): ${jarLabel(a)}; ${jarLabel(b)}`);
      const keep = own ?? newestOf([a, b]);
      tally.fixes.push(`Remove ${jarLabel(keep === a ? b : a)}; keep ${jarLabel(keep)}`);
      continue;
    }
    const packages = describePackages(overlap.commonPackage, overlap.packages);
    const user = own ? (own === a ? b : a) : undefined;
    if (own && user && !fromDistribution(user.ref.source)) {
      userLoaderCopy({ classes, packages, user, own, shared: sharedPackages(overlap.commonPackage, overlap.packages) }, tally);
      continue;
    }
    const release = sameRelease(a, b, overlap.packages);
    if (release.length > 0) {
      tally.counts.sameReleaseCopies += 1;
      tally.notes.push(
        `${classes} under ${packages} are in both ${jarLabel(a)} and ${jarLabel(b)}, and both bundle ${release.join(', ')} ` +
          '(their NOTICE or pom.properties files): whichever the class loader finds first is the same release; nothing to remove',
      );
      continue;
    }
    tally.counts.classOverlaps += 1;
    tally.errors.push(`${classes} in both ${jarLabel(a)} and ${jarLabel(b)}: ${packages}`);
    tally.fixes.push(overlapFix(a, b, sharedPackages(overlap.commonPackage, overlap.packages), scene.shipped));
  }
}

/**
 * A JAR the job adds (pipeline.jars, add_jars, --jars) holds classes the distribution ships, outside the parent-first
 * packages. It loads in the job's own class loader, so each side keeps its copy (child-first on the TaskManagers, the
 * distribution's first while PyFlink plans): a risk where the two meet, not a certain failure. Measured in the real
 * tier: paimon-catalog-hadoop ran with 2,136 such classes between flink-shaded-hadoop-2-uber and flink-dist.
 */
function userLoaderCopy(
  copy: { classes: string; packages: string; user: ScannedJar; own: ScannedJar; shared: string },
  tally: Tally,
): void {
  const { classes, packages, user, own, shared } = copy;
  tally.counts.userLoaderCopies += 1;
  tally.warnings.push(
    `${classes} in both ${jarLabel(user)} and ${jarLabel(own)}: ${packages}: the job's class loader takes them from ` +
      `${jarLabel(user)}, Flink's own code from ${jarLabel(own)}; a clash shows only where the two meet (NoSuchMethodError, ClassCastException, LinkageError)`,
  );
  tally.fixes.push(
    `If a NoSuchMethodError, ClassCastException or LinkageError names classes under ${shared}, relocate (shade) or exclude them in ${jarLabel(user)}: ${jarLabel(own)} ships with Flink`,
  );
}

/**
 * The libraries two JARs in one class loader both bundle at the same version, when they account for every package
 * the JARs share (flink-sql-orc 2.3.0 and flink-shaded-hadoop-2-uber 2.8.3-10.0 both bundle commons-lang:commons-lang:2.6,
 * 133 classes under org.apache.commons.lang, byte-different after shading; orc-hadoop-jar ran). Empty when a shared
 * package belongs to none of them, or to one bundled at two versions: then the overlap stays an error.
 */
function sameRelease(a: ScannedJar, b: ScannedJar, packages: readonly string[]): string[] {
  const key = (c: Coordinate) => `${c.groupId}:${c.artifactId}`;
  const inB = new Map((b.bundled ?? []).map((c) => [key(c), c.version]));
  const shared = (a.bundled ?? []).filter((c) => inB.has(key(c)));
  const owners = topmostPackages(packages).map((root) => shared.filter((c) => libraryOf(c, root)));
  if (owners.length === 0 || owners.some((o) => o.length === 0 || o.some((c) => inB.get(key(c)) !== c.version))) return [];
  return [...new Set(owners.flat().map((c) => `${key(c)}:${c.version}`))];
}

/**
 * A package is a library's when every word of its artifactId is one of the package's segments (commons-lang:
 * org/apache/commons/lang; protobuf-java: com/google/protobuf, "java" being a mere suffix). Not by groupId: a shared
 * org.apache.flink artifact would claim every Flink package of both JARs.
 */
function libraryOf(coordinate: Coordinate, pkg: string): boolean {
  const segments = pkg.split('/');
  const words = coordinate.artifactId.split('-').filter((w) => w !== 'java' && !/^\d+$/.test(w));
  return words.length > 0 && words.every((w) => segments.includes(w));
}

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
function identifierClashesOf(
  seen: readonly ScannedJar[],
  isExplained: (a: string, b: string) => boolean,
): { identifier: string; a: Registration; b: Registration }[] {
  const byIdentifier = new Map<string, Map<string, Registration[]>>();
  for (const jar of seen) {
    const classesOf = new Map<string, string[]>();
    for (const [className, identifier] of Object.entries(jar.factories ?? {}))
      classesOf.set(identifier, [...(classesOf.get(identifier) ?? []), className]);
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
  // Code-unit order, not localeCompare: the same in every locale, and ICU's collator costs ~6 ms to start.
  for (const [identifier, bySignature] of [...byIdentifier].sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0))) {
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
    const order = compareBuilds(parseArtifactVersion(a.identity?.version ?? ''), parseArtifactVersion(b.identity?.version ?? ''));
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
  for (const jar of group.slice(1)) if (compareBuilds(rank(jar), rank(best)) > 0) best = jar;
  return best;
}

/** Which JAR to remove when two different artifacts ship the same classes (never the distribution's own). */
function overlapFix(a: ScannedJar, b: ScannedJar, shared: string, shipped: (jar: ScannedJar) => boolean): string {
  const own = [a, b].find(shipped);
  if (own) {
    const other = own === a ? b : a;
    return `Remove ${jarLabel(other)} or rebuild it without the classes under ${shared}: ${jarLabel(own)} ships with Flink`;
  }
  // The thin and the fat JAR of one connector: the fat one is what PyFlink needs and contains the thin one.
  if (a.family && a.family === b.family && a.role !== b.role) {
    const [thin, fat] = a.role === 'thin' ? [a, b] : [b, a];
    return `Remove ${jarLabel(thin)}; ${jarLabel(fat)} already contains its classes`;
  }
  return `Remove ${jarLabel(a)} or ${jarLabel(b)}, or rebuild one without the classes under ${shared} (shade or exclude them)`;
}

/**
 * The packages to relocate or exclude, dotted, for a fix's wording: "classes under org" says nothing, "org.apache.commons.cli,
 * …, org.apache.commons.math3 and org.xerial.snappy" (flink-shaded-hadoop-2-uber next to flink-dist) says what to shade.
 */
function sharedPackages(common: string, packages: readonly string[], max = 5): string {
  if (packages.length === 0) return common ? dotted(common) : 'the shared packages';
  const named = libraryRoots(packages, max).map((p) => (p === '' ? '(default package)' : dotted(p)));
  // "and 1 more package" would hide a name in the space it takes to say so.
  const shown = named.length <= max + 1 ? named : [...named.slice(0, max), `${named.length - max} more packages`];
  return shown.length === 1 ? (shown[0] ?? '') : `${shown.slice(0, -1).join(', ')} and ${shown.at(-1) ?? ''}`;
}

/**
 * The topmost packages holding shared classes ("a/b" for "a/b" and "a/b/c"); while there are more than a fix can name,
 * those under the deepest package two of them share become that package ("com/google/common" for its base, collect, …),
 * never one shallower than three segments ("org/apache" names no library).
 */
function libraryRoots(packages: readonly string[], max: number): string[] {
  // Sorted segment by segment, the two names sharing the deepest package are neighbours.
  let roots = topmostPackages(packages).sort(bySegments);
  while (roots.length > max + 1) {
    let deepest: string[] = [];
    for (let i = 1; i < roots.length; i += 1) {
      const shared = sharedSegments(roots[i - 1] ?? '', roots[i] ?? '');
      if (shared.length > deepest.length) deepest = shared;
    }
    if (deepest.length < 3) break;
    const merged = deepest.join('/');
    roots = [...roots.filter((p) => !p.startsWith(`${merged}/`)), merged].sort(bySegments);
  }
  return roots;
}

/** The packages no other one of them lies under ("a/b" for "a/b" and "a/b/c"); the default package stands alone. */
function topmostPackages(packages: readonly string[]): string[] {
  const all = new Set(packages);
  const under = (p: string) => p.split('/').some((_, i, parts) => i > 0 && all.has(parts.slice(0, i).join('/')));
  return [...all].filter((p) => p === '' || !under(p));
}

const bySegments = (a: string, b: string) => {
  const [x, y] = [a.replace(/\//g, '\0'), b.replace(/\//g, '\0')];
  return x < y ? -1 : x > y ? 1 : 0;
};

function sharedSegments(a: string, b: string): string[] {
  const [x, y] = [a.split('/'), b.split('/')];
  let n = 0;
  while (n < x.length && n < y.length && x[n] === y[n]) n += 1;
  return x.slice(0, n);
}

const dotted = (p: string) => p.replace(/\//g, '.');

/**
 * "org.apache.kafka.{clients.consumer, common}": the common package, then what lies under it. Below three segments the
 * common package names no library ("org.{apache.commons.cli, …, 119 more}"): the libraries' packages, as a fix names them.
 */
export function describePackages(common: string, packages: readonly string[], max = 5): string {
  const name = (p: string) => (p === '' ? '(default package)' : dotted(p));
  if (packages.length <= 1) return name(packages[0] ?? common);
  if (common.split('/').length < 3) return sharedPackages(common, packages, max);
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
