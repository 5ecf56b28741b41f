// What the job ships to the workers: the shipping probe on real files (requirements, a cache folder of wheel
// names, python.files entries, a job importing a sibling module), through python.requirements and python.files.
// Their decision tables on built facts: test/checks/python-*.test.ts and java-options.test.ts.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import pythonFiles from '../../checks/python-files.js';
import pythonRequirements from '../../checks/python-requirements.js';
import { importedModules } from '../../src/python/imports.js';
import { requirementLines } from '../../src/probes/shipping.js';
import { pyenvPython } from '../helpers/python-env.js';
import { runCheck } from '../helpers/run-check.js';
import { tempDir, writeFileDeep } from '../helpers/tmp.js';
import { writeZip } from '../helpers/zip.js';

describe('reading what is shipped', () => {
  it('requirement lines: continuations, comments and options', () => {
    expect(
      requirementLines('# pinned\npyarrow==20.0.0  # ok\n-r other.txt\n--index-url https://x\npandas>=1.3,\\\n<2.3\n\nrequests'),
    ).toEqual([
      { line: 2, text: 'pyarrow==20.0.0' },
      { line: 5, text: 'pandas>=1.3,<2.3' },
      { line: 8, text: 'requests' },
    ]);
  });

  it('imports: from/import forms, aliases, several per line; docstrings and comments are not code', () => {
    const source =
      '"""\nimport not_this\n"""\nimport os, helpers.io as h\nfrom udfs.text import clean  # import nope\nfrom . import rel\nx = 1; import json\n' +
      "def f():\n    '''Docs.\n\n    import nor_this\n    it's \"\"\" quoted\n    '''\n    import inner\n";
    expect(importedModules(source).map((m) => [m.module, m.line])).toEqual([
      ['os', 4],
      ['helpers', 4],
      ['udfs', 5],
      ['json', 7],
      ['inner', 14],
    ]);
    // Windows line ends read the same; a line past the scan's cap is not read.
    expect(importedModules(source.replace(/\n/g, '\r\n'))).toEqual(importedModules(source));
    expect(importedModules(`${'\n'.repeat(200_000)}import late\n`)).toEqual([]);
    expect(importedModules(`${'\n'.repeat(199_999)}import last`)).toEqual([{ module: 'last', line: 200_000 }]);
  });

  it('python.requirements and python.files through the real probe', async () => {
    const dir = await tempDir('ship-');
    await writeFileDeep(join(dir, 'requirements.txt'), 'pyarrow==21.0.0\npandas==2.2.3\nrequests==2.32.3\n');
    for (const name of ['pyarrow-21.0.0-cp311-cp311-macosx_12_0_arm64.whl', 'pandas-2.2.3.tar.gz'])
      await writeFileDeep(join(dir, 'cache', name), '');
    await writeFileDeep(join(dir, 'job.py'), 'from helpers import clean\nimport udfs\nimport shipped_one\n');
    await writeFileDeep(join(dir, 'helpers.py'), 'def clean(x): return x\n');
    await writeFileDeep(join(dir, 'udfs', '__init__.py'), '');
    await writeZip(join(dir, 'deps.zip'), [{ name: 'shipped_one.py', data: 'x = 1\n' }]);
    await writeFileDeep(join(dir, 'shipped_one.py'), 'x = 1\n');
    const conf = await writeFileDeep(
      join(dir, 'conf', 'config.yaml'),
      'python:\n  requirements: requirements.txt#cache\n  files: deps.zip,missing.py\n',
    );
    const options = {
      python: pyenvPython('3.11.7'),
      confDir: join(conf, '..'),
      cwd: dir,
      job: [join(dir, 'job.py')],
      flinkVersion: '1.20.4',
    };

    const requirements = await runCheck(pythonRequirements, options);
    expect(requirements.status).toBe('error');
    expect(requirements.summary).toBe(
      'requirements.txt line 1: pyarrow==21.0.0, but apache-flink 1.20.4 requires pyarrow>=5.0.0,<21.0.0: pip cannot install both',
    );
    expect(requirements.details).toContain(
      'requirements.txt line 3: no file for requests in the cache folder: pip install --no-index fails on the workers',
    );
    expect(requirements.details.join('\n')).toContain('only a source archive of pandas');

    const files = await runCheck(pythonFiles, options);
    expect(files.status).toBe('error');
    expect(files.summary).toBe(`python.files ${join(dir, 'missing.py')}: no such file or folder`);
  });
});
