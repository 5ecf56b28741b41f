// Pinned artifacts (test-real/pins.json) fetched into the cache once and verified against the checksum the
// registry publishes: PyPI's sha256 (recorded in the pin), Maven Central's .sha1 (fetched, and compared
// with the one recorded in the pin, so a republished artifact fails loudly instead of changing a result).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { cachedFile, cachePath } from './cache.js';
import { RegistryError, checksumToken, downloadTo, fetchText } from './download.js';

export interface Pins {
  asOf: string;
  pypi: Record<string, { url: string; sha256: string }>;
  closures: Record<string, { resolvedOn: string; files: string[] }>;
  maven: Record<string, { sha1: string }>;
}

export const PINS: Pins = JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', 'test-real', 'pins.json'), 'utf8')) as Pins;
export const MAVEN_CENTRAL = 'https://repo1.maven.org/maven2';

/** A pinned PyPI file in the cache (cache/pypi/<filename>). */
export function pypiFile(filename: string): Promise<string> {
  const pin = PINS.pypi[filename];
  if (!pin) throw new Error(`${filename} is not pinned in test-real/pins.json (add it with scripts/real/update-pins.mjs)`);
  return cachedFile(cachePath('pypi', filename), async (temp) => {
    const got = await downloadTo(pin.url, 'PyPI', temp);
    if (got.sha256 !== pin.sha256)
      throw new RegistryError('PyPI', pin.url, `sha256 ${got.sha256} differs from the published ${pin.sha256}`);
  });
}

export interface MavenCoordinate {
  groupId: string;
  artifactId: string;
  version: string;
}

export function parseCoordinate(key: string): MavenCoordinate {
  const [groupId, artifactId, version] = key.split(':');
  if (!groupId || !artifactId || !version) throw new Error(`not a groupId:artifactId:version: ${key}`);
  return { groupId, artifactId, version };
}

export function mavenJarUrl({ groupId, artifactId, version }: MavenCoordinate, base = MAVEN_CENTRAL): string {
  return `${base}/${groupId.replaceAll('.', '/')}/${artifactId}/${version}/${artifactId}-${version}.jar`;
}

/** A pinned Maven JAR in the cache (cache/maven/<groupId>/<artifactId>-<version>.jar), named as Maven names it. */
export function mavenJar(key: string): Promise<string> {
  const pin = PINS.maven[key];
  if (!pin) throw new Error(`${key} is not pinned in test-real/pins.json (add it with scripts/real/update-pins.mjs)`);
  const coordinate = parseCoordinate(key);
  const url = mavenJarUrl(coordinate);
  const path = cachePath('maven', coordinate.groupId, `${coordinate.artifactId}-${coordinate.version}.jar`);
  return cachedFile(path, async (temp) => {
    const published = checksumToken(await fetchText(`${url}.sha1`, 'Maven Central'));
    if (published !== pin.sha1)
      throw new RegistryError('Maven Central', `${url}.sha1`, `published sha1 ${published} differs from the pinned ${pin.sha1}`);
    const got = await downloadTo(url, 'Maven Central', temp);
    if (got.sha1 !== published) throw new RegistryError('Maven Central', url, `sha1 ${got.sha1} differs from the published ${published}`);
  });
}
