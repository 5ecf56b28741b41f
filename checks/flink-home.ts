// flink.home: a FLINK_HOME that PyFlink would trust must hold the same Flink as the installed wheel: another
// major is an error, another minor or patch of the same major a warning that explains the risk.
import { defineCheck } from './define.js';
import { minorOf } from '../src/knowledge/versions.js';
import type { Outcome } from '../src/engine/model.js';
import type { FlinkHomeFact, TargetFact } from '../src/facts/index.js';

const majorOf = (version: string) => version.split('.')[0];

/** What every outcome about a set FLINK_HOME carries: its path, the facts, and the "or unset it" end of each fix. */
interface Home {
  path: string;
  facts: Record<string, string | null>;
  unset: string;
}

export default defineCheck({
  id: 'flink.home',
  title: 'FLINK_HOME distribution',
  group: 'Flink',
  description:
    'A `FLINK_HOME` that PyFlink would trust holds the same Flink as the wheel (another major → error, another minor or patch → warning).',
  reads: ['FLINK_HOME', '$FLINK_HOME/lib/flink-dist-*.jar', '$FLINK_HOME/opt/flink-python*.jar'],
  needs: ['flinkHome', 'target', 'pyflink'],
  run({ flinkHome, target, pyflink }) {
    // Only an installed wheel has JARs to fall back on.
    const wheel = pyflink.flink ? `apache-flink ${pyflink.flink.version}` : undefined;
    if (!flinkHome.set) {
      return {
        status: 'skipped',
        summary: wheel
          ? `FLINK_HOME is not set: PyFlink uses the JARs inside the ${wheel} wheel`
          : 'FLINK_HOME is not set and apache-flink is not installed (see pyflink.install)',
      };
    }
    const home: Home = {
      path: flinkHome.path ?? '',
      facts: {
        flinkHome: flinkHome.path ?? '',
        distJar: flinkHome.distJar ?? null,
        distVersion: flinkHome.distVersion ?? null,
        pythonJar: flinkHome.pythonJar ?? null,
      },
      unset: wheel
        ? `or unset FLINK_HOME to use the JARs of the ${wheel} wheel`
        : 'or unset FLINK_HOME and install apache-flink, whose wheel bundles the JARs',
    };
    const distribution = inspectDistribution(flinkHome, home, target);
    if ('broken' in distribution) return distribution.broken;
    return againstTarget(distribution.version, distribution.found, home, target);
  },
});

/** Whether FLINK_HOME is a distribution PyFlink can start from: it exists, holds lib/flink-dist-*.jar and an
 * opt/flink-python*.jar of the same release. The error when it is not; else its release and the JARs found. */
function inspectDistribution(
  flinkHome: FlinkHomeFact,
  { path, facts, unset }: Home,
  target: TargetFact,
): { broken: Outcome } | { version: string; found: string[] } {
  if (!flinkHome.exists) {
    const broken: Outcome = {
      status: 'error',
      summary: flinkHome.problems[0] ?? `FLINK_HOME=${path} does not exist`,
      details: ['PyFlink trusts FLINK_HOME and fails to start its gateway'],
      fix: `Point FLINK_HOME at a Flink ${target.flinkVersion ?? ''} distribution ${unset}`.replace('  ', ' '),
      facts,
    };
    return { broken };
  }
  const { distJar, distVersion, pythonJar, pythonJarVersion } = flinkHome;
  if (!distJar || !distVersion) {
    const broken: Outcome = {
      status: 'error',
      summary: `FLINK_HOME=${path} is not a Flink distribution: no lib/flink-dist-*.jar`,
      details: flinkHome.problems,
      fix: `Point FLINK_HOME at an unpacked Flink distribution ${unset}`,
      facts,
      locations: [{ path }],
    };
    return { broken };
  }
  const found = [`found: lib/${distJar}`];
  if (!pythonJar) {
    const broken: Outcome = {
      status: 'error',
      summary: `FLINK_HOME=${path} has no opt/flink-python*.jar`,
      details: [...found, 'PyFlink prints "The flink-python jar is not found in the opt folder of the FLINK_HOME"'],
      fix: `Copy flink-python-${distVersion}.jar into ${path}/opt ${unset}`,
      facts,
    };
    return { broken };
  }
  found.push(`found: opt/${pythonJar}`);
  if (pythonJarVersion && pythonJarVersion !== distVersion) {
    const broken: Outcome = {
      status: 'error',
      summary: `FLINK_HOME mixes Flink ${distVersion} (flink-dist) and ${pythonJarVersion} (flink-python)`,
      details: found,
      fix: `Use flink-python-${distVersion}.jar in ${path}/opt`,
      facts,
    };
    return { broken };
  }
  return { version: distVersion, found };
}

/** A usable FLINK_HOME against the target: the same release is ok; another one is judged by otherRelease; with
 * no target to compare with, a warning that says which wheel matches it. */
function againstTarget(distVersion: string, details: string[], { facts, unset }: Home, target: TargetFact): Outcome {
  if (!target.flinkVersion) {
    return {
      status: 'warning',
      summary: `FLINK_HOME holds Flink ${distVersion}; no apache-flink wheel to compare with`,
      details,
      fix: `pip install "apache-flink==${distVersion}"`,
      facts,
    };
  }
  const same = holdsTarget(distVersion, target);
  if (!same) {
    return {
      ...otherRelease(distVersion, target, details),
      fix: `Point FLINK_HOME at a Flink ${target.flinkVersion} distribution, install apache-flink==${distVersion}, ${unset}`,
      facts,
    };
  }
  return { status: 'ok', summary: `FLINK_HOME holds Flink ${distVersion}, same as the target`, details, facts };
}

/** A bare minor given as --flink-version (1.20) is held by any patch of it; else the exact release must match. */
function holdsTarget(distVersion: string, target: TargetFact): boolean {
  return target.source === 'flag' && target.flinkVersion !== null && minorOf(target.flinkVersion) === target.flinkVersion
    ? minorOf(distVersion) === target.minor
    : distVersion === target.flinkVersion;
}

/** FLINK_HOME holds another release than the target: another major is an error, the same major a warning. */
function otherRelease(distVersion: string, target: TargetFact, details: string[]): Pick<Outcome, 'status' | 'summary' | 'details'> {
  const wanted = target.flinkVersion ?? '';
  const summary = `FLINK_HOME holds Flink ${distVersion} but the target is ${wanted} (${target.source === 'wheel' ? 'installed apache-flink' : '--flink-version'})`;
  // Another major: Flink 2 removed the 1.x APIs PyFlink's Python side calls (the real tier: ClassNotFoundException).
  if (majorOf(distVersion) !== majorOf(wanted)) {
    return {
      status: 'error',
      summary,
      details: [
        ...details,
        `PyFlink uses the JARs of FLINK_HOME: the Python API of Flink ${wanted} drives the JVM side of Flink ${distVersion}, another major whose APIs it calls are gone (ClassNotFoundException, Py4J errors)`,
      ],
    };
  }
  // Same major (the real tier ran a 1.20.5 client on FLINK_HOME = 1.19.3 to the end): it may work, until it does not.
  const risk = `PyFlink uses the JARs of FLINK_HOME: the Python API of Flink ${wanted} drives the JVM side of Flink ${distVersion}; jobs that only use calls both releases share run, a call that changed between them fails with a Py4J error or NoSuchMethodError`;
  return { status: 'warning', summary, details: [...details, risk] };
}
