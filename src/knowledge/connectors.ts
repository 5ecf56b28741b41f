// Connector and format knowledge (compat-matrix.json `connectors`): artifact families, the SQL identifiers
// they register, which Flink minors each release supports, and the identifiers every Flink ships built in.
import { basename } from 'node:path';
import type { Coordinate, JarSource } from '../facts/index.js';
import { distributionFolder } from '../facts/jars.js';
import { parseArtifactVersion, parseJarFileName, splitScalaSuffix } from '../jars/version.js';
import { compareReleases, minorOf } from './versions.js';
import { allNames, FLINK_PLACEHOLDER, matchName, namesFor } from './artifacts.js';
import type { Confidence, SourceRef } from './source-ref.js';

export interface ConnectorRelease {
  /** The connector's own release ("3.3.0"); for CDC lines a major.minor ("3.1") covers every patch. */
  version: string;
  /** Flink minors it is published for. */
  flink: string[];
  /** groupId of this release when it differs from the family's first one (CDC moved to org.apache.flink in 3.1). */
  groupId?: string;
  /** Maven versions carry "-<flink minor>" (externalized connectors; CDC from 3.6). */
  suffixed?: boolean;
  /** Artifacts of this release when they differ from the family's (JDBC 4.x: flink-connector-jdbc-core). */
  fat?: string[];
  thin?: string[];
  /** Artifacts needed next to the recommended one, one of them (JDBC 4.x: the dialect module of the database). */
  companions?: { oneOf: string[]; why: string };
  confidence?: Confidence;
  sources: SourceRef[];
}

export interface ConnectorFamily {
  title: string;
  kind: 'connector' | 'format' | 'cdc';
  /** Who builds it when not the Apache Flink project (Apache Iceberg, Apache Paimon …): its own docs set its Flink lines. */
  maintainer?: string;
  groupIds: string[];
  /** Shaded artifacts meant for SQL and PyFlink (flink-sql-connector-*, flink-sql-*); "{flink}" stands for the Flink minor. */
  fat: string[];
  /** Artifacts with the connector code only: they need their dependencies next to them. */
  thin: string[];
  /** Artifact names that changed with the Flink line (in-tree Hive fat JARs, flink-sql-json from 1.16): newest entry at or below the line wins. */
  artifactsByFlink?: { flink: string; fat?: string[]; thin?: string[] }[];
  /** SQL identifiers; empty for DataStream-only families. */
  identifiers: string[];
  /** Factory class → identifier, for classes named in META-INF/services/…Factory. */
  factories: Record<string, string>;
  /** The family has no Table factory in any release: DataStream (and PyFlink DataStream) only. */
  datastreamOnly?: boolean;
  /** The PyFlink module wrapping its DataStream API, when there is one. */
  pyflinkModule?: string;
  /** Package prefixes only the fat JAR contains (relocated dependencies). */
  shadedPrefixes?: string[];
  /** Classes JARs of the family need from elsewhere (kafka-clients for the thin Kafka JAR, Hadoop for Parquet). */
  needs?: ClassNeed[];
  /**
   * flink: versions equal the Flink version (formats); connector: own releases with a "-<flink minor>" suffix
   * (externalized); cdc: own lines; own: own releases, the Flink minor in the artifactId or `versionFormat`.
   */
  versioning: 'flink' | 'connector' | 'cdc' | 'own';
  /** How an `own` version names its Flink line when the artifactId does not ("{version}_flink-{flink}"). */
  versionFormat?: string;
  /** First Flink minor that has the family at all (flink-protobuf: 1.16). */
  since?: string;
  /** Last Flink minor that shipped the connector in the main repository; its versions there equal Flink's. */
  inTreeUntil?: string;
  /** Artifacts that legitimately keep a Scala suffix after Flink 1.15. */
  scalaSuffixed?: boolean;
  /**
   * Factory classes registered from a connector release on (Kafka's dynamic-kafka from 5.0.0, Pulsar's Table
   * factories from 4.1.0), or whose identifier changed then (legacy Kinesis: "kinesis-legacy" from 5.0.0).
   */
  factoriesSince?: { since: string; factories: Record<string, string>; sources: SourceRef[] }[];
  releases: ConnectorRelease[];
  sources: SourceRef[];
}

/** Classes a JAR needs that it does not bundle: without them the job fails (compat-matrix.json connectors.families.*.needs). */
export interface ClassNeed {
  /** What is missing, in words ("a MySQL JDBC driver", "Hadoop"). */
  what: string;
  /** Only JARs of this role need it. */
  role?: 'thin' | 'fat';
  /** Only these artifacts of the family need it. */
  artifacts?: string[];
  /** From this release of the family on (its own version, without the "-<flink>" suffix). */
  since?: string;
  /** Only when the job's JDBC URL is jdbc:<scheme>:. */
  jdbcScheme?: string;
  /** Package prefixes (zip paths) whose classes satisfy it. */
  packages: string[];
  /** "group:artifact[:version]" to add; without a version, the needing JAR's own. */
  artifact?: string;
  /** An environment variable PyFlink puts on the classpath that supplies it instead (HADOOP_CLASSPATH). */
  env?: string;
  /** Only the JVM's own classpath meets it (env, or a JAR in lib/): the JAR that needs it does not see pipeline.jars. */
  classpathOnly?: boolean;
  symptom: string;
  /** The fix in words, when adding one artifact is not it. */
  fix?: string;
  /** JARs that meet the need but need another JAR themselves (hadoop-client-api without hadoop-client-runtime). */
  providerNeeds?: ProviderNeed[];
  sources: SourceRef[];
}

/** What a JAR meeting a need needs itself: until it is there too, the need is not met. */
export interface ProviderNeed {
  /** groupId:artifactId of the providing JAR. */
  provider: string;
  what: string;
  packages: string[];
  /** groupId:artifactId to add, in the providing JAR's own version. */
  artifact?: string;
  /** The fix in words, when no one JAR completes the provider (hadoop-common: use a self-contained Hadoop instead). */
  fix?: string;
  symptom: string;
  sources: SourceRef[];
}

export interface BuiltinIdentifiers {
  since: string;
  connectors: string[];
  formats: string[];
  catalogs: string[];
  sources: SourceRef[];
}

export interface YamlListSupport {
  /** Per Flink minor, the first patch whose PyFlink reads a YAML-list pipeline.jars; minors above `allFrom` all do. */
  fixedIn: Record<string, string>;
  allFrom: string;
  confidence?: Confidence;
  sources: SourceRef[];
}

/** The JARs every Flink distribution ships, by folder (artifact names without version), from its assembly files. */
export interface DistributionJars {
  lib: string[];
  opt: string[];
  plugins: string[];
  sources: SourceRef[];
}

/** Packages Flink always loads from its own classpath first (classloader.parent-first-patterns.default). */
export interface ParentFirst {
  /** Zip-path prefixes ("org/apache/flink/"). */
  packages: string[];
  note?: string;
  sources: SourceRef[];
}

/** How a build for a newer Flink line than the target is judged: "built" and "target" compare Flink minors (">=2.0"). */
export interface NewerBuildRule {
  built: string;
  target: string;
  level: 'error' | 'warning';
  /** The reason; "{target}" stands for the target line. */
  why: string;
  sources: SourceRef[];
}

export interface ConnectorsSection {
  families: Record<string, ConnectorFamily>;
  distributionJars?: DistributionJars;
  parentFirst?: ParentFirst;
  newerBuilds?: NewerBuildRule[];
  /** Source keys only connector facts use (connector repositories); refs resolve here or in the top-level table. */
  sources?: Record<string, { title: string; url?: string; note?: string }>;
  builtins: BuiltinIdentifiers[];
  pipelineJarsYamlList: YamlListSupport;
}

export interface FamilyMatch {
  key: string;
  family: ConnectorFamily;
  role: 'fat' | 'thin';
  /** The Flink minor an artifactId names ("iceberg-flink-runtime-1.20" → "1.20"). */
  builtFor?: string;
}

export interface Recommendation extends Coordinate {
  /** Artifacts needed next to it, one of them (JDBC 4.x dialect modules). */
  companions?: { oneOf: string[]; why: string };
  /** Built inside a Flink release (formats, connectors before they left Flink): its version is that release's. */
  inTree?: true;
}

export class ConnectorKnowledge {
  /** Every family's names, indexed once: the JAR scan asks about each JAR's artifactId (1,000 JARs, 2,000 asks). */
  private familyNames: FamilyNames | undefined;

  constructor(readonly section: ConnectorsSection) {}

  /** The family an artifactId belongs to, ignoring a Scala suffix; names holding {flink} match any minor. */
  familyOfArtifact(artifactId: string): FamilyMatch | undefined {
    const { base } = splitScalaSuffix(artifactId);
    const { plain, patterns } = (this.familyNames ??= indexFamilyNames(this.section.families));
    // The first name in the matrix's order (family, fat before thin, name) that matches, as a walk of them all would find.
    const found = plain.get(base);
    for (const named of patterns) {
      if (found && found.order < named.order) break;
      const minor = matchName(named.name, base);
      if (minor !== undefined) return { key: named.key, family: named.family, role: named.role, builtFor: minor };
    }
    return found && { key: found.key, family: found.family, role: found.role };
  }

  /** The family a factory class belongs to, with the identifier it registers (in the newest release when it changed). */
  familyOfFactory(className: string): { key: string; family: ConnectorFamily; identifier: string } | undefined {
    for (const [key, family] of Object.entries(this.section.families)) {
      let identifier = family.factories[className];
      for (const change of family.factoriesSince ?? []) identifier = change.factories[className] ?? identifier;
      if (identifier) return { key, family, identifier };
    }
    return undefined;
  }

  /**
   * The identifier a factory class of this family registers in a given connector release: `factoriesSince`
   * entries at or below the release add or override classes of `factories`. Without a release the base map applies.
   */
  identifierOf(family: ConnectorFamily, className: string, release?: string): string | undefined {
    let identifier = family.factories[className];
    if (!release) return identifier;
    for (const change of family.factoriesSince ?? []) {
      const renamed = change.factories[className];
      if (renamed && compareReleases(change.since, release) <= 0) identifier = renamed;
    }
    return identifier;
  }

  /** Whether a release of this family registers the identifier (false for Pulsar before 4.1.0, dynamic-kafka before 5.0.0). */
  registersIn(family: ConnectorFamily, identifier: string, release?: string): boolean {
    const classes = new Set([...Object.keys(family.factories), ...(family.factoriesSince ?? []).flatMap((c) => Object.keys(c.factories))]);
    if (classes.size === 0) return family.identifiers.includes(identifier);
    return [...classes].some((className) => this.identifierOf(family, className, release) === identifier);
  }

  /** The first release that registers the identifier, when a later release started to (undefined when every one does). */
  firstReleaseRegistering(family: ConnectorFamily, identifier: string): ConnectorRelease | undefined {
    const releases = [...family.releases].sort((a, b) => compareReleases(a.version, b.version));
    if (releases[0] && this.registersIn(family, identifier, releases[0].version)) return undefined;
    return releases.find((r) => this.registersIn(family, identifier, r.version));
  }

  /** Families that register an identifier (a connector, format or catalog type). */
  providersOf(identifier: string): { key: string; family: ConnectorFamily }[] {
    return Object.entries(this.section.families)
      .filter(([, family]) => family.identifiers.includes(identifier))
      .map(([key, family]) => ({ key, family }));
  }

  /**
   * A JAR the Flink distribution itself ships (flink-dist, flink-json, log4j … in lib/; flink-python … in opt/),
   * found in the distribution's own folder: never a finding of the JAR checks, whatever it contains.
   */
  isDistributionJar(path: string, source: JarSource): boolean {
    const folder = distributionFolder(source);
    const parts = folder ? parseJarFileName(basename(path)) : undefined;
    if (!folder || !parts) return false;
    const name = parts.scalaSuffix ? `${parts.artifactId}_${parts.scalaSuffix}` : parts.artifactId;
    return (this.section.distributionJars?.[folder] ?? []).includes(name);
  }

  family(key: string): ConnectorFamily | undefined {
    return this.section.families[key];
  }

  /**
   * Every package is one Flink loads from its own classpath first: next to the distribution's copy, a user JAR's
   * copy of these classes is never the one loaded.
   */
  loadedParentFirst(packages: readonly string[]): boolean {
    const prefixes = this.section.parentFirst?.packages ?? [];
    return packages.length > 0 && packages.every((p) => prefixes.some((prefix) => `${p}/`.startsWith(prefix)));
  }

  /** The rule for a build made for `built`, newer than the target line `target` (first match in the matrix). */
  newerBuildRule(built: string, target: string): NewerBuildRule | undefined {
    return this.section.newerBuilds?.find((rule) => minorMatches(built, rule.built) && minorMatches(target, rule.target));
  }

  /** Identifiers every Flink of this minor provides without extra JARs. */
  builtinsFor(minor: string | null): Set<string> {
    let chosen: BuiltinIdentifiers | undefined;
    for (const entry of this.section.builtins) {
      if (!minor || compareReleases(entry.since, minor) <= 0) chosen = entry;
    }
    chosen ??= this.section.builtins[0];
    return new Set(chosen ? [...chosen.connectors, ...chosen.formats, ...chosen.catalogs] : []);
  }

  /** Releases published for a Flink minor, newest first. */
  releasesFor(family: ConnectorFamily, minor: string): ConnectorRelease[] {
    return family.releases.filter((r) => r.flink.includes(minor)).sort((a, b) => compareReleases(b.version, a.version));
  }

  /** The family shipped inside the Flink release itself on this line (formats, connectors before externalization). */
  inTreeOn(family: ConnectorFamily, minor: string): boolean {
    if (family.since && compareReleases(minor, family.since) < 0) return false;
    if (family.versioning === 'flink') return true;
    return Boolean(family.inTreeUntil && compareReleases(minor, family.inTreeUntil) <= 0);
  }

  /**
   * The Flink minors a JAR of this family and version was built for or supports: the minor in the artifactId or
   * the "-1.20" of an externalized version, the Flink version itself for in-tree builds and formats, the CDC table
   * for CDC.
   */
  flinkLinesOf(family: ConnectorFamily, version: string, artifactId?: string): { lines: string[]; builtFor?: string; inTree: boolean } {
    const named = artifactId ? this.familyOfArtifact(artifactId)?.builtFor : undefined;
    if (named) return { lines: [named], builtFor: named, inTree: false };
    const formatted = family.versionFormat ? parseFormatted(family.versionFormat, version) : undefined;
    if (formatted) return { lines: [formatted.flink], builtFor: formatted.flink, inTree: false };
    const parsed = parseArtifactVersion(version);
    if (!parsed) return { lines: [], inTree: false };
    if (parsed.builtFor) return { lines: [parsed.builtFor], builtFor: parsed.builtFor, inTree: false };
    const minor = minorOf(parsed.release);
    if (!minor) return { lines: [], inTree: false };
    if (family.versioning === 'flink') return { lines: [minor], builtFor: minor, inTree: true };
    if (family.versioning === 'connector' && this.inTreeOn(family, minor)) return { lines: [minor], builtFor: minor, inTree: true };
    const release = family.releases.find(
      (r) => r.version === parsed.release || (family.versioning === 'cdc' && minorOf(r.version) === minor),
    );
    return { lines: release?.flink ?? [], inTree: false };
  }

  /**
   * What to download for a Flink line: the fat (else thin) artifact of the newest release for it, or the in-tree
   * build of `patch` (the exact Flink release the target resolves to). undefined when nothing exists for the line.
   */
  recommend(family: ConnectorFamily, minor: string, patch: string | null): Recommendation | undefined {
    if (family.since && compareReleases(minor, family.since) < 0) return undefined;
    const release = family.versioning === 'flink' ? undefined : this.releasesFor(family, minor)[0];
    if (!release) return this.inTreeOn(family, minor) ? inTreeBuild(family, minor, patch) : undefined;
    const names = namesFor(family, minor, release);
    const artifactId = names.fat[0] ?? names.thin[0];
    if (!artifactId) return undefined;
    const recommendation: Recommendation = {
      groupId: release.groupId ?? family.groupIds[family.groupIds.length - 1] ?? 'org.apache.flink',
      artifactId: family.scalaSuffixed ? `${artifactId}_2.12` : artifactId,
      version: releaseVersion(family, release, minor),
    };
    if (release.companions) recommendation.companions = release.companions;
    return recommendation;
  }

  /** Whether this target's PyFlink turns a YAML-list pipeline.jars into URLs (FLINK-37505). */
  readsYamlListPipelineJars(targetVersion: string | null): boolean | undefined {
    if (!targetVersion) return undefined;
    const { fixedIn, allFrom } = this.section.pipelineJarsYamlList;
    const minor = minorOf(targetVersion);
    if (!minor) return undefined;
    if (compareReleases(minor, allFrom) >= 0) return true;
    const fixed = fixedIn[minor];
    if (!fixed) return false;
    // A bare minor ("1.20") may be any patch: only a named patch can be judged fixed.
    return /^\d+\.\d+\.\d+/.test(targetVersion) ? compareReleases(targetVersion, fixed) >= 0 : undefined;
  }
}

/** "2.0" against ">=2.0", "<1.19", "==1.20". */
function minorMatches(minor: string, comparison: string): boolean {
  const match = /^(>=|<=|==|<|>)(\d+\.\d+)$/.exec(comparison);
  if (!match) return false;
  const order = compareReleases(minor, match[2] as string);
  const op = match[1];
  return op === '>=' ? order >= 0 : op === '<=' ? order <= 0 : op === '<' ? order < 0 : op === '>' ? order > 0 : order === 0;
}

/** The build of a family inside Flink `patch` (or, without one, the line's name with ".x"). */
function inTreeBuild(family: ConnectorFamily, minor: string, patch: string | null): Recommendation | undefined {
  const names = namesFor(family, minor);
  const artifactId = names.fat[0] ?? names.thin[0];
  if (!artifactId) return undefined;
  const version = patch && minorOf(patch) === minor && /^\d+\.\d+\.\d+$/.test(patch) ? patch : `${minor}.x`;
  return {
    groupId: family.groupIds[0] ?? 'org.apache.flink',
    artifactId: family.scalaSuffixed ? `${artifactId}_2.12` : artifactId,
    version,
    inTree: true,
  };
}

/** The Maven version of a release for a Flink line: "3.4.0-1.20", CDC "3.2.1", "1.2.10_flink-1.19", Iceberg "1.11.0". */
function releaseVersion(family: ConnectorFamily, release: ConnectorRelease, minor: string): string {
  if (family.versionFormat) return family.versionFormat.replace('{version}', release.version).replace(FLINK_PLACEHOLDER, minor);
  return family.versioning === 'connector' || release.suffixed ? `${release.version}-${minor}` : release.version;
}

/** "1.2.10_flink-1.19" read with "{version}_flink-{flink}". */
function parseFormatted(format: string, version: string): { release: string; flink: string } | undefined {
  const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const pattern = format
    .split(/(\{version\}|\{flink\})/)
    .map((part) =>
      part === '{version}' ? '(?<release>\\d+(?:\\.\\d+)*)' : part === FLINK_PLACEHOLDER ? '(?<flink>\\d+\\.\\d+)' : escape(part),
    );
  const groups = new RegExp(`^${pattern.join('')}$`).exec(version)?.groups;
  return groups?.release && groups.flink ? { release: groups.release, flink: groups.flink } : undefined;
}

/** A family name in the matrix's order: `order` says which of two matches a walk of every name would meet first. */
interface NamedFamily {
  order: number;
  name: string;
  key: string;
  family: ConnectorFamily;
  role: 'fat' | 'thin';
}

/** Names without {flink} by name (the first of equal ones kept), and the few with it in order. */
interface FamilyNames {
  plain: Map<string, NamedFamily>;
  patterns: NamedFamily[];
}

function indexFamilyNames(families: Record<string, ConnectorFamily>): FamilyNames {
  const index: FamilyNames = { plain: new Map(), patterns: [] };
  let order = 0;
  for (const [key, family] of Object.entries(families)) {
    const names = allNames(family);
    for (const role of ['fat', 'thin'] as const) {
      for (const name of names[role]) {
        const named = { order: order++, name, key, family, role };
        if (name.includes(FLINK_PLACEHOLDER)) index.patterns.push(named);
        else if (!index.plain.has(name)) index.plain.set(name, named);
      }
    }
  }
  return index;
}
