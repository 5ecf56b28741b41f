// pyflink.dependencies: every Requires-Dist of apache-flink, and recursively of what it pulls in (with extras),
// that applies to the client interpreter's marker environment is installed at a satisfying version; and no
// installed package is a release the matrix knows breaks the installed Flink patch (knownBadDependencies). A
// conflict with an upper bound upstream has since lifted (liftedPins: pyarrow <21 → <26 by FLINK-40599; the real
// tier ran a pandas UDF job with pyarrow 21 on 1.20.5) is a warning naming the change; every other one an error.
// Without apache-flink installed, the matrix's Requires-Dist for the target release is checked instead.
import { defineCheck } from './define.js';
import type { Outcome } from '../src/engine/model.js';
import type { FlinkLine, LiftedPin, Matrix, SourceRef } from '../src/knowledge/matrix.js';
import { FLINK_DIST, FLINK_LIBRARIES } from '../src/knowledge/flink-names.js';
import type {
  InstalledDistribution,
  InstalledPackagesFact,
  MarkerEnvironment,
  PyflinkFact,
  PythonFact,
  TargetFact,
} from '../src/facts/index.js';
import {
  evaluateMarker,
  normalizeName,
  parseMarker,
  onlyForAnExtra,
  parseRequirement,
  requirementApplies,
  versionSatisfies,
  type Requirement,
} from '../src/python/pep508.js';
import { installFix, interpreterOf, pipInstall, releaseToInstall } from '../src/python/pip.js';
import { clip } from '../src/util/text.js';

export default defineCheck({
  id: 'pyflink.dependencies',
  title: 'apache-flink dependencies',
  group: 'PyFlink',
  description:
    'Every `Requires-Dist` of apache-flink, recursively, is installed at a satisfying version (PEP 440 specifiers, ' +
    'PEP 508 markers for that interpreter, PEP 503 names), plus known-bad versions that later patches exclude. A ' +
    'version outside an upper bound upstream has since lifted (pyarrow 21 after FLINK-40599) is a warning naming the change.',
  reads: [
    'Requires-Dist in *.dist-info/METADATA and *.egg-info of every package on sys.path',
    "the interpreter's PEP 508 marker environment",
    'compat-matrix.json requiresDist, knownBadDependencies and liftedPins',
  ],
  needs: ['python', 'packages', 'pyflink', 'target'],
  run({ python, packages, pyflink, target }, { matrix }): Outcome {
    const interpreter = interpreterOf(python);
    if (!python.runs || !python.markers) {
      return { status: 'skipped', summary: 'no working Python client interpreter (see python.client)', facts: { interpreter } };
    }
    const markers = python.markers;
    const start = requirementRoots(pyflink, target, markers, matrix);
    if ('skip' in start) return { status: 'skipped', summary: start.skip, facts: { interpreter } };
    const found = findProblems(start, python, packages, markers, matrix);
    const sources = matrix.cite([...start.listSources, ...found.bad.sources, ...found.lifted.flatMap((l) => l.pin.sources)]);
    const details = detailsOf(found, start, pyflink);
    const facts = factsOf(found, start, packages, markers, interpreter);
    if (found.hard.length > 0)
      return {
        ...conflictsFound(found, packages, () =>
          installFix(python, target, matrix, hardSpecs(found), [], [`${FLINK_DIST}==${found.flinkVersion}`]),
        ),
        details,
        sources,
        facts,
      };
    if (found.warnings.length > 0) return { ...onlyWarnings(found, (specs) => pipInstall(python, specs)), details, sources, facts };
    return { status: 'ok', summary: `${allSatisfied(found, start)} are satisfied in ${interpreter}`, details, facts, sources };
  },
});

/** What the walk and the matrix found, for the outcome steps below. */
interface Found {
  walk: Walk;
  hard: Conflict[];
  lifted: { conflict: Conflict; pin: LiftedPin }[];
  bad: { warnings: string[]; fixes: string[]; sources: SourceRef[] };
  warnings: string[];
  reinstall: string[];
  flinkVersion: string;
}

/** Everything wrong with the installed packages: requirement conflicts (split into hard ones and those a lifted bound
 * allows), known-bad versions, unreadable metadata, and distributions to reinstall. */
function findProblems(
  { owner, roots, flinkVersion, fromMatrix }: Roots,
  python: PythonFact,
  packages: InstalledPackagesFact,
  markers: MarkerEnvironment,
  matrix: Matrix,
): Found {
  const walk = walkRequirements(owner, roots, packages, markers, fromMatrix);
  const line = matrix.line(flinkVersion);
  const { hard, lifted } = splitLifted(walk.conflicts, line?.liftedPins ?? []);
  const bad = line ? knownBad(python, line, flinkVersion, packages, markers) : { warnings: [], fixes: [], sources: [] };
  const liftedLines = lifted.map(
    ({ conflict, pin }) => `${conflict.text}: a bound upstream has since lifted (${pin.change}); \`pip check\` still reports it`,
  );
  const warnings = [...liftedLines, ...walk.unreadable, ...bad.warnings, ...packages.problems];
  const reinstall = packages.broken?.length ? [pipInstall(python, [...new Set(packages.broken)], ['--force-reinstall', '--no-deps'])] : [];
  return { walk, hard, lifted, bad, warnings, reinstall, flinkVersion };
}

/** The details: where the requirement list came from, then every conflict and warning; in matrix mode what pip will add. */
function detailsOf(f: Found, { fromMatrix }: Roots, pyflink: PyflinkFact): string[] {
  const source = fromMatrix
    ? `apache-flink is not installed; checked the Requires-Dist of apache-flink ${f.flinkVersion} from the compatibility matrix instead`
    : `Requires-Dist of apache-flink ${f.flinkVersion} (${pyflink.flink?.metadataDir ?? ''})`;
  return [
    source,
    ...f.hard.map((c) => c.text),
    ...f.warnings,
    ...(fromMatrix && f.walk.notInstalled.length > 0
      ? [`not installed yet (pip installs them with apache-flink): ${f.walk.notInstalled.join(', ')}`]
      : []),
  ];
}

/** The facts the report shows: what was checked, against which interpreter, and how much was found of each kind. */
function factsOf(f: Found, { fromMatrix }: Roots, packages: InstalledPackagesFact, markers: MarkerEnvironment, interpreter: string) {
  return {
    interpreter,
    requirementsFrom: fromMatrix ? `compat-matrix.json (Flink ${f.flinkVersion})` : 'installed apache-flink METADATA',
    installedDistributions: Object.keys(packages.distributions).length,
    duplicates: packages.duplicates.length,
    requirementsChecked: f.walk.checked,
    distributionsVisited: f.walk.visited,
    conflicts: f.hard.length,
    liftedBounds: f.lifted.length,
    notInstalled: f.walk.notInstalled.length,
    warnings: f.warnings.length,
    pythonVersion: markers.python_full_version,
    platform: `${markers.sys_platform} ${markers.platform_machine}`,
  };
}

/** What the ok summary says was satisfied: in matrix mode only the requirements already installed. */
function allSatisfied(f: Found, { fromMatrix }: Roots): string {
  return fromMatrix
    ? `the ${f.walk.checked} requirements of apache-flink ${f.flinkVersion} (from the compatibility matrix) that are installed`
    : `all ${f.walk.checked} requirements of apache-flink ${f.flinkVersion} and its dependencies`;
}

/** The requirement specs the fix installs: every package with a hard conflict, with all the specifiers that apply to it. */
function hardSpecs({ walk, hard }: Found): string[] {
  const hardKeys = new Set(hard.map((c) => c.key));
  return walk.toInstall
    .filter((key) => hardKeys.has(key))
    .map((key) => walk.wanted.get(key))
    .filter((s): s is string => Boolean(s));
}

/** A conflict pip would report: an error. The first conflict is the summary when it is all there is, else the count by kind. */
function conflictsFound(f: Found, packages: InstalledPackagesFact, install: () => string): Pick<Outcome, 'status' | 'summary' | 'fix'> {
  const first = f.hard[0]?.text ?? '';
  const kinds = counted([
    [f.hard.length, 'conflict'],
    [f.lifted.length, 'lifted bound'],
    [f.bad.warnings.length, 'known-bad version'],
    [f.walk.unreadable.length, 'unreadable requirement'],
    [packages.problems.length, 'metadata problem'],
  ]);
  return {
    status: 'error',
    summary: f.warnings.length === 0 && f.hard.length === 1 ? first : `${kinds} for apache-flink ${f.flinkVersion}: ${first}; …`,
    // Into the client when its Python is supported; else one command that makes a venv that is.
    fix: [install(), ...f.bad.fixes, ...f.reinstall].join('\n'),
  };
}

/** Lifted bounds, known-bad versions, unreadable metadata, but no hard conflict: a warning; the lifted bounds' install
 * is optional (only `pip check` minds them). */
function onlyWarnings(f: Found, pipInstallOf: (specs: string[]) => string): Pick<Outcome, 'status' | 'summary' | 'fix'> {
  const liftedSpecs = [...new Set(f.lifted.map((l) => f.walk.wanted.get(l.conflict.key) ?? l.conflict.spec))];
  const pipCheck = f.lifted.length > 0 ? [`Optional, for \`pip check\`: ${pipInstallOf(liftedSpecs)}`] : [];
  const fixes = [...f.bad.fixes, ...f.reinstall, ...pipCheck];
  const summary = `${f.warnings[0]}${f.warnings.length > 1 ? ` (+${f.warnings.length - 1} more)` : ''}`;
  return { status: 'warning', summary, fix: fixes.length > 0 ? fixes.join('\n') : null };
}

type Roots = { owner: string; roots: string[]; flinkVersion: string; fromMatrix: boolean; listSources: SourceRef[] };

/** Which requirement list to start from: the installed wheel's own, else the matrix's for the target. */
function requirementRoots(pyflink: PyflinkFact, target: TargetFact, markers: MarkerEnvironment, matrix: Matrix): Roots | { skip: string } {
  if (pyflink.flink)
    return {
      owner: pyflink.flink.name,
      roots: pyflink.flink.requires,
      flinkVersion: pyflink.flink.version,
      fromMatrix: false,
      listSources: [],
    };
  if (!target.flinkVersion) return { skip: 'apache-flink is not installed and no --flink-version was given: no requirement list to check' };
  const flinkVersion = releaseToInstall(target, matrix);
  const entry = matrix.requiresDistFor(flinkVersion, `cp${markers.python_version.replace('.', '')}`);
  if (!entry)
    return {
      skip: `apache-flink is not installed and Flink ${target.flinkVersion} is not in the compatibility matrix: no requirement list to check`,
    };
  return { owner: `${FLINK_DIST} ${flinkVersion}`, roots: entry.requires, flinkVersion, fromMatrix: true, listSources: entry.sources };
}

/** Conflicts whose installed version a bound upstream has since lifted allows (compat-matrix.json liftedPins). */
function splitLifted(
  conflicts: readonly Conflict[],
  pins: readonly LiftedPin[],
): { hard: Conflict[]; lifted: { conflict: Conflict; pin: LiftedPin }[] } {
  const lifted: { conflict: Conflict; pin: LiftedPin }[] = [];
  const hard: Conflict[] = [];
  for (const conflict of conflicts) {
    const pin = pins.find(
      (p) => normalizeName(p.requiredBy) === normalizeName(conflict.owner) && normalizeName(p.package) === conflict.key,
    );
    if (pin && conflict.found && versionSatisfies(conflict.found, pin.allowedBy)) lifted.push({ conflict, pin });
    else hard.push(conflict);
  }
  return { hard, lifted };
}

/** One requirement an installed package does not satisfy. */
interface Conflict {
  text: string;
  /** The distribution that requires it (its name as installed). */
  owner: string;
  /** Normalised name of the required package. */
  key: string;
  /** "pyarrow<21.0.0,>=5.0.0": the requirement as written, for a pip command. */
  spec: string;
  /** The installed version, when there is one. */
  found?: string;
}

interface Walk {
  conflicts: Conflict[];
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
function walkRequirements(
  owner: string,
  roots: string[],
  packages: InstalledPackagesFact,
  markers: MarkerEnvironment,
  fromMatrix: boolean,
): Walk {
  const walk: Walk = { conflicts: [], toInstall: [], wanted: new Map(), unreadable: [], notInstalled: [], checked: 0, visited: 0 };
  const clauses = new Map<string, { name: string; specs: Set<string> }>();
  const seenConflicts = new Set<string>();
  // walk.toInstall's keys: a METADATA of 2,000 requirements none of which is installed searched the list 2,000 times.
  const toInstall = new Set<string>();
  const expanded = new Set<string>();
  const queue: Dependant[] = [{ owner, requires: roots, extras: [] }];
  while (queue.length > 0) {
    const next = queue.shift();
    if (!next) break;
    walk.visited += 1;
    // In matrix mode the root's apache-flink-libraries pin is pyflink.install's to judge.
    const skipLibraries = fromMatrix && next.owner === owner;
    for (const raw of next.requires) {
      const req = applicableRequirement(raw, next, markers, walk.unreadable);
      if (!req || (skipLibraries && req.key === FLINK_LIBRARIES)) continue;
      walk.checked += 1;
      collectSpecifiers(clauses, req);
      const dist = packages.distributions[req.key];
      if (!dist && fromMatrix) {
        if (!walk.notInstalled.includes(req.name)) walk.notInstalled.push(req.name);
        continue;
      }
      const conflict = unmetBy(dist, req, next.owner);
      if (conflict) addConflict(conflict);
      if (!dist) continue;
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

  function addConflict(conflict: Conflict): void {
    if (seenConflicts.has(conflict.text)) return;
    seenConflicts.add(conflict.text);
    walk.conflicts.push(conflict);
    if (toInstall.has(conflict.key)) return;
    toInstall.add(conflict.key);
    walk.toInstall.push(conflict.key);
  }
}

/** A distribution in the walk: its requirements, and the extras it was asked for. */
interface Dependant {
  owner: string;
  requires: string[];
  extras: string[];
}

/** A requirement line of `from` that applies to this interpreter and the extras asked for; an unreadable line is noted and skipped. */
function applicableRequirement(raw: string, from: Dependant, markers: MarkerEnvironment, unreadable: string[]): Requirement | undefined {
  // Most lines are for an extra: with none asked for, they are dropped unparsed (they parse, so nothing unreadable is missed).
  if (from.extras.length === 0 && onlyForAnExtra(raw)) return undefined;
  const parsed = parseRequirement(raw);
  if (!parsed.ok) {
    unreadable.push(`${from.owner} declares a requirement that cannot be read, skipped: "${clip(raw, 120)}" (${parsed.error})`);
    return undefined;
  }
  return requirementApplies(parsed.value, markers, from.extras) ? parsed.value : undefined;
}

/** The conflict pip would report for one requirement: not installed, or installed at a version outside its specifier
 * (a URL requirement takes any version). None when it is met. */
function unmetBy(dist: InstalledDistribution | undefined, req: Requirement, owner: string): Conflict | undefined {
  const spec = req.url ? `@ ${req.url}` : req.specifier;
  const needs = `${owner} needs ${req.name}${spec ? ` ${spec}` : ''}`;
  if (!dist) return { text: `${needs}, not installed`, owner, key: req.key, spec: `${req.name}${req.specifier}` };
  if (!req.url && !versionSatisfies(dist.version, req.specifier)) {
    return { text: `${needs}, found ${dist.version}`, owner, key: req.key, spec: `${req.name}${req.specifier}`, found: dist.version };
  }
  return undefined;
}

/** Adds a requirement's specifier clauses to what its package must satisfy, so one pip command serves every dependant. */
function collectSpecifiers(
  clauses: Map<string, { name: string; specs: Set<string> }>,
  req: { key: string; name: string; specifier: string },
): void {
  const entry = clauses.get(req.key) ?? { name: req.name, specs: new Set<string>() };
  for (const clause of req.specifier.split(',').filter(Boolean)) entry.specs.add(clause);
  clauses.set(req.key, entry);
}

/**
 * Installed packages the matrix knows break this Flink patch (until the patch in `fixedIn` capped them). The fix
 * caps them in one pip command when the bad range is a plain ">=X"; otherwise it upgrades apache-flink.
 */
function knownBad(
  python: PythonFact,
  line: FlinkLine,
  flinkVersion: string,
  packages: InstalledPackagesFact,
  markers: MarkerEnvironment,
): { warnings: string[]; fixes: string[]; sources: SourceRef[] } {
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
    warnings.push(
      `${dist.name} ${dist.version} (${bad.package}${bad.versions}) is known to break apache-flink ${flinkVersion}: ${bad.reason}${capped}`,
    );
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
  return kinds
    .filter(([n]) => n > 0)
    .map(([n, kind]) => `${n} ${kind}${n === 1 ? '' : 's'}`)
    .join(', ');
}
