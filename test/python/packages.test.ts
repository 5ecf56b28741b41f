// The packages and pyflink probes on real venvs holding pip-style dist-info (and setuptools egg-info).
import { chmod, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultOptions, type Options } from '../../src/engine/options.js';
import { versionFromVersionPy } from '../../src/probes/pyflink.js';
import { createFactStore } from '../../src/probes/registry.js';
import { addDistribution, healthyFlinkDistributions, makeFlinkVenv, makeVenv, metadataText } from '../helpers/python-env.js';
import { isolatedEnv } from '../helpers/run-check.js';
import { bundledMatrix } from '../helpers/matrix.js';
import { tempDir, writeFileDeep } from '../helpers/tmp.js';

function store(options: Partial<Options>) {
  return createFactStore(defaultOptions({ env: isolatedEnv(), ...options }), bundledMatrix());
}

let healthy: ReturnType<typeof makeFlinkVenv> | undefined;
/** One healthy apache-flink 1.20.1 venv for the tests that only read it (each still probes it in its own run). */
const healthyVenv = () => (healthy ??= makeFlinkVenv('3.11.7', healthyFlinkDistributions()));

describe.concurrent('packages probe', () => {
  it('reads every distribution of a healthy apache-flink venv with its Requires-Dist', async ({ expect }) => {
    const venv = await healthyVenv();
    const packages = await store({ python: venv.python }).get('packages');
    expect(packages.problems).toEqual([]);
    expect(packages.duplicates).toEqual([]);
    expect(Object.keys(packages.distributions)).toHaveLength(healthyFlinkDistributions().length);
    const flink = packages.distributions['apache-flink'];
    expect(flink).toMatchObject({ name: 'apache-flink', key: 'apache-flink', version: '1.20.1' });
    expect(flink?.metadataDir).toBe(join(venv.sitePackages, 'apache_flink-1.20.1.dist-info'));
    expect(flink?.requires).toContain('py4j (==0.10.9.7)');
    expect(flink?.requires).toContain('pemja==0.4.1; platform_system != "Windows"');
    // PEP 503 keys: "ruamel.yaml" is found as ruamel-yaml.
    expect(packages.distributions['ruamel-yaml']?.name).toBe('ruamel.yaml');
  });

  it('the first copy on sys.path wins (PYTHONPATH before site-packages); later ones are duplicates', async ({ expect }) => {
    const venv = await makeVenv('3.11.7');
    await addDistribution(venv.sitePackages, { name: 'pyarrow', version: '16.1.0' });
    const early = await tempDir('pythonpath-');
    await addDistribution(early, { name: 'PyArrow', version: '21.0.0' });
    const packages = await store({ python: venv.python, env: isolatedEnv({ PYTHONPATH: early }) }).get('packages');
    expect(packages.distributions.pyarrow).toMatchObject({ name: 'PyArrow', version: '21.0.0' });
    expect(packages.duplicates.map((d) => `${d.name} ${d.version}`)).toEqual(['pyarrow 16.1.0']);
  });

  it('reads egg-info directories with requires.txt sections turned into markers', async ({ expect }) => {
    const venv = await makeVenv('3.11.7');
    await addDistribution(venv.sitePackages, {
      name: 'legacy-lib',
      version: '0.9',
      layout: 'egg-info',
      requiresTxt: 'six>=1.5\n\n[:python_version < "3.8"]\nimportlib-metadata\n\n[docs]\nsphinx\n',
    });
    // A single-file .egg-info (distutils) is PKG-INFO itself.
    await writeFileDeep(join(venv.sitePackages, 'oldstyle-1.0-py3.11.egg-info'), 'Metadata-Version: 1.1\nName: oldstyle\nVersion: 1.0\n');
    const packages = await store({ python: venv.python }).get('packages');
    expect(packages.problems).toEqual([]);
    expect(packages.distributions['legacy-lib']?.requires).toEqual([
      'six>=1.5',
      'importlib-metadata; python_version < "3.8"',
      'sphinx; extra == "docs"',
    ]);
    expect(packages.distributions.oldstyle?.version).toBe('1.0');
  });

  it('turns garbage, missing and unreadable metadata into problems, and keeps the rest', async ({ expect }) => {
    const venv = await makeVenv('3.11.7');
    await addDistribution(venv.sitePackages, { name: 'good', version: '1.0' });
    await addDistribution(venv.sitePackages, { name: 'garbage', version: '1.0', rawMetadata: '\u0000\u0001\u0002PK binary junk' });
    await addDistribution(venv.sitePackages, {
      name: 'noversion',
      version: '1.0',
      rawMetadata: 'Metadata-Version: 2.1\nName: noversion\n\n',
    });
    await mkdir(join(venv.sitePackages, 'empty-2.0.dist-info'));
    const locked = await addDistribution(venv.sitePackages, { name: 'locked', version: '3.0' });
    await chmod(join(locked, 'METADATA'), 0o000);
    const packages = await store({ python: venv.python }).get('packages');
    expect(Object.keys(packages.distributions)).toContain('good');
    expect(Object.keys(packages.distributions)).not.toContain('garbage');
    const problems = packages.problems.join('\n');
    expect(problems).toContain(
      'garbage-1.0.dist-info/METADATA: unreadable metadata (binary content, not a metadata file); reinstall garbage',
    );
    expect(problems).toContain('noversion-1.0.dist-info/METADATA: unreadable metadata (no Version header); reinstall noversion');
    expect(problems).toContain('empty-2.0.dist-info: cannot read METADATA (missing); reinstall empty');
    // root reads files regardless of mode bits; only assert when the permission bites.
    if (process.getuid?.() !== 0) expect(problems).toContain('locked-3.0.dist-info: cannot read METADATA');
  });

  it('is empty when the interpreter does not run', async ({ expect }) => {
    const packages = await store({ python: '/nonexistent/bin/python' }).get('packages');
    expect(packages).toEqual({ distributions: {}, duplicates: [], problems: [] });
  });
});

describe.concurrent('pyflink probe', () => {
  it('finds apache-flink, apache-flink-libraries, pyflink/, version.py and the JARs', async ({ expect }) => {
    const venv = await healthyVenv();
    const pyflink = await store({ python: venv.python }).get('pyflink');
    expect(pyflink.installed).toBe(true);
    expect(pyflink.flink?.version).toBe('1.20.1');
    expect(pyflink.libraries?.version).toBe('1.20.1');
    expect(pyflink.packageDir).toBe(join(venv.sitePackages, 'pyflink'));
    expect(pyflink.versionPy).toBe('1.20.1');
    expect(pyflink.libJars).toEqual(['flink-dist-1.20.1.jar', 'flink-table-runtime-1.20.1.jar']);
    expect(pyflink.optJars).toEqual(['flink-python-1.20.1.jar', 'flink-sql-client-1.20.1.jar']);
    expect(pyflink.problems).toEqual([]);
  });

  it('feeds the target: with no --flink-version, the installed wheel is the target', async ({ expect }) => {
    const venv = await healthyVenv();
    const target = await store({ python: venv.python }).get('target');
    expect(target).toEqual({ flinkVersion: '1.20.1', patch: '1.20.1', minor: '1.20', source: 'wheel', known: true });
  });

  it('reports a missing version.py and a pyflink/ with no pip metadata', async ({ expect }) => {
    const venv = await makeFlinkVenv('3.11.7', [], { version: '1.20.1', versionPy: null });
    const pyflink = await store({ python: venv.python }).get('pyflink');
    expect(pyflink.installed).toBe(false);
    expect(pyflink.packageDir).toBe(join(venv.sitePackages, 'pyflink'));
    expect(pyflink.problems).toEqual([`${join(venv.sitePackages, 'pyflink', 'version.py')} is missing`]);
  });

  it('reports apache-flink metadata without a pyflink/ package', async ({ expect }) => {
    const venv = await makeVenv('3.11.7');
    await addDistribution(venv.sitePackages, { name: 'apache-flink', version: '1.20.1' });
    const pyflink = await store({ python: venv.python }).get('pyflink');
    expect(pyflink.installed).toBe(true);
    expect(pyflink.packageDir).toBeUndefined();
    expect(pyflink.problems[0]).toContain('no pyflink/ package directory is on sys.path');
  });

  it.each([
    ['__version__ = "1.20.1"\n', '1.20.1'],
    ["# comment\n__version__='2.2.0.dev0'\n", '2.2.0.dev0'],
    ['__version__: str = "1.19.3"', '1.19.3'],
    ['version = "1.0"\n', undefined],
    ['__version__ = get_version()\n', undefined],
  ])('reads __version__ from %j', (text, expected) => {
    expect(versionFromVersionPy(text)).toBe(expected);
  });

  it('metadataText is what the helper writes (a sanity check of the fixture format)', ({ expect }) => {
    expect(metadataText({ name: 'x', version: '1' })).toMatch(/^Metadata-Version: 2\.1\nName: x\nVersion: 1\n/);
  });
});
