// python.worker against real pyenv interpreters and venvs, with python.executable set in a real config.yaml.
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import pythonWorker from '../../checks/python-worker.js';
import { defaultOptions } from '../../src/engine/options.js';
import { loadMatrix } from '../../src/knowledge/load-matrix.js';
import { createFactStore } from '../../src/probes/registry.js';
import {
  fakePython,
  healthyFlinkDistributions,
  makeFlinkVenv,
  makeVenv,
  pyenvPython,
  withDistributions,
  type Venv,
} from '../helpers/python-env.js';
import { isolatedEnv, runCheck } from '../helpers/run-check.js';
import { tempDir, writeFileDeep } from '../helpers/tmp.js';
import { tarGzFolder, zipFolder } from '../helpers/archives.js';

/** A Flink conf dir whose config.yaml holds `yaml`; returns the dir and the file. */
async function confDir(yaml: string): Promise<{ dir: string; file: string }> {
  const dir = await tempDir('flink-conf-');
  const file = await writeFileDeep(join(dir, 'config.yaml'), yaml);
  return { dir, file };
}

/** A wrapper script that logs each start to `log`, then execs `python`: counts the interpreter's spawns. */
async function countingPython(python: string, log: string): Promise<string> {
  return fakePython(`echo started >> '${log}'\nexec '${python}' "$@"`);
}

async function starts(log: string): Promise<number> {
  try {
    return (await readFile(log, 'utf8')).split('\n').filter(Boolean).length;
  } catch {
    return 0;
  }
}

let client: Venv;
let twin: Venv;

beforeAll(async () => {
  // The client: Python 3.11 with apache-flink 1.20.1 (the target, from the wheel). The twin: another venv, same.
  [client, twin] = await Promise.all([
    makeFlinkVenv('3.11.7', healthyFlinkDistributions('1.20.1')),
    makeFlinkVenv('3.11.7', healthyFlinkDistributions('1.20.1')),
  ]);
}, 60_000);

describe('python.worker: python.executable unset, or not checkable here', () => {
  it('python.executable unset, `python` on PATH is the client\'s: ok, and the details say when it is used', async () => {
    const conf = await confDir('parallelism.default: 2\n');
    const result = await runCheck(pythonWorker, { python: client.python, confDir: conf.dir, env: isolatedEnv({ PATH: dirname(client.python) }) });
    expect(result.status).toBe('ok');
    expect(result.summary).toBe('Python 3.11.7 from python on PATH (python.executable is unset): the client interpreter, apache-flink 1.20.1');
    expect(result.details[0]).toMatch(/^python\.executable is unset: `flink run` and Python workers started on this machine run `python` from PATH; local runs through TableEnvironment use the client's interpreter/);
  });

  it('python.executable unset, `python` on PATH is another minor: a warning (local TableEnvironment runs are not affected)', async () => {
    const other = await makeVenv('3.10.13');
    const conf = await confDir('parallelism.default: 2\n');
    const result = await runCheck(pythonWorker, { python: client.python, confDir: conf.dir, env: isolatedEnv({ PATH: dirname(other.python) }) });
    expect(result.status).toBe('warning');
    expect(result.summary).toBe('client 3.11, workers 3.10: cloudpickle payloads built on the client fail on the workers; python on PATH (python.executable is unset) is python (Python 3.10.13)');
    expect(result.fix).toBe(`Set python.executable: ${client.python} in ${conf.file} (or -pyexec), so the workers run the client's interpreter`);
  });

  it('python.executable unset and no `python` on PATH at all', async () => {
    const result = await runCheck(pythonWorker, { python: pyenvPython('3.11.7'), flinkVersion: '1.20' });
    expect(result.status).toBe('warning');
    expect(result.summary).toBe('python.executable is unset and there is no `python` on PATH: `flink run` and workers on this machine cannot start Python');
  });

  it('a path inside a python.archives archive that is not on this machine: an error naming the file', async () => {
    const conf = await confDir('python:\n  archives: venv.zip\n  executable: venv.zip/venv/bin/python\n');
    const cwd = await tempDir('cwd-');
    const result = await runCheck(pythonWorker, { python: client.python, confDir: conf.dir, cwd });
    expect(result.status).toBe('error');
    expect(result.summary).toBe(`python.executable venv.zip/venv/bin/python is inside venv.zip, which cannot be read: ${join(cwd, 'venv.zip')} does not exist`);
  });

  it('an archive path with no python.archives in the config cannot be checked locally', async () => {
    const unshipped = await confDir('python.executable: venv.tar.gz/venv/bin/python\n');
    const alone = await runCheck(pythonWorker, { python: client.python, confDir: unshipped.dir });
    expect(alone.status).toBe('skipped');
    expect(alone.summary).toContain('is inside the archive venv.tar.gz');
    expect(alone.details.join('\n')).toContain('python.archives is not set in the Flink config: ship the archive with -pyarch');
  });

  it('a remote archive (#target directory) is not downloaded', async () => {
    const aliased = await confDir('python.archives: hdfs:///envs/py311.tar.gz#py\npython.executable: py/bin/python3\n');
    const result = await runCheck(pythonWorker, { python: client.python, confDir: aliased.dir });
    expect(result.status).toBe('skipped');
    expect(result.summary).toBe('python.executable py/bin/python3 is inside hdfs:///envs/py311.tar.gz#py, a remote archive flink-doctor does not download');
  });

  it('another relative path: resolved on the workers, not checkable here', async () => {
    const conf = await confDir('python.executable: envs/bin/python\n');
    const result = await runCheck(pythonWorker, { python: client.python, confDir: conf.dir });
    expect(result.status).toBe('skipped');
    expect(result.summary).toBe(
      'python.executable envs/bin/python is a relative path: the workers resolve it against their working directory (where python.archives are extracted), so it cannot be checked locally',
    );
  });
});

describe('python.worker: ok', () => {
  it('another venv with the same Python minor and the same apache-flink', async () => {
    const conf = await confDir(`python:\n  executable: ${twin.python}\n`);
    const result = await runCheck(pythonWorker, { python: client.python, confDir: conf.dir });
    expect(result.status).toBe('ok');
    expect(result.summary).toBe(`Python 3.11.7 from python.executable in ${conf.file}: same minor as the client, apache-flink 1.20.1 as on the client`);
    expect(result.fix).toBeNull();
    expect(result.facts).toMatchObject({ sameAsClient: false, executable: twin.python, version: '3.11.7', clientFlink: '1.20.1', workerFlink: '1.20.1' });
  });

  it('the client interpreter itself: its answer is reused, the interpreter is started once', async () => {
    const log = join(await tempDir('spawns-'), 'log');
    const wrapper = await countingPython(client.python, log);
    const conf = await confDir(`python.executable: ${wrapper}\n`);
    const result = await runCheck(pythonWorker, { python: wrapper, confDir: conf.dir });
    expect(result.status).toBe('ok');
    expect(result.summary).toBe(`Python 3.11.7 from python.executable in ${conf.file}: the client interpreter, apache-flink 1.20.1`);
    expect(result.facts.sameAsClient).toBe(true);
    expect(await starts(log)).toBe(1);

    // The same run with a second wrapper (another file) for the workers starts an interpreter twice.
    const other = await countingPython(client.python, log);
    const twice = await confDir(`python.executable: ${other}\n`);
    const separate = await runCheck(pythonWorker, { python: wrapper, confDir: twice.dir });
    expect(separate.status).toBe('ok');
    expect(separate.facts.sameAsClient).toBe(false);
    expect(await starts(log)).toBe(1 + 2);
  });

  it('the fact: python3 next to the client venv\'s python is the same interpreter, the client fact is reused', async () => {
    const conf = await confDir(`python.executable: ${join(client.dir, 'bin', 'python3')}\n`);
    const store = createFactStore(defaultOptions({ env: isolatedEnv(), python: client.python, confDir: conf.dir }), loadMatrix());
    const [worker, python] = await Promise.all([store.get('worker'), store.get('python')]);
    expect(worker.status).toBe('inspected');
    expect(worker.sameAsClient).toBe(true);
    expect(worker.python?.sysPath).toBe(python.sysPath); // the very same array: nothing was run again
    expect(worker.python?.provenance).toEqual({ source: 'python.executable', detail: conf.file });
    expect(worker.python?.requested).toBe(join(client.dir, 'bin', 'python3'));
    expect(worker.packages).toBe(await store.get('packages'));
  });
});

describe('python.worker: warning', () => {
  it('the venv\'s base interpreter is a different environment (same file after symlinks): apache-flink is missing there', async () => {
    const base = pyenvPython('3.11.7');
    const conf = await confDir(`python.executable: ${base}\n`);
    const result = await runCheck(pythonWorker, { python: client.python, confDir: conf.dir });
    expect(result.facts.sameAsClient).toBe(false);
    expect(result.status).toBe('warning');
    expect(result.summary).toBe(`apache-flink is not installed in the workers' interpreter ${base}: Python UDFs fail with "No module named 'pyflink'"`);
    expect(result.fix).toBe(`${base} -m pip install "apache-flink==1.20.1"`);
  });

  it('apache-flink at another release than the client\'s', async () => {
    const older = await makeFlinkVenv('3.11.7', healthyFlinkDistributions('1.20.0'));
    const conf = await confDir(`python.executable: ${older.python}\n`);
    const result = await runCheck(pythonWorker, { python: client.python, confDir: conf.dir });
    expect(result.status).toBe('warning');
    expect(result.summary).toBe(`apache-flink 1.20.0 in the workers' interpreter ${older.python}, 1.20.1 in the client's`);
    expect(result.fix).toBe(`${older.python} -m pip install "apache-flink==1.20.1"`);
  });

  it('apache-flink without apache-beam: the fix installs the Beam range apache-flink requires', async () => {
    const noBeam = await makeFlinkVenv('3.11.7', withDistributions(healthyFlinkDistributions('1.20.1'), [], ['apache-beam']));
    const conf = await confDir(`python.executable: ${noBeam.python}\n`);
    const result = await runCheck(pythonWorker, { python: client.python, confDir: conf.dir });
    expect(result.status).toBe('warning');
    expect(result.summary).toContain(`apache-beam is not installed in the workers' interpreter ${noBeam.python}`);
    expect(result.fix).toBe(`${noBeam.python} -m pip install "apache-beam<2.49.0,>=2.43.0"`);
  });

  it('a bare name is looked up on PATH, and the details say the TaskManagers use their own PATH', async () => {
    const base = pyenvPython('3.11.7');
    const conf = await confDir('python.executable: python3.11\n');
    const result = await runCheck(pythonWorker, { python: client.python, confDir: conf.dir, env: isolatedEnv({ PATH: dirname(base) }) });
    expect(result.status).toBe('warning');
    expect(result.facts.executable).toBe(join(dirname(base), 'python3.11'));
    expect(result.details).toContain("python3.11 is a bare name: checked on this machine's PATH; TaskManagers look it up on their own PATH");
  });
});

describe('python.worker: error', () => {
  const fixFor = (file: string) =>
    `Set python.executable in ${file} to a Python 3.11 interpreter with apache-flink 1.20.1 that exists on every TaskManager (locally the client's: python.executable: ${client.python})`;

  it('another Python minor than the client: cloudpickle payloads fail', async () => {
    const py310 = await makeFlinkVenv('3.10.13', healthyFlinkDistributions('1.20.1'));
    const conf = await confDir(`python.executable: ${py310.python}\n`);
    const result = await runCheck(pythonWorker, { python: client.python, confDir: conf.dir });
    expect(result.status).toBe('error');
    expect(result.summary).toBe(
      `client 3.11, workers 3.10: cloudpickle payloads built on the client fail on the workers; python.executable in ${conf.file} is ${py310.python} (Python 3.10.13)`,
    );
    expect(result.fix).toBe(fixFor(conf.file));
  });

  it('a minor the target does not support (and differs from the client): both are said', async () => {
    const conf = await confDir(`python.executable: ${pyenvPython('3.12.1')}\n`);
    const result = await runCheck(pythonWorker, { python: client.python, confDir: conf.dir });
    expect(result.status).toBe('error');
    expect(result.summary).toMatch(/^client 3\.11, workers 3\.12: cloudpickle/);
    expect(result.details).toContain('workers run Python 3.12, which Flink 1.20 does not support (supported: 3.8, 3.9, 3.10, 3.11)');
    expect(result.fix).toBe(fixFor(conf.file));
  });

  it('the same minor as the client, but one the target does not support', async () => {
    const [client312, worker312] = await Promise.all([makeVenv('3.12.1'), makeVenv('3.12.1')]);
    const conf = await confDir(`python.executable: ${worker312.python}\n`);
    const result = await runCheck(pythonWorker, { python: client312.python, confDir: conf.dir, flinkVersion: '1.20.1' });
    expect(result.status).toBe('error');
    expect(result.summary).toBe(
      `workers run Python 3.12, which Flink 1.20 does not support (supported: 3.8, 3.9, 3.10, 3.11); python.executable in ${conf.file} is ${worker312.python} (Python 3.12.1)`,
    );
    expect(result.fix).toBe(`Set python.executable in ${conf.file} to a Python 3.11 interpreter with apache-flink 1.20.1 that exists on every TaskManager`);
  });

  it('Python 2 workers', async () => {
    const conf = await confDir(`python.executable: ${pyenvPython('2.7.18')}\n`);
    const result = await runCheck(pythonWorker, { python: client.python, confDir: conf.dir });
    expect(result.status).toBe('error');
    expect(result.details).toContain('workers run Python 2.7.18: PyFlink needs Python 3 (Flink 1.20 supports 3.8, 3.9, 3.10, 3.11)');
  });

  it('a worker path that does not exist', async () => {
    const missing = join(await tempDir('gone-'), 'venv', 'bin', 'python');
    const conf = await confDir(`python.executable: ${missing}\n`);
    const result = await runCheck(pythonWorker, { python: client.python, confDir: conf.dir });
    expect(result.status).toBe('error');
    expect(result.summary).toBe(`Python worker interpreter not found: ${missing} does not exist (python.executable in ${conf.file})`);
    expect(result.fix).toBe(fixFor(conf.file));
  });

  it('a bare name not on PATH', async () => {
    const conf = await confDir('python.executable: python3.11\n');
    const result = await runCheck(pythonWorker, { python: client.python, confDir: conf.dir });
    expect(result.status).toBe('error');
    expect(result.summary).toBe(`Python worker interpreter not found: python3.11 is not on PATH (python.executable in ${conf.file})`);
  });

  it('an interpreter that does not run', async () => {
    const broken = await fakePython('echo "error while loading shared libraries: libpython3.11.so.1.0" >&2\nexit 127');
    const conf = await confDir(`python.executable: ${broken}\n`);
    const result = await runCheck(pythonWorker, { python: client.python, confDir: conf.dir });
    expect(result.status).toBe('error');
    expect(result.summary).toBe(
      `Python worker interpreter ${broken} (python.executable in ${conf.file}) does not run: ${broken} exited with code 127: error while loading shared libraries: libpython3.11.so.1.0`,
    );
    expect(result.fix).toBe(fixFor(conf.file));
  });

  it('python.executable holding a list', async () => {
    const conf = await confDir(`python.executable:\n  - ${twin.python}\n`);
    const result = await runCheck(pythonWorker, { python: client.python, confDir: conf.dir });
    expect(result.status).toBe('error');
    expect(result.summary).toBe(`python.executable in ${conf.file} is ["${twin.python}"], not the path of an interpreter`);
  });
});

describe('python.worker: an environment archive built here (python.archives)', () => {
  async function archived(kind: 'zip' | 'tar.gz', copies: boolean, flink = '1.20.1'): Promise<{ dir: string; name: string }> {
    const venv = await makeVenv('3.11.7', { copies, name: 'venv' });
    await writeFileDeep(join(venv.sitePackages, `apache_flink-${flink}.dist-info`, 'METADATA'), `Metadata-Version: 2.1\nName: apache-flink\nVersion: ${flink}\n`);
    const dir = await tempDir('ship-');
    const name = kind === 'zip' ? 'venv.zip' : 'venv.tar.gz';
    await (kind === 'zip' ? zipFolder(venv.dir, join(dir, name)) : tarGzFolder(venv.dir, join(dir, name)));
    return { dir, name };
  }

  for (const kind of ['zip', 'tar.gz'] as const) {
    it(`${kind} made by python -m venv: bin/python points out of the archive`, async () => {
      const { dir, name } = await archived(kind, false);
      const conf = await confDir(`python.archives: ${name}\npython.executable: ${name}/venv/bin/python\n`);
      const result = await runCheck(pythonWorker, { python: client.python, confDir: conf.dir, cwd: dir });
      expect(result.status).toBe('error');
      expect(result.summary).toMatch(new RegExp(`^python\\.executable ${name.replace('.', '\\.')}/venv/bin/python: venv/bin/python in ${name.replace('.', '\\.')} is a symlink to /.+, outside the archive: it will not exist on the workers$`));
      expect(result.fix).toContain('python -m venv --copies');
    });

    it(`${kind} made with --copies, Python 3.11 and apache-flink 1.20.1 like the client: ok`, async () => {
      const { dir, name } = await archived(kind, true);
      const conf = await confDir(`python.archives: ${name}\npython.executable: ${name}/venv/bin/python\n`);
      const result = await runCheck(pythonWorker, { python: client.python, confDir: conf.dir, cwd: dir });
      expect(result.status).toBe('ok');
      expect(result.summary).toBe(`python.executable ${name}/venv/bin/python: a real interpreter inside ${name}, Python 3.11, apache-flink 1.20.1`);
    });
  }

  it('an archive holding another apache-flink than the client', async () => {
    const { dir, name } = await archived('zip', true, '1.19.3');
    const conf = await confDir(`python.archives: ${name}\npython.executable: ${name}/venv/bin/python\n`);
    const result = await runCheck(pythonWorker, { python: client.python, confDir: conf.dir, cwd: dir });
    expect(result.status).toBe('warning');
    expect(result.summary).toBe(`python.executable ${name}/venv/bin/python: the archive holds apache-flink 1.19.3, the client 1.20.1`);
  });

  it('python.executable naming a path the archive does not hold', async () => {
    const { dir, name } = await archived('tar.gz', true);
    const conf = await confDir(`python.archives: ${name}\npython.executable: ${name}/env/bin/python\n`);
    const result = await runCheck(pythonWorker, { python: client.python, confDir: conf.dir, cwd: dir });
    expect(result.status).toBe('error');
    expect(result.summary).toBe(`python.executable ${name}/env/bin/python does not exist inside ${name} (looked for env/bin/python)`);
    expect(result.fix).toBe(`Point python.executable at the interpreter's path inside the archive, e.g. ${name}/venv/bin/python`);
  });
});
