// Connector and format knowledge (compat-matrix.json `connectors`): artifact families, the SQL identifiers
// they register, which Flink minors each release supports, and the identifiers every Flink ships built in.
import type { Confidence, SourceRef } from './source-ref.js';
import { compareReleases, minorOfRelease, parseArtifactVersion, splitScalaSuffix } from '../jars/version.js';

export interface ConnectorRelease {
  /** The connector's own release ("3.3.0"); for CDC lines a major.minor ("3.1") covers every patch. */
  version: string;
  /** Flink minors it is published for. */
  flink: string[];
  /** groupId of this release when it differs from the family's first one (CDC moved to org.apache.flink in 3.1). */
  groupId?: string;
  /** Maven versions carry "-<flink minor>" (externalized connectors; CDC from 3.6). */
  suffixed?: boolean;
  confidence?: Confidence;
  sources: SourceRef[];
}

export interface ConnectorFamily {
  title: string;
  kind: 'connector' | 'format' | 'cdc';
  groupIds: string[];
  /** Shaded artifacts meant for SQL and PyFlink (flink-sql-connector-*, flink-sql-*). */
  fat: string[];
  /** Artifacts with the connector code only: they need their dependencies next to them. */
  thin: string[];
  identifiers: string[];
  /** Factory class → identifier, for classes named in META-INF/services/…Factory. */
  factories: Record<string, string>;
  /** Package prefixes only the fat JAR contains (relocated dependencies). */
  shadedPrefixes?: string[];
  /** What a thin JAR needs from another JAR: packages (zip paths) and the artifact that has them. */
  thinNeeds?: { packages: string[]; artifact: string };
  /** flink: versions equal the Flink version (formats); connector: own releases (externalized); cdc: own lines. */
  versioning: 'flink' | 'connector' | 'cdc';
  /** Last Flink minor that shipped the connector in the main repository; its versions there equal Flink's. */
  inTreeUntil?: string;
  /** Artifacts that legitimately keep a Scala suffix after Flink 1.15. */
  scalaSuffixed?: boolean;
  /** Factory classes whose identifier changed in a connector release (legacy Kinesis: "kinesis-legacy" from 5.0.0). */
  factoriesSince?: { since: string; factories: Record<string, string>; sources: SourceRef[] }[];
  releases: ConnectorRelease[];
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

export interface ConnectorsSection {
  families: Record<string, ConnectorFamily>;
  /** Source keys only connector facts use (connector repositories); refs resolve here or in the top-level table. */
  sources?: Record<string, { title: string; url?: string; note?: string }>;
  builtins: BuiltinIdentifiers[];
  pipelineJarsYamlList: YamlListSupport;
}

export interface FamilyMatch {
  key: string;
  family: ConnectorFamily;
  role: 'fat' | 'thin';
}

export interface Coordinates {
  groupId: string;
  artifactId: string;
  version: string;
}

export class ConnectorKnowledge {
  constructor(readonly section: ConnectorsSection) {}

  /** The family an artifactId belongs to, ignoring a Scala suffix. */
  familyOfArtifact(artifactId: string): FamilyMatch | undefined {
    const { base } = splitScalaSuffix(artifactId);
    for (const [key, family] of Object.entries(this.section.families)) {
      if (family.fat.includes(base)) return { key, family, role: 'fat' };
      if (family.thin.includes(base)) return { key, family, role: 'thin' };
    }
    return undefined;
  }

  familyOfFactory(className: string): { key: string; family: ConnectorFamily; identifier: string } | undefined {
    for (const [key, family] of Object.entries(this.section.families)) {
      const identifier = family.factories[className];
      if (identifier) return { key, family, identifier };
    }
    return undefined;
  }

  /**
   * The identifier a factory class of this family registers in a given connector release: `factoriesSince`
   * entries at or below the release override `factories`. Without a release the base map applies.
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

  /** Whether a release of this family registers the identifier (false for "kinesis-legacy" before AWS 5.0.0). */
  registersIn(family: ConnectorFamily, identifier: string, release?: string): boolean {
    return Object.keys(family.factories).length === 0 ? family.identifiers.includes(identifier) : Object.keys(family.factories).some((className) => this.identifierOf(family, className, release) === identifier);
  }

  /** Families that register an identifier (a connector, format or catalog type). */
  providersOf(identifier: string): { key: string; family: ConnectorFamily }[] {
    return Object.entries(this.section.families)
      .filter(([, family]) => family.identifiers.includes(identifier))
      .map(([key, family]) => ({ key, family }));
  }

  family(key: string): ConnectorFamily | undefined {
    return this.section.families[key];
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

  /**
   * The Flink minors a JAR of this family and version was built for or supports: the "-1.20" of an
   * externalized version, the Flink version itself for in-tree builds and formats, the CDC table for CDC.
   */
  flinkLinesOf(family: ConnectorFamily, version: string): { lines: string[]; builtFor?: string; inTree: boolean } {
    const parsed = parseArtifactVersion(version);
    if (!parsed) return { lines: [], inTree: false };
    if (parsed.builtFor) return { lines: [parsed.builtFor], builtFor: parsed.builtFor, inTree: false };
    const minor = minorOfRelease(parsed.release);
    if (!minor) return { lines: [], inTree: false };
    if (family.versioning === 'flink') return { lines: [minor], builtFor: minor, inTree: true };
    if (family.versioning === 'connector' && family.inTreeUntil && minor.startsWith('1.') && compareReleases(minor, family.inTreeUntil) <= 0) {
      return { lines: [minor], builtFor: minor, inTree: true };
    }
    const release = family.releases.find((r) => r.version === parsed.release || (family.versioning === 'cdc' && minorOfRelease(r.version) === minor));
    return { lines: release?.flink ?? [], inTree: false };
  }

  /** The fat (else thin) artifact and newest release for a Flink target, e.g. flink-sql-connector-kafka:3.4.0-1.20. */
  recommend(family: ConnectorFamily, targetMinor: string, targetVersion?: string | null): Coordinates | undefined {
    const artifactId = family.fat[0] ?? family.thin[0];
    if (!artifactId) return undefined;
    const withScala = family.scalaSuffixed ? `${artifactId}_2.12` : artifactId;
    if (family.versioning === 'flink') {
      const version = targetVersion && /^\d+\.\d+\.\d+$/.test(targetVersion) ? targetVersion : `${targetMinor}.x`;
      return { groupId: family.groupIds[0] ?? 'org.apache.flink', artifactId: withScala, version };
    }
    const candidates = family.releases.filter((r) => r.flink.includes(targetMinor)).sort((a, b) => compareReleases(b.version, a.version));
    const release = candidates[0];
    if (!release) {
      if (family.inTreeUntil && compareReleases(targetMinor, family.inTreeUntil) <= 0) {
        return { groupId: family.groupIds[0] ?? 'org.apache.flink', artifactId: withScala, version: targetVersion ?? `${targetMinor}.x` };
      }
      return undefined;
    }
    const suffixed = family.versioning === 'connector' || release.suffixed;
    const version = family.versioning === 'cdc' && !/\.\d+\.\d+$/.test(release.version) ? `${release.version}.x` : release.version;
    return {
      groupId: release.groupId ?? family.groupIds[family.groupIds.length - 1] ?? 'org.apache.flink',
      artifactId: withScala,
      version: suffixed ? `${version}-${targetMinor}` : version,
    };
  }

  /** Whether this target's PyFlink turns a YAML-list pipeline.jars into URLs (FLINK-37505). */
  readsYamlListPipelineJars(targetVersion: string | null): boolean | undefined {
    if (!targetVersion) return undefined;
    const { fixedIn, allFrom } = this.section.pipelineJarsYamlList;
    const minor = minorOfRelease(targetVersion);
    if (!minor) return undefined;
    if (compareReleases(minor, allFrom) >= 0) return true;
    const fixed = fixedIn[minor];
    if (!fixed) return false;
    // A bare minor ("1.20") may be any patch: only a named patch can be judged fixed.
    return /^\d+\.\d+\.\d+/.test(targetVersion) ? compareReleases(targetVersion, fixed) >= 0 : undefined;
  }
}
