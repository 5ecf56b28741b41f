// Turns what a JAR contains into a JarIdentity: NOTICE first line and MANIFEST for Flink builds,
// pom.properties for others, the Factory service file for identifiers, package probes for fat vs thin.
// The file name is only a fallback: renamed JARs are identified from inside.
import { basename } from 'node:path';
import type { ConnectorFamily, ConnectorKnowledge } from '../knowledge/connectors.js';
import type { Coordinate, IdentifiedJar, JarIdentity, JarKind, JarSource } from '../facts/index.js';
import { parseManifest, parseNotice, parseProperties, parseServices } from './metadata.js';
import { parseArtifactVersion, parseJarFileName, splitScalaSuffix } from './version.js';
import type { JarContents } from './zip-reader.js';

const FACTORY_SERVICE = 'META-INF/services/org.apache.flink.table.factories.Factory';

export function identifyJar(path: string, source: JarSource, contents: JarContents, knowledge: ConnectorKnowledge): IdentifiedJar {
  const evidence: string[] = [];
  const manifest = parseManifest(contents.texts['META-INF/MANIFEST.MF'] ?? '');
  const notice = parseNotice(contents.texts['META-INF/NOTICE'] ?? contents.texts['META-INF/NOTICE.txt'] ?? '');
  const poms = Object.entries(contents.texts)
    .filter(([name]) => name.endsWith('/pom.properties'))
    .map(([, text]) => parseProperties(text))
    .filter((p): p is Record<string, string> & Coordinate => Boolean(p.groupId && p.artifactId && p.version));
  const fromName = parseJarFileName(basename(path));
  const own = ownPom(poms, fromName, manifest, knowledge);

  // artifactId: the JAR's own pom, else the NOTICE first line (Flink builds), else a lone pom, else the name.
  let artifactId: string | undefined;
  if (own) {
    artifactId = own.artifactId;
    evidence.push('artifactId from its own pom.properties');
  } else if (notice.firstLine && knownOrFlinkArtifact(notice.firstLine, knowledge)) {
    artifactId = notice.firstLine;
    evidence.push('artifactId from META-INF/NOTICE');
  } else if (poms.length === 1) {
    artifactId = poms[0]?.artifactId;
    evidence.push('artifactId from the only pom.properties');
  }

  const packages = contents.packages;
  const factories = parseServices(contents.texts[FACTORY_SERVICE] ?? '');
  const unknownFactories: string[] = [];
  const factoryHits: { className: string; key: string; family: ConnectorFamily; identifier: string }[] = [];
  let factoryFamily: string | undefined;
  for (const className of factories) {
    const hit = knowledge.familyOfFactory(className);
    if (hit) {
      factoryHits.push({ className, ...hit });
      factoryFamily ??= hit.key;
    } else unknownFactories.push(className);
  }

  let familyKey: string | undefined;
  let family: ConnectorFamily | undefined;
  let role: 'fat' | 'thin' | undefined;
  const byArtifact = artifactId ? knowledge.familyOfArtifact(artifactId) : undefined;
  if (byArtifact) ({ key: familyKey, family, role } = byArtifact);
  else if (factoryFamily) {
    familyKey = factoryFamily;
    family = knowledge.family(factoryFamily);
    const shaded = family?.shadedPrefixes ?? [];
    // A family with no thin artifact (third-party runtimes and bundles) is fat whatever it relocates.
    role = family?.thin.length === 0 || (shaded.length > 0 && packages.some((p) => shaded.some((prefix) => `${p}/`.startsWith(prefix)))) ? 'fat' : 'thin';
    const chosen = !artifactId && family ? artifactOfFamily(factoryFamily, family, role, shaded.length > 0, fromName, knowledge) : undefined;
    // A name holding the Flink minor ("iceberg-flink-runtime-{flink}") cannot be inferred from the classes.
    if (chosen?.artifactId && !chosen.artifactId.includes('{flink}')) {
      ({ artifactId, role } = chosen);
      evidence.push(chosen.evidence);
    }
  }
  // Still nothing inside says what it is: trust the file name as the last resort.
  if (!artifactId && fromName) {
    artifactId = fromName.artifactId + (fromName.scalaSuffix ? `_${fromName.scalaSuffix}` : '');
    evidence.push('artifactId from the file name only');
    const hit = knowledge.familyOfArtifact(artifactId);
    if (hit) ({ key: familyKey, family, role } = hit);
  }

  const nameMatches = fromName && artifactId && splitScalaSuffix(artifactId).base === fromName.artifactId;
  const version = own?.version ?? manifest['Implementation-Version'] ?? (nameMatches ? fromName.version : undefined);
  if (version) evidence.push(own ? 'version from pom.properties' : manifest['Implementation-Version'] ? 'version from MANIFEST Implementation-Version' : 'version from the file name');
  const groupId = own?.groupId ?? manifest['Implementation-Vendor-Id'] ?? undefined;
  const scala = artifactId ? splitScalaSuffix(artifactId).scala : undefined;

  // A factory's identifier can depend on the connector release (legacy Kinesis became "kinesis-legacy" in 5.0.0).
  const release = version ? parseArtifactVersion(version)?.release : undefined;
  const registered: Record<string, string> = {};
  for (const hit of factoryHits) {
    registered[hit.className] = (hit.key === familyKey ? knowledge.identifierOf(hit.family, hit.className, release) : undefined) ?? hit.identifier;
  }
  const identifiers = new Set(Object.values(registered));
  if (family && unknownFactories.length > 0) for (const id of family.identifiers) identifiers.add(id);

  const identity: JarIdentity = { path, source, kind: kindOf(family, role), identifiers: [...identifiers].sort() };
  if (groupId) identity.groupId = groupId;
  if (artifactId) identity.artifactId = artifactId;
  if (version) identity.version = version;
  const scalaSuffix = scala ?? (nameMatches ? fromName?.scalaSuffix : undefined);
  if (scalaSuffix) identity.scalaSuffix = scalaSuffix;
  if (contents.classMajor !== undefined) identity.classMajor = contents.classMajor;
  if (version) {
    const parsed = parseArtifactVersion(version);
    if (family) {
      const lines = knowledge.flinkLinesOf(family, version, artifactId);
      if (lines.builtFor) identity.flinkLine = lines.builtFor;
      if (parsed && !lines.inTree && family.versioning !== 'flink') identity.connectorVersion = parsed.release;
    } else if (parsed?.builtFor && groupId === 'org.apache.flink') {
      identity.flinkLine = parsed.builtFor;
      identity.connectorVersion = parsed.release;
    }
  }

  const bundled: Coordinate[] = notice.bundled.length > 0 ? notice.bundled : poms.filter((p) => p !== own).map(({ groupId: g, artifactId: a, version: v }) => ({ groupId: g, artifactId: a, version: v }));
  const result: IdentifiedJar = { identity, bundled, unknownFactories, factories: registered, evidence };
  if (familyKey) result.family = familyKey;
  if (role) result.role = role;
  return result;
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
  return { artifactId: (role === 'fat' ? family.fat[0] : family.thin[0]) ?? family.fat[0], role, evidence: 'artifactId inferred from its factory classes' };
}

function kindOf(family: ConnectorFamily | undefined, role: 'fat' | 'thin' | undefined): JarKind {
  if (!family) return 'other';
  if (family.kind === 'format') return 'format';
  return role ?? 'other';
}

/** A fat JAR of another build carries one pom.properties per shaded dependency: pick the JAR's own. */
function ownPom(poms: Coordinate[], fromName: ReturnType<typeof parseJarFileName>, manifest: Record<string, string>, knowledge: ConnectorKnowledge): Coordinate | undefined {
  if (fromName) {
    const byName = poms.find((p) => p.artifactId === fromName.artifactId + (fromName.scalaSuffix ? `_${fromName.scalaSuffix}` : '') && p.version === fromName.version);
    if (byName) return byName;
  }
  const version = manifest['Implementation-Version'];
  const vendor = manifest['Implementation-Vendor-Id'];
  const title = manifest['Implementation-Title'] ?? manifest['Bundle-SymbolicName'];
  const byManifest = poms.filter((p) => (version && p.version === version && (!vendor || p.groupId === vendor)) || (title && (title === p.artifactId || title === `${p.groupId}.${p.artifactId}`)));
  if (byManifest.length === 1) return byManifest[0];
  // A renamed connector JAR (CDC builds keep pom.properties): the one pom naming a known connector artifact.
  const known = poms.filter((p) => knowledge.familyOfArtifact(p.artifactId));
  return known.length === 1 ? known[0] : undefined;
}

function knownOrFlinkArtifact(name: string, knowledge: ConnectorKnowledge): boolean {
  return knowledge.familyOfArtifact(name) !== undefined || name.startsWith('flink-');
}
