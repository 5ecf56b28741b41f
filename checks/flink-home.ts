// flink.home: a FLINK_HOME that PyFlink would trust must hold the same Flink as the installed wheel: another
// major is an error, another minor or patch of the same major a warning that explains the risk.
import { defineCheck } from './define.js';
import { minorOf } from '../src/knowledge/versions.js';
import type { Outcome } from '../src/engine/model.js';
import type { TargetFact } from '../src/facts/index.js';

const majorOf = (version: string) => version.split('.')[0];

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
    const home = flinkHome.path ?? '';
    const facts = {
      flinkHome: home,
      distJar: flinkHome.distJar ?? null,
      distVersion: flinkHome.distVersion ?? null,
      pythonJar: flinkHome.pythonJar ?? null,
    };
    const unset = wheel
      ? `or unset FLINK_HOME to use the JARs of the ${wheel} wheel`
      : 'or unset FLINK_HOME and install apache-flink, whose wheel bundles the JARs';
    if (!flinkHome.exists) {
      return {
        status: 'error',
        summary: flinkHome.problems[0] ?? `FLINK_HOME=${home} does not exist`,
        details: ['PyFlink trusts FLINK_HOME and fails to start its gateway'],
        fix: `Point FLINK_HOME at a Flink ${target.flinkVersion ?? ''} distribution ${unset}`.replace('  ', ' '),
        facts,
      };
    }
    if (!flinkHome.distJar || !flinkHome.distVersion) {
      return {
        status: 'error',
        summary: `FLINK_HOME=${home} is not a Flink distribution: no lib/flink-dist-*.jar`,
        details: flinkHome.problems,
        fix: `Point FLINK_HOME at an unpacked Flink distribution ${unset}`,
        facts,
        locations: [{ path: home }],
      };
    }
    const details = [`found: lib/${flinkHome.distJar}`];
    if (!flinkHome.pythonJar) {
      return {
        status: 'error',
        summary: `FLINK_HOME=${home} has no opt/flink-python*.jar`,
        details: [...details, 'PyFlink prints "The flink-python jar is not found in the opt folder of the FLINK_HOME"'],
        fix: `Copy flink-python-${flinkHome.distVersion}.jar into ${home}/opt ${unset}`,
        facts,
      };
    }
    details.push(`found: opt/${flinkHome.pythonJar}`);
    if (flinkHome.pythonJarVersion && flinkHome.pythonJarVersion !== flinkHome.distVersion) {
      return {
        status: 'error',
        summary: `FLINK_HOME mixes Flink ${flinkHome.distVersion} (flink-dist) and ${flinkHome.pythonJarVersion} (flink-python)`,
        details,
        fix: `Use flink-python-${flinkHome.distVersion}.jar in ${home}/opt`,
        facts,
      };
    }
    if (!target.flinkVersion) {
      return {
        status: 'warning',
        summary: `FLINK_HOME holds Flink ${flinkHome.distVersion}; no apache-flink wheel to compare with`,
        details,
        fix: `pip install "apache-flink==${flinkHome.distVersion}"`,
        facts,
      };
    }
    const same = holdsTarget(flinkHome.distVersion, target);
    if (!same)
      return {
        ...otherRelease(flinkHome.distVersion, target, details),
        fix: `Point FLINK_HOME at a Flink ${target.flinkVersion} distribution, install apache-flink==${flinkHome.distVersion}, ${unset}`,
        facts,
      };
    return { status: 'ok', summary: `FLINK_HOME holds Flink ${flinkHome.distVersion}, same as the target`, details, facts };
  },
});

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
