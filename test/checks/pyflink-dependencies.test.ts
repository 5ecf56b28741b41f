// pyflink.dependencies: its decision table on built facts. The distributions are the ones python-env.ts writes into
// real venvs (apache-flink 1.20.x and its whole closure, Requires-Dist in both the old and the plain form); the
// packages probe that reads them from real venvs is tested in test/python/packages.test.ts.
import { describe, expect, it } from 'vitest';
import pyflinkDependencies from '../../checks/pyflink-dependencies.js';
import type { Facts } from '../../src/facts/index.js';
import { loadMatrix } from '../../src/knowledge/load-matrix.js';
import { buildFacts, decide, installed, PYTHON, pythonOf, targetOf, type FactsOverrides } from '../helpers/facts.js';
import { apacheFlinkRequires, healthyFlinkDistributions, withDistributions, type FakeDistribution } from '../helpers/python-env.js';

const matrix = loadMatrix();

/** A client interpreter (CPython `python`, default 3.11.7) with `dists` installed; the wheel is the target. */
function venv(dists: FakeDistribution[], python = '3.11.7', overrides: FactsOverrides = {}): Facts {
  const distributions = installed(dists);
  const flink = distributions['apache-flink'];
  return buildFacts({
    python: pythonOf(python),
    packages: { distributions },
    pyflink: { installed: Boolean(flink), flink, libraries: distributions['apache-flink-libraries'] },
    target: flink ? targetOf(flink.version, 'wheel') : targetOf(null),
    ...overrides,
  });
}

/** apache-flink with its Requires-Dist edited: `replace` maps a requirement's leading name to a new line. */
function flinkWith(version: string, replace: Record<string, string>): FakeDistribution {
  const requires = apacheFlinkRequires(version).map((line) => replace[/^[A-Za-z0-9._-]+/.exec(line)?.[0] ?? ''] ?? line);
  return { name: 'apache-flink', version, requires };
}

/** apache-beam without its pyarrow cap, so a pyarrow 21 scenario is about apache-flink alone. */
const beamWithoutPyarrowCap: FakeDistribution = { name: 'apache-beam', version: '2.48.0', requires: ['numpy (<1.25.0,>=1.14.3)'] };
const deps = (dists: FakeDistribution[], python?: string, overrides?: FactsOverrides) =>
  decide(pyflinkDependencies, venv(dists, python, overrides));

describe('pyflink.dependencies decisions (built facts)', () => {
  it('ok: the whole closure of apache-flink 1.20.1 is satisfied, markers and extras honoured', () => {
    const outcome = deps(healthyFlinkDistributions('1.20.1'));
    expect(outcome.status).toBe('ok');
    expect(outcome.summary).toMatch(
      new RegExp(`^all \\d+ requirements of apache-flink 1\\.20\\.1 and its dependencies are satisfied in ${PYTHON}$`),
    );
    // pywin32 (Windows only) and the gcp/test/socks extras are not required on Linux without those extras.
    expect(outcome.details?.join('\n')).not.toContain('pywin32');
    expect(outcome.facts).toMatchObject({ requirementsFrom: 'installed apache-flink METADATA', conflicts: 0, notInstalled: 0 });
    expect(Number(outcome.facts?.requirementsChecked)).toBeGreaterThan(30);
  });

  it('error: a missing requirement is "not installed", and the fix installs exactly it', () => {
    const outcome = deps(withDistributions(healthyFlinkDistributions('1.20.1'), [], ['py4j']));
    expect(outcome.status).toBe('error');
    expect(outcome.summary).toBe('apache-flink needs py4j ==0.10.9.7, not installed');
    expect(outcome.fix).toBe(`${PYTHON} -m pip install "py4j==0.10.9.7"`);
  });

  it('error: "X needs Y <spec>, found Z" for the wheel and for a dependency, one pip command satisfying both', () => {
    // pyarrow 26 is past even the bounds upstream has since lifted (apache-flink <26, apache-beam <24): no liftedPins match.
    const outcome = deps(
      withDistributions(healthyFlinkDistributions('1.20.3'), [
        flinkWith('1.20.3', { pyarrow: 'pyarrow (<21.0.0,>=5.0.0)' }),
        { name: 'pyarrow', version: '26.0.0', requires: ['numpy>=1.16.6'] },
      ]),
    );
    expect(outcome.status).toBe('error');
    expect(outcome.details).toContain('apache-flink needs pyarrow <21.0.0,>=5.0.0, found 26.0.0');
    expect(outcome.details).toContain('apache-beam needs pyarrow <12.0.0,>=3.0.0, found 26.0.0');
    expect(outcome.summary).toBe('2 conflicts for apache-flink 1.20.3: apache-flink needs pyarrow <21.0.0,>=5.0.0, found 26.0.0; …');
    expect(outcome.fix).toBe(`${PYTHON} -m pip install "pyarrow<21.0.0,>=5.0.0,<12.0.0,>=3.0.0"`);
  });

  it('warning: a version a bound upstream has since lifted allows (pyarrow 21 on 1.20.x, FLINK-40599), naming the change', () => {
    // The real tier (pyarrow-21-pandas-udf) ran a pandas UDF job on apache-flink 1.20.5 with pyarrow 21.0.0 to the end.
    const outcome = deps(
      withDistributions(healthyFlinkDistributions('1.20.3'), [
        flinkWith('1.20.3', { pyarrow: 'pyarrow (<21.0.0,>=5.0.0)' }),
        { name: 'pyarrow', version: '21.0.0', requires: ['numpy>=1.16.6'] },
      ]),
    );
    expect(outcome.status).toBe('warning');
    expect(outcome.summary).toMatch(
      /^apache-flink needs pyarrow <21\.0\.0,>=5\.0\.0, found 21\.0\.0: a bound upstream has since lifted \(FLINK-40599 .*\); `pip check` still reports it \(\+1 more\)$/,
    );
    expect(outcome.details?.join('\n')).toContain(
      'apache-beam needs pyarrow <12.0.0,>=3.0.0, found 21.0.0: a bound upstream has since lifted (apache-beam 2.72.0',
    );
    expect(outcome.fix).toBe(`Optional, for \`pip check\`: ${PYTHON} -m pip install "pyarrow<21.0.0,>=5.0.0,<12.0.0,>=3.0.0"`);
    expect(outcome.sources).toContain('https://github.com/apache/flink/pull/29134');
    expect(outcome.facts).toMatchObject({ conflicts: 0, liftedBounds: 2 });
  });

  it('error: a lifted bound next to a hard conflict; the fix installs only what the hard one needs', () => {
    const outcome = deps(
      withDistributions(healthyFlinkDistributions('1.20.3'), [
        flinkWith('1.20.3', { pyarrow: 'pyarrow (<21.0.0,>=5.0.0)' }),
        { name: 'pyarrow', version: '21.0.0', requires: ['numpy>=1.16.6'] },
        { name: 'py4j', version: '0.10.9.9' },
      ]),
    );
    expect(outcome.status).toBe('error');
    expect(outcome.summary).toMatch(
      /^1 conflict, 2 lifted bounds for apache-flink 1\.20\.3: apache-flink needs py4j ==0\.10\.9\.7, found 0\.10\.9\.9; …$/,
    );
    expect(outcome.fix?.split('\n')[0]).toBe(`${PYTHON} -m pip install "py4j==0.10.9.7"`);
  });

  it('error: a transitive conflict (requests needs urllib3 <3)', () => {
    expect(deps(withDistributions(healthyFlinkDistributions('1.20.1'), [{ name: 'urllib3', version: '3.0.0' }])).summary).toBe(
      'requests needs urllib3 <3,>=1.21.1, found 3.0.0',
    );
  });

  it("error: extras on a requirement pull in that extra's dependencies", () => {
    const outcome = deps(
      withDistributions(healthyFlinkDistributions('1.20.1'), [
        flinkWith('1.20.1', { 'apache-beam': 'apache-beam[gcp] (<2.49.0,>=2.43.0)' }),
      ]),
    );
    expect(outcome.summary).toBe('apache-beam needs google-cloud-core <3,>=2.0.0, not installed');
  });

  it('markers are evaluated for the interpreter: ruamel.yaml.clib only below Python 3.13', () => {
    const dists = withDistributions(healthyFlinkDistributions('1.20.1'), [], ['ruamel.yaml.clib']);
    expect(deps(dists).summary).toBe('ruamel.yaml needs ruamel.yaml.clib >=0.2.7, not installed');
    expect(deps(dists, '3.13.0').status).toBe('ok');
  });

  it('error on a Python the target does not support: the fix builds a supported venv instead of repairing this one', () => {
    const outcome = deps(withDistributions(healthyFlinkDistributions('1.20.1'), [], ['py4j']), '3.13.0');
    expect(outcome.status).toBe('error');
    expect(outcome.fix).toBe(
      'Python 3.13 is not supported by Flink 1.20 (supported: 3.8, 3.9, 3.10, 3.11): create a venv from one of those and install there, then use .venv-pyflink/bin/python as the client (--python or PYFLINK_CLIENT_EXECUTABLE):\n' +
        'python3.11 -m venv .venv-pyflink && .venv-pyflink/bin/python -m pip install "apache-flink==1.20.1"',
    );
  });

  it('warning: pyarrow 21 on apache-flink 1.20.0 is known bad (capped in 1.20.3), with its source and a cap as the fix', () => {
    const outcome = deps(
      withDistributions(healthyFlinkDistributions('1.20.0'), [beamWithoutPyarrowCap, { name: 'pyarrow', version: '21.0.0' }]),
    );
    const bad = matrix.line('1.20')?.knownBadDependencies?.find((b) => b.package === 'pyarrow');
    expect(outcome.status).toBe('warning');
    expect(outcome.summary).toBe(
      `pyarrow 21.0.0 (pyarrow>=21) is known to break apache-flink 1.20.0: ${bad?.reason}; apache-flink 1.20.3 caps it`,
    );
    expect(outcome.fix).toBe(`${PYTHON} -m pip install "pyarrow<21"`);
    expect(outcome.sources).toEqual(matrix.cite(bad?.sources));
    expect(outcome.sources?.length).toBeGreaterThan(0);
    // 1.20.3 and later cap pyarrow themselves: no longer this check's warning.
    expect(
      deps(withDistributions(healthyFlinkDistributions('1.20.3'), [beamWithoutPyarrowCap, { name: 'pyarrow', version: '21.0.0' }])).status,
    ).toBe('ok');
  });

  it('known-bad entries honour their marker (pandas 2.3 breaks 1.20.3 on Python 3.9 only)', () => {
    const dists = withDistributions(healthyFlinkDistributions('1.20.3'), [
      { name: 'pandas', version: '2.3.1', requires: ['numpy>=1.22.4'] },
    ]);
    expect(deps(dists, '3.9.18').summary).toContain('pandas 2.3.1 (pandas>=2.3) is known to break apache-flink 1.20.3');
    expect(deps(dists, '3.11.7').status).toBe('ok');
  });

  it('a known-bad range that is not ">=X" is fixed by upgrading apache-flink (protobuf on 1.16.0, Apple Silicon)', () => {
    const macArm = { ...pythonOf('3.9.18').markers!, sys_platform: 'darwin', platform_system: 'Darwin', platform_machine: 'arm64' };
    // apache-flink and apache-beam relaxed to accept it, so the known-bad entry is the only finding.
    const dists = withDistributions(healthyFlinkDistributions('1.16.0'), [
      flinkWith('1.16.0', { protobuf: 'protobuf>=3.0' }),
      beamWithoutPyarrowCap,
      { name: 'protobuf', version: '3.18.0' },
    ]);
    const outcome = deps(dists, '3.9.18', { python: pythonOf('3.9.18', { markers: macArm }) });
    expect(outcome.summary).toContain('protobuf 3.18.0 (protobuf<3.19.0) is known to break apache-flink 1.16.0');
    expect(outcome.fix?.split('\n')).toContain(`${PYTHON} -m pip install "apache-flink==1.16.3"`);
    expect(deps(dists, '3.9.18').summary).not.toContain('known to break');
  });

  it("a known-bad entry that only matters while building (setuptools for apache-beam) is pyflink.install's, not this check's", () => {
    expect(deps(withDistributions(healthyFlinkDistributions('1.20.1'), [{ name: 'setuptools', version: '82.0.0' }])).status).toBe('ok');
  });

  it('error: the summary counts what the details list, by kind (a conflict and a known-bad version)', () => {
    const outcome = deps(
      withDistributions(healthyFlinkDistributions('1.20.0'), [
        beamWithoutPyarrowCap,
        { name: 'pyarrow', version: '21.0.0' },
        { name: 'py4j', version: '0.10.9.5' },
      ]),
    );
    expect(outcome.status).toBe('error');
    expect(outcome.summary).toBe(
      '1 conflict, 1 known-bad version for apache-flink 1.20.0: apache-flink needs py4j ==0.10.9.7, found 0.10.9.5; …',
    );
    expect(outcome.fix?.split('\n')).toEqual([`${PYTHON} -m pip install "py4j==0.10.9.7"`, `${PYTHON} -m pip install "pyarrow<21"`]);
  });

  it("warning: an unreadable Requires-Dist line and the probe's metadata problems are reported, and broken ones reinstalled", () => {
    const dists = withDistributions(healthyFlinkDistributions('1.20.1'), [
      { name: 'httplib2', version: '0.22.0', requires: ['pyparsing (!=3.0.0,<4,>=2.4.2)', 'this is ((( not pep 508'] },
    ]);
    const problem = '/site/broken-0.1.dist-info/METADATA: unreadable metadata';
    const outcome = deps(dists, '3.11.7', { packages: { distributions: installed(dists), problems: [problem], broken: ['broken'] } });
    expect(outcome.status).toBe('warning');
    expect(outcome.summary).toMatch(
      /^httplib2 declares a requirement that cannot be read, skipped: "this is \(\(\( not pep 508" \(.*\) \(\+1 more\)$/,
    );
    expect(outcome.details).toContain(problem);
    expect(outcome.fix).toBe(`${PYTHON} -m pip install --force-reinstall --no-deps "broken"`);
  });

  it("apache-flink not installed, target known: checks the matrix's list for the target and says so", () => {
    const dists = withDistributions(
      healthyFlinkDistributions('1.20.0'),
      [beamWithoutPyarrowCap, { name: 'pyarrow', version: '21.0.0' }],
      ['apache-flink', 'apache-flink-libraries'],
    );
    const old = deps(dists, '3.11.7', { target: targetOf('1.20.0') });
    expect(old.details?.[0]).toBe(
      'apache-flink is not installed; checked the Requires-Dist of apache-flink 1.20.0 from the compatibility matrix instead',
    );
    expect(old.status).toBe('warning');
    expect(old.summary).toContain('pyarrow 21.0.0 (pyarrow>=21) is known to break apache-flink 1.20.0');

    const latest = deps(dists, '3.11.7', { target: targetOf('1.20') });
    expect(latest.status).toBe('error');
    expect(latest.details).toContain('apache-flink 1.20.5 needs pyarrow >=5.0.0,<21.0.0, found 21.0.0');
    expect(latest.facts?.requirementsFrom).toBe('compat-matrix.json (Flink 1.20.5)');
    // What is missing is what pip installs along with apache-flink: listed, not a conflict.
    const bare = deps([{ name: 'six', version: '1.16.0' }], '3.11.7', { target: targetOf('1.20.5') });
    expect(bare.status).toBe('ok');
    expect(bare.details?.join('\n')).toContain('not installed yet (pip installs them with apache-flink): py4j');
  });

  it('skipped: not installed with no target, a target the matrix lacks, or no working interpreter', () => {
    expect(deps([{ name: 'six', version: '1.16.0' }]).summary).toBe(
      'apache-flink is not installed and no --flink-version was given: no requirement list to check',
    );
    expect(deps([], '3.11.7', { target: targetOf('2.9.0') }).summary).toBe(
      'apache-flink is not installed and Flink 2.9.0 is not in the compatibility matrix: no requirement list to check',
    );
    expect(deps(healthyFlinkDistributions('1.20.1'), '3.11.7', { python: { runs: false, markers: undefined } }).status).toBe('skipped');
  });
});
