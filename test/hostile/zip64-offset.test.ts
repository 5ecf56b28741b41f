// Issue 14, problem 1, through main() in-process as a user meets it: a JAR whose central directory gives
// META-INF/MANIFEST.MF a zip64 local-header offset of 2^62. The zip library wedged its read queue on it and the
// run ended with exit 13 (an unsettled top-level await) and no output at all, whether the JAR came from --jars,
// $FLINK_HOME/lib or a job's pipeline.jars. It must be a finding of jars.readable naming the JAR and the entry,
// while the other checks still run.
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../../src/engine/model.js';
import { runInProcess } from '../helpers/cli.js';
import { fakeFlinkHome } from '../helpers/flink-home.js';
import { jdk17 } from '../helpers/java.js';
import { isolatedEnv } from '../helpers/run-check.js';
import { tempDir, writeFileDeep } from '../helpers/tmp.js';
import { writeZip } from '../helpers/zip.js';

/** A JAR laid out like any small library JAR, except that its MANIFEST entry points 2^62 bytes into the file. */
async function zip64OffsetJar(path: string): Promise<string> {
  return writeZip(path, [
    { name: 'META-INF/MANIFEST.MF', data: 'Manifest-Version: 1.0\r\nImplementation-Version: 1.0\r\n\r\n', zip64Offset: 2n ** 62n },
    { name: 'com/example/Util.class', data: Buffer.from([0xca, 0xfe, 0xba, 0xbe, 0, 0, 0, 55]) },
  ]);
}

function report(stdout: string): Report {
  return JSON.parse(stdout) as Report;
}

const byId = (r: Report) => Object.fromEntries(r.checks.map((c) => [c.id, c]));
const ZIP64 =
  /zip64-offset\.jar is corrupt \(central directory entry 'META-INF\/MANIFEST\.MF' points at offset \d+, past the end of the \d+-byte file\)/;

describe('problem 1: a zip64 local-header offset of 2^62', () => {
  let dir: string;
  let jar: string;
  beforeAll(async () => {
    dir = await tempDir('zip64-');
    jar = await zip64OffsetJar(join(dir, 'zip64-offset.jar'));
  });

  it('from --jars: jars.readable names the JAR and the bad entry; the run ends normally', async () => {
    const run = await runInProcess(['--jars', jar, '--flink-version', '2.2', '--offline', '--json', '--java-home', jdk17()]);
    expect(run.code).toBe(1);
    const checks = byId(report(run.stdout));
    expect(checks['jars.readable']?.status).toBe('error');
    expect(checks['jars.readable']?.summary).toMatch(ZIP64);
    expect(checks['java.runtime']?.status).toBe('ok');
    expect(run.stderr).toBe('');
  });

  it('from $FLINK_HOME/lib, with the human report printed', async () => {
    const home = await fakeFlinkHome({ version: '2.2.1' });
    await zip64OffsetJar(join(home, 'lib', 'zip64-offset.jar'));
    const run = await runInProcess(['--flink-version', '2.2', '--offline', '--only', 'jars,flink'], isolatedEnv({ FLINK_HOME: home }));
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(ZIP64);
    expect(run.stdout).toMatch(/✓ flink\.home/);
    expect(run.stdout).toMatch(/\d+ ok, \d+ warnings?, \d+ errors?, \d+ skipped\n$/);
  });

  it("from a job's add_jars", async () => {
    const job = await writeFileDeep(
      join(dir, 'job.py'),
      `from pyflink.table import TableEnvironment\nt_env.get_config().set("pipeline.jars", "${pathToFileURL(jar).href}")\n`,
    );
    const run = await runInProcess([
      '--job',
      job,
      '--flink-version',
      '2.2',
      '--offline',
      '--json',
      '--only',
      'jars.readable,config.pipeline-jars',
    ]);
    expect(run.code).toBe(1);
    const checks = byId(report(run.stdout));
    expect(checks['jars.readable']?.summary).toMatch(ZIP64);
    expect(checks['config.pipeline-jars']?.status).toBe('ok');
  });
});

describe('the same lie in a python.archives zip', () => {
  it('python.archives names the archive and the entry; python.client still runs', async () => {
    const conf = await tempDir('zip64-archive-');
    await writeZip(join(conf, 'venv.zip'), [
      { name: 'pyvenv.cfg', data: 'home = /usr/bin\n', zip64Offset: 2n ** 62n },
      { name: 'bin/python', data: '#!/bin/sh\n' },
      {
        name: 'lib/python3.11/site-packages/apache_flink-2.2.1.dist-info/METADATA',
        data: 'Metadata-Version: 2.1\nName: apache-flink\nVersion: 2.2.1\n\n',
      },
    ]);
    await writeFileDeep(join(conf, 'config.yaml'), `python.archives: ${join(conf, 'venv.zip')}\npython.executable: venv.zip/bin/python\n`);
    const run = await runInProcess(
      ['--conf-dir', conf, '--flink-version', '2.2', '--offline', '--json', '--only', 'python'],
      isolatedEnv({ PATH: process.env.PATH }),
    );
    const checks = byId(report(run.stdout));
    expect(checks['python.archives']?.summary).toMatch(
      /venv\.zip is corrupt \(central directory entry 'pyvenv\.cfg' points at offset \d+, past the end of the \d+-byte file\)/,
    );
    expect(run.stderr).toBe('');
  });
});
