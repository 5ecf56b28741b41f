// deploy.python: its decision table on deployment facts read from text by the real deploy reader (see
// test/checks/deploy-version.test.ts).
import { describe, expect, it } from 'vitest';
import deployPython from '../../checks/deploy-python.js';
import { buildFacts, decide } from '../helpers/facts.js';
import { deployFacts, fixtureFacts } from '../helpers/deploy-facts.js';

describe('deploy.python decisions (fixtures)', () => {
  it("apt python3 on flink:1.20 is Ubuntu jammy's 3.10; the client runs 3.11 (the ibis case)", async () => {
    const outcome = decide(deployPython, await fixtureFacts('python-apt-minor'));
    expect(outcome.status).toBe('error');
    expect(outcome.summary).toBe(
      "the image's Python is 3.10 (apt python3 (Dockerfile:3): Python 3.10 on Ubuntu jammy, the base of flink:1.20.1), the client's 3.11: cloudpickled UDFs fail on the workers",
    );
    expect(decide(deployPython, await fixtureFacts('python-apt-minor-ok')).status).toBe('ok');
    expect(decide(deployPython, await fixtureFacts('python-apt-minor', { python: '3.10.13' })).status).toBe('ok');
  });

  it('an official image ships no Python', async () => {
    const outcome = decide(deployPython, await fixtureFacts('python-none'));
    expect(outcome.status).toBe('error');
    expect(outcome.summary).toBe(
      'Dockerfile:1 installs apache-flink on flink:2.2.1-scala_2.12-java17, which ships no Python, and installs none: the Python workers cannot start',
    );
    expect(decide(deployPython, await fixtureFacts('python-none-ok', { python: '3.12.1' })).status).toBe('ok');
  });

  it('no `python` command and no python.executable', async () => {
    const outcome = decide(deployPython, await fixtureFacts('python-alias', { python: '3.12.1' }));
    expect(outcome.status).toBe('warning');
    expect(outcome.summary).toBe(
      'Dockerfile:1 makes no `python` command and nothing sets python.executable: the workers start `python` ("Cannot run program \\"python\\"")',
    );
    expect(decide(deployPython, await fixtureFacts('python-alias-ok', { python: '3.12.1' })).status).toBe('ok');
  });
});

describe('deploy.python decisions: more images (built from text)', () => {
  it('skipped when no Dockerfile builds a PyFlink image', async () => {
    expect(decide(deployPython, await deployFacts({ Dockerfile: 'FROM flink:2.2.1-java17\n' })).summary).toBe(
      'no Dockerfile that builds a PyFlink image (pip install apache-flink, or a Python job that uses it)',
    );
    expect(decide(deployPython, buildFacts()).status).toBe('skipped');
  });

  it("a python: base image of the client's minor is ok; a Python the image's Flink does not support is an error", async () => {
    const ok = decide(deployPython, await deployFacts({ Dockerfile: 'FROM python:3.11-slim\nRUN pip install apache-flink==2.2.1\n' }));
    expect(ok).toMatchObject({ status: 'ok', summary: 'the image gives the workers Python 3.11, as the client' });
    const dockerfile = [
      'FROM flink:1.20.1-java11',
      'RUN wget https://www.python.org/ftp/python/3.12.4/Python-3.12.4.tgz && tar xzf Python-3.12.4.tgz && cd Python-3.12.4 && ./configure --enable-shared && make install && ln -s /usr/local/bin/python3 /usr/local/bin/python',
      'RUN python3 -m pip install apache-flink==1.20.1',
    ].join('\n');
    const outcome = decide(deployPython, await deployFacts({ Dockerfile: `${dockerfile}\n` }, { python: '3.12.1' }));
    expect(outcome.status).toBe('error');
    expect(outcome.summary).toMatch(
      /^the image's Python 3\.12 \(the Python built from source \(Dockerfile:2\)\) is not one Flink 1\.20\.1 supports \(3\.8, 3\.9, 3\.10, 3\.11\)$/,
    );
    expect(outcome.fix).toBe('Install a Python Flink 1.20.1 supports in Dockerfile:1');
  });

  it('thread mode with a Python built from source without --enable-shared: pemja finds no libpython', async () => {
    const dockerfile = [
      'FROM flink:2.2.1-java17',
      'RUN wget https://www.python.org/ftp/python/3.11.9/Python-3.11.9.tgz && tar xzf Python-3.11.9.tgz && cd Python-3.11.9 && ./configure && make install && ln -s /usr/local/bin/python3 /usr/local/bin/python',
      'RUN python3 -m pip install apache-flink==2.2.1',
    ].join('\n');
    const compose =
      'services:\n  jobmanager:\n    build: .\n    environment:\n      - |\n        FLINK_PROPERTIES=\n        python.execution-mode: thread\n';
    const outcome = decide(deployPython, await deployFacts({ Dockerfile: `${dockerfile}\n`, 'docker-compose.yml': compose }));
    expect(outcome.summary).toBe(
      'python.execution-mode is thread, but Dockerfile:1 builds Python without --enable-shared: pemja finds no libpython ("Failed to find libpython")',
    );
    expect(outcome.status).toBe('warning');
  });
});
