// pyflink.dependencies: every Requires-Dist of apache-flink, and recursively of what it pulls in (with extras),
// that applies to the client interpreter's marker environment is installed at a satisfying version; and no
// installed package is a release the matrix knows breaks the installed Flink patch (knownBadDependencies).
// Without apache-flink installed, the matrix's Requires-Dist for the target release is checked instead.
import { defineCheck } from './define.js';
import type { Outcome } from '../src/engine/model.js';
import type { FlinkLine, SourceRef } from '../src/knowledge/matrix.js';
import { FLINK_DIST, FLINK_LIBRARIES } from '../src/knowledge/flink-names.js';
import type { InstalledPackagesFact, MarkerEnvironment, PythonFact } from '../src/facts/index.js';
import { evaluateMarker, normalizeName, parseMarker, parseRequirement, requirementApplies, versionSatisfies } from '../src/python/pep508.js';
import { installFix, interpreterOf, pipInstall, releaseToInstall } from '../src/python/pip.js';
import { clip } from '../src/util/text.js';

export default defineCheck({
  id: 'pyflink.dependencies',
  title: 'apache-flink dependencies',
  group: 'PyFlink',
  description:
    'Every `Requires-Dist` of apache-flink, recursively, is installed at a satisfying version (PEP 440 specifiers, ' +
    'PEP 508 markers for that interpreter, PEP 503 names), plus known-bad versions that later patches exclude.',
  reads: ['Requires-Dist in *.dist-info/METADATA and *.egg-info of every package on sys.path', 'the interpreter\'s PEP 508 marker environment', 'compat-matrix.json requiresDist and knownBadDependencies'],
  needs: ['python', 'packages', 'pyflink', 'target'],
  run({ python, packages, pyflink, target }, { matrix }): Outcome {
    const interpreter = interpreterOf(python);
    if (!python.runs || !python.markers) {
      return { status: 'skipped', summary: 'no working Python client interpreter (see python.client)', facts: { interpreter } };
    }
    const markers = python.markers;

    // Which requirement list to start from: the installed wheel's own, else the matrix's for the target.
    let owner: string;
    let roots: string[];
    let flinkVersion: string;
    let fromMatrix = false;
    let listSources: SourceRef[] = [];
    if (pyflink.flink) {
      owner = pyflink.flink.name;
      roots = pyflink.flink.requires;
      flinkVersion = pyflink.flink.version;
    } else {
      if (!target.flinkVersion) {
        return {
          status: 'skipped',
          summary: 'apache-flink is not installed and no --flink-version was given: no requirement list to check',
          facts: { interpreter },
        };
      }
      flinkVersion = releaseToInstall(target, matrix);
      const entry = matrix.requiresDistFor(flinkVersion, `cp${markers.python_version.replace('.', '')}`);
      if (!entry) {
        return {
          status: 'skipped',
          summary: `apache-flink is not installed and Flink ${target.flinkVersion} is not in the compatibility matrix: no requirement list to check`,
          facts: { interpreter },
        };
      }
      owner = `${FLINK_DIST} ${flinkVersion}`;
      roots = entry.requires;
      fromMatrix = true;
      listSources = entry.sources;
    }

    const walk = walkRequirements(owner, roots, packages, markers, fromMatrix);
    const line = matrix.line(flinkVersion);
    const bad = line ? knownBad(python, line, flinkVersion, packages, markers) : { warnings: [], fixes: [], sources: [] };
    const sources = matrix.cite([...listSources, ...bad.sources]);
    const warnings = [...walk.unreadable, ...bad.warnings, ...packages.problems];
    const reinstall = packages.broken?.length ? [pipInstall(python, [...new Set(packages.broken)], ['--force-reinstall', '--no-deps'])] : [];

    const source = fromMatrix
      ? `apache-flink is not installed; checked the Requires-Dist of apache-flink ${flinkVersion} from the compatibility matrix instead`
      : `Requires-Dist of apache-flink ${flinkVersion} (${pyflink.flink?.metadataDir ?? ''})`;
    const facts = {
      interpreter,
      requirementsFrom: fromMatrix ? `compat-matrix.json (Flink ${flinkVersion})` : 'installed apache-flink METADATA',
      installedDistributions: Object.keys(packages.distributions).length,
      duplicates: packages.duplicates.length,
      requirementsChecked: walk.checked,
      distributionsVisited: walk.visited,
      conflicts: walk.conflicts.length,
      notInstalled: walk.notInstalled.length,
      warnings: warnings.length,
      pythonVersion: markers.python_full_version,
      platform: `${markers.sys_platform} ${markers.platform_machine}`,
    };
    const details = [
      source,
      ...walk.conflicts,
      ...warnings,
      ...(fromMatrix && walk.notInstalled.length > 0 ? [`not installed yet (pip installs them with apache-flink): ${walk.notInstalled.join(', ')}`] : []),
    ];

    if (walk.conflicts.length > 0) {
      const specs = walk.toInstall.map((key) => walk.wanted.get(key)).filter((s): s is string => Boolean(s));
      return {
        status: 'error',
        summary: warnings.length === 0 && walk.conflicts.length === 1 ? (walk.conflicts[0] ?? '') : `${counted([[walk.conflicts.length, 'conflict'], [bad.warnings.length, 'known-bad version'], [walk.unreadable.length, 'unreadable requirement'], [packages.problems.length, 'metadata problem']])} for apache-flink ${flinkVersion}: ${walk.conflicts[0]}; …`,
        details,
        // Into the client when its Python is supported; else one command that makes a venv that is.
        sources,
        fix: [installFix(python, target, matrix, specs, [], [`${FLINK_DIST}==${flinkVersion}`]), ...bad.fixes, ...reinstall].join('\n'),
        facts,
      };
    }
    if (warnings.length > 0) {
      return {
        status: 'warning',
        summary: `${warnings[0]}${warnings.length > 1 ? ` (+${warnings.length - 1} more)` : ''}`,
        details,
        sources,
        fix: bad.fixes.length + reinstall.length > 0 ? [...bad.fixes, ...reinstall].join('\n') : null,
        facts,
      };
    }
    const what = fromMatrix ? `the ${walk.checked} requirements of apache-flink ${flinkVersion} (from the compatibility matrix) that are installed` : `all ${walk.checked} requirements of apache-flink ${flinkVersion} and its dependencies`;
    return { status: 'ok', summary: `${what} are satisfied in ${interpreter}`, details, facts, sources };
  },
});

interface Walk {
  conflicts: string[];
  /** Normalised names of the packages the fix must install, in the order found. */
  toInstall: string[];
  /** Normalised name → "name<all specifiers that apply to it>", so one pip command satisfies every dependant. */
  wanted: Map<string, string>;
  unreadable: string[];
  notInstalled: string[];
  checked: number;
  visited: number;
}

/**
 * Breadth-first over the requirement graph from `roots`. A distribution is expanded once per set of extras.
 * In matrix mode a missing package is not a conflict (pip will install it along with apache-flink), and the
 * apache-flink-libraries pin is left to pyflink.install, which checks it against the exact target release.
 */
function walkRequirements(owner: string, roots: string[], packages: InstalledPackagesFact, markers: MarkerEnvironment, fromMatrix: boolean): Walk {
  const walk: Walk = { conflicts: [], toInstall: [], wanted: new Map(), unreadable: [], notInstalled: [], checked: 0, visited: 0 };
  const clauses = new Map<string, { name: string; specs: Set<string> }>();
  const seenConflicts = new Set<string>();
  const expanded = new Set<string>();
  const queue: { owner: string; requires: string[]; extras: string[] }[] = [{ owner, requires: roots, extras: [] }];
  while (queue.length > 0) {
    const next = queue.shift();
    if (!next) break;
    walk.visited += 1;
    for (const raw of next.requires) {
      const parsed = parseRequirement(raw);
      if (!parsed.ok) {
        walk.unreadable.push(`${next.owner} declares a requirement that cannot be read, skipped: "${clip(raw, 120)}" (${parsed.error})`);
        continue;
      }
      const req = parsed.value;
      if (!requirementApplies(req, markers, next.extras)) continue;
      if (fromMatrix && next.owner === owner && req.key === FLINK_LIBRARIES) continue;
      walk.checked += 1;
      const entry = clauses.get(req.key) ?? { name: req.name, specs: new Set<string>() };
      for (const clause of req.specifier.split(',').filter(Boolean)) entry.specs.add(clause);
      clauses.set(req.key, entry);
      const dist = packages.distributions[req.key];
      const spec = req.url ? `@ ${req.url}` : req.specifier;
      const needs = `${next.owner} needs ${req.name}${spec ? ` ${spec}` : ''}`;
      if (!dist) {
        if (fromMatrix) {
          if (!walk.notInstalled.includes(req.name)) walk.notInstalled.push(req.name);
          continue;
        }
        addConflict(`${needs}, not installed`, req.key);
        continue;
      }
      if (!req.url && !versionSatisfies(dist.version, req.specifier)) addConflict(`${needs}, found ${dist.version}`, req.key);
      const extras = [...new Set(req.extras)].sort();
      const expandKey = `${dist.key}[${extras.join(',')}]`;
      if (!expanded.has(expandKey)) {
        expanded.add(expandKey);
        queue.push({ owner: dist.name, requires: dist.requires, extras });
      }
    }
  }
  for (const key of walk.toInstall) {
    const entry = clauses.get(key);
    if (entry) walk.wanted.set(key, `${entry.name}${[...entry.specs].join(',')}`);
  }
  return walk;

  function addConflict(line: string, key: string): void {
    if (seenConflicts.has(line)) return;
    seenConflicts.add(line);
    walk.conflicts.push(line);
    if (!walk.toInstall.includes(key)) walk.toInstall.push(key);
  }
}

/**
 * Installed packages the matrix knows break this Flink patch (until the patch in `fixedIn` capped them). The fix
 * caps them in one pip command when the bad range is a plain ">=X"; otherwise it upgrades apache-flink.
 */
function knownBad(python: PythonFact, line: FlinkLine, flinkVersion: string, packages: InstalledPackagesFact, markers: MarkerEnvironment): { warnings: string[]; fixes: string[]; sources: SourceRef[] } {
  const warnings: string[] = [];
  const sources: SourceRef[] = [];
  const caps: string[] = [];
  const upgrades = new Set<string>();
  for (const bad of line.knownBadDependencies ?? []) {
    // Bad only while building a package from source: pyflink.install reports it with the build it breaks.
    if (bad.whenBuilding) continue;
    const dist = packages.distributions[normalizeName(bad.package)];
    if (!dist) continue;
    if (bad.fixedIn && !versionSatisfies(flinkVersion, `<${bad.fixedIn}`)) continue;
    if (bad.marker) {
      const marker = parseMarker(bad.marker);
      if (!marker.ok || !evaluateMarker(marker.value, { ...markers, extra: '' })) continue;
    }
    if (!versionSatisfies(dist.version, bad.versions)) continue;
    const capped = bad.fixedIn ? `; apache-flink ${bad.fixedIn} caps it` : '';
    warnings.push(`${dist.name} ${dist.version} (${bad.package}${bad.versions}) is known to break apache-flink ${flinkVersion}: ${bad.reason}${capped}`);
    sources.push(...bad.sources);
    const below = /^\s*>=\s*([^,\s]+)\s*$/.exec(bad.versions)?.[1];
    if (below) caps.push(`${bad.package}<${below}`);
    else if (bad.fixedIn) upgrades.add(newestAtLeast(line, bad.fixedIn));
  }
  const fixes: string[] = [];
  if (caps.length > 0) fixes.push(pipInstall(python, caps));
  for (const release of upgrades) fixes.push(pipInstall(python, [`${FLINK_DIST}==${release}`]));
  return { warnings, fixes, sources };
}

function newestAtLeast(line: FlinkLine, fixedIn: string): string {
  return versionSatisfies(line.newestPatch, `>=${fixedIn}`) ? line.newestPatch : fixedIn;
}

/** "3 conflicts, 1 known-bad version": what the details list, by kind, leaving out the kinds with none. */
function counted(kinds: [number, string][]): string {
  return kinds.filter(([n]) => n > 0).map(([n, kind]) => `${n} ${kind}${n === 1 ? '' : 's'}`).join(', ');
}
