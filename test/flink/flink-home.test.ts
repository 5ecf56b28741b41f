import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import flinkHomeCheck from '../../checks/flink-home.js';
import { versionFromDistJar, versionFromPythonJar } from '../../src/knowledge/flink-names.js';
import { fakeFlinkHome } from '../helpers/flink-home.js';
import { healthyFlinkDistributions, makeFlinkVenv, makeVenv } from '../helpers/python-env.js';
import { isolatedEnv, runCheck } from '../helpers/run-check.js';
import { tempDir, writeFileDeep } from '../helpers/tmp.js';

describe('JAR names of a Flink distribution', () => {
  it('reads versions from flink-dist and flink-python names, Scala suffix or not', () => {
    expect(versionFromDistJar('flink-dist-1.20.1.jar')).toBe('1.20.1');
    expect(versionFromDistJar('flink-dist_2.12-1.14.6.jar')).toBe('1.14.6');
    expect(versionFromPythonJar('flink-python_2.12-1.15.4.jar')).toBe('1.15.4');
    expect(versionFromPythonJar('flink-python-2.2.0.jar')).toBe('2.2.0');
    expect(versionFromDistJar('flink-table-runtime-1.20.1.jar')).toBeUndefined();
  });
});

describe('flink.home', () => {
  it('is skipped when FLINK_HOME is unset', async () => {
    const result = await runCheck(flinkHomeCheck, { flinkVersion: '2.2.1' });
    expect(result.status).toBe('skipped');
    expect(result.summary).toContain('FLINK_HOME is not set');
  });

  it("says PyFlink uses the wheel's JARs only when the wheel is installed", async () => {
    const none = await runCheck(flinkHomeCheck, { python: (await makeVenv('3.11.7')).python, flinkVersion: '2.2.1' });
    expect(none.summary).toBe('FLINK_HOME is not set and apache-flink is not installed (see pyflink.install)');
    const venv = await makeFlinkVenv('3.11.7', healthyFlinkDistributions('1.20.1'));
    const wheel = await runCheck(flinkHomeCheck, { python: venv.python });
    expect(wheel.summary).toBe('FLINK_HOME is not set: PyFlink uses the JARs inside the apache-flink 1.20.1 wheel');
    const home = await fakeFlinkHome({ version: '1.20.1', pythonJarVersion: null });
    const withWheel = await runCheck(flinkHomeCheck, { python: venv.python, env: isolatedEnv({ FLINK_HOME: home }) });
    expect(withWheel.fix).toBe(
      `Copy flink-python-1.20.1.jar into ${home}/opt or unset FLINK_HOME to use the JARs of the apache-flink 1.20.1 wheel`,
    );
  });

  it('is ok when the distribution is the target version', async () => {
    const home = await fakeFlinkHome({ version: '2.2.1' });
    const result = await runCheck(flinkHomeCheck, { flinkVersion: '2.2.1', env: isolatedEnv({ FLINK_HOME: home }) });
    expect(result.status).toBe('ok');
    expect(result.summary).toBe('FLINK_HOME holds Flink 2.2.1, same as the target');
  });

  it('accepts any patch of the line when --flink-version names only the minor', async () => {
    const home = await fakeFlinkHome({ version: '2.2.0' });
    const result = await runCheck(flinkHomeCheck, { flinkVersion: '2.2', env: isolatedEnv({ FLINK_HOME: home }) });
    expect(result.status).toBe('ok');
  });

  it('is an error when the distribution is another Flink version', async () => {
    const home = await fakeFlinkHome({ version: '1.20.1' });
    const result = await runCheck(flinkHomeCheck, { flinkVersion: '2.2.1', env: isolatedEnv({ FLINK_HOME: home }) });
    expect(result.status).toBe('error');
    expect(result.summary).toBe('FLINK_HOME holds Flink 1.20.1 but the target is 2.2.1 (--flink-version)');
    expect(result.fix).toContain('install apache-flink==1.20.1');
  });

  it('is a warning when there is no apache-flink wheel and no --flink-version to compare with', async () => {
    const home = await fakeFlinkHome({ version: '1.20.1' });
    const result = await runCheck(flinkHomeCheck, { env: isolatedEnv({ FLINK_HOME: home }) });
    expect(result.status).toBe('warning');
    expect(result.summary).toBe('FLINK_HOME holds Flink 1.20.1; no apache-flink wheel to compare with');
    expect(result.fix).toBe('pip install "apache-flink==1.20.1"');
  });

  it('is an error when FLINK_HOME does not exist', async () => {
    const result = await runCheck(flinkHomeCheck, { flinkVersion: '2.2.1', env: isolatedEnv({ FLINK_HOME: '/nonexistent/flink-2.2.1' }) });
    expect(result.status).toBe('error');
    expect(result.summary).toMatch(/^FLINK_HOME=\/nonexistent\/flink-2\.2\.1 does not exist/);
  });

  it('is an error when FLINK_HOME is not a distribution or lacks flink-python', async () => {
    const empty = await tempDir();
    const notDist = await runCheck(flinkHomeCheck, { flinkVersion: '2.2.1', env: isolatedEnv({ FLINK_HOME: empty }) });
    expect(notDist.status).toBe('error');
    expect(notDist.summary).toContain('is not a Flink distribution: no lib/flink-dist-*.jar');

    const noPython = await fakeFlinkHome({ version: '2.2.1', pythonJarVersion: null });
    const result = await runCheck(flinkHomeCheck, { flinkVersion: '2.2.1', env: isolatedEnv({ FLINK_HOME: noPython }) });
    expect(result.status).toBe('error');
    expect(result.summary).toContain('has no opt/flink-python*.jar');
    expect(result.fix).toBe(
      `Copy flink-python-2.2.1.jar into ${noPython}/opt or unset FLINK_HOME and install apache-flink, whose wheel bundles the JARs`,
    );
  });

  it('is an error when flink-dist and flink-python disagree', async () => {
    const home = await fakeFlinkHome({ version: '2.2.1', pythonJarVersion: '2.1.0' });
    const result = await runCheck(flinkHomeCheck, { flinkVersion: '2.2.1', env: isolatedEnv({ FLINK_HOME: home }) });
    expect(result.status).toBe('error');
    expect(result.summary).toContain('mixes Flink 2.2.1 (flink-dist) and 2.1.0 (flink-python)');
  });

  it('is a file, not a directory: an error, not a crash', async () => {
    const file = await writeFileDeep(join(await tempDir(), 'flink'), 'x');
    const result = await runCheck(flinkHomeCheck, { flinkVersion: '2.2.1', env: isolatedEnv({ FLINK_HOME: file }) });
    expect(result.status).toBe('error');
    expect(result.summary).toContain('is not a directory');
  });
});
