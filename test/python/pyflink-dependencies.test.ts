// pyflink.dependencies on real venvs: Requires-Dist closure with markers and extras, known-bad releases,
// and the matrix's list when apache-flink is not installed.
import { describe, expect, it } from 'vitest';
import pyflinkDependencies from '../../checks/pyflink-dependencies.js';
import { loadMatrix } from '../../src/knowledge/load-matrix.js';
import { addDistribution, apacheFlinkRequires, healthyFlinkDistributions, makeFlinkVenv, withDistributions, type FakeDistribution } from '../helpers/python-env.js';
import { runCheck } from '../helpers/run-check.js';

const matrix = loadMatrix();

/** apache-flink with its Requires-Dist edited: `replace` maps a requirement's leading name to a new line. */
function flinkWith(version: string, replace: Record<string, string>, add: string[] = []): FakeDistribution {
  const requires = apacheFlinkRequires(version).map((line) => {
    const name = /^[A-Za-z0-9._-]+/.exec(line)?.[0] ?? '';
    return replace[name] ?? line;
  });
  return { name: 'apache-flink', version, requires: [...requires, ...add] };
}

/** apache-beam without its pyarrow cap, so a pyarrow 21 scenario is about apache-flink alone. */
const beamWithoutPyarrowCap: FakeDistribution = { name: 'apache-beam', version: '2.48.0', requires: ['numpy (<1.25.0,>=1.14.3)'] };

describe('pyflink.dependencies', () => {
  it('ok: the whole closure of apache-flink 1.20.1 is satisfied (markers and extras honoured)', async () => {
    const venv = await makeFlinkVenv('3.11.7', healthyFlinkDistributions('1.20.1'));
    const result = await runCheck(pyflinkDependencies, { python: venv.python });
    expect(result.status).toBe('ok');
    expect(result.summary).toMatch(new RegExp(`^all \\d+ requirements of apache-flink 1\\.20\\.1 and its dependencies are satisfied in ${venv.python}$`));
    // pywin32 (Windows only) and the gcp/test/socks extras are not required on Linux without those extras.
    expect(result.details.join('\n')).not.toContain('pywin32');
    expect(result.facts).toMatchObject({ interpreter: venv.python, requirementsFrom: 'installed apache-flink METADATA', conflicts: 0 });
    expect(Number(result.facts.requirementsChecked)).toBeGreaterThan(30);
  });

  it('error: "X needs Y <spec>, found Z" for the wheel and for a dependency, one pip command satisfying both', async () => {
    const dists = withDistributions(healthyFlinkDistributions('1.20.3'), [
      flinkWith('1.20.3', { pyarrow: 'pyarrow (<21.0.0,>=5.0.0)' }),
      { name: 'pyarrow', version: '21.0.0', requires: ['numpy>=1.16.6'] },
    ]);
    const venv = await makeFlinkVenv('3.11.7', dists);
    const result = await runCheck(pyflinkDependencies, { python: venv.python });
    expect(result.status).toBe('error');
    expect(result.details).toContain('apache-flink needs pyarrow <21.0.0,>=5.0.0, found 21.0.0');
    expect(result.details).toContain('apache-beam needs pyarrow <12.0.0,>=3.0.0, found 21.0.0');
    expect(result.summary).toBe('2 conflicts for apache-flink 1.20.3: apache-flink needs pyarrow <21.0.0,>=5.0.0, found 21.0.0; …');
    expect(result.fix).toBe(`${venv.python} -m pip install "pyarrow<21.0.0,>=5.0.0,<12.0.0,>=3.0.0"`);
  });

  it('error on a Python the target does not support: the fix builds a supported venv instead of repairing this one', async () => {
    const venv = await makeFlinkVenv('3.13.0', withDistributions(healthyFlinkDistributions('1.20.1'), [], ['py4j']));
    const result = await runCheck(pyflinkDependencies, { python: venv.python });
    expect(result.status).toBe('error');
    expect(result.summary).toBe('apache-flink needs py4j ==0.10.9.7, not installed');
    expect(result.fix).toBe(
      'Python 3.13 is not supported by Flink 1.20 (supported: 3.8, 3.9, 3.10, 3.11): create a venv from one of those and install there, then use .venv-pyflink/bin/python as the client (--python or PYFLINK_CLIENT_EXECUTABLE):\n' +
        'python3.11 -m venv .venv-pyflink && .venv-pyflink/bin/python -m pip install "apache-flink==1.20.1"',
    );
  });

  it('error: a missing requirement is "not installed"', async () => {
    const venv = await makeFlinkVenv('3.11.7', withDistributions(healthyFlinkDistributions('1.20.1'), [], ['py4j']));
    const result = await runCheck(pyflinkDependencies, { python: venv.python });
    expect(result.status).toBe('error');
    expect(result.summary).toBe('apache-flink needs py4j ==0.10.9.7, not installed');
    expect(result.fix).toBe(`${venv.python} -m pip install "py4j==0.10.9.7"`);
  });

  it('error: a transitive conflict (requests needs urllib3 <3)', async () => {
    const venv = await makeFlinkVenv('3.11.7', withDistributions(healthyFlinkDistributions('1.20.1'), [{ name: 'urllib3', version: '3.0.0' }]));
    const result = await runCheck(pyflinkDependencies, { python: venv.python });
    expect(result.status).toBe('error');
    expect(result.summary).toBe('requests needs urllib3 <3,>=1.21.1, found 3.0.0');
  });

  it('extras on a requirement pull in that extra\'s dependencies', async () => {
    const dists = withDistributions(healthyFlinkDistributions('1.20.1'), [flinkWith('1.20.1', { 'apache-beam': 'apache-beam[gcp] (<2.49.0,>=2.43.0)' })]);
    const venv = await makeFlinkVenv('3.11.7', dists);
    const result = await runCheck(pyflinkDependencies, { python: venv.python });
    expect(result.status).toBe('error');
    expect(result.summary).toBe('apache-beam needs google-cloud-core <3,>=2.0.0, not installed');
  });

  it('markers are evaluated for that interpreter (ruamel.yaml.clib only below Python 3.13)', async () => {
    const dists = withDistributions(healthyFlinkDistributions('1.20.1'), [], ['ruamel.yaml.clib']);
    const on311 = await makeFlinkVenv('3.11.7', dists);
    const result = await runCheck(pyflinkDependencies, { python: on311.python });
    expect(result.status).toBe('error');
    expect(result.summary).toBe('ruamel.yaml needs ruamel.yaml.clib >=0.2.7, not installed');
    const on313 = await makeFlinkVenv('3.13.0', dists);
    expect((await runCheck(pyflinkDependencies, { python: on313.python })).status).toBe('ok');
  });

  it('warning: pyarrow 21 on apache-flink 1.20.0 (known bad, capped in a later patch), not an error', async () => {
    const dists = withDistributions(healthyFlinkDistributions('1.20.0'), [beamWithoutPyarrowCap, { name: 'pyarrow', version: '21.0.0' }]);
    const venv = await makeFlinkVenv('3.11.7', dists);
    const result = await runCheck(pyflinkDependencies, { python: venv.python });
    expect(result.status).toBe('warning');
    const bad = matrix.line('1.20')?.knownBadDependencies?.find((b) => b.package === 'pyarrow');
    expect(result.summary).toBe(`pyarrow 21.0.0 (pyarrow>=21) is known to break apache-flink 1.20.0: ${bad?.reason}; apache-flink ${bad?.fixedIn} caps it`);
    expect(result.fix).toBe(`${venv.python} -m pip install "pyarrow<21"`);
    // --verbose and the JSON report cite where the known-bad fact comes from.
    expect(result.sources).toEqual(matrix.cite(bad?.sources));
    expect(result.sources.length).toBeGreaterThan(0);
  });

  it('error: the summary counts what the details list, by kind (conflicts and a known-bad version)', async () => {
    const dists = withDistributions(healthyFlinkDistributions('1.20.0'), [
      beamWithoutPyarrowCap,
      { name: 'pyarrow', version: '21.0.0' },
      flinkWith('1.20.0', { py4j: 'py4j (==0.10.9.7)' }),
      { name: 'py4j', version: '0.10.9.5' },
    ]);
    const venv = await makeFlinkVenv('3.11.7', dists);
    const result = await runCheck(pyflinkDependencies, { python: venv.python });
    expect(result.status).toBe('error');
    expect(result.summary).toBe('1 conflict, 1 known-bad version for apache-flink 1.20.0: apache-flink needs py4j ==0.10.9.7, found 0.10.9.5; …');
    expect(result.details.filter((d) => d.includes('found') || d.includes('known to break'))).toHaveLength(2);
  });

  it('known-bad entries honour their marker (pandas 2.3 breaks 1.20.3 on Python 3.9 only)', async () => {
    const dists = withDistributions(healthyFlinkDistributions('1.20.3'), [{ name: 'pandas', version: '2.3.1', requires: ['numpy>=1.22.4', 'python-dateutil>=2.8.2', 'pytz>=2020.1', 'tzdata>=2022.7'] }]);
    const on39 = await makeFlinkVenv('3.9.18', dists);
    const result = await runCheck(pyflinkDependencies, { python: on39.python });
    expect(result.status).toBe('warning');
    expect(result.summary).toContain('pandas 2.3.1 (pandas>=2.3) is known to break apache-flink 1.20.3');
    const on311 = await makeFlinkVenv('3.11.7', dists);
    expect((await runCheck(pyflinkDependencies, { python: on311.python })).status).toBe('ok');
  });

  it('warning: an unreadable Requires-Dist line and garbage metadata are reported, not thrown', async () => {
    const dists = withDistributions(healthyFlinkDistributions('1.20.1'), [
      { name: 'httplib2', version: '0.22.0', requires: ['pyparsing (!=3.0.0,<4,>=2.4.2)', 'this is ((( not pep 508'] },
    ]);
    const venv = await makeFlinkVenv('3.11.7', dists);
    await addDistribution(venv.sitePackages, { name: 'broken', version: '0.1', rawMetadata: 'garbage without headers' });
    const result = await runCheck(pyflinkDependencies, { python: venv.python });
    expect(result.status).toBe('warning');
    expect(result.summary).toContain('httplib2 declares a requirement that cannot be read, skipped: "this is ((( not pep 508"');
    expect(result.details.join('\n')).toContain('broken-0.1.dist-info/METADATA: unreadable metadata');
  });

  it('apache-flink not installed, target known: checks the matrix\'s list for the target and says so', async () => {
    const dists = withDistributions(healthyFlinkDistributions('1.20.0'), [beamWithoutPyarrowCap, { name: 'pyarrow', version: '21.0.0' }], ['apache-flink', 'apache-flink-libraries']);
    const venv = await makeFlinkVenv('3.11.7', dists);
    const old = await runCheck(pyflinkDependencies, { python: venv.python, flinkVersion: '1.20.0' });
    expect(old.details[0]).toBe('apache-flink is not installed; checked the Requires-Dist of apache-flink 1.20.0 from the compatibility matrix instead');
    expect(old.status).toBe('warning'); // 1.20.0 does not cap pyarrow, but the matrix knows 21 breaks it
    expect(old.summary).toContain('pyarrow 21.0.0 (pyarrow>=21) is known to break apache-flink 1.20.0');

    const newest = matrix.line('1.20')?.newestPatch;
    const latest = await runCheck(pyflinkDependencies, { python: venv.python, flinkVersion: '1.20' });
    expect(latest.status).toBe('error');
    expect(latest.details[0]).toContain(`Requires-Dist of apache-flink ${newest} from the compatibility matrix`);
    expect(latest.details).toContain(`apache-flink ${newest} needs pyarrow >=5.0.0,<21.0.0, found 21.0.0`);
    expect(latest.facts.requirementsFrom).toBe(`compat-matrix.json (Flink ${newest})`);
  });

  it('skipped: apache-flink not installed and no target', async () => {
    const venv = await makeFlinkVenv('3.11.7', [{ name: 'six', version: '1.16.0' }]);
    const result = await runCheck(pyflinkDependencies, { python: venv.python });
    expect(result.status).toBe('skipped');
    expect(result.summary).toContain('no --flink-version');
  });

  it('skipped: no working interpreter', async () => {
    expect((await runCheck(pyflinkDependencies, { python: '/nonexistent/python' })).status).toBe('skipped');
  });
});
