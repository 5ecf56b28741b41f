// What the job ships to the workers: the shipping probe on real files (requirements, a cache folder of wheel
// names, python.files entries, a job importing a sibling module), and the decisions of python.archives,
// python.requirements, python.files, python.thread-mode and java.options on built facts.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import javaOptions from '../../checks/java-options.js';
import pythonArchives from '../../checks/python-archives.js';
import pythonFiles from '../../checks/python-files.js';
import pythonRequirements from '../../checks/python-requirements.js';
import pythonThreadMode from '../../checks/python-thread-mode.js';
import { importedModules } from '../../src/python/imports.js';
import { requirementLines } from '../../src/probes/shipping.js';
import { buildFacts, decide, healthyDistributions, JAVA17_FLAGS_22 } from '../helpers/facts.js';
import { pyenvPython } from '../helpers/python-env.js';
import { runCheck } from '../helpers/run-check.js';
import { tempDir, writeFileDeep } from '../helpers/tmp.js';
import { writeZip } from '../helpers/zip.js';

describe('reading what is shipped', () => {
  it('requirement lines: continuations, comments and options', () => {
    expect(requirementLines('# pinned\npyarrow==20.0.0  # ok\n-r other.txt\n--index-url https://x\npandas>=1.3,\\\n<2.3\n\nrequests')).toEqual([
      { line: 2, text: 'pyarrow==20.0.0' },
      { line: 5, text: 'pandas>=1.3,<2.3' },
      { line: 8, text: 'requests' },
    ]);
  });

  it('imports: from/import forms, aliases, several per line; docstrings and comments are not code', () => {
    const source = '"""\nimport not_this\n"""\nimport os, helpers.io as h\nfrom udfs.text import clean  # import nope\nfrom . import rel\nx = 1; import json\n';
    expect(importedModules(source).map((m) => [m.module, m.line])).toEqual([['os', 4], ['helpers', 4], ['udfs', 5], ['json', 7]]);
  });

  it('python.requirements and python.files through the real probe', async () => {
    const dir = await tempDir('ship-');
    await writeFileDeep(join(dir, 'requirements.txt'), 'pyarrow==21.0.0\npandas==2.2.3\nrequests==2.32.3\n');
    for (const name of ['pyarrow-21.0.0-cp311-cp311-macosx_12_0_arm64.whl', 'pandas-2.2.3.tar.gz']) await writeFileDeep(join(dir, 'cache', name), '');
    await writeFileDeep(join(dir, 'job.py'), 'from helpers import clean\nimport udfs\nimport shipped_one\n');
    await writeFileDeep(join(dir, 'helpers.py'), 'def clean(x): return x\n');
    await writeFileDeep(join(dir, 'udfs', '__init__.py'), '');
    await writeZip(join(dir, 'deps.zip'), [{ name: 'shipped_one.py', data: 'x = 1\n' }]);
    await writeFileDeep(join(dir, 'shipped_one.py'), 'x = 1\n');
    const conf = await writeFileDeep(join(dir, 'conf', 'config.yaml'), 'python:\n  requirements: requirements.txt#cache\n  files: deps.zip,missing.py\n');
    const options = { python: pyenvPython('3.11.7'), confDir: join(conf, '..'), cwd: dir, job: [join(dir, 'job.py')], flinkVersion: '1.20.4' };

    const requirements = await runCheck(pythonRequirements, options);
    expect(requirements.status).toBe('error');
    expect(requirements.summary).toBe('requirements.txt line 1: pyarrow==21.0.0, but apache-flink 1.20.4 requires pyarrow>=5.0.0,<21.0.0: pip cannot install both');
    expect(requirements.details).toContain('requirements.txt line 3: no file for requests in the cache folder: pip install --no-index fails on the workers');
    expect(requirements.details.join('\n')).toContain('only a source archive of pandas');

    const files = await runCheck(pythonFiles, options);
    expect(files.status).toBe('error');
    expect(files.summary).toBe(`python.files ${join(dir, 'missing.py')}: no such file or folder`);
  });
});

describe('python.files decisions', () => {
  const shipping = (entries: { entry: string; modules: string[]; problem?: string }[], localImports: { module: string; line: number; path: string }[]) =>
    buildFacts({ shipping: { archives: [], files: { entries, localImports: localImports.map((i) => ({ ...i, job: '/work/job.py' })) } }, job: { files: ['/work/job.py'] } });

  it('a sibling module the job imports that nothing ships (A04)', () => {
    const outcome = decide(pythonFiles, shipping([], [{ module: 'aws_services', line: 3, path: '/work/aws_services.py' }]));
    expect(outcome.status).toBe('warning');
    expect(outcome.summary).toBe('job.py imports aws_services from its own folder, and nothing ships it: Python UDFs that use it fail on the workers with ModuleNotFoundError');
    expect(outcome.fix).toBe('Ship it: python.files: aws_services.py (or flink run -pyfs aws_services.py, or add_python_file() in the job)');
  });

  it('shipped by a python.files entry: ok', () => {
    expect(decide(pythonFiles, shipping([{ entry: 'lib.zip', modules: ['aws_services'] }], [{ module: 'aws_services', line: 3, path: '/work/aws_services.py' }])).status).toBe('ok');
  });
});

describe('python.requirements decisions', () => {
  const facts = (lines: string[], extra: { cacheDir?: string; cacheFiles?: string[] } = {}) =>
    buildFacts({ shipping: { archives: [], files: { entries: [], localImports: [] }, requirements: { entry: 'r.txt', file: '/work/r.txt', requirements: lines.map((text, i) => ({ line: i + 1, text })), cacheFiles: [], ...extra } } });

  it('apache-flink of another release than the target', () => {
    expect(decide(pythonRequirements, facts(['apache-flink==1.20.1'])).summary).toBe('r.txt line 1: apache-flink==1.20.1 does not allow 2.2.1, the client\'s release: the workers get another Flink');
  });

  it('pins within apache-flink 2.2.1\'s ranges, with Linux and abi3 wheels in the cache: ok', () => {
    const cache = ['pyarrow-20.0.0-cp311-cp311-manylinux_2_28_x86_64.whl', 'cryptography-44.0.0-cp39-abi3-manylinux_2_34_x86_64.whl', 'six-1.17.0-py2.py3-none-any.whl'];
    expect(decide(pythonRequirements, facts(['pyarrow==20.0.0', 'cryptography==44.0.0', 'six==1.17.0'], { cacheDir: '/work/cache', cacheFiles: cache })).status).toBe('ok');
  });

  it('a cache wheel for another Python minor does not install', () => {
    const outcome = decide(pythonRequirements, facts(['pyarrow==20.0.0'], { cacheDir: '/work/cache', cacheFiles: ['pyarrow-20.0.0-cp312-cp312-manylinux_2_28_x86_64.whl'] }));
    expect(outcome.summary).toBe('r.txt line 1: the cache\'s pyarrow wheels (pyarrow-20.0.0-cp312-cp312-manylinux_2_28_x86_64.whl) do not install on Linux x86_64 workers with Python 3.11');
  });
});

describe('python.archives decisions', () => {
  it('a link out of the archive other than the interpreter\'s own', () => {
    const archive = { entry: 'venv.zip', path: '/work/venv.zip', status: 'read' as const, entries: 120, outwardLinks: [{ name: 'venv/bin/python', target: '/usr/bin/python3.11' }, { name: 'venv/lib/python3.11/site-packages/mylib', target: '/home/me/src/mylib' }], environments: ['venv'], interpreter: { inside: 'venv/bin/python', root: 'venv', resolution: { kind: 'outside' as const, link: 'venv/bin/python', target: '/usr/bin/python3.11' } } };
    const outcome = decide(pythonArchives, buildFacts({ shipping: { archives: [archive], files: { entries: [], localImports: [] } } }));
    expect(outcome.status).toBe('error');
    expect(outcome.summary).toBe('venv.zip: 1 symlink points outside the archive (venv/lib/python3.11/site-packages/mylib → /home/me/src/mylib): missing on the workers');
  });
});

describe('python.thread-mode decisions', () => {
  const thread = { archives: [], files: { entries: [], localImports: [] }, executionMode: 'thread' };
  it('a Python without a shared libpython', () => {
    const outcome = decide(pythonThreadMode, buildFacts({ shipping: thread, python: { libpython: { shared: false, found: false } } }));
    expect(outcome.status).toBe('error');
    expect(outcome.summary).toMatch(/^python\.execution-mode is thread, but \/home\/dev\/project\/\.venv\/bin\/python \(the client's; the workers' could not be looked at\) has no shared libpython/);
  });

  it('pemja missing', () => {
    const distributions = { ...healthyDistributions() };
    delete distributions.pemja;
    const outcome = decide(pythonThreadMode, buildFacts({ shipping: thread, python: { libpython: { shared: true, found: true } }, packages: { distributions } }));
    expect(outcome.summary).toMatch(/pemja is not installed in/);
  });

  it('pemja and a shared libpython: ok; process mode: skipped', () => {
    expect(decide(pythonThreadMode, buildFacts({ shipping: thread, python: { libpython: { shared: true, found: true } } })).status).toBe('ok');
    expect(decide(pythonThreadMode, buildFacts()).status).toBe('skipped');
  });
});

describe('java.options decisions', () => {
  it('the distribution\'s list on Java 17: ok', () => {
    expect(decide(javaOptions, buildFacts()).status).toBe('ok');
  });

  it('env.java.opts.all replaced by the user', () => {
    const outcome = decide(javaOptions, buildFacts({ jvmOptions: { from: [{ source: 'env.java.opts.all', value: '-XX:+UseG1GC' }], options: ['-XX:+UseG1GC'] } }));
    expect(outcome.status).toBe('error');
    expect(outcome.summary).toBe(`Java 17: ${JAVA17_FLAGS_22.length} of Flink 2.2's ${JAVA17_FLAGS_22.length} --add-opens/--add-exports flags are not in the JVM options: expect InaccessibleObjectException`);
  });

  it('FLINK_ENV_JAVA_OPTS replacing the config keys; Java 11 needs none', () => {
    const outcome = decide(javaOptions, buildFacts({ jvmOptions: { from: [{ source: 'FLINK_ENV_JAVA_OPTS', value: '-Xss2m' }], options: ['-Xss2m'] } }));
    expect(outcome.summary).toContain('(FLINK_ENV_JAVA_OPTS replaces the config keys)');
    expect(decide(javaOptions, buildFacts({ java: { version: { major: 11, version: '11.0.24', readFrom: 'release file' } }, jvmOptions: { from: [], options: [] } })).status).toBe('skipped');
  });
});
