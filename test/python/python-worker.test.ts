// The worker probe (src/probes/worker.ts) against real pyenv interpreters, venvs and archives, with python.executable
// set in a real config.yaml: which interpreter the workers run, whether the client's answer is reused, what is
// installed in it, and what a python.archives entry holds. python.worker's verdicts on these facts are tested on
// built facts in test/checks/python-worker.test.ts.
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { beforeAll, describe, it } from 'vitest';
import pythonWorker from '../../checks/python-worker.js';
import { defaultOptions, type Options } from '../../src/engine/options.js';
import type { WorkerFact } from '../../src/facts/index.js';
import { createFactStore } from '../../src/probes/registry.js';
import { fakePython, healthyFlinkDistributions, makeFlinkVenv, makeVenv, pyenvPython, type Venv } from '../helpers/python-env.js';
import { isolatedEnv, runCheck } from '../helpers/run-check.js';
import { bundledMatrix } from '../helpers/matrix.js';
import { tempDir, writeFileDeep } from '../helpers/tmp.js';
import { tarGzFolder, zipFolder } from '../helpers/archives.js';

/** A Flink conf dir whose config.yaml holds `yaml`; returns the dir and the file. */
async function confDir(yaml: string): Promise<{ dir: string; file: string }> {
  const dir = await tempDir('flink-conf-');
  const file = await writeFileDeep(join(dir, 'config.yaml'), yaml);
  return { dir, file };
}

/** The worker fact the real probes gather, the client being `client` unless the options say otherwise. */
async function workerFact(options: Partial<Options>): Promise<WorkerFact> {
  return createFactStore(defaultOptions({ env: isolatedEnv(), python: client.python, ...options }), bundledMatrix()).get('worker');
}

/** A wrapper script that logs each start to `log`, then execs `python`: counts the interpreter's spawns. */
async function countingPython(python: string, log: string): Promise<string> {
  return fakePython(`echo started >> '${log}'\nexec '${python}' "$@"`);
}

async function starts(log: string): Promise<number> {
  return (await readFile(log, 'utf8').catch(() => '')).split('\n').filter(Boolean).length;
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

describe.concurrent('worker probe: python.executable unset', () => {
  it("looks at `python` on PATH: the client's own is recognised and reused", async ({ expect }) => {
    const conf = await confDir('parallelism.default: 2\n');
    const fact = await workerFact({ confDir: conf.dir, env: isolatedEnv({ PATH: dirname(client.python) }) });
    expect(fact).toMatchObject({ status: 'unset', fromPath: true, sameAsClient: true, file: conf.file });
    expect(fact.python?.provenance.source).toBe('PATH');
  });

  it('another interpreter on PATH is inspected, with what is installed in it', async ({ expect }) => {
    const other = await makeVenv('3.10.13');
    const fact = await workerFact({ env: isolatedEnv({ PATH: dirname(other.python) }) });
    expect(fact).toMatchObject({ status: 'unset', fromPath: true, sameAsClient: false });
    expect(fact.python?.version).toBe('3.10.13');
    expect(fact.packages?.distributions['apache-flink']).toBeUndefined();
  });

  it('no `python` on PATH: not found, with the reason', async ({ expect }) => {
    const fact = await workerFact({ flinkVersion: '1.20' });
    expect(fact.python).toMatchObject({ found: false, runs: false });
    expect(fact.python?.failure).toContain('not on PATH');
  });
});

describe.concurrent('worker probe: python.executable resolved on the workers', () => {
  it('a path inside a python.archives archive that is not on this machine: the archive read says why', async ({ expect }) => {
    const conf = await confDir('python:\n  archives: venv.zip\n  executable: venv.zip/venv/bin/python\n');
    const cwd = await tempDir('cwd-');
    const fact = await workerFact({ confDir: conf.dir, cwd });
    expect(fact).toMatchObject({ status: 'archive', configured: 'venv.zip/venv/bin/python', archive: 'venv.zip', archives: ['venv.zip'] });
    expect(fact.archiveRead).toMatchObject({ status: 'unreadable', problem: `${join(cwd, 'venv.zip')} does not exist` });
  });

  it('an archive name with no python.archives in the config is still an archive path, with nothing read', async ({ expect }) => {
    const fact = await workerFact({ confDir: (await confDir('python.executable: venv.tar.gz/venv/bin/python\n')).dir });
    expect(fact).toMatchObject({ status: 'archive', archive: 'venv.tar.gz', archives: [] });
    expect(fact.archiveRead).toBeUndefined();
  });

  it('a remote archive extracted under its #target name is matched by that name and not downloaded', async ({ expect }) => {
    const fact = await workerFact({
      confDir: (await confDir('python.archives: hdfs:///envs/py311.tar.gz#py\npython.executable: py/bin/python3\n')).dir,
    });
    expect(fact).toMatchObject({ status: 'archive', archive: 'hdfs:///envs/py311.tar.gz#py' });
    expect(fact.archiveRead?.status).toBe('remote');
  });

  it('another relative path is left to the workers', async ({ expect }) => {
    expect((await workerFact({ confDir: (await confDir('python.executable: envs/bin/python\n')).dir })).status).toBe('relative');
  });

  it('a list is not a path', async ({ expect }) => {
    const fact = await workerFact({ confDir: (await confDir(`python.executable:\n  - ${twin.python}\n`)).dir });
    expect(fact).toMatchObject({ status: 'invalid', configured: `["${twin.python}"]` });
  });
});

describe.concurrent('worker probe: python.executable inspected', () => {
  it('another venv: run on its own, with its own distributions', async ({ expect }) => {
    const conf = await confDir(`python:\n  executable: ${twin.python}\n`);
    const fact = await workerFact({ confDir: conf.dir });
    expect(fact).toMatchObject({ status: 'inspected', sameAsClient: false, configured: twin.python, file: conf.file });
    expect(fact.python).toMatchObject({
      version: '3.11.7',
      executable: twin.python,
      provenance: { source: 'python.executable', detail: conf.file },
    });
    expect(fact.packages?.distributions['apache-flink']?.version).toBe('1.20.1');
  });

  it('the client interpreter itself: its answer is reused, the interpreter is started once', async ({ expect }) => {
    const log = join(await tempDir('spawns-'), 'log');
    const wrapper = await countingPython(client.python, log);
    const fact = await workerFact({ python: wrapper, confDir: (await confDir(`python.executable: ${wrapper}\n`)).dir });
    expect(fact.sameAsClient).toBe(true);
    expect(await starts(log)).toBe(1);

    // The same run with a second wrapper (another file) for the workers starts an interpreter twice.
    const other = await countingPython(client.python, log);
    const separate = await workerFact({ python: wrapper, confDir: (await confDir(`python.executable: ${other}\n`)).dir });
    expect(separate.sameAsClient).toBe(false);
    expect(separate.python?.version).toBe('3.11.7');
    expect(await starts(log)).toBe(1 + 2);
  });

  it("python3 next to the client venv's python is the same interpreter: the client fact is reused, nothing runs again", async ({
    expect,
  }) => {
    const conf = await confDir(`python.executable: ${join(client.dir, 'bin', 'python3')}\n`);
    const store = createFactStore(defaultOptions({ env: isolatedEnv(), python: client.python, confDir: conf.dir }), bundledMatrix());
    const [worker, python] = await Promise.all([store.get('worker'), store.get('python')]);
    expect(worker.status).toBe('inspected');
    expect(worker.sameAsClient).toBe(true);
    expect(worker.python?.sysPath).toBe(python.sysPath); // the very same array: nothing was run again
    expect(worker.python?.provenance).toEqual({ source: 'python.executable', detail: conf.file });
    expect(worker.python?.requested).toBe(join(client.dir, 'bin', 'python3'));
    expect(worker.packages).toBe(await store.get('packages'));
  });

  it("the venv's base interpreter is another environment (the same file after symlinks): inspected on its own", async ({ expect }) => {
    const base = pyenvPython('3.11.7');
    const fact = await workerFact({ confDir: (await confDir(`python.executable: ${base}\n`)).dir });
    expect(fact.sameAsClient).toBe(false);
    expect(fact.python?.executable).toBe(base);
    expect(fact.packages?.distributions['apache-flink']).toBeUndefined();
  });

  it("a bare name is looked up on this machine's PATH", async ({ expect }) => {
    const base = pyenvPython('3.11.7');
    const fact = await workerFact({
      confDir: (await confDir('python.executable: python3.11\n')).dir,
      env: isolatedEnv({ PATH: dirname(base) }),
    });
    expect(fact.python).toMatchObject({ requested: 'python3.11', executable: join(dirname(base), 'python3.11'), version: '3.11.7' });
    const missing = await workerFact({ confDir: (await confDir('python.executable: python3.11\n')).dir });
    expect(missing.python).toMatchObject({ found: false, failure: 'python3.11 is not on PATH' });
  });

  it('a path that does not exist, and an interpreter that does not run, are facts with their reason', async ({ expect }) => {
    const gone = join(await tempDir('gone-'), 'venv', 'bin', 'python');
    expect((await workerFact({ confDir: (await confDir(`python.executable: ${gone}\n`)).dir })).python).toMatchObject({
      found: false,
      failure: `${gone} does not exist`,
    });
    const broken = await fakePython('echo "error while loading shared libraries: libpython3.11.so.1.0" >&2\nexit 127');
    const fact = await workerFact({ confDir: (await confDir(`python.executable: ${broken}\n`)).dir });
    expect(fact.python).toMatchObject({
      runs: false,
      failure: `${broken} exited with code 127: error while loading shared libraries: libpython3.11.so.1.0`,
    });
    expect(fact.packages).toBeUndefined();
  });
});

describe.concurrent('worker probe: an environment archive built here (python.archives)', () => {
  // Each archive is built once and only read by the tests that name it.
  const built = new Map<string, Promise<{ dir: string; name: string }>>();
  const archived = (kind: 'zip' | 'tar.gz', copies: boolean) => {
    const key = `${kind} ${copies}`;
    if (!built.has(key)) built.set(key, buildArchive(kind, copies));
    return built.get(key)!;
  };
  async function buildArchive(kind: 'zip' | 'tar.gz', copies: boolean): Promise<{ dir: string; name: string }> {
    const venv = await makeVenv('3.11.7', { copies, name: 'venv' });
    await writeFileDeep(
      join(venv.sitePackages, 'apache_flink-1.20.1.dist-info', 'METADATA'),
      'Metadata-Version: 2.1\nName: apache-flink\nVersion: 1.20.1\n',
    );
    const dir = await tempDir('ship-');
    const name = kind === 'zip' ? 'venv.zip' : 'venv.tar.gz';
    await (kind === 'zip' ? zipFolder(venv.dir, join(dir, name)) : tarGzFolder(venv.dir, join(dir, name)));
    return { dir, name };
  }

  for (const kind of ['zip', 'tar.gz'] as const) {
    it(`${kind} made by python -m venv: bin/python is a symlink out of the archive`, async ({ expect }) => {
      const { dir, name } = await archived(kind, false);
      const fact = await workerFact({
        confDir: (await confDir(`python.archives: ${name}\npython.executable: ${name}/venv/bin/python\n`)).dir,
        cwd: dir,
      });
      expect(fact.archiveRead?.interpreter?.resolution).toMatchObject({
        kind: 'outside',
        link: 'venv/bin/python',
        target: expect.stringMatching(/^\//),
      });
    });

    it(`${kind} made with --copies: a real interpreter inside, its minor and apache-flink read from the archive`, async ({ expect }) => {
      const { dir, name } = await archived(kind, true);
      const fact = await workerFact({
        confDir: (await confDir(`python.archives: ${name}\npython.executable: ${name}/venv/bin/python\n`)).dir,
        cwd: dir,
      });
      expect(fact.archiveRead?.status).toBe('read');
      expect(fact.archiveRead?.interpreter).toMatchObject({
        inside: 'venv/bin/python',
        resolution: { kind: 'file' },
        pythonMinor: '3.11',
        flinkVersion: '1.20.1',
      });
    });
  }

  it('python.executable naming a path the archive does not hold', async ({ expect }) => {
    const { dir, name } = await archived('tar.gz', true);
    const fact = await workerFact({
      confDir: (await confDir(`python.archives: ${name}\npython.executable: ${name}/env/bin/python\n`)).dir,
      cwd: dir,
    });
    expect(fact.archiveRead?.interpreter).toMatchObject({ inside: 'env/bin/python', resolution: { kind: 'missing' } });
    expect(fact.archiveRead?.environments).toEqual(['venv']);
  });
});

describe.concurrent('python.worker end to end (real probes, one run)', () => {
  it("another venv of the client's minor and apache-flink: ok, named by its config file", async ({ expect }) => {
    const conf = await confDir(`python.executable: ${twin.python}\n`);
    const result = await runCheck(pythonWorker, { python: client.python, confDir: conf.dir });
    expect(result.status).toBe('ok');
    expect(result.summary).toBe(
      `Python 3.11.7 from python.executable in ${conf.file}: same minor as the client, apache-flink 1.20.1 as on the client`,
    );
  });
});

describe.concurrent('worker probe: python.executable set in the job (--job)', () => {
  it('the job\'s set("python.executable") wins over the config file\'s, named by its line', async ({ expect }) => {
    const conf = await confDir(`python.executable: ${client.python}\n`);
    const dir = await tempDir('job-');
    const job = await writeFileDeep(
      join(dir, 'job.py'),
      `from pyflink.table import TableEnvironment\nt_env.get_config().set("python.executable", "${twin.python}")\n`,
    );
    const fact = await workerFact({ confDir: conf.dir, job: [job], cwd: dir });
    expect(fact).toMatchObject({ status: 'inspected', inJob: true, configured: twin.python, file: `${job}:2`, sameAsClient: false });
    expect(fact.python?.provenance).toEqual({ source: 'python.executable in the job', detail: `${job}:2` });
  });

  it('a bare Python 3.13 from set_python_executable(): an error naming apache-flink missing (a real interpreter)', async ({ expect }) => {
    const bare = pyenvPython('3.13.0');
    const dir = await tempDir('job-');
    const job = await writeFileDeep(
      join(dir, 'job.py'),
      `from pyflink.table import TableEnvironment\nt_env.set_python_executable("${bare}")\n`,
    );
    const result = await runCheck(pythonWorker, { python: client.python, job: [job], cwd: dir });
    expect(result.status).toBe('error');
    expect(result.summary).toBe(
      `apache-flink is not installed in the workers' interpreter ${bare}: Python UDFs fail with "No module named 'pyflink'"; python.executable in ${job}:2 is ${bare} (Python 3.13.0)`,
    );
    expect(result.details).toContain(
      'client 3.11, workers 3.13: cloudpickle payloads built on one Python minor are not guaranteed to load on another',
    );
  });
});

describe.concurrent('worker probe: python.executable only in the config file, a DataStream job (--job)', () => {
  const DATASTREAM_JOB =
    'from pyflink.datastream import StreamExecutionEnvironment\nenv = StreamExecutionEnvironment.get_execution_environment()\n' +
    'env.from_collection([1, 2]).map(lambda x: x + 1).print()\n';

  it('also looks at `python` on PATH, which `python job.py` starts instead (here: none, so python.worker is an error)', async ({
    expect,
  }) => {
    const conf = await confDir(`python.executable: ${twin.python}\n`);
    const dir = await tempDir('job-');
    const job = await writeFileDeep(join(dir, 'job.py'), DATASTREAM_JOB);
    const fact = await workerFact({ confDir: conf.dir, job: [job], cwd: dir });
    expect(fact).toMatchObject({ status: 'inspected', configured: twin.python, sameAsClient: false });
    expect(fact.pathPython?.python).toMatchObject({ found: false, runs: false });
    const result = await runCheck(pythonWorker, { python: client.python, confDir: conf.dir, job: [job], cwd: dir });
    expect(result.status).toBe('error');
    expect(result.summary).toContain('a DataStream job run here ignores python.executable in');
  });

  it('not for a Table API job, nor when the job sets python.executable itself', async ({ expect }) => {
    const conf = await confDir(`python.executable: ${twin.python}\n`);
    const dir = await tempDir('job-');
    const table = await writeFileDeep(join(dir, 'table.py'), 'from pyflink.table import TableEnvironment\n');
    expect((await workerFact({ confDir: conf.dir, job: [table], cwd: dir })).pathPython).toBeUndefined();
    const own = await writeFileDeep(join(dir, 'own.py'), `${DATASTREAM_JOB}env.set_python_executable("${twin.python}")\n`);
    expect((await workerFact({ confDir: conf.dir, job: [own], cwd: dir })).pathPython).toBeUndefined();
  });
});
