// The compatibility knowledge (compat-matrix.json) and the questions checks ask of it.
// The JSON is bundled into the build, which validates it against schemas/compat-matrix.schema.json first
// (scripts/build.mjs, with a validator generated ahead of time); src/knowledge/load-matrix.ts validates any
// other document (tests, scripts).
import rawMatrix from '../../compat-matrix.json' with { type: 'json' };
import coerce from 'semver/functions/coerce.js';
import satisfies from 'semver/functions/satisfies.js';
import { ConnectorKnowledge, type ConnectorsSection } from './connectors.js';
import type { Confidence, SourceRef } from './source-ref.js';
import { JobClassKnowledge, type JdbcDriver, type PyflinkClassesSection } from './job-classes.js';
import { compareVersions, isPatchVersion, minorOf } from './versions.js';

export type { Confidence, SourceRef } from './source-ref.js';

export interface JavaSupport {
  supported: number[];
  experimental: number[];
  deprecated: number[];
  recommended: number;
  notes?: Record<string, string>;
  /** Java patch levels that break something on this line until a Flink patch fixed it (semver ranges). */
  patchIssues?: { java: string; fixedIn?: string; effect: string; sources: SourceRef[] }[];
  /** From this Java major on the line breaks at run time (no Java 17 support before 1.18). */
  unusableFrom?: { major: number; effect: string; sources: SourceRef[] };
  sources: SourceRef[];
}

export interface PythonSupport {
  supported: string[];
  pythonRequires: string;
  sources: SourceRef[];
}

export interface ConfigFileRule {
  name: 'flink-conf.yaml' | 'config.yaml';
  legacy?: 'flink-conf.yaml';
  /** only: flink-conf.yaml is the only file; wins: a legacy flink-conf.yaml beats config.yaml; unsupported: it is ignored. */
  legacyBehaviour: 'only' | 'wins' | 'unsupported';
  sources: SourceRef[];
}

export interface RequiresDistEntry {
  since: string;
  /** Requires-Dist of the wheels (of every wheel, unless a variant names its Python tag). */
  requires: string[];
  /** Wheels whose METADATA differs (1.16.0 wrote the pins of the interpreter that built each wheel). */
  wheelVariants?: { pythonTags: string[]; requires: string[] }[];
  confidence?: Confidence;
  sources: SourceRef[];
}

export interface KnownBadDependency {
  package: string;
  versions: string;
  fixedIn?: string;
  marker?: string;
  /** Bad only while pip builds this package from source (no wheel for the platform): the build is what breaks. */
  whenBuilding?: string;
  reason: string;
  confidence?: Confidence;
  sources: SourceRef[];
}

export interface FlinkLine {
  released?: string;
  newestPatch: string;
  patches: string[];
  scala?: string;
  java: JavaSupport;
  python: PythonSupport;
  configFile: ConfigFileRule;
  requiresDist: RequiresDistEntry[];
  knownBadDependencies?: KnownBadDependency[];
  /** Upper bounds upstream has since lifted: a version the later bound allows is a warning, not an error. */
  liftedPins?: LiftedPin[];
}

export interface LiftedPin {
  package: string;
  /** The distribution whose Requires-Dist carries the bound (apache-flink, apache-beam). */
  requiredBy: string;
  /** PEP 440 specifier of the later requirement. */
  allowedBy: string;
  change: string;
  confidence?: Confidence;
  sources: SourceRef[];
}

/** Platform → CPython minors PyPI has a wheel for ("linux-x86_64" → ["3.9", …]). */
export type PlatformTable = Record<string, string[]>;

export interface WheelsSection {
  packages: Record<
    string,
    { byFlinkLine?: Record<string, PlatformTable>; byVersion?: Record<string, PlatformTable>; sources: SourceRef[] }
  >;
  /** What building a package from its sdist needs (windows: on Windows, when that differs). */
  sourceBuilds: Record<string, { needs: string; windows?: string; sources: SourceRef[] }>;
  sources: SourceRef[];
}

export interface MatrixDocument {
  schemaVersion: 1;
  updated: string;
  sources: Record<string, { title: string; url?: string }>;
  flink: Record<string, FlinkLine>;
  wheels?: WheelsSection;
  [extension: string]: unknown;
}

export type JavaRating = 'supported' | 'experimental' | 'deprecated' | 'unsupported';

export type UnlistedJava =
  { kind: 'older'; oldest: number } | { kind: 'unusable'; effect: string; sources: SourceRef[] } | { kind: 'newer'; newest: number };

export class Matrix {
  constructor(readonly doc: MatrixDocument) {}

  /** Flink minors known to the matrix, oldest first ("1.15" … "2.3"). */
  minors(): string[] {
    return Object.keys(this.doc.flink).sort(compareVersions);
  }

  line(version: string): FlinkLine | undefined {
    const minor = minorOf(version);
    return minor ? this.doc.flink[minor] : undefined;
  }

  newestMinor(): string {
    const minors = this.minors();
    return minors[minors.length - 1] ?? '';
  }

  /** "1.15 to 2.3": the lines the matrix knows, for messages. */
  knownRange(): string {
    const minors = this.minors();
    return `${minors[0] ?? ''} to ${this.newestMinor()}`;
  }

  /**
   * The exact release a target version stands for: itself when it names a patch, else the newest patch the
   * matrix knows for its line (--flink-version 1.15 → 1.15.4); null for lines the matrix does not know.
   */
  resolvePatch(version: string | null): string | null {
    if (!version) return null;
    if (isPatchVersion(version)) return version;
    return this.line(version)?.newestPatch ?? null;
  }

  /**
   * When the target is older than every line the matrix knows: the sentence checks show instead of a verdict
   * borrowed from another line (pyflink.install reports the target itself).
   */
  olderThanKnown(target: { minor: string | null; flinkVersion: string | null }): string | undefined {
    const oldest = this.minors()[0];
    if (!target.minor || !oldest || compareVersions(target.minor, oldest) >= 0) return undefined;
    return `Flink ${target.flinkVersion ?? target.minor} is older than the lines flink-doctor knows (${this.knownRange()}): not judged (see pyflink.install)`;
  }

  /**
   * The Flink line a check judges against: the target's when the matrix knows it, else the newest line, with a
   * sentence the check shows so nobody mistakes that for their own target. A target older than every known
   * line is not judged at all: `skip` says why.
   */
  judgedLine(target: { known: boolean; minor: string | null; flinkVersion: string | null }): {
    minor: string;
    note?: string;
    skip?: string;
  } {
    if (target.known && target.minor) return { minor: target.minor };
    const skip = this.olderThanKnown(target);
    const newest = this.newestMinor();
    if (skip) return { minor: newest, skip };
    const note = target.flinkVersion
      ? `Flink ${target.flinkVersion} is not in the compatibility matrix: judged against Flink ${newest}, the newest line known`
      : `no target Flink version (no apache-flink wheel installed, no --flink-version): judged against Flink ${newest}, the newest line known`;
    return { minor: newest, note };
  }

  rateJava(version: string, javaMajor: number): JavaRating {
    const java = this.line(version)?.java;
    if (!java) return 'unsupported';
    if (java.supported.includes(javaMajor)) return 'supported';
    if (java.experimental.includes(javaMajor)) return 'experimental';
    if (java.deprecated.includes(javaMajor)) return 'deprecated';
    return 'unsupported';
  }

  /**
   * Where a Java major the line does not list stands: older than every Java it lists (its class files are too new
   * for it), from the line's `unusableFrom` on (a break on record), or newer than one it lists (untested upstream).
   */
  unlistedJava(version: string, javaMajor: number): UnlistedJava | undefined {
    const java = this.line(version)?.java;
    if (!java || this.rateJava(version, javaMajor) !== 'unsupported') return undefined;
    const listed = [...java.supported, ...java.experimental, ...java.deprecated];
    if (javaMajor < Math.min(...listed)) return { kind: 'older', oldest: Math.min(...listed) };
    const broken = java.unusableFrom;
    if (broken && javaMajor >= broken.major) return { kind: 'unusable', effect: broken.effect, sources: broken.sources };
    return { kind: 'newer', newest: Math.max(...listed) };
  }

  /** The line's known Java patch-level problems for this Java (full version) and exact Flink release. */
  javaPatchIssues(flinkPatch: string | null, javaVersion: string): NonNullable<JavaSupport['patchIssues']> {
    const java = coerce(javaVersion.replace(/_/g, '.'));
    if (!java || !flinkPatch) return [];
    const issues = this.line(flinkPatch)?.java.patchIssues ?? [];
    return issues.filter((issue) => satisfies(java, issue.java) && (!issue.fixedIn || compareVersions(flinkPatch, issue.fixedIn) < 0));
  }

  /**
   * The Requires-Dist list that applies to an exact release (the newest entry whose `since` is not after it), as
   * the wheel for `pythonTag` ("cp39") declares it when wheels differ.
   */
  requiresDistFor(version: string, pythonTag?: string): RequiresDistEntry | undefined {
    const line = this.line(version);
    if (!line) return undefined;
    let chosen: RequiresDistEntry | undefined;
    for (const entry of line.requiresDist) {
      if (compareVersions(entry.since, version) <= 0) chosen = entry;
    }
    chosen ??= line.requiresDist[0];
    const variant = pythonTag ? chosen?.wheelVariants?.find((v) => v.pythonTags.includes(pythonTag)) : undefined;
    return chosen && variant ? { ...chosen, requires: variant.requires } : chosen;
  }

  /** Connector and format families (compat-matrix.json `connectors`); empty when the section is absent. */
  connectors(): ConnectorKnowledge {
    const section = this.doc.connectors as ConnectorsSection | undefined;
    this.connectorKnowledge ??= new ConnectorKnowledge(
      section ?? { families: {}, builtins: [], pipelineJarsYamlList: { fixedIn: {}, allFrom: '99.0', sources: [] } },
    );
    return this.connectorKnowledge;
  }

  private connectorKnowledge?: ConnectorKnowledge;

  /** PyFlink Python class → JVM classes, and JDBC drivers (compat-matrix.json `pyflinkClasses`, `jdbcDrivers`). */
  jobClasses(): JobClassKnowledge {
    const drivers = (this.doc.jdbcDrivers as { drivers: JdbcDriver[] } | undefined)?.drivers ?? [];
    this.jobClassKnowledge ??= new JobClassKnowledge(this.doc.pyflinkClasses as PyflinkClassesSection | undefined, drivers);
    return this.jobClassKnowledge;
  }

  private jobClassKnowledge?: JobClassKnowledge;

  /** The URLs (or repository paths) behind a group of facts, for a check's `sources`. */
  cite(refs: readonly SourceRef[] | undefined): string[] {
    return [...new Set((refs ?? []).map((ref) => this.sourceUrl(ref)))];
  }

  sourceUrl(ref: SourceRef): string {
    return ref.url ?? ref.path ?? this.doc.sources[ref.ref]?.url ?? ref.ref;
  }
}

let opened: Matrix | undefined;

/**
 * The bundled matrix. It is checked against schemas/compat-matrix.schema.json where it can change: the build
 * refuses to bundle a matrix that does not match (scripts/build.mjs), and so do the tests
 * (test/knowledge/matrix.test.ts); a run does not validate it again. A document from elsewhere goes through
 * loadMatrix (load-matrix.ts), which validates it.
 */
export function openMatrix(): Matrix {
  opened ??= new Matrix(rawMatrix as MatrixDocument);
  return opened;
}
