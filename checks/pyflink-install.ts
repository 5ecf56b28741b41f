// pyflink.install: apache-flink is installed in the client interpreter, apache-flink-libraries is the same
// release, and the pieces inside the wheel agree (pyflink/version.py, pyflink/lib/flink-dist-X.jar,
// pyflink/opt/flink-python-X.jar); with --flink-version, the installed release is the one asked for.
import { defineCheck } from './define.js';
import type { Outcome } from '../src/engine/model.js';
import { FLINK_DIST, FLINK_LIBRARIES, versionFromDistJar, versionFromPythonJar } from '../src/knowledge/flink-names.js';
import type { Matrix } from '../src/knowledge/matrix.js';
import {
  installFix,
  interpreterOf,
  matchesTarget,
  releaseOf,
  releaseToInstall,
  sameRelease,
  unsupportedPython,
} from '../src/python/pip.js';
import { describeBuilds, platformOf, sourceBuildsFor } from '../src/python/wheels.js';
import type {
  Facts,
  InstalledDistribution,
  InstalledPackagesFact,
  JavaFact,
  PyflinkFact,
  PythonFact,
  TargetFact,
} from '../src/facts/index.js';

export default defineCheck({
  id: 'pyflink.install',
  title: 'apache-flink installation',
  group: 'PyFlink',
  description:
    '`apache-flink` is installed in that interpreter, `apache-flink-libraries` is the exact same release, and ' +
    '`pyflink/version.py` agrees with the JARs in `pyflink/lib` and `pyflink/opt`. Before a fix installs a release, it ' +
    'says which of apache-flink, pemja and apache-beam pip would build from source on this platform and Python, and ' +
    'what that needs; a release older than the lines the doctor knows is one warning with the upgrade path.',
  reads: [
    '*.dist-info / *.egg-info of apache-flink and apache-flink-libraries on sys.path',
    'pyflink/version.py',
    'pyflink/lib/*.jar',
    'pyflink/opt/*.jar',
    '--flink-version',
    'compat-matrix.json wheels (which platforms and Python minors PyPI has wheels for)',
  ],
  needs: ['python', 'packages', 'pyflink', 'target', 'java'],
  run({ python, packages, pyflink, target, java }, { matrix }): Outcome {
    const interpreter = interpreterOf(python);
    if (!python.runs) {
      return { status: 'skipped', summary: 'no working Python client interpreter (see python.client)', facts: { interpreter } };
    }
    const flink = pyflink.flink;
    const facts = {
      interpreter,
      apacheFlink: flink?.version ?? null,
      apacheFlinkLibraries: pyflink.libraries?.version ?? null,
      packageDir: pyflink.packageDir ?? null,
      versionPy: pyflink.versionPy ?? null,
      libJars: pyflink.libJars.length,
      optJars: pyflink.optJars.length,
      target: target.flinkVersion,
      targetSource: target.source,
    };

    const older = matrix.olderThanKnown(target);
    if (older) return olderRelease(python, target, matrix, flink?.version, facts);
    if (!flink) return notInstalled({ python, pyflink, target, java }, matrix, facts);

    const found = newFindings(flink);
    judgeTarget(found, target, matrix);
    judgeLibraries(found, pyflink.libraries);
    judgeWheelPieces(found, pyflink);
    judgeShadowed(found, packages, pyflink);
    return installedOutcome(found, { python, pyflink, target, java }, matrix, facts);
  },
});

type Inputs = Pick<Facts, 'python' | 'pyflink' | 'target' | 'java'>;

/** What the installed apache-flink gets wrong, and the one pip command (specs and flags) that mends all of it. */
interface Findings {
  flink: InstalledDistribution;
  version: string;
  release: string;
  errors: string[];
  warnings: string[];
  specs: Set<string>;
  flags: Set<string>;
  /** The release the fix installs: the installed one, unless --flink-version names another. */
  wanted: string;
  /** --flink-version names another release: its install replaces the other pins. */
  wrongTarget: boolean;
  locations: { path: string }[];
}

function newFindings(flink: InstalledDistribution): Findings {
  const release = releaseOf(flink.version);
  return {
    flink,
    version: flink.version,
    release,
    errors: [],
    warnings: [],
    specs: new Set(),
    flags: new Set(),
    wanted: release,
    wrongTarget: false,
    locations: [{ path: flink.metadataDir }],
  };
}

/** No apache-flink: the release to install (the target, or the newest known) and what pip would build for it. */
function notInstalled({ python, pyflink, target, java }: Inputs, matrix: Matrix, facts: Outcome['facts']): Outcome {
  const interpreter = interpreterOf(python);
  const release = releaseToInstall(target, matrix);
  const why = target.flinkVersion
    ? `--flink-version ${target.flinkVersion}`
    : `no target given: the newest release known, Flink ${release}`;
  const details = [`looked in ${python.sysPath.length} sys.path entries of ${interpreter}`, `suggested release: ${release} (${why})`];
  if (pyflink.packageDir)
    details.push(`a pyflink/ package is importable from ${pyflink.packageDir}, but no pip metadata says which release it is`);
  const builds = buildPlan(python, java, target, matrix, release);
  return {
    status: 'error',
    summary: `apache-flink is not installed in ${interpreter}`,
    details: [...details, ...builds.details],
    fix: [...builds.before, installFix(python, target, matrix, [`${FLINK_DIST}==${release}`])].join('\n'),
    facts,
  };
}

/** 1. --flink-version names another release than the installed one. */
function judgeTarget(found: Findings, target: TargetFact, matrix: Matrix): void {
  const wrongTarget = target.source === 'flag' && target.flinkVersion !== null && !matchesTarget(found.version, target.flinkVersion);
  if (!wrongTarget || !target.flinkVersion) return;
  found.wrongTarget = true;
  found.wanted = releaseToInstall(target, matrix);
  found.errors.push(`--flink-version ${target.flinkVersion} targets another release than the installed apache-flink ${found.version}`);
  found.specs.add(`${FLINK_DIST}==${found.wanted}`);
}

/** 2. apache-flink-libraries must be the same release (a .postN of it is fine). */
function judgeLibraries(found: Findings, libraries: InstalledDistribution | undefined): void {
  const { version, release } = found;
  if (!libraries) {
    found.errors.push(`apache-flink-libraries is not installed (apache-flink ${version} needs apache-flink-libraries ${release})`);
    if (!found.wrongTarget) found.specs.add(`${FLINK_LIBRARIES}==${release}`);
  } else if (!sameRelease(libraries.version, version)) {
    found.errors.push(`apache-flink-libraries ${libraries.version} is not the release of apache-flink ${version}`);
    found.locations.push({ path: libraries.metadataDir });
    if (!found.wrongTarget) found.specs.add(`${FLINK_LIBRARIES}==${release}`);
  }
}

/** 3. The wheel's own pieces (version.py, the flink-dist and flink-python JARs) agree with its metadata. */
function judgeWheelPieces(found: Findings, pyflink: PyflinkFact): void {
  const mismatches = pyflink.packageDir
    ? bundledMismatches(found, pyflink)
    : [`apache-flink ${found.version} is registered in ${found.flink.metadataDir}, but no pyflink/ package is on sys.path`];
  if (mismatches.length === 0) return;
  found.errors.push(...mismatches);
  if (found.wrongTarget) return;
  for (const spec of [`${FLINK_DIST}==${found.release}`, `${FLINK_LIBRARIES}==${found.release}`]) found.specs.add(spec);
  for (const flag of ['--force-reinstall', '--no-deps']) found.flags.add(flag);
}

/** The pieces inside pyflink/ that name another release; a missing bundled JAR is a warning. */
function bundledMismatches(found: Findings, pyflink: PyflinkFact): string[] {
  const { version } = found;
  const mismatches: string[] = [];
  if (pyflink.versionPy && !sameRelease(pyflink.versionPy, version)) {
    mismatches.push(`pyflink/version.py says ${pyflink.versionPy}, the apache-flink metadata says ${version}`);
  }
  const distJar = pyflink.libJars.find((name) => versionFromDistJar(name));
  const pythonJar = pyflink.optJars.find((name) => versionFromPythonJar(name));
  const distVersion = distJar ? versionFromDistJar(distJar) : undefined;
  const pythonJarVersion = pythonJar ? versionFromPythonJar(pythonJar) : undefined;
  if (distJar && distVersion && !sameRelease(distVersion, version))
    mismatches.push(`pyflink/lib/${distJar} is Flink ${distVersion}, apache-flink is ${version}`);
  if (pythonJar && pythonJarVersion && !sameRelease(pythonJarVersion, version))
    mismatches.push(`pyflink/opt/${pythonJar} is Flink ${pythonJarVersion}, apache-flink is ${version}`);
  if (pyflink.libraries && !distJar) found.warnings.push('pyflink/lib has no flink-dist JAR: the wheel can only run against a FLINK_HOME');
  if (pyflink.libraries && !pythonJar)
    found.warnings.push('pyflink/opt has no flink-python JAR: the wheel can only run against a FLINK_HOME');
  return mismatches;
}

/** 4. Shadowed copies and read problems: worth knowing, not fatal. */
function judgeShadowed(found: Findings, packages: InstalledPackagesFact, pyflink: PyflinkFact): void {
  for (const dup of packages.duplicates) {
    if (dup.key === FLINK_DIST || dup.key === FLINK_LIBRARIES)
      found.warnings.push(`another ${dup.name} ${dup.version} at ${dup.metadataDir} is shadowed by the one in use`);
  }
  // Without a package dir the only problem is the one reported above as a mismatch.
  if (pyflink.packageDir) found.warnings.push(...pyflink.problems);
}

/** Errors first (with the one pip command, and what it would build), then warnings, else ok. */
function installedOutcome(found: Findings, { python, pyflink, target, java }: Inputs, matrix: Matrix, facts: Outcome['facts']): Outcome {
  const { errors, warnings, specs, locations, release, wanted } = found;
  const libraries = pyflink.libraries;
  const installed = `apache-flink ${found.version}${libraries ? ` + apache-flink-libraries ${libraries.version}` : ''} in ${interpreterOf(python)}`;
  const details = [
    ...errors,
    ...warnings,
    `pyflink package: ${pyflink.packageDir ?? 'not found on sys.path'}`,
    `pyflink/version.py: ${pyflink.versionPy ?? 'not read'}; lib: ${pyflink.libJars.join(', ') || 'none'}; opt: ${pyflink.optJars.join(', ') || 'none'}`,
  ];
  if (errors.length > 0) {
    // Installing another release may mean building it (and pemja / apache-beam) from source here: say so first.
    const builds = wanted !== release ? buildPlan(python, java, target, matrix, wanted) : { details: [], before: [] };
    return {
      status: 'error',
      summary: errors.length === 1 ? (errors[0] ?? installed) : `${installed}: ${errors.length} problems`,
      details: [...details, ...builds.details],
      fix:
        specs.size > 0
          ? [...builds.before, installFix(python, target, matrix, sortSpecs(specs), [...found.flags], [`${FLINK_DIST}==${wanted}`])].join(
              '\n',
            )
          : null,
      facts,
      locations,
    };
  }
  if (warnings.length > 0) {
    return {
      status: 'warning',
      summary: `${installed}: ${warnings[0]}${warnings.length > 1 ? ` (+${warnings.length - 1} more)` : ''}`,
      details,
      facts,
      locations,
    };
  }
  return { status: 'ok', summary: `${installed}; version.py and the bundled JARs agree`, details, facts, locations };
}

/** apache-flink before apache-flink-libraries, as a person would type them. */
function sortSpecs(specs: Set<string>): string[] {
  return [...specs].sort((a, b) => Number(a.startsWith(FLINK_LIBRARIES)) - Number(b.startsWith(FLINK_LIBRARIES)));
}

/**
 * apache-flink older than every line the matrix knows: one finding saying what is installed, what flink-doctor
 * knows and the upgrade path, instead of verdicts borrowed from another line (the other checks skip).
 */
function olderRelease(
  python: PythonFact,
  target: TargetFact,
  matrix: Matrix,
  installed: string | undefined,
  facts: Outcome['facts'],
): Outcome {
  const what = installed ? `apache-flink ${installed} is installed` : `--flink-version ${target.flinkVersion ?? ''} is asked for`;
  const newest1 = matrix
    .minors()
    .filter((m) => m.startsWith('1.'))
    .pop();
  const paths = [newest1, matrix.newestMinor()].filter((m): m is string => Boolean(m)).map((minor) => upgradeOption(matrix, minor));
  const to = paths[0];
  const upgradeTarget: TargetFact = {
    ...target,
    flinkVersion: to?.release ?? null,
    patch: to?.release ?? null,
    minor: to?.minor ?? null,
    known: Boolean(to),
  };
  return {
    status: 'warning',
    summary: `${what}: flink-doctor knows Flink ${matrix.knownRange()} and does not judge older releases (Java, Python, dependency and JAR checks are skipped)`,
    details: [
      ...paths.map((p) => `upgrade path: ${p.text}`),
      'connector JARs must be replaced by builds for the new line (jars.flink-version names them once the new release is installed)',
    ],
    fix: to ? installFix(python, upgradeTarget, matrix, [`${FLINK_DIST}==${to.release}`]) : null,
    facts,
  };
}

function upgradeOption(matrix: Matrix, minor: string): { minor: string; release: string; text: string } {
  const line = matrix.line(minor);
  const release = line?.newestPatch ?? minor;
  const python = line?.python.supported ?? [];
  const text = `apache-flink ${release} (Java ${line?.java.recommended ?? '?'}, Python ${python[0] ?? '?'}-${python[python.length - 1] ?? '?'}${minor.startsWith('2.') ? '; Flink 2 removed the SourceFunction/SinkFunction APIs and flink-conf.yaml' : ''})`;
  return { minor, release, text };
}

/**
 * What installing `release` into this interpreter would build from source (no wheel for its platform and Python),
 * what each build needs, and the lines to run before pip (a setuptools constraint for apache-beam's build).
 */
function buildPlan(
  python: PythonFact,
  java: JavaFact,
  target: TargetFact,
  matrix: Matrix,
  release: string,
): { details: string[]; before: string[] } {
  const wheels = matrix.doc.wheels;
  const markers = python.markers;
  const platform = markers ? platformOf(markers) : undefined;
  // On a Python the line does not support the fix builds a fresh venv from a supported one: no plan for this one.
  if (!wheels || !markers || !platform || unsupportedPython(python, target, matrix)) return { details: [], before: [] };
  const entry = matrix.requiresDistFor(release, `cp${markers.python_version.replace('.', '')}`);
  const builds = sourceBuildsFor(wheels, release, entry?.requires ?? [], markers, matrix.line(release)?.knownBadDependencies);
  if (builds.length === 0) return { details: [], before: [] };
  const details = describeBuilds(builds, platform, markers.python_version);
  if (builds.some((b) => b.package === 'pemja')) details.push(...javaForPemja(java));
  const before = builds.some((b) => b.breaks.length > 0)
    ? [
        `pip builds ${builds.map((b) => b.package).join(', ')} from source here; constrain the build tools first: echo "setuptools<82" > pip-constraints.txt && export PIP_CONSTRAINT=$PWD/pip-constraints.txt`,
      ]
    : [
        `pip builds ${builds.map((b) => b.package).join(', ')} from source here: ${builds.map((b) => `${b.package} needs ${b.needs}`).join('; ')}`,
      ];
  return { details, before };
}

/** pemja's setup.py compiles against $JAVA_HOME/include/jni.h: what the Java found says about that. */
function javaForPemja(java: JavaFact): string[] {
  const javaHome = java.provenance.source === 'JAVA_HOME' ? java.home : undefined;
  if (!javaHome) {
    const set = java.shadowed.some((p) => p.source === 'JAVA_HOME');
    return [
      `pemja's build reads JAVA_HOME only: ${set ? 'JAVA_HOME is set but another Java wins for PyFlink; make sure it is a JDK' : 'JAVA_HOME is not set; point it at a JDK'}`,
    ];
  }
  if (java.isJdk === false)
    return [
      `JAVA_HOME=${javaHome} is a JRE (no javac or include/): pemja's build fails with "Include folder should be at '${javaHome}/include' but doesn't exist"; install a JDK`,
    ];
  return [`JAVA_HOME=${javaHome}${java.isJdk ? " is a JDK, as pemja's build needs" : ''}`];
}
