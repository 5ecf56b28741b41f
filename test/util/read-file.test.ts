// Files a user points at that are not files: a FIFO must never block the doctor, a huge file must not be read.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import configFile from '../../checks/config-file.js';
import { readTextFile } from '../../src/util/read-file.js';
import { runCli } from '../helpers/cli.js';
import { addDistribution, makeVenv } from '../helpers/python-env.js';
import { isolatedEnv, runCheck, runCheckList } from '../helpers/run-check.js';
import { tempDir, writeFileDeep } from '../helpers/tmp.js';
import pyflinkDependencies from '../../checks/pyflink-dependencies.js';

/** A named pipe nobody writes to: opening it for reading the ordinary way blocks forever. */
async function fifo(path: string): Promise<string> {
  execFileSync('mkfifo', [path]);
  return path;
}

describe('readTextFile', () => {
  it('reads a regular file, refuses a FIFO at once, and caps the size', async () => {
    const dir = await tempDir();
    expect(await readTextFile(await writeFileDeep(join(dir, 'a.txt'), 'hello'))).toBe('hello');
    const started = Date.now();
    await expect(readTextFile(await fifo(join(dir, 'pipe')))).rejects.toThrow(/is not a regular file/);
    expect(Date.now() - started).toBeLessThan(2_000);
    await expect(readTextFile(await writeFileDeep(join(dir, 'big.txt'), 'x'.repeat(2048)), 1024)).rejects.toThrow(
      /big\.txt is 2 KiB, more than the 1 KiB flink-doctor reads of such a file/,
    );
    await expect(readTextFile(join(dir, 'a\u0000b'))).rejects.toThrow(/a\\0b: the path contains a NUL character, which no file name can/);
    await expect(readTextFile(dir)).rejects.toThrow(/is not a regular file|EISDIR/);
  });
});

describe('a FIFO where the doctor expects a file', () => {
  it('--config FIFO is exit 2 with one line', async () => {
    const dir = await tempDir();
    const run = await runCli(['--config', await fifo(join(dir, 'doctor.json')), '--only', 'flink.home']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^flink-doctor: cannot read config file .*doctor\.json: .* is not a regular file\n$/);
  });

  it('config.yaml as a FIFO is a config.file error with a fix', async () => {
    const conf = await tempDir('conf-');
    await fifo(join(conf, 'config.yaml'));
    const result = await runCheck(configFile, { confDir: conf, flinkVersion: '2.2' });
    expect(result.status).toBe('error');
    expect(result.summary).toContain('is not a regular file');
    expect(result.fix).toBe(`Replace ${join(conf, 'config.yaml')} with a regular file (it is a pipe, device or directory)`);
  });

  it('a METADATA FIFO in site-packages is a metadata problem, not a hang', async () => {
    const venv = await makeVenv('3.11.7');
    await addDistribution(venv.sitePackages, { name: 'apache-flink', version: '2.2.1', requires: [] });
    const broken = join(venv.sitePackages, 'pyarrow-21.0.0.dist-info');
    await writeFileDeep(join(broken, 'INSTALLER'), 'pip\n');
    await fifo(join(broken, 'METADATA'));
    const [result] = await runCheckList([pyflinkDependencies], { python: venv.python, env: isolatedEnv() });
    expect(result?.status).toBe('warning');
    expect(result?.summary).toMatch(/pyarrow-21\.0\.0\.dist-info: cannot read METADATA \(.* is not a regular file\); reinstall pyarrow$/);
    expect(result?.fix).toBe(`${venv.python} -m pip install --force-reinstall --no-deps "pyarrow"`);
  });
});
