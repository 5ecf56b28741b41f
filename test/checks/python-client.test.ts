// python.client: its decision table on built facts. The python probe itself (every pyenv interpreter, the
// resolution order, broken interpreters) is tested against real Pythons in test/python/python-probe.test.ts.
import { describe, expect, it } from 'vitest';
import pythonClient from '../../checks/python-client.js';
import type { Provenance } from '../../src/facts/index.js';
import { buildFacts, decide, PYTHON, pythonOf, targetOf, VENV } from '../helpers/facts.js';

const on120 = (python = pythonOf('3.11.7'), target = targetOf('1.20')) => decide(pythonClient, buildFacts({ python, target }));

describe('python.client decisions (built facts)', () => {
  it('ok: a supported CPython, naming the source, the prefix and the line', () => {
    const outcome = on120();
    expect(outcome.status).toBe('ok');
    expect(outcome.summary).toBe(`Python 3.11.7 (CPython) from VIRTUAL_ENV (${VENV}): supported by Flink 1.20`);
    expect(outcome.details).toEqual([
      `interpreter: ${PYTHON}`,
      `prefix: ${VENV} (virtual environment of /usr/local)`,
      'Flink 1.20 supports Python 3.8, 3.9, 3.10, 3.11',
    ]);
    expect(outcome.fix ?? null).toBeNull();
    expect(outcome.facts).toMatchObject({ version: '3.11.7', judgedAgainst: 'Flink 1.20', supported: '3.8, 3.9, 3.10, 3.11' });
    expect(outcome.sources?.length).toBeGreaterThan(0);
  });

  it('error: a minor the line does not support names the supported minors once, in the summary', () => {
    const outcome = on120(pythonOf('3.12.1'));
    expect(outcome.status).toBe('error');
    expect(outcome.summary).toBe(
      `Python 3.12.1 (CPython) from VIRTUAL_ENV (${VENV}): Python 3.12 is not supported by Flink 1.20 (supported: 3.8, 3.9, 3.10, 3.11)`,
    );
    expect(outcome.details?.join('\n')).not.toContain('supports');
    expect(outcome.fix).toBe(
      'Activate a virtualenv built from a Python 3.8, 3.9, 3.10, 3.11 interpreter (python3.X -m venv <dir>), or set PYFLINK_CLIENT_EXECUTABLE',
    );
  });

  it('error: the 2.x lines dropped Python 3.8', () => {
    const outcome = on120(pythonOf('3.8.18'), targetOf('2.2.1'));
    expect(outcome.status).toBe('error');
    expect(outcome.summary).toContain('Python 3.8 is not supported by Flink 2.2 (supported: 3.9, 3.10, 3.11, 3.12)');
  });

  it('error: Python 2 is rejected outright, whatever the line', () => {
    const outcome = on120(pythonOf('2.7.18'), targetOf('1.15'));
    expect(outcome.status).toBe('error');
    expect(outcome.summary).toBe(
      `Python 2.7.18 (CPython) from VIRTUAL_ENV (${VENV}): PyFlink needs Python 3 (Flink 1.15 supports Python 3.6, 3.7, 3.8)`,
    );
  });

  it('warning: a supported minor of another implementation than CPython', () => {
    const outcome = on120(pythonOf('3.10.14', { implementation: 'PyPy' }));
    expect(outcome.status).toBe('warning');
    expect(outcome.summary).toBe(`Python 3.10.14 (PyPy) from VIRTUAL_ENV (${VENV}): PyFlink is built and tested for CPython only`);
    expect(outcome.details).toContain('pemja and the apache-flink wheels are CPython extensions; other implementations are not supported');
  });

  it('error: an interpreter that is not there, naming what chose it', () => {
    const missing = { found: false, runs: false, version: undefined, failure: '/opt/py/bin/python3 does not exist' };
    const outcome = on120(pythonOf('3.11.7', { ...missing, provenance: { source: '--python' } }));
    expect(outcome.status).toBe('error');
    expect(outcome.summary).toBe('Python client interpreter not found: /opt/py/bin/python3 does not exist (chosen by --python)');
    expect(outcome.fix).toBe('Pass --python the path of a Python 3.8, 3.9, 3.10, 3.11 interpreter');
  });

  it('error: an interpreter that is there but does not answer', () => {
    const outcome = on120(pythonOf('3.11.7', { runs: false, version: undefined, failure: 'hung: did not answer within 300 ms' }));
    expect(outcome.status).toBe('error');
    expect(outcome.summary).toBe(`Python client interpreter from VIRTUAL_ENV (${VENV}) does not run: hung: did not answer within 300 ms`);
  });

  it.each<[Provenance, string]>([
    [{ source: '--python' }, 'Pass --python the path of a Python 3.9, 3.10, 3.11, 3.12 interpreter'],
    [
      { source: 'PYFLINK_CLIENT_EXECUTABLE', detail: '/opt/py38/bin/python' },
      'Set PYFLINK_CLIENT_EXECUTABLE to a Python 3.9, 3.10, 3.11, 3.12 interpreter (it overrides everything but --python)',
    ],
    [
      { source: 'python.client.executable', detail: '/opt/flink/conf/config.yaml' },
      'Set python.client.executable in /opt/flink/conf/config.yaml to a Python 3.9, 3.10, 3.11, 3.12 interpreter',
    ],
    [
      { source: 'CONDA_PREFIX', detail: '/opt/conda' },
      'conda activate an environment with a Python 3.9, 3.10, 3.11, 3.12 interpreter, or set PYFLINK_CLIENT_EXECUTABLE',
    ],
    [
      { source: 'PATH', detail: '/usr/bin/python3' },
      'Install a Python 3.9, 3.10, 3.11, 3.12 interpreter and put it first on PATH as python3, or set PYFLINK_CLIENT_EXECUTABLE to it',
    ],
  ])('the fix changes the source that won: %j', (provenance, fix) => {
    const outcome = on120(pythonOf('3.8.18', { provenance }), targetOf('2.2'));
    expect(outcome.status).toBe('error');
    expect(outcome.fix).toBe(fix);
  });

  it('no target: judged against the newest line, and the details say so', () => {
    const outcome = on120(pythonOf('3.12.1'), targetOf(null));
    expect(outcome.status).toBe('ok');
    expect(outcome.summary).toContain('supported by Flink 2.3');
    expect(outcome.details).toContain(
      'no target Flink version (no apache-flink wheel installed, no --flink-version): judged against Flink 2.3, the newest line known',
    );
  });

  it('a target older than the matrix: found and running is all that is said (skipped), no line borrowed', () => {
    const outcome = on120(pythonOf('3.8.18'), targetOf('1.13.6', 'wheel'));
    expect(outcome.status).toBe('skipped');
    expect(outcome.summary).toContain('Flink 1.13.6 is older than the lines flink-doctor knows (1.15 to 2.3)');
    expect(outcome.sources).toEqual([]);
  });
});
