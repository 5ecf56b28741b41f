// Facts from the Maven repository: the version lists and published SHA-1s of the connector JARs the run found,
// and which repository download URLs point at. Every answer says where it came from (network, cache, snapshot).

export type DataSource = 'network' | 'cache' | 'stale-cache' | 'snapshot' | 'none';

export interface VersionsResult {
  /** null when nothing is known; [] when the repository has no such artifact. */
  versions: string[] | null;
  source: DataSource;
  /** When the data was last confirmed (ISO); for the snapshot, its date. */
  asOf?: string;
  notFound?: boolean;
  /** Why the repository was not (successfully) asked. */
  note?: string;
}

export interface ChecksumResult {
  status: 'found' | 'not-published' | 'unavailable';
  sha1?: string;
  source: DataSource;
  note?: string;
}

export interface MavenJar {
  path: string;
  groupId: string;
  artifactId: string;
  version: string;
  /** From the identity, for versions that do not carry a Flink line. */
  flinkLine?: string;
  localSha1?: string;
  checksum: ChecksumResult;
}

export interface MavenFact {
  /** The repository asked (base URL without credentials, and where it was configured); null when nothing was looked up. */
  repository: { url: string; source: string } | null;
  offline: boolean;
  /** "g:a" → what the repository (or cache/snapshot) says. */
  versions: Record<string, VersionsResult>;
  jars: MavenJar[];
  problems: string[];
}

export interface RepositoryFact {
  /** Base URL without credentials ("https://repo1.maven.org/maven2"). */
  url: string;
  /** "--maven-repo", "FLINK_DOCTOR_MAVEN_REPO", "settings.xml mirror 'id'", "Maven Central". */
  source: string;
  problems: string[];
}
