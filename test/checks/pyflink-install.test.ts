// pyflink.install: its decision table on built facts (apache-flink 2.2.1 in a Python 3.11 venv by default). What
// pip would build from source is tested in test/python/wheels.test.ts; the pyflink and packages probes that gather
// these facts from real venvs in test/python/packages.test.ts.
import { describe, expect, it } from 'vitest';
import pyflinkInstall from '../../checks/pyflink-install.js';
import type { PyflinkFact } from '../../src/facts/index.js';
import {
  buildFacts,
  decide,
  distribution,
  PYFLINK_DIR,
  PYTHON,
  pythonOf,
  SITE_PACKAGES,
  targetOf,
  type FactsOverrides,
} from '../helpers/facts.js';

const install = (overrides: FactsOverrides) => decide(pyflinkInstall, buildFacts(overrides));
const FLINK_METADATA = `${SITE_PACKAGES}/apache_flink-2.2.1.dist-info`;
const notInstalled: Partial<PyflinkFact> = {
  installed: false,
  flink: undefined,
  libraries: undefined,
  packageDir: undefined,
  versionPy: undefined,
  libJars: [],
  optJars: [],
};

describe('pyflink.install decisions (built facts)', () => {
  it('ok: both distributions, version.py and the bundled JARs agree', () => {
    const outcome = install({});
    expect(outcome.status).toBe('ok');
    expect(outcome.summary).toBe(`apache-flink 2.2.1 + apache-flink-libraries 2.2.1 in ${PYTHON}; version.py and the bundled JARs agree`);
    expect(outcome.locations).toEqual([{ path: FLINK_METADATA }]);
    expect(outcome.facts).toMatchObject({
      apacheFlink: '2.2.1',
      apacheFlinkLibraries: '2.2.1',
      versionPy: '2.2.1',
      packageDir: PYFLINK_DIR,
    });
  });

  it('ok: a .postN of apache-flink-libraries is the same release; --flink-version naming the installed minor', () => {
    expect(install({ pyflink: { libraries: distribution('apache-flink-libraries', '2.2.1.post1') } }).status).toBe('ok');
    expect(install({ target: targetOf('2.2') }).status).toBe('ok');
  });

  it('skipped: no working client interpreter (python.client reports it)', () => {
    const outcome = install({ python: { runs: false, version: undefined } });
    expect(outcome.status).toBe('skipped');
    expect(outcome.summary).toBe('no working Python client interpreter (see python.client)');
  });

  it('error: not installed, with the pip command for the target (a minor resolves to its newest patch)', () => {
    const exact = install({ pyflink: notInstalled, target: targetOf('1.20.1') });
    expect(exact.status).toBe('error');
    expect(exact.summary).toBe(`apache-flink is not installed in ${PYTHON}`);
    expect(exact.fix).toBe(`${PYTHON} -m pip install "apache-flink==1.20.1"`);
    expect(install({ pyflink: notInstalled, target: targetOf('1.20') }).fix).toBe(`${PYTHON} -m pip install "apache-flink==1.20.5"`);
  });

  it('error: not installed and no target: the newest release known, and the details say why', () => {
    const outcome = install({ pyflink: notInstalled, target: targetOf(null) });
    expect(outcome.fix).toBe(`${PYTHON} -m pip install "apache-flink==2.3.0"`);
    expect(outcome.details).toContain('suggested release: 2.3.0 (no target given: the newest release known, Flink 2.3.0)');
  });

  it('error: not installed, but a pyflink/ without pip metadata is importable: the details say so', () => {
    const outcome = install({ pyflink: { ...notInstalled, packageDir: PYFLINK_DIR } });
    expect(outcome.details).toContain(`a pyflink/ package is importable from ${PYFLINK_DIR}, but no pip metadata says which release it is`);
  });

  it('error: on a Python the target does not support, the fix makes a venv from a supported one first', () => {
    const outcome = install({ pyflink: notInstalled, python: pythonOf('3.13.0'), target: targetOf('1.20') });
    expect(outcome.fix).toBe(
      [
        'Python 3.13 is not supported by Flink 1.20 (supported: 3.8, 3.9, 3.10, 3.11): create a venv from one of those and install there, then use .venv-pyflink/bin/python as the client (--python or PYFLINK_CLIENT_EXECUTABLE):',
        'python3.11 -m venv .venv-pyflink && .venv-pyflink/bin/python -m pip install "apache-flink==1.20.5"',
      ].join('\n'),
    );
    expect(outcome.fix).not.toContain(PYTHON);
  });

  it('error: --flink-version names another release than the installed one', () => {
    const outcome = install({ target: targetOf('1.19') });
    expect(outcome.status).toBe('error');
    expect(outcome.summary).toBe('--flink-version 1.19 targets another release than the installed apache-flink 2.2.1');
    expect(outcome.fix).toBe(`${PYTHON} -m pip install "apache-flink==1.19.3"`);
    expect(install({ target: targetOf('2.2.0') }).fix).toBe(`${PYTHON} -m pip install "apache-flink==2.2.0"`);
  });

  it("error: apache-flink-libraries missing, or of another release, is installed at apache-flink's release", () => {
    const missing = install({ pyflink: { libraries: undefined } });
    expect(missing.status).toBe('error');
    expect(missing.summary).toBe('apache-flink-libraries is not installed (apache-flink 2.2.1 needs apache-flink-libraries 2.2.1)');
    expect(missing.fix).toBe(`${PYTHON} -m pip install "apache-flink-libraries==2.2.1"`);
    const other = install({ pyflink: { libraries: distribution('apache-flink-libraries', '2.2.0') } });
    expect(other.summary).toBe('apache-flink-libraries 2.2.0 is not the release of apache-flink 2.2.1');
    expect(other.locations).toHaveLength(2);
  });

  it('error: pyflink/version.py disagrees with the metadata: reinstall both without touching the dependencies', () => {
    const outcome = install({ pyflink: { versionPy: '2.1.0' } });
    expect(outcome.status).toBe('error');
    expect(outcome.summary).toBe('pyflink/version.py says 2.1.0, the apache-flink metadata says 2.2.1');
    expect(outcome.fix).toBe(`${PYTHON} -m pip install --force-reinstall --no-deps "apache-flink==2.2.1" "apache-flink-libraries==2.2.1"`);
  });

  it('error: the JARs in pyflink/lib and pyflink/opt are another Flink, counted in the summary', () => {
    const outcome = install({ pyflink: { libJars: ['flink-dist-2.2.0.jar'], optJars: ['flink-python-2.1.1.jar'] } });
    expect(outcome.status).toBe('error');
    expect(outcome.summary).toBe(`apache-flink 2.2.1 + apache-flink-libraries 2.2.1 in ${PYTHON}: 2 problems`);
    expect(outcome.details).toContain('pyflink/lib/flink-dist-2.2.0.jar is Flink 2.2.0, apache-flink is 2.2.1');
    expect(outcome.details).toContain('pyflink/opt/flink-python-2.1.1.jar is Flink 2.1.1, apache-flink is 2.2.1');
  });

  it('error: libraries missing and version.py wrong: one pip command, not two', () => {
    const outcome = install({ pyflink: { libraries: undefined, versionPy: '2.1.0' } });
    expect(outcome.fix).toBe(`${PYTHON} -m pip install --force-reinstall --no-deps "apache-flink==2.2.1" "apache-flink-libraries==2.2.1"`);
  });

  it('error: registered in pip metadata, but no pyflink/ package on sys.path', () => {
    const outcome = install({ pyflink: { packageDir: undefined, problems: ['not reported without a package dir'] } });
    expect(outcome.summary).toBe(`apache-flink 2.2.1 is registered in ${FLINK_METADATA}, but no pyflink/ package is on sys.path`);
    expect(outcome.details?.join('\n')).not.toContain('not reported without a package dir');
  });

  it('warning: no flink-dist or flink-python JAR in the wheel (it can only run against a FLINK_HOME)', () => {
    const noDist = install({ pyflink: { libJars: ['flink-table-runtime-2.2.1.jar'] } });
    expect(noDist.status).toBe('warning');
    expect(noDist.summary).toBe(
      `apache-flink 2.2.1 + apache-flink-libraries 2.2.1 in ${PYTHON}: pyflink/lib has no flink-dist JAR: the wheel can only run against a FLINK_HOME`,
    );
    const neither = install({ pyflink: { libJars: [], optJars: [] } });
    expect(neither.summary).toMatch(/pyflink\/lib has no flink-dist JAR: .* \(\+1 more\)$/);
  });

  it('warning: a shadowed copy of apache-flink, and probe problems inside pyflink/', () => {
    const shadowed = distribution('apache-flink', '2.1.0');
    const outcome = install({ packages: { duplicates: [shadowed] } });
    expect(outcome.status).toBe('warning');
    expect(outcome.summary).toContain(`another apache-flink 2.1.0 at ${shadowed.metadataDir} is shadowed by the one in use`);
    const other = install({ packages: { duplicates: [distribution('numpy', '1.0.0')] } });
    expect(other.status).toBe('ok');
    expect(install({ pyflink: { problems: ['pyflink/version.py has no __version__'] } }).summary).toContain(
      'pyflink/version.py has no __version__',
    );
  });

  it('a release older than the matrix: one warning with the upgrade paths, nothing judged against another line', () => {
    const old = {
      flink: distribution('apache-flink', '1.13.6'),
      libraries: distribution('apache-flink-libraries', '1.13.6'),
      versionPy: '1.13.6',
    };
    const outcome = install({ pyflink: old, target: targetOf('1.13.6', 'wheel'), python: pythonOf('3.8.18') });
    expect(outcome.status).toBe('warning');
    expect(outcome.summary).toBe(
      'apache-flink 1.13.6 is installed: flink-doctor knows Flink 1.15 to 2.3 and does not judge older releases (Java, Python, dependency and JAR checks are skipped)',
    );
    expect(outcome.details?.slice(0, 2)).toEqual([
      'upgrade path: apache-flink 1.20.5 (Java 11, Python 3.8-3.11)',
      'upgrade path: apache-flink 2.3.0 (Java 17, Python 3.9-3.12; Flink 2 removed the SourceFunction/SinkFunction APIs and flink-conf.yaml)',
    ]);
    expect(outcome.fix).toBe(`${PYTHON} -m pip install "apache-flink==1.20.5"`);
    const asked = install({ pyflink: notInstalled, target: targetOf('1.14') });
    expect(asked.summary).toMatch(/^--flink-version 1\.14 is asked for: flink-doctor knows/);
  });
});
