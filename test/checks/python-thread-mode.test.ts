// python.thread-mode: its decision table on built facts. libpython and pemja come from the python and packages
// probes (test/python/python-probe.test.ts, test/python/packages.test.ts).
import { describe, expect, it } from 'vitest';
import pythonThreadMode from '../../checks/python-thread-mode.js';
import { buildFacts, decide, healthyDistributions, PYTHON, pythonOf, type FactsOverrides } from '../helpers/facts.js';

const thread = { archives: [], files: { entries: [], localImports: [] }, executionMode: 'thread' };
const shared = { libpython: { shared: true, found: true } };
const judge = (overrides: FactsOverrides) => decide(pythonThreadMode, buildFacts({ shipping: thread, ...overrides }));
const withoutPemja = () => {
  const distributions = healthyDistributions();
  delete distributions.pemja;
  return distributions;
};

describe('python.thread-mode decisions (built facts)', () => {
  it('skipped in process mode (the default), saying so', () => {
    expect(decide(pythonThreadMode, buildFacts()).summary).toBe('python.execution-mode is process (the default)');
    expect(judge({ shipping: { ...thread, executionMode: 'process' } }).summary).toBe('python.execution-mode is process');
  });

  it("ok: pemja and a shared libpython in the client's interpreter", () => {
    const outcome = judge({ python: shared });
    expect(outcome.status).toBe('ok');
    expect(outcome.summary).toBe(
      `thread mode: pemja 0.5.7 and a shared libpython in ${PYTHON} (the client's; the workers' could not be looked at)`,
    );
  });

  it('error: a Python without a shared libpython', () => {
    const outcome = judge({ python: { libpython: { shared: false, found: false } } });
    expect(outcome.status).toBe('error');
    expect(outcome.summary).toBe(
      `python.execution-mode is thread, but ${PYTHON} (the client's; the workers' could not be looked at) has no shared libpython (built without --enable-shared): "Failed to find libpython"`,
    );
    expect(outcome.fix).toBe(
      'Use python.execution-mode: process, or a Linux/macOS Python built with --enable-shared with apache-flink (which brings pemja) installed',
    );
    // A libpython*.so found in LIBDIR is enough, even when sysconfig says it was not built shared.
    expect(judge({ python: { libpython: { shared: false, found: true } } }).status).toBe('ok');
  });

  it('error: pemja missing; Windows; the other problems in the details', () => {
    const noPemja = judge({ python: shared, packages: { distributions: withoutPemja() } });
    expect(noPemja.summary).toBe(
      `python.execution-mode is thread, but pemja is not installed in ${PYTHON} (the client's; the workers' could not be looked at)`,
    );
    const windows = pythonOf('3.11.7', { ...shared, markers: { ...pythonOf('3.11.7').markers!, sys_platform: 'win32' } });
    const outcome = judge({ python: windows, packages: { distributions: withoutPemja() } });
    expect(outcome.summary).toBe('python.execution-mode is thread, but thread mode does not run on Windows: pemja is not installed there');
    expect(outcome.details).toEqual([`pemja is not installed in ${PYTHON} (the client's; the workers' could not be looked at)`]);
  });

  it("the workers' interpreter, when it was run, is judged instead of the client's", () => {
    const worker = pythonOf('3.11.7', {
      requested: '/opt/py/bin/python',
      executable: '/opt/py/bin/python',
      libpython: { shared: false, found: false },
    });
    const outcome = judge({
      python: shared,
      worker: {
        status: 'inspected',
        archives: [],
        sameAsClient: false,
        python: worker,
        packages: { distributions: healthyDistributions(), duplicates: [], problems: [] },
      },
    });
    expect(outcome.status).toBe('error');
    expect(outcome.summary).toContain('/opt/py/bin/python has no shared libpython');
    const noPemja = judge({
      python: shared,
      worker: {
        status: 'inspected',
        archives: [],
        sameAsClient: false,
        python: { ...worker, ...shared },
        packages: { distributions: withoutPemja(), duplicates: [], problems: [] },
      },
    });
    expect(noPemja.summary).toBe('python.execution-mode is thread, but pemja is not installed in /opt/py/bin/python');
  });

  it('skipped when no interpreter could be run to look at', () => {
    expect(judge({ python: { runs: false } }).summary).toBe(
      "python.execution-mode is thread, but no workers' interpreter could be run here to look at (see python.worker)",
    );
  });
});
