// Real virtual environments in the cache, installed by pip from pinned files only (--no-index): the
// apache-flink wheel, the apache-flink-libraries sdist built into a wheel once, and for a full install the
// closure pip resolved when it was pinned. Later steps reproduce what users do after the fact
// (`pip install pyarrow==21.0.0` into a working env), and pip's own output is kept for the tests.
import { execFile } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { mkdtemp, readFile, readdir, rm, symlink, writeFile } from 'node:fs/promises';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { PINS, pypiFile } from './artifacts.js';
import { cachedDir, cachePath } from './cache.js';

const run = promisify(execFile);
const BUILD_TOOLS = ['setuptools-75.3.0-py3-none-any.whl', 'wheel-0.45.1-py3-none-any.whl'];

/** pyenv's interpreter for a minor ("3.11"), or undefined when this machine lacks it. */
export function pyenvPython(minor: string): string | undefined {
  const root = process.env.PYENV_ROOT || join(homedir(), '.pyenv');
  const versions = existsSync(join(root, 'versions')) ? readdirSync(join(root, 'versions')) : [];
  const full = versions
    .filter((v) => v.startsWith(`${minor}.`))
    .sort()
    .pop();
  const python = full && join(root, 'versions', full, 'bin', 'python');
  return python && existsSync(python) ? python : undefined;
}

export function requirePython(minor: string): string {
  const python = pyenvPython(minor);
  if (!python) throw new MissingPython(minor);
  return python;
}

export class MissingPython extends Error {
  constructor(readonly minor: string) {
    super(`Python ${minor} is not installed under pyenv on this machine (\`pyenv install ${minor}\` to run this case)`);
  }
}

async function pip(python: string, args: string[]): Promise<string> {
  try {
    const options = { maxBuffer: 64 * 1024 * 1024, timeout: 20 * 60_000 };
    const { stdout, stderr } = await run(python, ['-m', 'pip', '--disable-pip-version-check', ...args], options);
    return stdout + stderr;
  } catch (error) {
    const { stdout = '', stderr = '' } = error as { stdout?: string; stderr?: string };
    throw new Error(`pip ${args.join(' ')} failed:\n${(stdout + stderr).slice(-4000)}`);
  }
}

/** A venv with only setuptools and wheel, to build the pinned sdists offline (no build isolation). */
function buildEnv(minor: string): Promise<string> {
  return cachedDir(cachePath('build-env', `py${minor}`), async (dir) => {
    await run(requirePython(minor), ['-m', 'venv', dir]);
    const tools = await Promise.all(BUILD_TOOLS.map(pypiFile));
    await pip(join(dir, 'bin', 'python'), ['install', '--no-index', '--no-deps', ...tools]);
  });
}

/** The wheel pip builds from a pinned sdist, built once per Python minor (crcmod and friends compile C). */
async function builtWheel(sdist: string, minor: string): Promise<string> {
  const source = await pypiFile(sdist);
  const dir = await cachedDir(cachePath('built', `py${minor}`, sdist.replace(/\.tar\.gz$/, '')), async (out) => {
    const python = join(await buildEnv(minor), 'bin', 'python');
    await pip(python, ['wheel', '--no-deps', '--no-build-isolation', '--no-index', '--wheel-dir', out, source]);
  });
  const wheel = (await readdir(dir)).find((name) => name.endsWith('.whl'));
  if (!wheel) throw new Error(`building ${sdist} left no wheel in ${dir}`);
  return join(dir, wheel);
}

/** Installable files for pinned names: downloads wheels, builds sdists. */
export function installables(files: string[], minor: string): Promise<string[]> {
  return Promise.all(files.map((file) => (file.endsWith('.whl') ? pypiFile(file) : builtWheel(file, minor))));
}

export interface PipStep {
  /** Requirements as a user types them ("apache-flink==1.20.5", "pyarrow==21.0.0"). */
  requirements: string[];
  /** Pinned files pip may choose from (nothing else is visible to it). */
  files: string[];
  noDeps?: boolean;
}

export interface VenvSpec {
  /** Cache key: a directory name saying what the env holds. */
  name: string;
  python: string;
  steps: PipStep[];
}

export interface RealVenv {
  dir: string;
  python: string;
  /** site-packages, where pip put pyflink/. */
  sitePackages: string;
  /** What pip printed for each step (its dependency-conflict warnings are part of the truth). */
  pipLog: string;
}

/** The venv for `spec`, created once in the cache. */
export async function realVenv(spec: VenvSpec): Promise<RealVenv> {
  const dir = await cachedDir(cachePath('venvs', spec.name), async (target) => {
    await run(requirePython(spec.python), ['-m', 'venv', target]);
    const logs: string[] = [];
    for (const step of spec.steps) logs.push(await pipStep(join(target, 'bin', 'python'), step, spec.python));
    await writeFile(join(target, 'pip.log'), logs.join('\n'));
  });
  const sitePackages = join(dir, 'lib', `python${spec.python}`, 'site-packages');
  return { dir, python: join(dir, 'bin', 'python'), sitePackages, pipLog: await readFile(join(dir, 'pip.log'), 'utf8') };
}

/** One `pip install` against a folder holding exactly the step's pinned files (as symlinks). */
async function pipStep(python: string, step: PipStep, minor: string): Promise<string> {
  const links = await mkdtemp(join(tmpdir(), 'real-links-'));
  try {
    for (const file of await installables(step.files, minor)) await symlink(file, join(links, file.split('/').pop() as string));
    const args = ['install', '--no-index', '--find-links', links, ...(step.noDeps ? ['--no-deps'] : []), ...step.requirements];
    return `$ pip ${step.requirements.join(' ')}\n${await pip(python, args)}`;
  } finally {
    await rm(links, { recursive: true, force: true });
  }
}

/** The pinned closure files of `apache-flink==<version>@<python>`. */
export function closureFiles(flink: string, python: string): string[] {
  const closure = PINS.closures[`apache-flink==${flink}@${python}`];
  if (!closure) throw new Error(`no pinned closure for apache-flink ${flink} on Python ${python} (scripts/real/update-pins.mjs --closure)`);
  return closure.files;
}
