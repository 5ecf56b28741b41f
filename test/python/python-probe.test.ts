// The python probe against every pyenv interpreter, the resolution order, and broken interpreters.
import { chmod, symlink } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { defaultOptions, type Options } from '../../src/engine/options.js';
import { parseProbeOutput } from '../../src/probes/python.js';
import { MARKER_ENVIRONMENT_KEYS } from '../../src/python/pep508.js';
import { findOnPath } from '../../src/probes/which.js';
import { PROBE_MARKER } from '../../src/probes/python-probe-script.js';
import { createFactStore } from '../../src/probes/registry.js';
import type { PythonFact } from '../../src/facts/index.js';
import { PYENV_VERSIONS, fakePython, makeVenv, pyenvPython, type Venv } from '../helpers/python-env.js';
import { isolatedEnv } from '../helpers/run-check.js';
import { bundledMatrix } from '../helpers/matrix.js';
import { tempDir, writeFileDeep } from '../helpers/tmp.js';

/** Runs the real python probe through the fact store with an environment the test controls. */
async function probe(options: Partial<Options> = {}): Promise<PythonFact> {
  const store = createFactStore(defaultOptions({ env: isolatedEnv(), ...options }), bundledMatrix());
  return store.get('python');
}

describe('python probe on every supported interpreter', () => {
  // Nine interpreters started side by side: each test waits on its own process (the test context's expect counts).
  it.concurrent.for(PYENV_VERSIONS)('Python %s answers with its version, sys.path and markers', async (version, { expect }) => {
    const python = pyenvPython(version);
    const fact = await probe({ python });
    expect(fact.failure).toBeUndefined();
    expect(fact.runs).toBe(true);
    expect(fact.found).toBe(true);
    expect(fact.version).toBe(version);
    expect(fact.implementation).toBe('CPython');
    expect(fact.executable).toBe(python);
    expect(fact.prefix).toBe(dirname(dirname(python)));
    expect(fact.inVirtualEnv).toBe(false);
    expect(fact.provenance).toEqual({ source: '--python' });
    const minor = version.split('.').slice(0, 2).join('.');
    expect(fact.sysPath).toContain(join(dirname(dirname(python)), 'lib', `python${minor}`, 'site-packages'));
    expect(fact.sysPath).not.toContain('');
    expect(fact.markers).toMatchObject({
      python_version: minor,
      python_full_version: version,
      implementation_name: version.startsWith('2.') ? '' : 'cpython',
      implementation_version: version.startsWith('2.') ? '0' : version,
      platform_python_implementation: 'CPython',
      os_name: 'posix',
      sys_platform: version.startsWith('2.') ? 'linux2' : 'linux',
      platform_system: 'Linux',
    });
    expect(fact.markers?.platform_machine).toMatch(/^(x86_64|aarch64)$/);
    expect(Object.keys(fact.markers ?? {}).sort()).toEqual([...MARKER_ENVIRONMENT_KEYS].sort());
  });

  it('reports a venv: prefix differs from base_prefix, sys.path has the venv site-packages', async () => {
    const venv = await makeVenv('3.11.7');
    const fact = await probe({ python: venv.python });
    expect(fact.runs).toBe(true);
    expect(fact.inVirtualEnv).toBe(true);
    expect(fact.prefix).toBe(venv.dir);
    expect(fact.basePrefix).toBe(dirname(dirname(pyenvPython('3.11.7'))));
    expect(fact.sysPath).toContain(venv.sitePackages);
    expect(fact.executable).toBe(venv.python);
  });

  it('is not fooled by a json.py in the working directory (-c puts the cwd on sys.path)', async () => {
    const cwd = await tempDir('shadow-');
    await writeFileDeep(join(cwd, 'json.py'), 'raise SystemExit("shadowed json imported")\n');
    const fact = await probe({ python: pyenvPython('3.11.7'), cwd });
    expect(fact.failure).toBeUndefined();
    expect(fact.runs).toBe(true);
    expect(fact.sysPath).not.toContain(cwd);
  });

  it('reports the implementation the interpreter names (a PyPy stand-in wrapping a real 3.11)', async () => {
    const python = await fakePython(`${pyenvPython('3.11.7')} "$@" | /bin/sed 's/"CPython"/"PyPy"/g'`);
    const fact = await probe({ python });
    expect(fact).toMatchObject({ runs: true, version: '3.11.7', implementation: 'PyPy' });
  });

  it('honours PYTHONPATH from the environment it is given', async () => {
    const extra = await tempDir('pythonpath-');
    const fact = await probe({ python: pyenvPython('3.12.1'), env: isolatedEnv({ PYTHONPATH: extra }) });
    expect(fact.sysPath[0]).toBe(extra);
  });
});

describe('python probe resolution order', () => {
  const py311 = () => pyenvPython('3.11.7');
  const py310 = () => pyenvPython('3.10.13');
  // The probe only reads these two: one of each for the whole describe block.
  let venv: Venv;
  let conda: Venv;
  beforeAll(async () => {
    [venv, conda] = await Promise.all([makeVenv('3.9.18'), makeVenv('3.10.13')]);
  });

  async function confDirWith(file: string, content: string): Promise<string> {
    const dir = await tempDir('conf-');
    await writeFileDeep(join(dir, file), content);
    return dir;
  }

  it('--python beats every other source', async () => {
    const conf = await confDirWith('flink-conf.yaml', `python.client.executable: ${py310()}\n`);
    const fact = await probe({
      python: py311(),
      confDir: conf,
      env: isolatedEnv({ PYFLINK_CLIENT_EXECUTABLE: py310(), VIRTUAL_ENV: venv.dir, PATH: dirname(py310()) }),
    });
    expect(fact.provenance.source).toBe('--python');
    expect(fact.version).toBe('3.11.7');
  });

  it('PYFLINK_CLIENT_EXECUTABLE beats the Flink config, VIRTUAL_ENV and PATH', async () => {
    const conf = await confDirWith('flink-conf.yaml', `python.client.executable: ${py311()}\n`);
    const fact = await probe({ confDir: conf, env: isolatedEnv({ PYFLINK_CLIENT_EXECUTABLE: py310(), VIRTUAL_ENV: venv.dir }) });
    expect(fact.provenance).toEqual({ source: 'PYFLINK_CLIENT_EXECUTABLE', detail: py310() });
    expect(fact.version).toBe('3.10.13');
  });

  it('python.client.executable in flink-conf.yaml of --conf-dir beats VIRTUAL_ENV', async () => {
    const conf = await confDirWith('flink-conf.yaml', `# client python\npython.client.executable: ${py311()}\n`);
    const fact = await probe({ confDir: conf, env: isolatedEnv({ VIRTUAL_ENV: venv.dir }) });
    expect(fact.provenance).toEqual({ source: 'python.client.executable', detail: join(conf, 'flink-conf.yaml') });
    expect(fact.version).toBe('3.11.7');
  });

  it('python.client.executable is read from nested config.yaml under $FLINK_HOME/conf', async () => {
    const home = await tempDir('flink-home-');
    await writeFileDeep(join(home, 'conf', 'config.yaml'), `python:\n  client:\n    executable: ${py310()}\n`);
    const fact = await probe({ env: isolatedEnv({ FLINK_HOME: home }) });
    expect(fact.provenance.source).toBe('python.client.executable');
    expect(fact.provenance.detail).toBe(join(home, 'conf', 'config.yaml'));
    expect(fact.version).toBe('3.10.13');
  });

  it('VIRTUAL_ENV beats CONDA_PREFIX and PATH, and runs <env>/bin/python', async () => {
    const fact = await probe({ env: isolatedEnv({ VIRTUAL_ENV: venv.dir, CONDA_PREFIX: conda.dir, PATH: dirname(py311()) }) });
    expect(fact.provenance).toEqual({ source: 'VIRTUAL_ENV', detail: venv.dir });
    expect(fact.requested).toBe(venv.python);
    expect(fact.version).toBe('3.9.18');
  });

  it('CONDA_PREFIX beats PATH', async () => {
    const fact = await probe({ env: isolatedEnv({ CONDA_PREFIX: conda.dir, PATH: dirname(py311()) }) });
    expect(fact.provenance).toEqual({ source: 'CONDA_PREFIX', detail: conda.dir });
    expect(fact.version).toBe('3.10.13');
  });

  it('PATH: python3 is preferred over python, looked up without a shell', async () => {
    const bin = await tempDir('path-');
    await symlink(py310(), join(bin, 'python'));
    const later = await tempDir('path-later-');
    await symlink(py311(), join(later, 'python3'));
    const fact = await probe({ env: isolatedEnv({ PATH: [bin, later].join(':') }) });
    expect(fact.provenance).toEqual({ source: 'PATH', detail: join(later, 'python3') });
    expect(fact.requested).toBe('python3');
    expect(fact.version).toBe('3.11.7');
  });

  it('PATH: falls back to python when there is no python3', async () => {
    const bin = await tempDir('path-');
    await symlink(py310(), join(bin, 'python'));
    const fact = await probe({ env: isolatedEnv({ PATH: bin }) });
    expect(fact.provenance).toEqual({ source: 'PATH', detail: join(bin, 'python') });
    expect(fact.version).toBe('3.10.13');
  });

  it('PATH lookup skips non-executable files and directories', async () => {
    const first = await tempDir('path-');
    await writeFileDeep(join(first, 'python3'), '#!/bin/sh\necho not executable\n');
    const second = await tempDir('path-');
    await writeFileDeep(join(second, 'python3', 'README'), 'a directory named python3');
    const third = await tempDir('path-');
    await symlink(py311(), join(third, 'python3'));
    expect(findOnPath('python3', { PATH: [first, second, '', third].join(':') }, '/')).toBe(join(third, 'python3'));
  });

  it('a bare name given to --python is looked up on PATH', async () => {
    const bin = await tempDir('path-');
    await symlink(py311(), join(bin, 'python3.11'));
    const fact = await probe({ python: 'python3.11', env: isolatedEnv({ PATH: bin }) });
    expect(fact.runs).toBe(true);
    expect(fact.executable).toBe(join(bin, 'python3.11'));
  });
});

describe.concurrent('python probe failures are facts, never throws', () => {
  it('nothing on PATH: not found, with a one-line reason', async ({ expect }) => {
    const fact = await probe();
    expect(fact).toMatchObject({ found: false, runs: false, requested: 'python3', provenance: { source: 'PATH' } });
    expect(fact.failure).toBe('python3 is not on PATH');
  });

  it('a missing path', async ({ expect }) => {
    const missing = join(await tempDir('missing-'), 'bin', 'python');
    const fact = await probe({ python: missing });
    expect(fact).toMatchObject({ found: false, runs: false });
    expect(fact.failure).toBe(`${missing} does not exist`);
  });

  it('a stale VIRTUAL_ENV whose bin/python is gone', async ({ expect }) => {
    const gone = join(await tempDir('venv-'), 'deleted-env');
    const fact = await probe({ env: isolatedEnv({ VIRTUAL_ENV: gone }) });
    expect(fact.provenance.source).toBe('VIRTUAL_ENV');
    expect(fact.found).toBe(false);
    expect(fact.failure).toContain('does not exist');
  });

  it('a directory instead of an interpreter', async ({ expect }) => {
    const dir = await tempDir('dir-');
    const fact = await probe({ python: dir });
    expect(fact.runs).toBe(false);
    expect(fact.failure).toBe(`${dir} is a directory, not a Python interpreter`);
  });

  it('a file that is not executable', async ({ expect }) => {
    const python = await fakePython('echo hi');
    await chmod(python, 0o644);
    const fact = await probe({ python });
    expect(fact).toMatchObject({ found: true, runs: false });
    expect(fact.failure).toBe(`${python} could not be run: not executable (permission denied)`);
  });

  it('an interpreter that prints garbage', async ({ expect }) => {
    const python = await fakePython('echo "Segmentation fault? no: garbage {not json"');
    const fact = await probe({ python });
    expect(fact.runs).toBe(false);
    expect(fact.failure).toBe(`${python} ran but did not print the probe's answer (printed "Segmentation fault? no: garbage {not json")`);
  });

  it('an interpreter that prints the marker with broken JSON', async ({ expect }) => {
    const python = await fakePython(`echo '${PROBE_MARKER}{"version": "3.11'`);
    const fact = await probe({ python });
    expect(fact.runs).toBe(false);
    expect(fact.failure).toContain('printed a malformed probe answer');
  });

  it('an answer without one of the PEP 508 environment markers names the missing marker', async ({ expect }) => {
    const markers = Object.fromEntries(MARKER_ENVIRONMENT_KEYS.filter((k) => k !== 'platform_release').map((k) => [k, 'x']));
    const answer = JSON.stringify({ version: '3.11.7', sys_path: [], markers });
    const python = await fakePython(`echo '${PROBE_MARKER}${answer}'`);
    const fact = await probe({ python });
    expect(fact.runs).toBe(false);
    expect(fact.failure).toBe(`${python} ran but printed a probe answer without the "platform_release" marker`);
  });

  it('an interpreter that exits 1 names the exit code and its last stderr line', async ({ expect }) => {
    const python = await fakePython('echo "Traceback (most recent call last):" >&2\necho "ImportError: No module named site" >&2\nexit 1');
    const fact = await probe({ python });
    expect(fact.runs).toBe(false);
    expect(fact.failure).toBe(`${python} exited with code 1: ImportError: No module named site`);
  });

  it('an interpreter that hangs is stopped after the timeout', async ({ expect }) => {
    const python = await fakePython('exec /bin/sleep 600');
    const started = Date.now();
    const fact = await probe({ python, processTimeoutMs: 400 });
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(fact.runs).toBe(false);
    expect(fact.failure).toMatch(/ hung: did not answer within 400 ms and was stopped$/);
  });

  it('a hanging wrapper script whose child keeps stdout open is stopped too (the whole process group)', async ({ expect }) => {
    const python = await fakePython('/bin/sleep 600\necho never');
    const started = Date.now();
    const fact = await probe({ python, processTimeoutMs: 400 });
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(fact.runs).toBe(false);
    expect(fact.failure).toMatch(/ hung: did not answer within 400 ms and was stopped$/);
  });

  it('a config naming a missing interpreter reports that source', async ({ expect }) => {
    const conf = await tempDir('conf-');
    await writeFileDeep(join(conf, 'flink-conf.yaml'), 'python.client.executable: /opt/nowhere/bin/python3\n');
    const fact = await probe({ confDir: conf });
    expect(fact.provenance.source).toBe('python.client.executable');
    expect(fact.failure).toBe('/opt/nowhere/bin/python3 does not exist');
  });
});

describe('parseProbeOutput', () => {
  const answer = {
    version: '3.11.7',
    implementation: 'CPython',
    executable: '/x/bin/python',
    prefix: '/x',
    base_prefix: '/x',
    sys_path: ['/x/lib/python3.11/site-packages'],
    markers: Object.fromEntries(
      [
        'implementation_name',
        'implementation_version',
        'os_name',
        'platform_machine',
        'platform_python_implementation',
        'platform_release',
        'platform_system',
        'platform_version',
        'python_full_version',
        'python_version',
        'sys_platform',
      ].map((k) => [k, 'v']),
    ),
  };

  it('ignores other output around the answer line (a chatty sitecustomize)', () => {
    const parsed = parseProbeOutput(`hello from sitecustomize\n${PROBE_MARKER}${JSON.stringify(answer)}\nbye`);
    expect(parsed.ok).toBe(true);
  });

  it.each([
    ['', 'printed nothing'],
    [`${PROBE_MARKER}[1,2]`, 'malformed'],
    [`${PROBE_MARKER}${JSON.stringify({ ...answer, sys_path: 'nope' })}`, 'without version, sys.path or markers'],
    [
      `${PROBE_MARKER}${JSON.stringify({ ...answer, markers: { ...answer.markers, sys_platform: 3 } })}`,
      'without the "sys_platform" marker',
    ],
  ])('rejects %j', (stdout, message) => {
    const parsed = parseProbeOutput(stdout);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.error).toContain(message);
  });
});
