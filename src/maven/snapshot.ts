// The version lists shipped inside the package (data/maven-snapshot.json), the last resort of --offline
// and of a dead repository. Loaded lazily: online runs with a warm cache never parse it.

export interface Snapshot {
  /** The day the data describes (YYYY-MM-DD). */
  asOf: string;
  /** Where it came from, in plain words (Maven Central, or hand-seeded from research notes). */
  source: string;
  /**
   * Per artifact, every version known; `unlisted` names those the repository did not list when the snapshot was
   * made (kept from an earlier snapshot: the connector's tags or research notes), a subset of `versions`.
   */
  artifacts: Record<string, { versions: string[]; unlisted?: string[]; lastUpdated?: string }>;
}

let loaded: Promise<Snapshot | undefined> | undefined;

export function loadSnapshot(): Promise<Snapshot | undefined> {
  loaded ??= import('../../data/maven-snapshot.json', { with: { type: 'json' } }).then(
    (mod) => mod.default as Snapshot,
    () => undefined,
  );
  return loaded;
}
