// pyflink.install on real venvs: the wheel's two distributions, version.py and the bundled JARs.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import pyflinkInstall from '../../checks/pyflink-install.js';
import { loadMatrix } from '../../src/knowledge/load-matrix.js';
import { addDistribution, healthyFlinkDistributions, makeFlinkVenv, makeVenv, pyenvPython, withDistributions } from '../helpers/python-env.js';
import { isolatedEnv, runCheck } from '../helpers/run-check.js';
import { tempDir } from '../helpers/tmp.js';

const matrix = loadMatrix();
const newest120 = matrix.line('1.20')?.newestPatch ?? '';
const newestOverall = matrix.line(matrix.newestMinor())?.newestPatch ?? '';

describe('pyflink.install', () => {
  it('ok: apache-flink and apache-flink-libraries 1.20.1 with matching version.py and JARs', async () => {
    const venv = await makeFlinkVenv('3.11.7', healthyFlinkDistributions('1.20.1'));
    const result = await runCheck(pyflinkInstall, { python: venv.python });
    expect(result.status).toBe('ok');
    expect(result.summary).toBe(`apache-flink 1.20.1 + apache-flink-libraries 1.20.1 in ${venv.python}; version.py and the bundled JARs agree`);
    expect(result.facts).toMatchObject({ apacheFlink: '1.20.1', apacheFlinkLibraries: '1.20.1', versionPy: '1.20.1', packageDir: join(venv.sitePackages, 'pyflink') });
    expect(result.locations[0]?.path).toBe(join(venv.sitePackages, 'apache_flink-1.20.1.dist-info'));
  });

  it('ok: a .postN of apache-flink-libraries is the same release', async () => {
    const dists = withDistributions(healthyFlinkDistributions('1.20.1'), [{ name: 'apache-flink-libraries', version: '1.20.1.post1' }]);
    const venv = await makeFlinkVenv('3.11.7', dists);
    expect((await runCheck(pyflinkInstall, { python: venv.python })).status).toBe('ok');
  });

  it('ok: --flink-version naming the installed minor', async () => {
    const venv = await makeFlinkVenv('3.11.7', healthyFlinkDistributions('1.20.1'));
    expect((await runCheck(pyflinkInstall, { python: venv.python, flinkVersion: '1.20' })).status).toBe('ok');
  });

  it('error: not installed, with the exact pip command for the target\'s newest patch', async () => {
    const venv = await makeVenv('3.11.7');
    const result = await runCheck(pyflinkInstall, { python: venv.python, flinkVersion: '1.20' });
    expect(result.status).toBe('error');
    expect(result.summary).toBe(`apache-flink is not installed in ${venv.python}`);
    expect(result.fix).toBe(`${venv.python} -m pip install "apache-flink==${newest120}"`);
  });

  it('error: not installed and an exact --flink-version: that release', async () => {
    const venv = await makeVenv('3.11.7');
    const result = await runCheck(pyflinkInstall, { python: venv.python, flinkVersion: '1.20.1' });
    expect(result.fix).toBe(`${venv.python} -m pip install "apache-flink==1.20.1"`);
  });

  it('error: not installed and no target: the newest release known, and says so', async () => {
    const venv = await makeVenv('3.11.7');
    const result = await runCheck(pyflinkInstall, { python: venv.python });
    expect(result.fix).toBe(`${venv.python} -m pip install "apache-flink==${newestOverall}"`);
    expect(result.details.join('\n')).toContain(`no target given: the newest release known, Flink ${newestOverall}`);
  });

  it('error: apache-flink-libraries of another release', async () => {
    const dists = withDistributions(healthyFlinkDistributions('1.20.1'), [{ name: 'apache-flink-libraries', version: '1.20.0' }]);
    const venv = await makeFlinkVenv('3.11.7', dists);
    const result = await runCheck(pyflinkInstall, { python: venv.python });
    expect(result.status).toBe('error');
    expect(result.summary).toBe('apache-flink-libraries 1.20.0 is not the release of apache-flink 1.20.1');
    expect(result.fix).toBe(`${venv.python} -m pip install "apache-flink-libraries==1.20.1"`);
  });

  it('error: apache-flink-libraries missing', async () => {
    const venv = await makeFlinkVenv('3.11.7', withDistributions(healthyFlinkDistributions('1.20.1'), [], ['apache-flink-libraries']));
    const result = await runCheck(pyflinkInstall, { python: venv.python });
    expect(result.status).toBe('error');
    expect(result.summary).toBe('apache-flink-libraries is not installed (apache-flink 1.20.1 needs apache-flink-libraries 1.20.1)');
    expect(result.fix).toBe(`${venv.python} -m pip install "apache-flink-libraries==1.20.1"`);
  });

  it('error: on a Python the target does not support (3.13 for 1.20), the fix creates a venv from a supported one first', async () => {
    const venv = await makeVenv('3.13.0');
    const result = await runCheck(pyflinkInstall, { python: venv.python, flinkVersion: '1.20' });
    expect(result.status).toBe('error');
    expect(result.fix).toBe([
      'Python 3.13 is not supported by Flink 1.20 (supported: 3.8, 3.9, 3.10, 3.11): create a venv from one of those and install there, then use .venv-pyflink/bin/python as the client (--python or PYFLINK_CLIENT_EXECUTABLE):',
      `python3.11 -m venv .venv-pyflink && .venv-pyflink/bin/python -m pip install "apache-flink==${newest120}"`,
    ].join('\n'));
  });

  it('error: on Python 2.7 the fix never pip-installs into it', async () => {
    const result = await runCheck(pyflinkInstall, { python: pyenvPython('2.7.18'), flinkVersion: '1.20.1' });
    expect(result.status).toBe('error');
    expect(result.fix).not.toContain(pyenvPython('2.7.18'));
    expect(result.fix).toMatch(/^Python 2\.7 is not supported by Flink 1\.20 \(supported: 3\.8, 3\.9, 3\.10, 3\.11\)/);
    expect(result.fix?.split('\n')[1]).toBe('python3.11 -m venv .venv-pyflink && .venv-pyflink/bin/python -m pip install "apache-flink==1.20.1"');
  });

  it('error: libraries missing and version.py wrong: one pip command, not two', async () => {
    const dists = withDistributions(healthyFlinkDistributions('1.20.1'), [], ['apache-flink-libraries']);
    const venv = await makeFlinkVenv('3.11.7', dists, { version: '1.20.1', versionPy: '1.19.1' });
    const result = await runCheck(pyflinkInstall, { python: venv.python });
    expect(result.status).toBe('error');
    expect(result.fix).toBe(`${venv.python} -m pip install --force-reinstall --no-deps "apache-flink==1.20.1" "apache-flink-libraries==1.20.1"`);
  });

  it('error: pyflink/version.py disagrees with the metadata', async () => {
    const venv = await makeFlinkVenv('3.11.7', healthyFlinkDistributions('1.20.1'), { version: '1.20.1', versionPy: '1.19.1' });
    const result = await runCheck(pyflinkInstall, { python: venv.python });
    expect(result.status).toBe('error');
    expect(result.summary).toBe('pyflink/version.py says 1.19.1, the apache-flink metadata says 1.20.1');
    expect(result.fix).toBe(`${venv.python} -m pip install --force-reinstall --no-deps "apache-flink==1.20.1" "apache-flink-libraries==1.20.1"`);
  });

  it('error: the JARs in pyflink/lib and pyflink/opt are another Flink', async () => {
    const venv = await makeFlinkVenv('3.11.7', healthyFlinkDistributions('1.20.1'), { version: '1.20.1', distJar: '1.20.0', pythonJar: '1.19.1' });
    const result = await runCheck(pyflinkInstall, { python: venv.python });
    expect(result.status).toBe('error');
    expect(result.summary).toContain('2 problems');
    expect(result.details).toContain('pyflink/lib/flink-dist-1.20.0.jar is Flink 1.20.0, apache-flink is 1.20.1');
    expect(result.details).toContain('pyflink/opt/flink-python-1.19.1.jar is Flink 1.19.1, apache-flink is 1.20.1');
  });

  it('error: --flink-version targets another release than the installed wheel', async () => {
    const venv = await makeFlinkVenv('3.11.7', healthyFlinkDistributions('1.20.1'));
    const result = await runCheck(pyflinkInstall, { python: venv.python, flinkVersion: '1.19' });
    expect(result.status).toBe('error');
    expect(result.summary).toBe('--flink-version 1.19 targets another release than the installed apache-flink 1.20.1');
    expect(result.fix).toBe(`${venv.python} -m pip install "apache-flink==${matrix.line('1.19')?.newestPatch}"`);
    const exact = await runCheck(pyflinkInstall, { python: venv.python, flinkVersion: '1.20.0' });
    expect(exact.status).toBe('error');
    expect(exact.fix).toBe(`${venv.python} -m pip install "apache-flink==1.20.0"`);
  });

  it('warning: no flink-dist JAR in the wheel (it can only run against a FLINK_HOME)', async () => {
    const venv = await makeFlinkVenv('3.11.7', healthyFlinkDistributions('1.20.1'), { version: '1.20.1', distJar: null });
    const result = await runCheck(pyflinkInstall, { python: venv.python });
    expect(result.status).toBe('warning');
    expect(result.summary).toContain('pyflink/lib has no flink-dist JAR');
  });

  it('warning: another apache-flink copy is shadowed on sys.path', async () => {
    const venv = await makeFlinkVenv('3.11.7', healthyFlinkDistributions('1.20.1'));
    const target = await tempDir('pip-target-');
    await addDistribution(target, { name: 'apache-flink', version: '1.20.1' });
    const result = await runCheck(pyflinkInstall, { python: venv.python, env: isolatedEnv({ PYTHONPATH: target }) });
    expect(result.status).toBe('warning');
    expect(result.summary).toContain(`another apache-flink 1.20.1 at ${join(venv.sitePackages, 'apache_flink-1.20.1.dist-info')} is shadowed by the one in use`);
  });

  it('skipped: no working interpreter (python.client reports it)', async () => {
    const result = await runCheck(pyflinkInstall, { python: '/nonexistent/python' });
    expect(result.status).toBe('skipped');
  });
});
