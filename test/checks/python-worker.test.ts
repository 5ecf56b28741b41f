// python.worker: its decision table on built facts (client: Python 3.11.7 with apache-flink 2.2.1). The worker probe
// (python.executable read from a real config, the client's answer reused, PATH lookup, archives opened on disk) is
// tested against real interpreters and archives in test/python/python-worker.test.ts.
import { describe, expect, it } from 'vitest';
import pythonWorker from '../../checks/python-worker.js';
import type { ArchiveRead, PythonFact, WorkerFact } from '../../src/facts/index.js';
import { emptyNeeds } from '../../src/job/model.js';
import {
  buildFacts,
  decide,
  distribution,
  healthyDistributions,
  PYFLINK_DIR,
  PYTHON,
  pythonOf,
  targetOf,
  type FactsOverrides,
} from '../helpers/facts.js';

const CONF = `${PYFLINK_DIR}/conf/config.yaml`;
const WORKER = '/opt/py311/bin/python';

/** The packages fact of an interpreter holding the healthy 2.2.1 set, changed by `change` (null removes one). */
function packages(change: Record<string, string | null> = {}): WorkerFact['packages'] {
  const distributions = healthyDistributions();
  for (const [name, version] of Object.entries(change)) {
    if (version === null) delete distributions[name];
    else distributions[name] = distribution(name, version, distributions[name]?.requires ?? []);
  }
  return { distributions, duplicates: [], problems: [] };
}

/** python.executable set to `configured` and inspected: `python` is what the probe saw. */
function inspected(python: PythonFact, extra: Partial<WorkerFact> = {}): Partial<WorkerFact> {
  return {
    status: 'inspected',
    configured: python.requested,
    file: CONF,
    archives: [],
    python,
    sameAsClient: false,
    packages: packages(),
    ...extra,
  };
}

/** python.executable unset, `python` from PATH inspected instead: `python` is what the probe saw there. */
function fromPath(python: PythonFact, extra: Partial<WorkerFact> = {}): Partial<WorkerFact> {
  return { status: 'unset', fromPath: true, file: CONF, archives: [], python, sameAsClient: false, packages: packages(), ...extra };
}

const worker = (python = pythonOf('3.11.7', { requested: WORKER, executable: WORKER }), extra: Partial<WorkerFact> = {}) =>
  inspected(python, extra);
const judge = (overrides: FactsOverrides) => decide(pythonWorker, buildFacts(overrides));
/** The config file's python.executable decides runs on a cluster; `python job.py` ignores it (see the local rows). */
const onCluster = (overrides: FactsOverrides) => judge({ run: { remote: '--cluster' }, ...overrides });
const clientFix = `Set python.executable in ${CONF} to a Python 3.11 interpreter with apache-flink 2.2.1 that exists on every TaskManager (locally the client's: python.executable: ${PYTHON})`;

describe('python.worker decisions: python.executable set and inspected (built facts)', () => {
  it("ok: another interpreter of the client's minor with the client's apache-flink", () => {
    const outcome = judge({ worker: worker() });
    expect(outcome.status).toBe('ok');
    expect(outcome.summary).toBe(
      `Python 3.11.7 from python.executable in ${CONF}: same minor as the client, apache-flink 2.2.1 as on the client`,
    );
    expect(outcome.facts).toMatchObject({
      executable: WORKER,
      version: '3.11.7',
      clientFlink: '2.2.1',
      workerFlink: '2.2.1',
      sameAsClient: false,
    });
    // What real installs showed: a local run ignores the config file's python.executable.
    expect(outcome.details?.at(-1)).toMatch(/^a job run locally \(python job\.py\) ignores the config file's python\.executable/);
  });

  it('ok: the client interpreter itself, its answer reused', () => {
    const client = buildFacts().python;
    const outcome = judge({ worker: inspected(client, { sameAsClient: true }) });
    expect(outcome.summary).toBe(`Python 3.11.7 from python.executable in ${CONF}: the client interpreter, apache-flink 2.2.1`);
    expect(outcome.details?.[0]).toBe(`interpreter: ${PYTHON} (the client interpreter: its answer was reused)`);
  });

  // A risk, not a certain failure: the real tier ran a 3.11 client's UDFs to the end on 3.12 workers (worker-other-release).
  it('warning: another Python minor than the client: cloudpickle payloads are not guaranteed to load', () => {
    const outcome = onCluster({ worker: worker(pythonOf('3.10.13', { requested: WORKER, executable: WORKER })) });
    expect(outcome.status).toBe('warning');
    expect(outcome.summary).toBe(
      `client 3.11, workers 3.10: cloudpickle payloads built on one Python minor are not guaranteed to load on another; python.executable in ${CONF} is ${WORKER} (Python 3.10.13)`,
    );
    expect(outcome.fix).toBe(clientFix);
  });

  it('warning: a minor the target does not list, even when the client has it too', () => {
    const py38 = pythonOf('3.8.18');
    const outcome = onCluster({ python: py38, worker: worker(pythonOf('3.8.18', { requested: WORKER, executable: WORKER })) });
    expect(outcome.status).toBe('warning');
    expect(outcome.summary).toMatch(/^workers run Python 3\.8, which Flink 2\.2 does not list \(supported: 3\.9, 3\.10, 3\.11, 3\.12\)/);
  });

  it('error: Python 2 on the workers', () => {
    const outcome = onCluster({ worker: worker(pythonOf('2.7.18', { requested: WORKER, executable: WORKER })) });
    expect(outcome.status).toBe('error');
    expect(outcome.summary).toBe(
      `workers run Python 2.7.18: PyFlink needs Python 3 (Flink 2.2 supports 3.9, 3.10, 3.11, 3.12); python.executable in ${CONF} is ${WORKER} (Python 2.7.18)`,
    );
  });

  it('error: the configured interpreter is missing or does not run', () => {
    const missing = onCluster({
      worker: worker(
        pythonOf('3.11.7', { requested: WORKER, found: false, runs: false, version: undefined, failure: `${WORKER} does not exist` }),
      ),
    });
    expect(missing.status).toBe('error');
    expect(missing.summary).toBe(`Python worker interpreter not found: ${WORKER} does not exist (python.executable in ${CONF})`);
    expect(missing.fix).toBe(clientFix);
    const broken = onCluster({
      worker: worker(pythonOf('3.11.7', { requested: WORKER, runs: false, version: undefined, failure: 'exited with code 1' })),
    });
    expect(broken.summary).toBe(`Python worker interpreter ${WORKER} (python.executable in ${CONF}) does not run: exited with code 1`);
  });

  it("warning: apache-flink missing, or of another release than the client's: the fix pins the client's release", () => {
    const missing = judge({ worker: worker(undefined, { packages: packages({ 'apache-flink': null }) }) });
    expect(missing.status).toBe('warning');
    expect(missing.summary).toBe(
      `apache-flink is not installed in the workers' interpreter ${WORKER}: Python UDFs fail with "No module named 'pyflink'"`,
    );
    expect(missing.fix).toBe(`${WORKER} -m pip install "apache-flink==2.2.1"`);
    const other = judge({ worker: worker(undefined, { packages: packages({ 'apache-flink': '2.2.0' }) }) });
    expect(other.summary).toBe(`apache-flink 2.2.0 in the workers' interpreter ${WORKER}, 2.2.1 in the client's`);
  });

  it("warning: without apache-flink on the client, the worker's apache-flink is compared with the target", () => {
    const noClientFlink: FactsOverrides['pyflink'] = { installed: false, flink: undefined, libraries: undefined };
    const outcome = judge({ pyflink: noClientFlink, target: targetOf('2.1'), worker: worker() });
    expect(outcome.summary).toBe(`apache-flink 2.2.1 in the workers' interpreter ${WORKER}, the target is Flink 2.1`);
    expect(outcome.fix).toBe(`${WORKER} -m pip install "apache-flink==2.1.*"`);
  });

  it('warning: apache-flink without apache-beam: the fix installs the Beam range apache-flink requires', () => {
    const outcome = judge({ worker: worker(undefined, { packages: packages({ 'apache-beam': null }) }) });
    expect(outcome.status).toBe('warning');
    expect(outcome.summary).toContain(`apache-beam is not installed in the workers' interpreter ${WORKER}`);
    expect(outcome.fix).toBe(`${WORKER} -m pip install "apache-beam>=2.54.0,<=2.61.0"`);
  });

  it("a bare name is checked on this machine's PATH, and the details say the TaskManagers use their own", () => {
    const outcome = judge({ worker: worker(pythonOf('3.11.7', { requested: 'python3.11', executable: '/usr/bin/python3.11' })) });
    expect(outcome.details).toContain(
      "python3.11 is a bare name: checked on this machine's PATH; TaskManagers look it up on their own PATH",
    );
  });

  it('error: python.executable that is not a string', () => {
    const outcome = onCluster({ worker: { status: 'invalid', configured: '[a, b]', file: CONF, archives: [], sameAsClient: false } });
    expect(outcome.status).toBe('error');
    expect(outcome.summary).toBe(`python.executable in ${CONF} is [a, b], not the path of an interpreter`);
    expect(outcome.fix).toBe(clientFix);
  });
});

describe('python.worker decisions: python.executable unset (built facts)', () => {
  it('skipped when nothing on PATH was looked at, with the client interpreter to pin', () => {
    const outcome = judge({});
    expect(outcome.status).toBe('skipped');
    expect(outcome.summary).toBe(
      `python.executable is not set in ${CONF}: Table API jobs run locally start Python workers with the client's interpreter (sys.executable); DataStream jobs run locally, and every job on a cluster, run \`python\` from PATH`,
    );
    expect(outcome.details).toContain(
      `to pin the workers to a known interpreter, set python.executable: ${PYTHON} (or a Python 3.11 path that exists on every TaskManager)`,
    );
  });

  it("ok: `python` on PATH is the client's", () => {
    const outcome = judge({ worker: { ...fromPath(buildFacts().python), sameAsClient: true } });
    expect(outcome.status).toBe('ok');
    expect(outcome.summary).toBe(
      'Python 3.11.7 from python on PATH (python.executable is unset): the client interpreter, apache-flink 2.2.1',
    );
    expect(outcome.details?.[0]).toMatch(
      /^python\.executable is unset: `flink run` and Python workers started on this machine run `python` from PATH/,
    );
  });

  it("another minor on PATH is a warning, not an error (local TableEnvironment runs use the client's)", () => {
    const outcome = judge({ worker: fromPath(pythonOf('3.10.13', { requested: 'python', executable: '/usr/bin/python' })) });
    expect(outcome.status).toBe('warning');
    expect(outcome.summary).toBe(
      'client 3.11, workers 3.10: cloudpickle payloads built on one Python minor are not guaranteed to load on another; python on PATH (python.executable is unset) is python (Python 3.10.13)',
    );
    expect(outcome.fix).toBe(`Set python.executable: ${PYTHON} in ${CONF} (or -pyexec), so the workers run the client's interpreter`);
  });

  it('no `python` on PATH at all: a warning naming what cannot start', () => {
    const outcome = judge({
      worker: fromPath(
        pythonOf('3.11.7', { requested: 'python', found: false, runs: false, version: undefined, failure: 'python is not on PATH' }),
      ),
    });
    expect(outcome.status).toBe('warning');
    expect(outcome.summary).toBe(
      'python.executable is unset and there is no `python` on PATH: `flink run` and workers on this machine cannot start Python',
    );
  });
});

describe('python.worker decisions: where python.executable is set, and where the job runs (built facts)', () => {
  const py313 = pythonOf('3.13.5', { requested: '/opt/py313/bin/python3.13', executable: '/opt/py313/bin/python3.13' });
  const bare = { 'apache-flink': null, 'apache-beam': null };
  const JOB = '/home/dev/project/job.py:12';
  const inJob = (python: PythonFact, extra: Partial<WorkerFact> = {}) =>
    inspected(python, { file: JOB, inJob: true, packages: packages(bare), ...extra });

  const missing = pythonOf('3.11.7', {
    requested: WORKER,
    found: false,
    runs: false,
    version: undefined,
    failure: `${WORKER} does not exist`,
  });

  it('config file, run here (python job.py): a warning that says it matters for `flink run` and the cluster', () => {
    const outcome = judge({ worker: worker(missing) });
    expect(outcome.status).toBe('warning');
    expect(outcome.summary).toBe(
      `Python worker interpreter not found: ${WORKER} does not exist (python.executable in ${CONF}) (matters for \`flink run\` and on the cluster; \`python job.py\` ignores it)`,
    );
    expect(outcome.details?.at(-1)).toMatch(/^a job run locally \(python job\.py\) ignores the config file's python\.executable/);
  });

  it.each([['--cluster'], ['--deploy'], ['execution.target: remote'], ['rest.address: flink-jobmanager']])(
    'config file, run on a cluster (%s): an error',
    (remote) => {
      const outcome = judge({ run: { remote }, worker: worker(missing) });
      expect(outcome.status).toBe('error');
      expect(outcome.details?.[0]).toBe(`the job runs on a cluster (${remote}): its workers run this interpreter`);
    },
  );

  it("config file, a bare Python 3.13 for a cluster run: a warning (another minor, and this machine's copy of the path may not be the TaskManagers')", () => {
    const outcome = onCluster({ worker: worker(py313, { packages: packages(bare) }) });
    expect(outcome.status).toBe('warning');
    expect(outcome.summary).toMatch(/^client 3\.11, workers 3\.13: cloudpickle payloads built on one Python minor/);
    expect(outcome.details).toContain(
      "apache-flink is not installed in the workers' interpreter /opt/py313/bin/python3.13: Python UDFs fail with \"No module named 'pyflink'\"",
    );
  });

  it('set in the job: an error here too, apache-flink missing named first (the workers die importing pyflink)', () => {
    const outcome = judge({ worker: inJob(py313) });
    expect(outcome.status).toBe('error');
    expect(outcome.summary).toBe(
      `apache-flink is not installed in the workers' interpreter /opt/py313/bin/python3.13: Python UDFs fail with "No module named 'pyflink'"; python.executable in ${JOB} is /opt/py313/bin/python3.13 (Python 3.13.5)`,
    );
    expect(outcome.details).toContain(
      'client 3.11, workers 3.13: cloudpickle payloads built on one Python minor are not guaranteed to load on another',
    );
    expect(outcome.fix).toMatch(new RegExp(`^Set python.executable in ${JOB} to a Python 3.11 interpreter with apache-flink 2.2.1`));
  });

  it("set in the job, the client's minor without apache-flink: an error run here, a warning on a cluster (the path there is another machine's)", () => {
    const py311 = pythonOf('3.11.9', { requested: WORKER, executable: WORKER });
    const here = judge({ worker: inJob(py311) });
    expect(here.status).toBe('error');
    expect(here.summary).toBe(
      `apache-flink is not installed in the workers' interpreter ${WORKER}: Python UDFs fail with "No module named 'pyflink'"; python.executable in ${JOB} is ${WORKER} (Python 3.11.9)`,
    );
    expect(judge({ run: { remote: '--cluster' }, worker: inJob(py311) }).status).toBe('warning');
  });

  it('set in the job from a value known only at run time: skipped, naming the expression', () => {
    const outcome = judge({
      worker: { status: 'computed', configured: 'os.environ["PY"]', file: JOB, inJob: true, archives: [], sameAsClient: false },
    });
    expect(outcome.status).toBe('skipped');
    expect(outcome.summary).toBe(
      `python.executable in ${JOB} is computed at run time (os.environ["PY"]): the workers' interpreter is not known here`,
    );
  });
});

describe('python.worker decisions: a DataStream job with python.executable unset runs `python` from PATH (built facts)', () => {
  const noPython = pythonOf('3.11.7', {
    requested: 'python',
    found: false,
    runs: false,
    version: undefined,
    failure: 'python is not on PATH',
  });
  const place = { file: '/home/dev/project/job.py', line: 3 };
  const dataStream: FactsOverrides['job'] = { files: [place.file], needs: { ...emptyNeeds(), dataStream: place, pythonFunction: place } };
  const noFunction: FactsOverrides['job'] = { files: [place.file], needs: { ...emptyNeeds(), dataStream: place } };
  const mixed: FactsOverrides['job'] = { files: [place.file], needs: { ...emptyNeeds(), dataStream: place, tableApi: place } };

  it('no `python` on PATH: an error whose fix sets python.executable or activates the venv', () => {
    const outcome = judge({ job: dataStream, worker: fromPath(noPython) });
    expect(outcome.status).toBe('error');
    expect(outcome.summary).toBe(
      "python.executable is unset and there is no `python` on PATH: this DataStream job's workers cannot start Python",
    );
    expect(outcome.fix).toBe(
      `Set python.executable to the client's interpreter in the job: env.set_python_executable("${PYTHON}"); or activate the client's venv so \`python\` on PATH is ${PYTHON} (\`python job.py\` does not read python.executable from ${CONF})`,
    );
  });

  it("python.executable only in the config file: a DataStream job run here ignores it (datastream-python-in-config), so PATH's python decides", () => {
    const configured = (pathPython: PythonFact): Partial<WorkerFact> =>
      worker(undefined, { pathPython: { python: pathPython, sameAsClient: false, packages: packages() } });
    const outcome = judge({ job: dataStream, worker: configured(noPython) });
    expect(outcome.status).toBe('error');
    expect(outcome.summary).toBe(
      `a DataStream job run here ignores python.executable in ${CONF} and starts \`python\` from PATH, and there is none: its workers cannot start Python`,
    );
    expect(outcome.fix).toBe(
      `Set it in the job: env.set_python_executable("${WORKER}") (the job's own setting is used here and on a cluster); or activate a venv with apache-flink so \`python\` on PATH can run the workers`,
    );
    // A `python` on PATH with apache-flink runs the workers: the configured interpreter is judged as usual.
    const onPath = pythonOf('3.11.2', { requested: 'python', executable: '/usr/bin/python' });
    expect(judge({ job: dataStream, worker: configured(onPath) }).status).toBe('ok');
    const noFlink = { python: onPath, sameAsClient: false, packages: packages({ 'apache-flink': null }) };
    expect(judge({ job: dataStream, worker: worker(undefined, { pathPython: noFlink }) }).status).toBe('error');
    // On a cluster, or set in the job, the configured interpreter is what the workers run.
    expect(judge({ job: dataStream, run: { remote: '--cluster' }, worker: configured(noPython) }).status).toBe('ok');
    expect(
      judge({
        job: dataStream,
        worker: worker(undefined, { inJob: true, pathPython: { python: noPython, sameAsClient: false } }),
      }).status,
    ).toBe('ok');
  });

  it("PATH's python without apache-flink: an error; of another minor: a warning (a risk, as for python.executable)", () => {
    const other = pythonOf('3.11.2', { requested: 'python', executable: '/usr/bin/python' });
    expect(judge({ job: dataStream, worker: fromPath(other, { packages: packages({ 'apache-flink': null }) }) }).status).toBe('error');
    const minor = pythonOf('3.10.13', { requested: 'python', executable: '/usr/bin/python' });
    expect(judge({ job: dataStream, worker: fromPath(minor) }).status).toBe('warning');
  });

  it("PATH's python with apache-flink of another release stays a warning", () => {
    const other = pythonOf('3.11.2', { requested: 'python', executable: '/usr/bin/python' });
    expect(judge({ job: dataStream, worker: fromPath(other, { packages: packages({ 'apache-flink': '2.2.0' }) }) }).status).toBe('warning');
  });

  it('a DataStream job that hands the JVM no Python function starts no worker (datastream-kafka): a warning', () => {
    expect(judge({ job: noFunction, worker: fromPath(noPython) }).status).toBe('warning');
  });

  it("a job that also uses the Table API, a run on a cluster, or no --job: today's warning", () => {
    expect(judge({ job: mixed, worker: fromPath(noPython) }).status).toBe('warning');
    expect(judge({ job: dataStream, run: { remote: '--cluster' }, worker: fromPath(noPython) }).status).toBe('warning');
    expect(judge({ worker: fromPath(noPython) }).status).toBe('warning');
  });
});

describe('python.worker decisions: paths resolved on the workers (built facts)', () => {
  const inArchive = (archiveRead?: ArchiveRead): Partial<WorkerFact> => ({
    status: 'archive',
    configured: 'venv.zip/venv/bin/python',
    file: CONF,
    archives: ['venv.zip'],
    archive: 'venv.zip',
    sameAsClient: false,
    ...(archiveRead ? { archiveRead } : {}),
  });
  const read = (extra: Partial<ArchiveRead> = {}): ArchiveRead => ({
    entry: 'venv.zip',
    path: '/work/venv.zip',
    status: 'read',
    entries: 2400,
    outwardLinks: [],
    environments: ['venv'],
    interpreter: {
      inside: 'venv/bin/python',
      resolution: { kind: 'file', path: 'venv/bin/python3.11' },
      root: 'venv',
      pythonMinor: '3.11',
      minorFrom: 'pyvenv.cfg',
      flinkVersion: '2.2.1',
    },
    ...extra,
  });
  const withInterpreter = (change: Partial<NonNullable<ArchiveRead['interpreter']>>) =>
    read({ interpreter: { ...read().interpreter!, ...change } });
  const rebuild =
    'Rebuild venv.zip so that venv/bin/python is a real file: `python -m venv --copies` (or conda-pack), with Python 3.11 and apache-flink 2.2.1';

  it('a relative path outside any archive: skipped, resolved on the workers', () => {
    const outcome = judge({ worker: { status: 'relative', configured: 'envs/bin/python', file: CONF, archives: [], sameAsClient: false } });
    expect(outcome.status).toBe('skipped');
    expect(outcome.summary).toBe(
      'python.executable envs/bin/python is a relative path: the workers resolve it against their working directory (where python.archives are extracted), so it cannot be checked locally',
    );
  });

  it('an archive that was not opened: skipped, saying what it must hold (and to ship it when python.archives is unset)', () => {
    const outcome = judge({ worker: { ...inArchive(), archives: [] } });
    expect(outcome.status).toBe('skipped');
    expect(outcome.summary).toContain('is inside the archive venv.zip (python.archives)');
    expect(outcome.details).toContain(
      'python.archives is not set in the Flink config: ship the archive with -pyarch or add_python_archive() in the job, or the path will not exist',
    );
    expect(outcome.details).toContain("the archive's interpreter needs Python 3.11 and apache-flink 2.2.1, like the client");
  });

  it("ok: a real interpreter inside, the client's minor and apache-flink", () => {
    const outcome = judge({ worker: inArchive(read()) });
    expect(outcome.status).toBe('ok');
    expect(outcome.summary).toBe(
      'python.executable venv.zip/venv/bin/python: a real interpreter inside venv.zip, Python 3.11, apache-flink 2.2.1',
    );
  });

  it('a remote archive is skipped; an unreadable one is an error', () => {
    expect(judge({ worker: inArchive(read({ entry: 'hdfs:///envs/venv.zip', status: 'remote' })) }).summary).toBe(
      'python.executable venv.zip/venv/bin/python is inside hdfs:///envs/venv.zip, a remote archive flink-doctor does not download',
    );
    const unreadable = judge({ worker: inArchive(read({ status: 'unreadable', problem: '/work/venv.zip does not exist' })) });
    expect(unreadable.status).toBe('error');
    expect(unreadable.summary).toBe(
      'python.executable venv.zip/venv/bin/python is inside venv.zip, which cannot be read: /work/venv.zip does not exist',
    );
    expect(unreadable.fix).toBe(rebuild);
  });

  it('error: the interpreter is missing inside, a symlink out of the archive, or a loop', () => {
    const missing = judge({ worker: inArchive(withInterpreter({ resolution: { kind: 'missing' } })) });
    expect(missing.summary).toBe('python.executable venv.zip/venv/bin/python does not exist inside venv.zip (looked for venv/bin/python)');
    expect(missing.fix).toBe("Point python.executable at the interpreter's path inside the archive, e.g. venv.zip/venv/bin/python");
    const outside = judge({
      worker: inArchive(withInterpreter({ resolution: { kind: 'outside', link: 'venv/bin/python', target: '/usr/bin/python3.11' } })),
    });
    expect(outside.status).toBe('error');
    expect(outside.summary).toBe(
      'python.executable venv.zip/venv/bin/python: venv/bin/python in venv.zip is a symlink to /usr/bin/python3.11, outside the archive: it will not exist on the workers',
    );
    expect(outside.fix).toBe(rebuild);
    expect(judge({ worker: inArchive(withInterpreter({ resolution: { kind: 'loop' } })) }).summary).toBe(
      'python.executable venv.zip/venv/bin/python: a symlink loop inside venv.zip',
    );
  });

  it("warning: the archive's Python is another minor than the client's, or one the line does not list (a risk)", () => {
    const other = judge({ worker: inArchive(withInterpreter({ pythonMinor: '3.10' })) });
    expect(other.status).toBe('warning');
    expect(other.summary).toBe(
      "python.executable venv.zip/venv/bin/python: the archive's Python is 3.10 (pyvenv.cfg), the client's 3.11: cloudpickle payloads built on one Python minor are not guaranteed to load on another",
    );
    const old = judge({ python: pythonOf('3.8.18'), worker: inArchive(withInterpreter({ pythonMinor: '3.8' })) });
    expect(old.status).toBe('warning');
    expect(old.summary).toBe(
      "python.executable venv.zip/venv/bin/python: the archive's Python 3.8 is not one Flink 2.2 lists (3.9, 3.10, 3.11, 3.12)",
    );
  });

  it("warning: no apache-flink in the archive, or another release than the client's", () => {
    const none = judge({ worker: inArchive(withInterpreter({ flinkVersion: undefined })) });
    expect(none.status).toBe('warning');
    expect(none.summary).toBe(
      "python.executable venv.zip/venv/bin/python: the archive's environment has no apache-flink: Python UDFs fail with \"No module named 'pyflink'\"",
    );
    expect(judge({ worker: inArchive(withInterpreter({ flinkVersion: '2.1.0' })) }).summary).toBe(
      'python.executable venv.zip/venv/bin/python: the archive holds apache-flink 2.1.0, the client 2.2.1',
    );
  });
});
