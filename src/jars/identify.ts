// Turns what a JAR contains into a JarIdentity: NOTICE first line and MANIFEST for Flink builds,
// pom.properties for others, the Factory service file for identifiers, package probes for fat vs thin.
// The file name is only a fallback: renamed JARs are identified from inside.
import { basename } from 'node:path';
import type { ConnectorFamily, ConnectorKnowledge } from '../knowledge/connectors.js';
import type { Coordinate, IdentifiedJar, JarIdentity, JarKind, JarSource } from '../facts/index.js';
import { parseManifest, parseNotice, parseProperties, parseServices } from './metadata.js';
import { isFlinkShaded, parseArtifactVersion, parseJarFileName, splitScalaSuffix } from './version.js';
import type { JarContents } from './zip-reader.js';

const FACTORY_SERVICE = 'META-INF/services/org.apache.flink.table.factories.Factory';

type FileName = ReturnType<typeof parseJarFileName>;
type Role = 'fat' | 'thin';
type FactoryHit = { className: string; key: string; family: ConnectorFamily; identifier: string };

/** What the JAR says about itself: MANIFEST, NOTICE, its pom.properties (its own among them), its file name. */
interface Metadata {
  manifest: Record<string, string>;
  notice: ReturnType<typeof parseNotice>;
  poms: Coordinate[];
  own: Coordinate | undefined;
  fromName: FileName;
}

/** Which artifact and family the JAR is, and in which role. */
interface Naming {
  artifactId?: string;
  familyKey?: string;
  family?: ConnectorFamily;
  role?: Role;
}

export function identifyJar(path: string, source: JarSource, contents: JarContents, knowledge: ConnectorKnowledge): IdentifiedJar {
  const evidence: string[] = [];
  const meta = readMetadata(path, contents, knowledge);
  const factories = factoriesOf(contents, knowledge);
  const naming = nameOf(meta, factories, contents.packages, knowledge, evidence);
  const { version, nameMatches } = versionOf(meta, naming.artifactId, evidence);
  const registered = registeredIdentifiers(factories.hits, naming.familyKey, version, knowledge);
  const identity = identityOf({
    path,
    source,
    contents,
    knowledge,
    meta,
    naming,
    version,
    nameMatches,
    registered,
    unknown: factories.unknown,
  });
  const result: IdentifiedJar = {
    identity,
    bundled: bundledOf(meta),
    unknownFactories: factories.unknown,
    factories: registered,
    evidence,
  };
  if (naming.familyKey) result.family = naming.familyKey;
  if (naming.role) result.role = naming.role;
  return result;
}

function readMetadata(path: string, contents: JarContents, knowledge: ConnectorKnowledge): Metadata {
  const manifest = parseManifest(contents.texts['META-INF/MANIFEST.MF'] ?? '');
  const notice = parseNotice(contents.texts['META-INF/NOTICE'] ?? contents.texts['META-INF/NOTICE.txt'] ?? '');
  const poms = Object.entries(contents.texts)
    .filter(([name]) => name.endsWith('/pom.properties'))
    .map(([, text]) => parseProperties(text))
    .filter((p): p is Record<string, string> & Coordinate => Boolean(p.groupId && p.artifactId && p.version));
  const fromName = parseJarFileName(basename(path));
  return { manifest, notice, poms, own: ownPom(poms, fromName, manifest, knowledge), fromName };
}

/** The Factory service file's classes: those the matrix knows (with their family) and the others. */
function factoriesOf(contents: JarContents, knowledge: ConnectorKnowledge): { hits: FactoryHit[]; unknown: string[] } {
  const hits: FactoryHit[] = [];
  const unknown: string[] = [];
  for (const className of parseServices(contents.texts[FACTORY_SERVICE] ?? '')) {
    const hit = knowledge.familyOfFactory(className);
    if (hit) hits.push({ className, ...hit });
    else unknown.push(className);
  }
  return { hits, unknown };
}

/** artifactId: the JAR's own pom, else the NOTICE first line (Flink builds), else a lone pom, else (later) the name. */
function artifactFromInside({ own, notice, poms }: Metadata, knowledge: ConnectorKnowledge, evidence: string[]): string | undefined {
  if (own) {
    evidence.push('artifactId from its own pom.properties');
    return own.artifactId;
  }
  if (notice.firstLine && knownOrFlinkArtifact(notice.firstLine, knowledge)) {
    evidence.push('artifactId from META-INF/NOTICE');
    return notice.firstLine;
  }
  if (poms.length === 1) {
    evidence.push('artifactId from the only pom.properties');
    return poms[0]?.artifactId;
  }
  return undefined;
}

/** The artifact and family: from inside, else from the factory classes, else (last resort) from the file name. */
function nameOf(
  meta: Metadata,
  factories: { hits: FactoryHit[] },
  packages: string[],
  knowledge: ConnectorKnowledge,
  evidence: string[],
): Naming {
  let naming: Naming = { artifactId: artifactFromInside(meta, knowledge, evidence) };
  const byArtifact = naming.artifactId ? knowledge.familyOfArtifact(naming.artifactId) : undefined;
  const factoryFamily = factories.hits[0]?.key;
  if (byArtifact) naming = { ...naming, familyKey: byArtifact.key, family: byArtifact.family, role: byArtifact.role };
  else if (factoryFamily) naming = nameFromFactories(naming.artifactId, factoryFamily, meta.fromName, packages, knowledge, evidence);
  if (!naming.artifactId && meta.fromName) {
    const { fromName } = meta;
    const artifactId = fromName.artifactId + (fromName.scalaSuffix ? `_${fromName.scalaSuffix}` : '');
    evidence.push('artifactId from the file name only');
    const hit = knowledge.familyOfArtifact(artifactId);
    naming = hit ? { artifactId, familyKey: hit.key, family: hit.family, role: hit.role } : { ...naming, artifactId };
  }
  return naming;
}

/** Family from the factory classes; fat when its shaded packages are inside, or when it has no thin artifact. */
function nameFromFactories(
  artifactId: string | undefined,
  key: string,
  fromName: FileName,
  packages: string[],
  knowledge: ConnectorKnowledge,
  evidence: string[],
): Naming {
  const family = knowledge.family(key);
  const shaded = family?.shadedPrefixes ?? [];
  // A family with no thin artifact (third-party runtimes and bundles) is fat whatever it relocates.
  const relocated = shaded.length > 0 && packages.some((p) => shaded.some((prefix) => `${p}/`.startsWith(prefix)));
  const role: Role = family?.thin.length === 0 || relocated ? 'fat' : 'thin';
  const chosen = !artifactId && family ? artifactOfFamily(key, family, role, shaded.length > 0, fromName, knowledge) : undefined;
  // A name holding the Flink minor ("iceberg-flink-runtime-{flink}") cannot be inferred from the classes.
  if (chosen?.artifactId && !chosen.artifactId.includes('{flink}')) {
    evidence.push(chosen.evidence);
    return { artifactId: chosen.artifactId, familyKey: key, family, role: chosen.role };
  }
  return { artifactId, familyKey: key, family, role };
}

/** The version: its own pom's, else MANIFEST's Implementation-Version, else the file name's when the name matches. */
function versionOf(
  { own, manifest, fromName }: Metadata,
  artifactId: string | undefined,
  evidence: string[],
): { version?: string; nameMatches: boolean } {
  const nameMatches = Boolean(fromName && artifactId && splitScalaSuffix(artifactId).base === fromName.artifactId);
  const version = own?.version ?? manifest['Implementation-Version'] ?? (nameMatches ? fromName?.version : undefined);
  if (version)
    evidence.push(
      own
        ? 'version from pom.properties'
        : manifest['Implementation-Version']
          ? 'version from MANIFEST Implementation-Version'
          : 'version from the file name',
    );
  return { version, nameMatches };
}

/** Each known factory's identifier, which can depend on the connector release (legacy Kinesis: "kinesis-legacy" in 5.0.0). */
function registeredIdentifiers(
  hits: FactoryHit[],
  familyKey: string | undefined,
  version: string | undefined,
  knowledge: ConnectorKnowledge,
): Record<string, string> {
  const release = version ? parseArtifactVersion(version)?.release : undefined;
  const registered: Record<string, string> = {};
  for (const hit of hits) {
    registered[hit.className] =
      (hit.key === familyKey ? knowledge.identifierOf(hit.family, hit.className, release) : undefined) ?? hit.identifier;
  }
  return registered;
}

interface IdentityInputs {
  path: string;
  source: JarSource;
  contents: JarContents;
  knowledge: ConnectorKnowledge;
  meta: Metadata;
  naming: Naming;
  version: string | undefined;
  nameMatches: boolean;
  registered: Record<string, string>;
  unknown: string[];
}

function identityOf({
  path,
  source,
  contents,
  knowledge,
  meta,
  naming,
  version,
  nameMatches,
  registered,
  unknown,
}: IdentityInputs): JarIdentity {
  const { artifactId, family, role } = naming;
  const identifiers = new Set(Object.values(registered));
  if (family && unknown.length > 0) for (const id of family.identifiers) identifiers.add(id);
  const identity: JarIdentity = { path, source, kind: kindOf(family, role), identifiers: [...identifiers].sort() };
  const groupId = meta.own?.groupId ?? meta.manifest['Implementation-Vendor-Id'] ?? undefined;
  if (groupId) identity.groupId = groupId;
  if (artifactId) identity.artifactId = artifactId;
  if (version) identity.version = version;
  const scalaSuffix =
    (artifactId ? splitScalaSuffix(artifactId).scala : undefined) ?? (nameMatches ? meta.fromName?.scalaSuffix : undefined);
  if (scalaSuffix) identity.scalaSuffix = scalaSuffix;
  if (contents.classMajor !== undefined) identity.classMajor = contents.classMajor;
  if (version) Object.assign(identity, linesOf(version, family, artifactId, groupId, knowledge));
  return identity;
}

/** The Flink line it was built for and the connector's own release, from the family's versioning or the version. */
function linesOf(
  version: string,
  family: ConnectorFamily | undefined,
  artifactId: string | undefined,
  groupId: string | undefined,
  knowledge: ConnectorKnowledge,
): Pick<JarIdentity, 'flinkLine' | 'connectorVersion'> {
  const parsed = parseArtifactVersion(version);
  const out: Pick<JarIdentity, 'flinkLine' | 'connectorVersion'> = {};
  if (family) {
    const lines = knowledge.flinkLinesOf(family, version, artifactId);
    if (lines.builtFor) out.flinkLine = lines.builtFor;
    if (parsed && !lines.inTree && family.versioning !== 'flink') out.connectorVersion = parsed.release;
  } else if (parsed?.builtFor && groupId === 'org.apache.flink' && !isFlinkShaded(artifactId)) {
    out.flinkLine = parsed.builtFor;
    out.connectorVersion = parsed.release;
  }
  return out;
}

/** What it bundles: the NOTICE's list (Flink builds), else every pom.properties but its own. */
function bundledOf({ notice, poms, own }: Metadata): Coordinate[] {
  if (notice.bundled.length > 0) return notice.bundled;
  return poms.filter((p) => p !== own).map(({ groupId, artifactId, version }) => ({ groupId, artifactId, version }));
}

/**
 * A family has several artifacts (flink-connector-jdbc, flink-connector-jdbc-core): a file name naming one of
 * them, in the role the packages show (when the family has shaded packages to tell), says which one this is;
 * otherwise the family's first artifact of that role.
 */
function artifactOfFamily(
  key: string,
  family: ConnectorFamily,
  role: 'fat' | 'thin',
  roleFromPackages: boolean,
  fromName: ReturnType<typeof parseJarFileName>,
  knowledge: ConnectorKnowledge,
): { artifactId: string | undefined; role: 'fat' | 'thin'; evidence: string } {
  const named = fromName ? knowledge.familyOfArtifact(fromName.artifactId) : undefined;
  if (fromName && named?.key === key && (!roleFromPackages || named.role === role)) {
    return { artifactId: fromName.artifactId, role: named.role, evidence: 'artifactId from the file name, matching its factory classes' };
  }
  return {
    artifactId: (role === 'fat' ? family.fat[0] : family.thin[0]) ?? family.fat[0],
    role,
    evidence: 'artifactId inferred from its factory classes',
  };
}

function kindOf(family: ConnectorFamily | undefined, role: 'fat' | 'thin' | undefined): JarKind {
  if (!family) return 'other';
  if (family.kind === 'format') return 'format';
  return role ?? 'other';
}

/** A fat JAR of another build carries one pom.properties per shaded dependency: pick the JAR's own. */
function ownPom(
  poms: Coordinate[],
  fromName: ReturnType<typeof parseJarFileName>,
  manifest: Record<string, string>,
  knowledge: ConnectorKnowledge,
): Coordinate | undefined {
  if (fromName) {
    const byName = poms.find(
      (p) =>
        p.artifactId === fromName.artifactId + (fromName.scalaSuffix ? `_${fromName.scalaSuffix}` : '') && p.version === fromName.version,
    );
    if (byName) return byName;
  }
  const version = manifest['Implementation-Version'];
  const vendor = manifest['Implementation-Vendor-Id'];
  const title = manifest['Implementation-Title'] ?? manifest['Bundle-SymbolicName'];
  const byManifest = poms.filter(
    (p) =>
      (version && p.version === version && (!vendor || p.groupId === vendor)) ||
      (title && (title === p.artifactId || title === `${p.groupId}.${p.artifactId}`)),
  );
  if (byManifest.length === 1) return byManifest[0];
  // A renamed connector JAR (CDC builds keep pom.properties): the one pom naming a known connector artifact.
  const known = poms.filter((p) => knowledge.familyOfArtifact(p.artifactId));
  return known.length === 1 ? known[0] : undefined;
}

function knownOrFlinkArtifact(name: string, knowledge: ConnectorKnowledge): boolean {
  return knowledge.familyOfArtifact(name) !== undefined || name.startsWith('flink-');
}
