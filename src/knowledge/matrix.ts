// The compatibility knowledge (compat-matrix.json) and the questions checks ask of it.
// The JSON is bundled into the build and validated against schemas/compat-matrix.schema.json on load,
// with a validator generated ahead of time (scripts/build.mjs) so no schema compiler runs at start-up;
// src/knowledge/load-matrix.ts does both in one synchronous step.
import rawMatrix from '../../compat-matrix.json' with { type: 'json' };
import { ConnectorKnowledge, type ConnectorsSection } from './connectors.js';
import type { Confidence, SourceRef } from './source-ref.js';
import { compareVersions, minorOf } from './versions.js';

export type { Confidence, SourceRef } from './source-ref.js';

export interface JavaSupport {
  supported: number[];
  experimental: number[];
  deprecated: number[];
  recommended: number;
  notes?: Record<string, string>;
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
  requires: string[];
  confidence?: Confidence;
  sources: SourceRef[];
}

export interface KnownBadDependency {
  package: string;
  versions: string;
  fixedIn?: string;
  marker?: string;
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
}

export interface MatrixDocument {
  schemaVersion: 1;
  updated: string;
  sources: Record<string, { title: string; url?: string }>;
  flink: Record<string, FlinkLine>;
  [extension: string]: unknown;
}

export type JavaRating = 'supported' | 'experimental' | 'deprecated' | 'unsupported';

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

  /**
   * The Flink line a check judges against: the target's when the matrix knows it, else the newest line, with a
   * sentence the check shows so nobody mistakes that for their own target.
   */
  judgedLine(target: { known: boolean; minor: string | null; flinkVersion: string | null }): { minor: string; note?: string } {
    if (target.known && target.minor) return { minor: target.minor };
    const newest = this.newestMinor();
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

  /** The Requires-Dist list that applies to an exact release (the newest entry whose `since` is not after it). */
  requiresDistFor(version: string): RequiresDistEntry | undefined {
    const line = this.line(version);
    if (!line) return undefined;
    let chosen: RequiresDistEntry | undefined;
    for (const entry of line.requiresDist) {
      if (compareVersions(entry.since, version) <= 0) chosen = entry;
    }
    return chosen ?? line.requiresDist[0];
  }

  /** Connector and format families (compat-matrix.json `connectors`); empty when the section is absent. */
  connectors(): ConnectorKnowledge {
    const section = this.doc.connectors as ConnectorsSection | undefined;
    this.connectorKnowledge ??= new ConnectorKnowledge(section ?? { families: {}, builtins: [], pipelineJarsYamlList: { fixedIn: {}, allFrom: '99.0', sources: [] } });
    return this.connectorKnowledge;
  }

  private connectorKnowledge?: ConnectorKnowledge;

  /** The URLs (or repository paths) behind a group of facts, for a check's `sources`. */
  cite(refs: readonly SourceRef[] | undefined): string[] {
    return [...new Set((refs ?? []).map((ref) => this.sourceUrl(ref)))];
  }

  sourceUrl(ref: SourceRef): string {
    return ref.url ?? ref.path ?? this.doc.sources[ref.ref]?.url ?? ref.ref;
  }
}

let opened: Matrix | undefined;
const validated = new WeakSet<Matrix>();

/** The bundled matrix, not yet validated: lets the CLI start its probes first and validate while they run. */
export function openMatrix(): Matrix {
  opened ??= new Matrix(rawMatrix as MatrixDocument);
  return opened;
}

/**
 * Throws when the document breaks schemas/compat-matrix.schema.json (a build bug, not a user error). The
 * pre-compiled validator is a large module, so it is loaded here, after the slow probes have started.
 */
export async function validateMatrix(matrix: Matrix): Promise<Matrix> {
  if (validated.has(matrix)) return matrix;
  const { validateMatrixDocument } = await import('./matrix-validator.generated.js');
  return markValid(matrix, validateMatrixDocument(matrix.doc));
}

/** Records the validator's verdict for `matrix`: throws with every problem, or remembers it as valid. */
export function markValid(matrix: Matrix, errors: readonly string[]): Matrix {
  if (errors.length > 0) throw new Error(`compat-matrix.json is invalid: ${errors.join('; ')}`);
  validated.add(matrix);
  return matrix;
}

/** A Matrix over `doc` (the bundled document by default), not yet validated. */
export function matrixOf(doc: unknown = rawMatrix): Matrix {
  return doc === rawMatrix ? openMatrix() : new Matrix(doc as MatrixDocument);
}
