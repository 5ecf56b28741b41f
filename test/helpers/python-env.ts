// Real Python interpreters (pyenv) and real virtual environments holding fake-but-realistic installed
// distributions, laid out on disk as pip lays them out (*.dist-info with METADATA, INSTALLER, RECORD, WHEEL).
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { tempDir, writeFileDeep } from './tmp.js';

const run = promisify(execFile);

/** Every interpreter the Python tests may ask for (pyenv versions installed on the test machine). */
export const PYENV_VERSIONS = ['2.7.18', '3.6.15', '3.7.16', '3.8.18', '3.9.18', '3.10.13', '3.11.7', '3.12.1', '3.13.0'] as const;
export type PyenvVersion = (typeof PYENV_VERSIONS)[number];

/** Path of pyenv's python for `version`; throws (fails the test, never skips) when it is not installed. */
export function pyenvPython(version: PyenvVersion): string {
  const root = process.env.PYENV_ROOT || join(homedir(), '.pyenv');
  const python = join(root, 'versions', version, 'bin', 'python');
  if (!existsSync(python)) {
    throw new Error(`Python ${version} not found at ${python}: install it with \`pyenv install ${version}\` (or set PYENV_ROOT)`);
  }
  return python;
}

/** One installed distribution to fake. `requires` are Requires-Dist values written exactly as given. */
export interface FakeDistribution {
  name: string;
  version: string;
  requires?: string[];
  /** dist-info (default, pip/wheel) or egg-info (setup.py develop / old installs, requires.txt sections). */
  layout?: 'dist-info' | 'egg-info';
  /** For egg-info: requires.txt content; for dist-info: ignored. */
  requiresTxt?: string;
  /** Replace METADATA / PKG-INFO with this text (garbage cases). */
  rawMetadata?: string;
}

/** A venv made by `python -m venv --without-pip`, with the path of its site-packages. */
export interface Venv {
  dir: string;
  python: string;
  sitePackages: string;
}

/**
 * Creates a real venv from a pyenv interpreter (Python 3 only: 2.7 has no venv module). By default bin/python is
 * a symlink to the base interpreter, as `python -m venv` makes it; `copies` makes it a copy (`--copies`).
 */
export async function makeVenv(
  version: PyenvVersion,
  { copies = false, name = 'env' }: { copies?: boolean; name?: string } = {},
): Promise<Venv> {
  const base = pyenvPython(version);
  const dir = join(await tempDir('venv-'), name);
  await run(base, ['-m', 'venv', '--without-pip', ...(copies ? ['--copies'] : []), dir]);
  const minor = version.split('.').slice(0, 2).join('.');
  const sitePackages = join(dir, 'lib', `python${minor}`, 'site-packages');
  if (!existsSync(sitePackages)) throw new Error(`venv at ${dir} has no ${sitePackages}`);
  return { dir, python: join(dir, 'bin', 'python'), sitePackages };
}

/** The METADATA text pip would find for `dist` (Metadata-Version 2.1, headers, blank line, description). */
export function metadataText(dist: FakeDistribution): string {
  const lines = [
    'Metadata-Version: 2.1',
    `Name: ${dist.name}`,
    `Version: ${dist.version}`,
    `Summary: ${dist.name} (fake metadata for flink-doctor tests)`,
    'Home-page: https://example.invalid/',
    'License: Apache Software License',
    'Classifier: Programming Language :: Python :: 3',
    'Requires-Python: >=3.8',
    'Description-Content-Type: text/markdown',
    ...(dist.requires ?? []).map((req) => `Requires-Dist: ${req}`),
    '',
    `# ${dist.name}`,
    '',
    'Requires-Dist: not-a-header-this-is-the-description',
  ];
  return `${lines.join('\n')}\n`;
}

/** Writes `dist` into `sitePackages` the way pip (dist-info) or setuptools (egg-info) leaves it; returns its dir. */
export async function addDistribution(sitePackages: string, dist: FakeDistribution): Promise<string> {
  const stem = `${dist.name.replace(/[-.]/g, '_')}-${dist.version}`;
  if (dist.layout === 'egg-info') {
    const dir = join(sitePackages, `${stem}-py3.11.egg-info`);
    const pkgInfo = dist.rawMetadata ?? metadataText({ ...dist, requires: [] }).replace('Metadata-Version: 2.1', 'Metadata-Version: 1.2');
    await writeFileDeep(join(dir, 'PKG-INFO'), pkgInfo);
    if (dist.requiresTxt !== undefined) await writeFileDeep(join(dir, 'requires.txt'), dist.requiresTxt);
    await writeFileDeep(join(dir, 'top_level.txt'), `${dist.name.replace(/[-.]/g, '_')}\n`);
    return dir;
  }
  const dir = join(sitePackages, `${stem}.dist-info`);
  await writeFileDeep(join(dir, 'METADATA'), dist.rawMetadata ?? metadataText(dist));
  await writeFileDeep(join(dir, 'INSTALLER'), 'pip\n');
  await writeFileDeep(
    join(dir, 'WHEEL'),
    'Wheel-Version: 1.0\nGenerator: bdist_wheel (0.43.0)\nRoot-Is-Purelib: true\nTag: py3-none-any\n',
  );
  await writeFileDeep(join(dir, 'RECORD'), `${stem}.dist-info/METADATA,,\n${stem}.dist-info/RECORD,,\n`);
  await writeFileDeep(join(dir, 'top_level.txt'), `${dist.name.replace(/[-.]/g, '_')}\n`);
  return dir;
}

/** What pyflink/ looks like inside site-packages; null leaves a piece out. */
export interface PyflinkLayout {
  /** __version__ in pyflink/version.py (default: the apache-flink version); null: no version.py. */
  versionPy?: string | null;
  /** Version in lib/flink-dist-<v>.jar; null: no dist JAR. */
  distJar?: string | null;
  /** Version in opt/flink-python-<v>.jar; null: no flink-python JAR. */
  pythonJar?: string | null;
}

/** Writes site-packages/pyflink with version.py, lib/ and opt/ JARs as the apache-flink(-libraries) wheels do. */
export async function addPyflinkPackage(sitePackages: string, version: string, layout: PyflinkLayout = {}): Promise<string> {
  const dir = join(sitePackages, 'pyflink');
  await writeFileDeep(join(dir, '__init__.py'), '# pyflink (fake)\n');
  const versionPy = layout.versionPy === undefined ? version : layout.versionPy;
  if (versionPy !== null) {
    await writeFileDeep(
      join(dir, 'version.py'),
      `################################################################################\n#  Licensed to the Apache Software Foundation (ASF)\n################################################################################\n\n"""\nThe pyflink version will be consistent with the flink version and follow the PEP440.\n.. seealso:: https://www.python.org/dev/peps/pep-0440\n"""\n__version__ = "${versionPy}"\n`,
    );
  }
  const dist = layout.distJar === undefined ? version : layout.distJar;
  const python = layout.pythonJar === undefined ? version : layout.pythonJar;
  if (dist !== null) await writeFileDeep(join(dir, 'lib', `flink-dist-${dist}.jar`), 'PK');
  await writeFileDeep(join(dir, 'lib', `flink-table-runtime-${version}.jar`), 'PK');
  if (python !== null) await writeFileDeep(join(dir, 'opt', `flink-python-${python}.jar`), 'PK');
  await writeFileDeep(join(dir, 'opt', `flink-sql-client-${version}.jar`), 'PK');
  return dir;
}

/** apache-flink 1.20.1's Requires-Dist, half in the old "name (spec)" form and half in the plain form. */
export function apacheFlinkRequires(version = '1.20.1'): string[] {
  return [
    'py4j (==0.10.9.7)',
    'python-dateutil (<3,>=2.8.0)',
    'apache-beam (<2.49.0,>=2.43.0)',
    'cloudpickle (>=2.2.0)',
    'avro-python3 (!=1.9.2,>=1.8.1)',
    'pytz (>=2018.3)',
    'fastavro (!=1.8.0,>=1.1.0)',
    'requests (>=2.26.0)',
    'protobuf>=3.19.0',
    'numpy>=1.22.4',
    'pandas>=1.3.0',
    'pyarrow>=5.0.0',
    'pemja==0.4.1; platform_system != "Windows"',
    'httplib2>=0.19.0',
    'ruamel.yaml>=0.18.4',
    `apache-flink-libraries<${bumpPatch(version)},>=${version}`,
    'pywin32>=300; platform_system == "Windows"',
  ];
}

function bumpPatch(version: string): string {
  const [major, minor, patch] = version.split('.');
  return `${major}.${minor}.${Number(patch) + 1}`;
}

/** A consistent apache-flink install and its whole dependency closure, at versions that satisfy each other. */
export function healthyFlinkDistributions(version = '1.20.1'): FakeDistribution[] {
  return [
    { name: 'apache-flink', version, requires: apacheFlinkRequires(version) },
    { name: 'apache-flink-libraries', version },
    { name: 'py4j', version: '0.10.9.7' },
    { name: 'python-dateutil', version: '2.9.0.post0', requires: ['six (>=1.5)'] },
    { name: 'six', version: '1.16.0' },
    {
      name: 'apache-beam',
      version: '2.48.0',
      requires: [
        'cloudpickle (~=2.2.1)',
        'numpy (<1.25.0,>=1.14.3)',
        'pyarrow (<12.0.0,>=3.0.0)',
        'protobuf (<4.24.0,>=3.20.3)',
        'requests (<3.0.0,>=2.24.0)',
        'fastavro (<2,>=0.23.6)',
        "google-cloud-core (<3,>=2.0.0) ; extra == 'gcp'",
        "pytest (<8.0,>=7.1.2) ; extra == 'test'",
      ],
    },
    { name: 'cloudpickle', version: '2.2.1' },
    { name: 'avro-python3', version: '1.10.2' },
    { name: 'pytz', version: '2024.1' },
    { name: 'fastavro', version: '1.9.7' },
    {
      name: 'requests',
      version: '2.32.3',
      requires: [
        'charset-normalizer<4,>=2',
        'idna<4,>=2.5',
        'urllib3<3,>=1.21.1',
        'certifi>=2017.4.17',
        'PySocks!=1.5.7,>=1.5.6; extra == "socks"',
      ],
    },
    { name: 'charset-normalizer', version: '3.3.2' },
    { name: 'idna', version: '3.7' },
    { name: 'urllib3', version: '2.2.2' },
    { name: 'certifi', version: '2024.7.4' },
    { name: 'protobuf', version: '4.23.4' },
    { name: 'numpy', version: '1.24.4' },
    {
      name: 'pandas',
      version: '2.0.3',
      requires: [
        'python-dateutil>=2.8.2',
        'pytz>=2020.1',
        'tzdata>=2022.1',
        'numpy>=1.21.0; python_version >= "3.10"',
        'numpy>=1.20.3; python_version < "3.10"',
        "pytest>=7.3.2; extra == 'test'",
      ],
    },
    { name: 'tzdata', version: '2024.1' },
    { name: 'pyarrow', version: '11.0.0', requires: ['numpy (>=1.16.6)'] },
    { name: 'pemja', version: '0.4.1' },
    { name: 'httplib2', version: '0.22.0', requires: ['pyparsing (!=3.0.0,!=3.0.1,!=3.0.2,!=3.0.3,<4,>=2.4.2) ; python_version > "3.0"'] },
    { name: 'pyparsing', version: '3.1.2' },
    {
      name: 'ruamel.yaml',
      version: '0.18.6',
      requires: ['ruamel.yaml.clib>=0.2.7; platform_python_implementation == "CPython" and python_version < "3.13"'],
    },
    { name: 'ruamel.yaml.clib', version: '0.2.8' },
  ];
}

/** Replaces (by name) or adds distributions in a list, e.g. to install pyarrow 21 into a healthy set. */
export function withDistributions(base: FakeDistribution[], changes: FakeDistribution[], remove: string[] = []): FakeDistribution[] {
  const names = new Set([...changes.map((d) => d.name), ...remove]);
  return [...base.filter((d) => !names.has(d.name)), ...changes];
}

/** A venv with `dists` installed and, when apache-flink is among them (or `pyflink` says so), a pyflink/ dir. */
export async function makeFlinkVenv(
  version: PyenvVersion,
  dists: FakeDistribution[],
  pyflink?: { version: string } & PyflinkLayout,
): Promise<Venv> {
  const venv = await makeVenv(version);
  await Promise.all(dists.map((dist) => addDistribution(venv.sitePackages, dist)));
  const flink = dists.find((d) => d.name === 'apache-flink');
  const layout = pyflink ?? (flink ? { version: flink.version } : undefined);
  if (layout) await addPyflinkPackage(venv.sitePackages, layout.version, layout);
  return venv;
}

/** An executable `#!/bin/sh` script standing in for a broken interpreter (prints garbage, exits 1, hangs…). */
export async function fakePython(body: string, name = 'python'): Promise<string> {
  const dir = await tempDir('fake-python-');
  return writeFileDeep(join(dir, 'bin', name), `#!/bin/sh\n${body}\n`, true);
}
