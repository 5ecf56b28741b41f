// The one home of version ordering and minors. Flink versions are plain x.y.z (plus -SNAPSHOT/.devN builds);
// semver orders them once coerced into x.y.z form. Plain dotted releases (connector releases, Flink lines,
// PEP 440 release segments) are ordered as numbers, segment by segment, by compareReleases.
import coerce from 'semver/functions/coerce.js';
import compare from 'semver/functions/compare.js';

const FLINK_VERSION = /^(\d+)\.(\d+)(?:\.(\d+))?(?:[.-]?(?:dev\d*|SNAPSHOT|rc\d+|post\d+))?$/i;

/** "2.2.1" → "2.2"; "1.20" → "1.20"; garbage → undefined. */
export function minorOf(version: string): string | undefined {
  const match = FLINK_VERSION.exec(version.trim());
  return match ? `${Number(match[1])}.${Number(match[2])}` : undefined;
}

/** "3.11.4" → "3.11": a Python version's minor as the interpreter reports it (any text after the second dot dropped). */
export function pythonMinorOf(version: string): string {
  return version.split('.').slice(0, 2).join('.');
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

/** Numeric order of plain dotted releases ("1.9" < "1.10" = "1.10.0"); a missing segment counts as 0. */
export function compareReleases(a: string, b: string): number {
  return compareReleaseParts(a.split('.').map(Number), b.split('.').map(Number));
}

/** compareReleases on releases already split into numbers: -1, 0 or 1. */
export function compareReleaseParts(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i += 1) {
    const diff = (a[i] ?? 0) - (b[i] ?? 0);
    if (diff !== 0) return Math.sign(diff);
  }
  return 0;
}

/**
 * Orders connector builds ("3.3.0-1.20": a release built for a Flink line): by the line built for, then the release;
 * a build without a line counts as built for line 0, an unparsed version sorts first.
 */
export function compareBuilds(
  a: { release: string; builtFor?: string } | undefined,
  b: { release: string; builtFor?: string } | undefined,
): number {
  if (!a || !b) return a ? 1 : b ? -1 : 0;
  return compareReleases(a.builtFor ?? '0', b.builtFor ?? '0') || compareReleases(a.release, b.release);
}

/** True when the version names a whole patch release (x.y.z), not just a minor. */
export function isPatchVersion(version: string): boolean {
  const match = FLINK_VERSION.exec(version.trim());
  return Boolean(match?.[3]);
}
