// config.file and config.pipeline-jars on real conf directories: every error or warning has a fix line, a YAML
// error names its line, settings Flink takes as one value are not lists or mappings, and no check repeats its
// summary as the first detail.
import { chmod } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import configFile from '../../checks/config-file.js';
import configPipelineJars from '../../checks/config-pipeline-jars.js';
import javaRuntime from '../../checks/java-runtime.js';
import type { CheckResult } from '../../src/engine/model.js';
import { jdk17 } from '../helpers/java.js';
import { isolatedEnv, runCheck, runCheckList } from '../helpers/run-check.js';
import { tempDir, writeFileDeep } from '../helpers/tmp.js';

async function confDir(files: Record<string, string>): Promise<string> {
  const conf = await tempDir('conf-');
  for (const [name, text] of Object.entries(files)) await writeFileDeep(join(conf, name), text);
  return conf;
}

/** Every warning or error has a fix, and its first detail is not the summary again. */
function expectActionable(result: CheckResult): void {
  if (result.status === 'warning' || result.status === 'error') expect(result.fix, `${result.id}: ${result.summary}`).toBeTruthy();
  expect(result.details[0]).not.toBe(result.summary);
}

describe('config.file', () => {
  it('a config.yaml that is not YAML: the line in summary and location, and "Fix the YAML at <file>:<line>"', async () => {
    const conf = await confDir({
      'config.yaml': 'taskmanager:\n  numberOfTaskSlots: 2\npipeline.jars: [file:///a.jar, file:///b.jar\nparallelism.default: 2\n',
    });
    const file = join(conf, 'config.yaml');
    const result = await runCheck(configFile, { confDir: conf, flinkVersion: '2.0' });
    expect(result.status).toBe('error');
    expect(result.summary).toMatch(new RegExp(`^${file}:4: not valid YAML \\(`));
    expect(result.fix).toBe(`Fix the YAML at ${file}:4 (check the indentation, brackets and quotes there)`);
    expect(result.locations).toEqual([{ path: file, line: 4 }]);
    expect(result.details).toEqual([]);
    expectActionable(result);
  });

  it('a flink-conf.yaml line Flink cannot split: fix the line; on 1.19+ also migrate with bin/migrate-config-file.sh', async () => {
    const conf = await confDir({ 'flink-conf.yaml': 'taskmanager.numberOfTaskSlots: 2\nenv.java.home:/usr/lib/jvm/java-17\n' });
    const file = join(conf, 'flink-conf.yaml');
    const old = await runCheck(configFile, { confDir: conf, flinkVersion: '1.18' });
    expect(old.status).toBe('error');
    expect(old.summary).toBe(`${file}:2: cannot split "env.java.home:/usr/lib/jvm/java-17" into key and value (Flink ignores this line)`);
    expect(old.fix).toBe(`Fix ${file}:2: Flink's flink-conf.yaml parser needs "key: value" (a space after the colon) on one line`);
    expect(old.locations).toEqual([{ path: file, line: 2 }]);
    expectActionable(old);
    const newer = await runCheck(configFile, { confDir: conf, flinkVersion: '1.20' });
    expect(newer.fix).toBe(
      `Fix ${file}:2: Flink's flink-conf.yaml parser needs "key: value" (a space after the colon) on one line, then migrate to config.yaml with bin/migrate-config-file.sh`,
    );
  });

  it('a config.yaml whose top level is not a mapping, and an unreadable one, have fixes too', async () => {
    const list = await confDir({ 'config.yaml': '- a\n- b\n' });
    const shape = await runCheck(configFile, { confDir: list, flinkVersion: '2.0' });
    expect(shape.status).toBe('error');
    expect(shape.fix).toBe(`Write ${join(list, 'config.yaml')} as a mapping of settings ("key: value" lines or nested keys)`);
    expectActionable(shape);

    if (process.getuid?.() === 0) return; // root reads anything
    const locked = await confDir({ 'config.yaml': 'parallelism.default: 2\n' });
    await chmod(join(locked, 'config.yaml'), 0o000);
    const unreadable = await runCheck(configFile, { confDir: locked, flinkVersion: '2.0' });
    await chmod(join(locked, 'config.yaml'), 0o644);
    expect(unreadable.status).toBe('error');
    expect(unreadable.fix).toBe(`Make ${join(locked, 'config.yaml')} readable by this user (chmod a+r ${join(locked, 'config.yaml')})`);
    expectActionable(unreadable);
  });

  it('a conf directory that is not a directory names where it came from in the fix', async () => {
    const file = await writeFileDeep(join(await tempDir(), 'conf'), 'not a dir');
    const result = await runCheck(configFile, { confDir: file, flinkVersion: '2.0' });
    expect(result.status).toBe('error');
    expect(result.fix).toBe(`Make ${file} a readable directory, or point --conf-dir at the Flink conf directory`);
    expectActionable(result);
  });

  it('env.java.home as a list is an error here (java.runtime then falls back to JAVA_HOME/PATH), with a fix', async () => {
    const conf = await confDir({ 'config.yaml': 'env:\n  java:\n    home: [1, 2]\n' });
    const file = join(conf, 'config.yaml');
    const result = await runCheck(configFile, { confDir: conf, flinkVersion: '2.0' });
    expect(result.status).toBe('error');
    expect(result.summary).toBe(
      `env.java.home in ${file} is a list ([1,2]), not one path: Flink cannot use it and java.runtime looks at JAVA_HOME and PATH instead`,
    );
    expect(result.details).toContain('config.yaml applies (Flink 2.0)');
    expect(result.fix).toBe(`Set env.java.home in ${file} to one path, e.g. env.java.home: "/usr/lib/jvm/java-17"`);
    expect(result.locations).toEqual([{ path: file }]);
    expectActionable(result);

    // What the note is about: java.runtime does not use the list, it finds the Java on JAVA_HOME.
    const flinkHome = await tempDir('flink-home-');
    await writeFileDeep(join(flinkHome, 'conf', 'config.yaml'), 'env.java.home: [1, 2]\n');
    const [java] = await runCheckList([javaRuntime], {
      flinkVersion: '2.0',
      env: isolatedEnv({ PATH: '/nonexistent', FLINK_HOME: flinkHome, JAVA_HOME: jdk17() }),
    });
    expect(java?.facts.source).toBe('JAVA_HOME');
  });

  it('python.client.executable as a mapping is reported, and joins a file-rule warning without hiding it', async () => {
    const conf = await confDir({
      'flink-conf.yaml': 'parallelism.default: 2\n',
      'config.yaml': 'python:\n  client:\n    executable:\n      venv: /opt/venv/bin/python\n',
    });
    const result = await runCheck(configFile, { confDir: conf, flinkVersion: '2.0' });
    expect(result.status).toBe('error');
    expect(result.summary).toBe('flink-conf.yaml is ignored by Flink 2.0; config.yaml applies');
    expect(result.details).toEqual([
      `python.client.executable in ${join(conf, 'config.yaml')} is a mapping (python.client.executable.venv), not one path: Flink cannot use it and python.client looks at VIRTUAL_ENV, CONDA_PREFIX and PATH instead`,
    ]);
    expect(result.fix?.split('\n')).toEqual([
      `Delete ${join(conf, 'flink-conf.yaml')} (after moving anything still needed into config.yaml)`,
      `Set python.client.executable in ${join(conf, 'config.yaml')} to one path, e.g. python.client.executable: "/path/to/venv/bin/python"`,
    ]);
  });
});

describe('config.pipeline-jars', () => {
  it('a mapping for pipeline.classpaths is an error with the ;-joined value to write', async () => {
    const jar = await writeFileDeep(join(await tempDir(), 'udf.jar'), 'PK');
    const conf = await confDir({
      'config.yaml': `pipeline:\n  classpaths:\n    udf: ${pathToFileURL(jar).href}\n    extra: file:///nowhere/x.jar\n`,
    });
    const file = join(conf, 'config.yaml');
    const result = await runCheck(configPipelineJars, { confDir: conf, flinkVersion: '2.0' });
    expect(result.status).toBe('error');
    expect(result.summary).toBe(
      `pipeline.classpaths in ${file}: pipeline.classpaths is a mapping (pipeline.classpaths.udf, pipeline.classpaths.extra), not a string: Flink flattens it into those keys and leaves pipeline.classpaths unset`,
    );
    expect(result.details).toEqual([
      `pipeline.classpaths in ${file}: file:///nowhere/x.jar points at /nowhere/x.jar, which does not exist or is not a file: run here, the job fails with FileNotFoundException`,
    ]);
    expect(result.fix).toBe(`Write:\npipeline.classpaths: "${pathToFileURL(jar).href};file:///nowhere/x.jar"`);
    expect(result.locations).toEqual([{ path: file }]);
    expectActionable(result);
  });

  it('a number for pipeline.jars is an error with a fix', async () => {
    const conf = await confDir({ 'config.yaml': 'pipeline.jars: 42\n' });
    const result = await runCheck(configPipelineJars, { confDir: conf, flinkVersion: '2.0' });
    expect(result.status).toBe('error');
    expect(result.summary).toBe(
      `pipeline.jars in ${join(conf, 'config.yaml')}: pipeline.jars is a number (42), not a ';'-separated string of URLs`,
    );
    expectActionable(result);
  });

  it('a missing file and a YAML list: the error is the summary, the warning the one detail, with a fix', async () => {
    const conf = await confDir({ 'config.yaml': 'pipeline:\n  jars:\n    - file:///nowhere/a.jar\n' });
    const warning = await runCheck(configPipelineJars, { confDir: conf, flinkVersion: '1.20' });
    expect(warning.status).toBe('error');
    expect(warning.summary).toMatch(/does not exist/);
    expect(warning.details).toHaveLength(1);
    expect(warning.details[0]).toMatch(/a YAML list; PyFlink reads it only from/);
    expectActionable(warning);
  });
});
