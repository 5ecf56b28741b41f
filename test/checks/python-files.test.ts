// python.files: its decision table on built facts. The shipping probe (python.files entries read from disk, the
// job's imports of sibling modules) is tested on real files in test/python/shipping.test.ts.
import { describe, expect, it } from 'vitest';
import pythonFiles from '../../checks/python-files.js';
import type { PythonFilesRead } from '../../src/facts/index.js';
import { buildFacts, decide } from '../helpers/facts.js';

const JOB = '/work/job.py';
const judge = (entries: PythonFilesRead['entries'], localImports: PythonFilesRead['localImports'] = [], files = [JOB]) =>
  decide(
    pythonFiles,
    buildFacts({ shipping: { archives: [], files: { entries, localImports }, file: '/work/conf/config.yaml' }, job: { files } }),
  );
const helper = { module: 'aws_services', line: 3, path: '/work/aws_services.py', job: JOB };

describe('python.files decisions (built facts)', () => {
  it('skipped when nothing is shipped and nothing local is imported, saying whether a job was read', () => {
    expect(judge([], [], []).summary).toBe('python.files is not set and no --job was given');
    expect(judge([]).summary).toBe('python.files is not set and the job imports no module from its own folder');
  });

  it('warning: a sibling module the job imports that nothing ships (A04), pointing at the import lines', () => {
    const outcome = judge([], [helper]);
    expect(outcome.status).toBe('warning');
    expect(outcome.summary).toBe(
      'job.py imports aws_services from its own folder, and nothing ships it: Python UDFs that use it fail on the workers with ModuleNotFoundError',
    );
    expect(outcome.fix).toBe(
      'Ship it: python.files: aws_services.py (or flink run -pyfs aws_services.py, or add_python_file() in the job)',
    );
    expect(outcome.locations).toEqual([{ path: JOB, line: 3 }]);
    const two = judge([], [helper, { module: 'udfs', line: 4, path: '/work/udfs', job: JOB }]);
    expect(two.fix).toBe(
      'Ship them: python.files: aws_services.py,udfs (or flink run -pyfs aws_services.py,udfs, or add_python_file() in the job)',
    );
  });

  it('ok: every local import is shipped by an entry', () => {
    const outcome = judge([{ entry: 'lib.zip', path: '/work/lib.zip', kind: 'zip', modules: ['aws_services'] }], [helper]);
    expect(outcome.status).toBe('ok');
    expect(outcome.summary).toBe('1 python.files entry exists, shipping the 1 local module the job imports');
    expect(outcome.details).toEqual(['lib.zip: ships aws_services', 'the job imports aws_services (line 3): shipped']);
  });

  it('error: an entry that does not exist, before any import finding', () => {
    const outcome = judge([{ entry: 'missing.py', modules: [], problem: '/work/missing.py: no such file or folder' }], [helper]);
    expect(outcome.status).toBe('error');
    expect(outcome.summary).toBe('python.files /work/missing.py: no such file or folder');
    expect(outcome.fix).toBe('Fix python.files in /work/conf/config.yaml: every entry must exist when the job is submitted');
  });

  it('remote entries are listed as not read', () => {
    expect(judge([{ entry: 'hdfs:///libs/x.zip', modules: [] }]).details).toEqual(['hdfs:///libs/x.zip: remote, not read']);
  });
});
