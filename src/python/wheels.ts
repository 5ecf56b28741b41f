// Would pip find wheels for apache-flink, and for the pemja and apache-beam releases it pins, on this interpreter's
// platform and Python minor, or build them from source? The platform comes from the interpreter's own PEP 508
// markers; the wheel tables from compat-matrix.json `wheels` (PyPI's file lists).
import { compare } from '@renovatebot/pep440';
import type { KnownBadDependency, WheelsSection } from '../knowledge/matrix.js';
import { minorOf } from '../knowledge/versions.js';
import type { MarkerEnvironment } from '../facts/index.js';
import { normalizeName, parseRequirement, requirementApplies, versionSatisfies } from './pep508.js';

export interface SourceBuild {
  package: string;
  version: string;
  /** What the build needs on this platform (a compiler, a JDK …). */
  needs: string;
  /** Known-bad build tools for this build (setuptools>=82 for apache-beam < 2.66). */
  breaks: KnownBadDependency[];
}

/** "linux-x86_64", "macos-arm64", "windows-x86_64" … from sys_platform and platform_machine; undefined when unknown. */
export function platformOf(markers: Pick<MarkerEnvironment, 'sys_platform' | 'platform_machine'>): string | undefined {
  const machine = markers.platform_machine.toLowerCase();
  const os =
    markers.sys_platform === 'darwin'
      ? 'macos'
      : markers.sys_platform === 'win32'
        ? 'windows'
        : markers.sys_platform.startsWith('linux')
          ? 'linux'
          : undefined;
  if (!os) return undefined;
  if (machine === 'x86_64' || machine === 'amd64') return `${os}-x86_64`;
  if (machine === 'aarch64' || machine === 'arm64') return `${os}-${os === 'linux' ? 'aarch64' : 'arm64'}`;
  return undefined;
}

/**
 * The packages pip would build from source to install apache-flink `release` (with Requires-Dist `requires`) into
 * an interpreter with these markers. Packages the tables do not cover are left out rather than guessed.
 */
export function sourceBuildsFor(
  wheels: WheelsSection,
  release: string,
  requires: readonly string[],
  markers: MarkerEnvironment,
  knownBad: readonly KnownBadDependency[] = [],
): SourceBuild[] {
  const platform = platformOf(markers);
  const python = markers.python_version;
  const minor = minorOf(release);
  if (!platform || !minor) return [];
  const builds: SourceBuild[] = [];
  const flinkTable = wheels.packages['apache-flink']?.byFlinkLine?.[minor];
  if (flinkTable && !flinkTable[platform]?.includes(python)) builds.push(build(wheels, 'apache-flink', release, platform, knownBad));
  for (const [name, { byVersion }] of Object.entries(wheels.packages)) {
    if (!byVersion) continue;
    const version = pinnedVersion(name, Object.keys(byVersion), requires, markers);
    const table = version ? byVersion[version] : undefined;
    if (version && table && !table[platform]?.includes(python)) builds.push(build(wheels, name, version, platform, knownBad));
  }
  return builds;
}

function build(
  wheels: WheelsSection,
  name: string,
  version: string,
  platform: string,
  knownBad: readonly KnownBadDependency[],
): SourceBuild {
  const recipe = wheels.sourceBuilds[name];
  const needs = (platform.startsWith('windows') ? recipe?.windows : undefined) ?? recipe?.needs ?? 'a compiler';
  return { package: name, version, needs, breaks: knownBad.filter((bad) => bad.whenBuilding === name) };
}

/** The release pip would pick for `name`: the newest known one the applying pin allows (none when not pinned here). */
function pinnedVersion(
  name: string,
  known: readonly string[],
  requires: readonly string[],
  markers: MarkerEnvironment,
): string | undefined {
  for (const line of requires) {
    const parsed = parseRequirement(line);
    if (!parsed.ok || parsed.value.key !== normalizeName(name)) continue;
    if (!requirementApplies(parsed.value, markers)) return undefined;
    return known
      .filter((version) => versionSatisfies(version, parsed.value.specifier))
      .sort(compare)
      .pop();
  }
  return undefined;
}

/** One line per build: "apache-beam 2.61.0: no wheel for macos-arm64 / Python 3.11; building it needs …". */
export function describeBuilds(builds: readonly SourceBuild[], platform: string, python: string): string[] {
  return builds.map((b) => {
    const bad = b.breaks.map((k) => ` ${k.package}${k.versions} breaks this build: ${k.reason}`).join('');
    return `${b.package} ${b.version} has no wheel for ${platform} / Python ${python}: pip builds it from source, which needs ${b.needs}.${bad}`;
  });
}
