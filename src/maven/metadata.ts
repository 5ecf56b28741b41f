// maven-metadata.xml → the full version list. <latest>/<release> are ignored on purpose: Flink connectors
// are deployed per Flink line in any order, so those tags often name an older line's build.
import { parseXml, pick, text } from './xml.js';

export interface ArtifactMetadata {
  groupId?: string;
  artifactId?: string;
  versions: string[];
  /** <lastUpdated> as ISO 8601, when present. */
  lastUpdated?: string;
}

/** Throws XmlError (malformed, DOCTYPE) or Error (not a metadata document). */
export function parseMetadata(xml: string): ArtifactMetadata {
  const doc = parseXml(xml, ['version']);
  const root = pick(doc, 'metadata');
  if (!root || typeof root !== 'object') throw new Error('not a maven-metadata.xml document (no <metadata> root)');
  const listed = pick(root, 'versioning', 'versions', 'version');
  const versions = (Array.isArray(listed) ? listed : []).map(text).filter((v): v is string => Boolean(v));
  const stamp = text(pick(root, 'versioning', 'lastUpdated'));
  return {
    groupId: text(pick(root, 'groupId')),
    artifactId: text(pick(root, 'artifactId')),
    versions: [...new Set(versions)],
    lastUpdated:
      stamp && /^\d{14}$/.test(stamp)
        ? `${stamp.slice(0, 4)}-${stamp.slice(4, 6)}-${stamp.slice(6, 8)}T${stamp.slice(8, 10)}:${stamp.slice(10, 12)}:${stamp.slice(12, 14)}Z`
        : undefined,
  };
}

/** A .sha1 file holds the hex digest, sometimes followed by a file name: take the first token only. */
export function parseSha1(body: string): string | undefined {
  const token = body.trim().split(/\s+/)[0]?.toLowerCase();
  return token && /^[0-9a-f]{40}$/.test(token) ? token : undefined;
}
