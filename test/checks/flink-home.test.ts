// flink.home: its decision table on built facts. The flink-home probe (lib/flink-dist-*.jar and opt/flink-python*.jar
// read from real folders, FLINK_HOME that is missing or a file) is tested in test/flink/flink-home.test.ts.
import { describe, expect, it } from 'vitest';
import flinkHome from '../../checks/flink-home.js';
import type { FlinkHomeFact } from '../../src/facts/index.js';
import { buildFacts, decide, distribution, targetOf, type FactsOverrides } from '../helpers/facts.js';

const HOME = '/opt/flink';
/** A FLINK_HOME holding Flink `version` (flink-dist and flink-python of that version unless overridden). */
const home = (version: string, extra: Partial<FlinkHomeFact> = {}): FlinkHomeFact => ({
  set: true,
  path: HOME,
  exists: true,
  distJar: `flink-dist-${version}.jar`,
  distVersion: version,
  pythonJar: `flink-python-${version}.jar`,
  pythonJarVersion: version,
  problems: [],
  ...extra,
});
const noWheel: FactsOverrides['pyflink'] = { installed: false, flink: undefined, libraries: undefined };
const judge = (overrides: FactsOverrides) => decide(flinkHome, buildFacts(overrides));

describe('flink.home decisions (built facts)', () => {
  it("skipped when FLINK_HOME is unset, saying whether the wheel's JARs are used", () => {
    expect(judge({}).summary).toBe('FLINK_HOME is not set: PyFlink uses the JARs inside the apache-flink 2.2.1 wheel');
    const none = judge({ pyflink: noWheel });
    expect(none.status).toBe('skipped');
    expect(none.summary).toBe('FLINK_HOME is not set and apache-flink is not installed (see pyflink.install)');
  });

  it('ok: the distribution is the target release (the installed wheel)', () => {
    const outcome = judge({ flinkHome: home('2.2.1') });
    expect(outcome.status).toBe('ok');
    expect(outcome.summary).toBe('FLINK_HOME holds Flink 2.2.1, same as the target');
    expect(outcome.details).toEqual(['found: lib/flink-dist-2.2.1.jar', 'found: opt/flink-python-2.2.1.jar']);
  });

  it('--flink-version with a minor only accepts any patch of the line; an exact one wants that release (another patch: a warning)', () => {
    expect(judge({ flinkHome: home('2.2.0'), target: targetOf('2.2') }).status).toBe('ok');
    expect(judge({ flinkHome: home('2.2.0'), target: targetOf('2.2.1') }).status).toBe('warning');
    // The wheel's own release is always exact: 2.2.0 under a 2.2.1 wheel is another release.
    expect(judge({ flinkHome: home('2.2.0') }).status).toBe('warning');
  });

  it('error: another Flink than the target, naming where the target came from and three ways out', () => {
    const flag = judge({ flinkHome: home('1.20.1'), target: targetOf('2.2.1'), pyflink: noWheel });
    expect(flag.status).toBe('error');
    expect(flag.summary).toBe('FLINK_HOME holds Flink 1.20.1 but the target is 2.2.1 (--flink-version)');
    expect(flag.fix).toBe(
      'Point FLINK_HOME at a Flink 2.2.1 distribution, install apache-flink==1.20.1, or unset FLINK_HOME and install apache-flink, whose wheel bundles the JARs',
    );
    const wheel = judge({ flinkHome: home('1.20.1') });
    expect(wheel.summary).toBe('FLINK_HOME holds Flink 1.20.1 but the target is 2.2.1 (installed apache-flink)');
    expect(wheel.fix).toContain('or unset FLINK_HOME to use the JARs of the apache-flink 2.2.1 wheel');
    expect(wheel.details?.join('\n')).toContain('another major whose APIs it calls are gone (ClassNotFoundException, Py4J errors)');
  });

  it('warning: no wheel and no --flink-version to compare with', () => {
    const outcome = judge({ flinkHome: home('1.20.1'), target: targetOf(null), pyflink: noWheel });
    expect(outcome.status).toBe('warning');
    expect(outcome.summary).toBe('FLINK_HOME holds Flink 1.20.1; no apache-flink wheel to compare with');
    expect(outcome.fix).toBe('pip install "apache-flink==1.20.1"');
  });

  it("error: FLINK_HOME does not exist (the probe's reason when it has one)", () => {
    const gone = judge({ flinkHome: { set: true, path: '/nowhere', exists: false, problems: [] } });
    expect(gone.status).toBe('error');
    expect(gone.summary).toBe('FLINK_HOME=/nowhere does not exist');
    expect(gone.fix).toBe(
      'Point FLINK_HOME at a Flink 2.2.1 distribution or unset FLINK_HOME to use the JARs of the apache-flink 2.2.1 wheel',
    );
    const file = judge({
      flinkHome: { set: true, path: '/etc/hosts', exists: false, problems: ['FLINK_HOME=/etc/hosts is not a directory'] },
    });
    expect(file.summary).toBe('FLINK_HOME=/etc/hosts is not a directory');
  });

  it('error: not a distribution (no flink-dist), or no flink-python in opt/', () => {
    const notDist = judge({ flinkHome: home('2.2.1', { distJar: undefined, distVersion: undefined }) });
    expect(notDist.status).toBe('error');
    expect(notDist.summary).toBe(`FLINK_HOME=${HOME} is not a Flink distribution: no lib/flink-dist-*.jar`);
    expect(notDist.locations).toEqual([{ path: HOME }]);
    const noPython = judge({ flinkHome: home('2.2.1', { pythonJar: undefined, pythonJarVersion: undefined }), pyflink: noWheel });
    expect(noPython.summary).toBe(`FLINK_HOME=${HOME} has no opt/flink-python*.jar`);
    expect(noPython.fix).toBe(
      `Copy flink-python-2.2.1.jar into ${HOME}/opt or unset FLINK_HOME and install apache-flink, whose wheel bundles the JARs`,
    );
  });

  it('error: flink-dist and flink-python of different releases', () => {
    const outcome = judge({ flinkHome: home('2.2.1', { pythonJar: 'flink-python-2.1.0.jar', pythonJarVersion: '2.1.0' }) });
    expect(outcome.status).toBe('error');
    expect(outcome.summary).toBe('FLINK_HOME mixes Flink 2.2.1 (flink-dist) and 2.1.0 (flink-python)');
    expect(outcome.fix).toBe(`Use flink-python-2.2.1.jar in ${HOME}/opt`);
  });
});

// Modelled on the real tier (test-real/corpus.ts): a 1.20.5 client failed on FLINK_HOME = 2.2.1 (another major) and
// ran a DataStream job with a Python map to the end on FLINK_HOME = 1.19.3 (same major).
function judged(version: string) {
  const pyflink = { flink: distribution('apache-flink', '1.20.5'), libraries: distribution('apache-flink-libraries', '1.20.5') };
  return decide(flinkHome, buildFacts({ target: targetOf('1.20.5', 'wheel'), flinkHome: home(version), pyflink }));
}

describe('FLINK_HOME of another release than the apache-flink wheel', () => {
  it('another major (2.2.1 for a 1.20.5 client) is an error', () => {
    const outcome = judged('2.2.1');
    expect(outcome.status).toBe('error');
    expect(outcome.summary).toBe('FLINK_HOME holds Flink 2.2.1 but the target is 1.20.5 (installed apache-flink)');
    expect(outcome.details?.join('\n')).toContain('another major whose APIs it calls are gone');
  });

  it.each(['1.19.3', '1.20.1'])('the same major (%s for a 1.20.5 client) is a warning that explains the risk', (version) => {
    const outcome = judged(version);
    expect(outcome.status).toBe('warning');
    expect(outcome.details?.join('\n')).toContain('a call that changed between them fails with a Py4J error or NoSuchMethodError');
    expect(outcome.fix).toContain('Point FLINK_HOME at a Flink 1.20.5 distribution');
  });

  it('the same release is ok', () => {
    expect(judged('1.20.5').status).toBe('ok');
  });
});
