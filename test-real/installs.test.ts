// Real apache-flink installs (pip, pinned files from PyPI) for every minor 1.15 → 2.3: the doctor's verdicts
// on the interpreter, the install, its dependencies, FLINK_HOME, the config file and Java are compared with
// what PyFlink's own code and pip say about the same install.
import { realpathSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, type TestContext } from 'vitest';
import { check, checkText, cleanEnv, runDoctor, TEMURIN25 } from '../scripts/real/doctor.js';
import { type Release, RELEASES, layoutOnly, release, withClosure } from '../scripts/real/installs.js';
import { closureFiles, pyenvPython } from '../scripts/real/venv.js';
import { type InstallTruth, installTruth, pipCheck, pipSpecifierContains } from './support/truth.js';

const CHECKS = 'python.client,pyflink.install,pyflink.dependencies,flink.home,config.file,java.runtime';

function needPython(ctx: TestContext, r: Release): void {
  if (pyenvPython(r.python)) return;
  const reason = `Python ${r.python} is not installed under pyenv: apache-flink ${r.flink} has no wheel for the Pythons here`;
  console.warn(`skipped: ${reason}`);
  ctx.skip(reason);
}

/** PEP 503 names, so pip's "ruamel-yaml" matches the doctor's "ruamel.yaml". */
const pep503 = (text: string) => text.toLowerCase().replace(/[-_.]+/g, '-');
const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const minorOf = (version: string) => version.split('.').slice(0, 2).join('.');
const real = (path: string) => realpathSync(path);

/** The verdicts every install must get right, whatever its state. */
async function expectDoctorAgrees(python: string, truth: InstallTruth, env: Record<string, string>) {
  const report = await runDoctor(['--offline', '--python', python, '--only', CHECKS], env);
  const client = check(report, 'python.client');
  expect(client.facts?.version).toBe(truth.python);
  expect(client.status).toBe(truth.classified_pythons.includes(minorOf(truth.python)) ? 'ok' : 'error');

  const install = check(report, 'pyflink.install');
  expect(install.facts).toMatchObject({
    apacheFlink: truth['apache-flink'],
    apacheFlinkLibraries: truth['apache-flink-libraries'],
    versionPy: truth.version_py,
  });
  const consistent =
    truth['apache-flink'] === truth['apache-flink-libraries'] &&
    truth.version_py === truth['apache-flink'] &&
    truth.dist_jars?.join() === `flink-dist-${truth['apache-flink']}.jar`;
  expect(install.status).toBe(consistent ? 'ok' : 'error');

  const problems = await pipCheck(python);
  const dependencies = check(report, 'pyflink.dependencies');
  // A conflict with a bound upstream has since lifted (compat-matrix.json liftedPins) is a warning; pip check still lists it.
  const lifted = Number(dependencies.facts?.liftedBounds ?? 0);
  expect(dependencies.status, checkText(dependencies)).toBe(problems.length === 0 ? 'ok' : problems.length > lifted ? 'error' : 'warning');
  const said = pep503(checkText(dependencies));
  for (const problem of problems) expect(said, problem.line).toContain(problem.name);

  const config = check(report, 'config.file');
  expect(config.status).toBe('ok');
  expect(String(config.facts?.present)).toBe(truth.conf_files?.join(', '));

  const java = check(report, 'java.runtime');
  if (truth.java) expect(java.facts?.binary).toBe(truth.java);
  if (truth.jvm_java_home) expect(real(String(java.facts?.home))).toBe(real(truth.jvm_java_home));
  return report;
}

describe.each(RELEASES)('apache-flink $flink on Python $python, installed with --no-deps', (r) => {
  it('python, install, dependencies (= pip check), config file and Java as PyFlink itself finds them', async (ctx) => {
    needPython(ctx, r);
    const venv = await layoutOnly(r);
    const env = cleanEnv();
    const truth = await installTruth(venv.python, env);
    expect(truth.error).toBeUndefined();
    expect(truth['apache-flink']).toBe(r.flink);
    const report = await expectDoctorAgrees(venv.python, truth, env);
    // No FLINK_HOME: PyFlink takes the pyflink package itself as its Flink home, and the doctor says so.
    expect(truth.flink_home && real(truth.flink_home)).toBe(real(String(check(report, 'pyflink.install').facts?.packageDir)));
    expect(check(report, 'flink.home').status).toBe('skipped');
  });

  it('FLINK_HOME pointing at the wheel itself (what find_flink_home.py prints) is consistent', async (ctx) => {
    needPython(ctx, r);
    const venv = await layoutOnly(r);
    const home = (await installTruth(venv.python, cleanEnv())).flink_home as string;
    const env = cleanEnv({ FLINK_HOME: home });
    const truth = await installTruth(venv.python, env);
    expect(truth.dist_jars).toEqual([`flink-dist-${r.flink}.jar`]);
    const report = await runDoctor(['--offline', '--python', venv.python, '--only', 'flink.home'], env);
    expect(check(report, 'flink.home').status, checkText(check(report, 'flink.home'))).toBe('ok');
  });
});

describe.each(['1.20.5', '2.2.1'].map(release))('apache-flink $flink on Python $python with the closure pip resolves', (r) => {
  it('is consistent, and the doctor judges the Java the real gateway JVM runs on', async (ctx) => {
    needPython(ctx, r);
    const venv = await withClosure(r);
    for (const javaHome of [undefined, TEMURIN25]) {
      const env = cleanEnv(javaHome ? { JAVA_HOME: javaHome } : {});
      const truth = await installTruth(venv.python, env, { jvm: true });
      expect(truth.jvm_java_home).toBeTruthy();
      const report = await expectDoctorAgrees(venv.python, truth, env);
      expect(check(report, 'pyflink.dependencies').status).toBe('ok');
    }
  });

  it('after `pip install pyarrow==21.0.0`, pip calls pyarrow too new and the doctor a bound upstream lifted (FLINK-40599)', async (ctx) => {
    needPython(ctx, r);
    const tag = `cp${r.python.replace('.', '')}`;
    const wheel = `pyarrow-21.0.0-${tag}-${tag}-manylinux_2_28_x86_64.whl`;
    const venv = await withClosure(r, [{ requirements: ['pyarrow==21.0.0'], files: [wheel] }], 'pyarrow-21');
    // pip itself warns while installing it, naming the bound it breaks.
    expect(venv.pipLog).toMatch(
      /apache-flink [\d.]+ requires pyarrow<21\.0\.0,>=5\.0\.0, but you have pyarrow 21\.0\.0 which is incompatible/,
    );
    const env = cleanEnv();
    const truth = await installTruth(venv.python, env);
    const report = await expectDoctorAgrees(venv.python, truth, env);
    const dependencies = check(report, 'pyflink.dependencies');
    // The real tier ran a pandas UDF job with pyarrow 21.0.0 on 1.20.5 to the end (pyarrow-21-pandas-udf): a warning.
    expect(dependencies.status).toBe('warning');
    expect(dependencies.summary).toMatch(/pyarrow.*FLINK-40599/);
    // The optional fix (for pip check) names this interpreter's pip and a pyarrow range that, as pip's own PEP 440 code
    // reads it, excludes 21.0.0 and admits the pyarrow the closure had (with apache-beam's bound too, as pip check does).
    const fix = new RegExp(
      `^Optional, for \`pip check\`: ${escape(join(venv.dir, 'bin', 'python'))} -m pip install "pyarrow([^"]+)"$`,
    ).exec(dependencies.fix ?? '');
    expect(fix, dependencies.fix ?? 'no fix').not.toBeNull();
    const before = closureFiles(r.flink, r.python)
      .find((f) => f.startsWith('pyarrow-'))
      ?.split('-')[1];
    expect(await pipSpecifierContains(venv.python, fix?.[1] as string, ['21.0.0', before as string])).toEqual([false, true]);
  });
});
