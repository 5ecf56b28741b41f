// What the start-up benchmarks run flink-doctor in: a healthy PyFlink 2.3 environment, as a developer has it.
// A real venv with apache-flink 2.3.0 and its pinned dependencies installed by pip, activated (VIRTUAL_ENV, its
// bin/ first on PATH), java from PATH, in an empty working directory. Reused from the real tier's cache when it
// holds one (scripts/real/venv.ts builds venvs/flink-2.3.0-py3.12-closure), else built once by pip from PyPI
// into ${FLINK_DOCTOR_REAL_CACHE:-~/.cache/flink-doctor-real}/bench/ (a few minutes, ~1 GB, once per machine).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, join } from 'node:path';

const FLINK = '2.3.0';
/** Pythons apache-flink 2.3 supports (compat-matrix.json), the newest first. */
const MINORS = ['3.12', '3.11', '3.10', '3.9'];
/** The real tier's completion marker (scripts/real/cache.ts): a venv without it is half-built. */
const REAL_COMPLETE = '.flink-doctor-real-complete';
const BENCH_COMPLETE = '.flink-doctor-bench-complete';

const cacheRoot = () => process.env.FLINK_DOCTOR_REAL_CACHE || join(homedir(), '.cache', 'flink-doctor-real');
const pythonOf = (venv) => join(venv, 'bin', 'python');

/** The venv to use: `given`, else the real tier's, else the benchmark's own (built when missing). */
export function healthyVenv(given) {
  if (given) {
    if (!existsSync(pythonOf(given))) throw new Error(`--venv ${given}: no bin/python in it`);
    return given;
  }
  const real = join(cacheRoot(), 'venvs');
  const reused =
    existsSync(real) &&
    readdirSync(real).find(
      (name) => name.startsWith(`flink-${FLINK}-py`) && name.endsWith('-closure') && existsSync(join(real, name, REAL_COMPLETE)),
    );
  return reused ? join(real, reused) : buildVenv();
}

function buildVenv() {
  const python = basePython();
  const minor = execFileSync(python, ['-c', 'import sys; print("%d.%d" % sys.version_info[:2])'], { encoding: 'utf8' }).trim();
  const dir = join(cacheRoot(), 'bench', `flink-${FLINK}-py${minor}`);
  if (existsSync(join(dir, BENCH_COMPLETE))) return dir;
  // Built in place (a venv's scripts hold absolute paths, so it cannot be moved) and trusted only once the marker is written.
  console.error(`building a PyFlink ${FLINK} venv for the benchmark in ${dir} (pip, from PyPI; once per machine)`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  execFileSync(python, ['-m', 'venv', dir], { stdio: 'inherit' });
  execFileSync(pythonOf(dir), ['-m', 'pip', 'install', '--disable-pip-version-check', '--quiet', `apache-flink==${FLINK}`], {
    stdio: 'inherit',
  });
  writeFileSync(join(dir, BENCH_COMPLETE), `${new Date().toISOString()}\n`);
  return dir;
}

/** A Python apache-flink 2.3 supports: pyenv's newest fitting one, else python3 on PATH when it fits. */
function basePython() {
  const root = process.env.PYENV_ROOT || join(homedir(), '.pyenv');
  const versions = existsSync(join(root, 'versions')) ? readdirSync(join(root, 'versions')) : [];
  for (const minor of MINORS) {
    const full = versions
      .filter((v) => v.startsWith(`${minor}.`))
      .sort()
      .pop();
    if (full && existsSync(join(root, 'versions', full, 'bin', 'python'))) return join(root, 'versions', full, 'bin', 'python');
  }
  const minor = execFileSync('python3', ['-c', 'import sys; print("%d.%d" % sys.version_info[:2])'], { encoding: 'utf8' }).trim();
  if (!MINORS.includes(minor))
    throw new Error(`apache-flink ${FLINK} needs Python ${MINORS.join(', ')}; python3 is ${minor} (pass --venv DIR)`);
  return 'python3';
}

/** The environment of an activated venv; FLINK_HOME and PyFlink's own overrides cleared so the venv decides. */
export function activatedEnv(venv, extra = {}) {
  const env = { ...process.env, VIRTUAL_ENV: venv, PATH: `${join(venv, 'bin')}${delimiter}${process.env.PATH ?? ''}`, ...extra };
  for (const name of ['FLINK_HOME', 'FLINK_CONF_DIR', 'PYFLINK_CLIENT_EXECUTABLE', 'CONDA_PREFIX', 'PYTHONHOME', 'PYTHONPATH', 'CI'])
    delete env[name];
  return env;
}

/** The file a bare name resolves to on `env`'s PATH (what flink-doctor's own lookup finds). */
export function onPath(name, env) {
  for (const dir of (env.PATH ?? '').split(delimiter)) {
    if (dir && existsSync(join(dir, name))) return join(dir, name);
  }
  throw new Error(`${name} is not on PATH`);
}
