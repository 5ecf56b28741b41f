// Flink and Java version helpers. Flink versions are plain x.y.z (plus -SNAPSHOT/.devN builds);
// semver does the ordering once a version is coerced into x.y.z form.
import coerce from 'semver/functions/coerce.js';
import compare from 'semver/functions/compare.js';

const FLINK_VERSION = /^(\d+)\.(\d+)(?:\.(\d+))?(?:[.-]?(?:dev\d*|SNAPSHOT|rc\d+|post\d+))?$/i;

/** "2.2.1" → "2.2"; "1.20" → "1.20"; garbage → undefined. */
export function minorOf(version: string): string | undefined {
  const match = FLINK_VERSION.exec(version.trim());
  return match ? `${Number(match[1])}.${Number(match[2])}` : undefined;
}

export function isFlinkVersion(version: string): boolean {
  return FLINK_VERSION.test(version.trim());
}

/** Orders dotted versions numerically ("1.9" < "1.10" < "2.0"); unparsable ones sort first. */
export function compareVersions(a: string, b: string): number {
  const left = coerce(a);
  const right = coerce(b);
  if (!left || !right) return left ? 1 : right ? -1 : 0;
  return compare(left, right);
}

/** True when the version names a whole patch release (x.y.z), not just a minor. */
export function isPatchVersion(version: string): boolean {
  const match = FLINK_VERSION.exec(version.trim());
  return Boolean(match?.[3]);
}
