// python.client against real pyenv interpreters and venvs, judged by the real compatibility matrix.
import { describe, expect, it } from 'vitest';
import pythonClient from '../../checks/python-client.js';
import { loadMatrix } from '../../src/knowledge/load-matrix.js';
import { PYENV_VERSIONS, fakePython, healthyFlinkDistributions, makeFlinkVenv, makeVenv, pyenvPython } from '../helpers/python-env.js';
import { isolatedEnv, runCheck } from '../helpers/run-check.js';

const matrix = loadMatrix();
const supported120 = matrix.line('1.20')?.python.supported ?? [];
const newest = matrix.newestMinor();

describe('python.client on Flink 1.20 for every interpreter', () => {
  it.each(PYENV_VERSIONS)('Python %s', async (version) => {
    const result = await runCheck(pythonClient, { python: pyenvPython(version), flinkVersion: '1.20' });
    const minor = version.split('.').slice(0, 2).join('.');
    expect(result.status).toBe(supported120.includes(minor) ? 'ok' : 'error');
    expect(result.facts.version).toBe(version);
    expect(result.facts.source).toBe('--python');
  });
});

describe('python.client', () => {
  it('ok: a supported Python, naming the source and the Flink line', async () => {
    const result = await runCheck(pythonClient, { python: pyenvPython('3.11.7'), flinkVersion: '1.20.1' });
    expect(result.status).toBe('ok');
    expect(result.summary).toBe('Python 3.11.7 (CPython) from --python: supported by Flink 1.20');
    expect(result.fix).toBeNull();
    expect(result.facts).toMatchObject({ executable: pyenvPython('3.11.7'), inVirtualEnv: false, judgedAgainst: 'Flink 1.20' });
  });

  it('error: a Python minor the target does not support names the supported minors and the source', async () => {
    const result = await runCheck(pythonClient, { python: pyenvPython('3.12.1'), flinkVersion: '1.20' });
    expect(result.status).toBe('error');
    expect(result.summary).toBe('Python 3.12.1 (CPython) from --python: Python 3.12 is not supported by Flink 1.20 (supported: 3.8, 3.9, 3.10, 3.11)');
    expect(result.fix).toBe('Pass --python the path of a Python 3.8, 3.9, 3.10, 3.11 interpreter');
    expect(result.details).not.toContain('Flink 1.20 supports Python 3.8, 3.9, 3.10, 3.11');
    expect(result.details.join('\n')).not.toContain('supports');
  });

  it('error: Python 2 is rejected outright', async () => {
    const result = await runCheck(pythonClient, { python: pyenvPython('2.7.18'), flinkVersion: '1.15' });
    expect(result.status).toBe('error');
    expect(result.summary).toContain('PyFlink needs Python 3 (Flink 1.15 supports Python 3.6, 3.7, 3.8)');
    expect(result.details.join('\n')).not.toContain('supports');
  });

  it('error: the winning source is named (PYFLINK_CLIENT_EXECUTABLE) and the fix says where to change it', async () => {
    const python = pyenvPython('3.6.15');
    const result = await runCheck(pythonClient, { flinkVersion: '1.20', env: isolatedEnv({ PYFLINK_CLIENT_EXECUTABLE: python }) });
    expect(result.status).toBe('error');
    expect(result.summary).toContain(`from PYFLINK_CLIENT_EXECUTABLE (${python})`);
    expect(result.fix).toContain('Set PYFLINK_CLIENT_EXECUTABLE to a Python 3.8, 3.9, 3.10, 3.11 interpreter');
  });

  it('error: a venv from VIRTUAL_ENV with a Python the 2.x line dropped', async () => {
    const venv = await makeVenv('3.8.18');
    const result = await runCheck(pythonClient, { flinkVersion: '2.2', env: isolatedEnv({ VIRTUAL_ENV: venv.dir }) });
    expect(result.status).toBe('error');
    expect(result.summary).toContain(`from VIRTUAL_ENV (${venv.dir}): Python 3.8 is not supported by Flink 2.2`);
    expect(result.details.join('\n')).toContain('virtual environment of');
  });

  it('the installed wheel is the target when no --flink-version is given', async () => {
    const venv = await makeFlinkVenv('3.12.1', healthyFlinkDistributions('1.20.1'));
    const result = await runCheck(pythonClient, { python: venv.python });
    expect(result.status).toBe('error');
    expect(result.summary).toContain('not supported by Flink 1.20');
    const ok = await makeFlinkVenv('3.10.13', healthyFlinkDistributions('1.20.1'));
    expect((await runCheck(pythonClient, { python: ok.python })).status).toBe('ok');
  });

  it('no target at all: judged against the newest Flink line, and says so', async () => {
    const result = await runCheck(pythonClient, { python: pyenvPython('3.12.1') });
    expect(result.status).toBe('ok');
    expect(result.summary).toContain(`supported by Flink ${newest}`);
    expect(result.details.join('\n')).toContain(`no target Flink version (no apache-flink wheel installed, no --flink-version): judged against Flink ${newest}, the newest line known`);
    const old = await runCheck(pythonClient, { python: pyenvPython('3.13.0') });
    expect(old.status).toBe(matrix.line(newest)?.python.supported.includes('3.13') ? 'ok' : 'error');
    expect(old.details.join('\n')).toContain(`judged against Flink ${newest}`);
  });

  it('warning: a non-CPython implementation (a PyPy stand-in wrapping a real 3.11)', async () => {
    const python = await fakePython(`${pyenvPython('3.11.7')} "$@" | /bin/sed 's/"CPython"/"PyPy"/g'`);
    const result = await runCheck(pythonClient, { python, flinkVersion: '1.20' });
    expect(result.status).toBe('warning');
    expect(result.summary).toContain('Python 3.11.7 (PyPy) from --python: PyFlink is built and tested for CPython only');
  });

  it('error: a missing interpreter is "not found", naming the source', async () => {
    const result = await runCheck(pythonClient, { flinkVersion: '1.20', python: '/opt/no-such-python/bin/python3' });
    expect(result.status).toBe('error');
    expect(result.summary).toBe('Python client interpreter not found: /opt/no-such-python/bin/python3 does not exist (chosen by --python)');
  });

  it('error: nothing on PATH', async () => {
    const result = await runCheck(pythonClient, { flinkVersion: '1.20' });
    expect(result.status).toBe('error');
    expect(result.summary).toContain('python3 is not on PATH');
    expect(result.fix).toContain('put it first on PATH as python3');
  });

  it.each([
    ['prints garbage', 'echo garbage', 'ran but did not print the probe\'s answer'],
    ['exits 1', 'echo "Fatal Python error: init_fs_encoding" >&2; exit 1', 'exited with code 1: Fatal Python error: init_fs_encoding'],
    ['hangs', 'exec /bin/sleep 600', 'hung: did not answer within 300 ms'],
  ])('error: an interpreter that %s does not run', async (_name, body, message) => {
    const python = await fakePython(body);
    const result = await runCheck(pythonClient, { python, flinkVersion: '1.20', processTimeoutMs: 300 });
    expect(result.status).toBe('error');
    expect(result.summary).toContain('Python client interpreter from --python does not run: ');
    expect(result.summary).toContain(message);
  });
});
