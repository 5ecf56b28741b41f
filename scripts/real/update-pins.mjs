#!/usr/bin/env node
// Adds pinned artifacts to test-real/pins.json, with the checksums the registries publish:
//   node scripts/real/update-pins.mjs --pypi apache-flink==1.20.5@3.11   the file pip would pick on CPython 3.11
//   node scripts/real/update-pins.mjs --closure apache-flink==1.20.5@3.11 what pip resolves for it, every file
//   node scripts/real/update-pins.mjs --maven org.apache.flink:flink-sql-avro:1.20.0
// PyPI: the sha256 of the simple index (PEP 691 JSON) or of pip's own --report; Maven: the published .sha1.
// The real tier installs only what is pinned here, so a release published tomorrow cannot change a run.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
/* global fetch, AbortSignal */

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const pinsPath = join(root, 'test-real', 'pins.json');
const MAVEN = 'https://repo1.maven.org/maven2';
const { values } = parseArgs({
  options: {
    pypi: { type: 'string', multiple: true, default: [] },
    closure: { type: 'string', multiple: true, default: [] },
    maven: { type: 'string', multiple: true, default: [] },
  },
});

const pins = JSON.parse(readFileSync(pinsPath, 'utf8'));
const today = new Date().toISOString().slice(0, 10);

function parseSpec(spec) {
  const match = /^([\w.-]+)==([\w.+-]+)@(\d+)\.(\d+)$/.exec(spec);
  if (!match) throw new Error(`expected NAME==VERSION@PYTHON (e.g. apache-flink==1.20.5@3.11), got ${spec}`);
  return { name: match[1], version: match[2], python: `${match[3]}.${match[4]}`, tag: `cp${match[3]}${match[4]}` };
}

async function getJson(url, accept) {
  const response = await fetch(url, { headers: { accept }, signal: AbortSignal.timeout(30_000) });
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  return response.json();
}

/** A wheel CPython `tag` on manylinux x86_64 can install, else the sdist. */
function pickFile(files, version, tag) {
  const ofVersion = files.filter((f) => !f.yanked && f.filename.includes(`-${version}`));
  const wheel = ofVersion.find((f) => f.filename.endsWith('.whl') && wheelFits(f.filename, tag));
  return wheel ?? ofVersion.find((f) => f.filename.endsWith('.tar.gz'));
}

function wheelFits(filename, tag) {
  const [, pyTags, abi, platform] = /-([^-]+)-([^-]+)-([^-]+)\.whl$/.exec(filename) ?? [];
  if (!platform) return false;
  const anyPlatform = platform === 'any';
  const linux = /manylinux.*x86_64/.test(platform);
  if (!anyPlatform && !linux) return false;
  const py = pyTags.split('.');
  return (
    py.includes(tag) ||
    (abi === 'abi3' && py.some((p) => p.startsWith('cp3'))) ||
    (abi === 'none' && py.some((p) => p === 'py3' || p === 'py2'))
  );
}

async function addPypi(spec) {
  const { name, version, tag } = parseSpec(spec);
  const index = await getJson(`https://pypi.org/simple/${name}/`, 'application/vnd.pypi.simple.v1+json');
  const file = pickFile(index.files, version, tag);
  if (!file) throw new Error(`${name} ${version}: no file for ${tag} on manylinux x86_64 and no sdist`);
  pins.pypi[file.filename] = { url: file.url, sha256: file.hashes.sha256 };
  console.log(`pinned ${file.filename}`);
}

function pyenvPython(python) {
  const root = process.env.PYENV_ROOT || join(homedir(), '.pyenv');
  const full = execFileSync('ls', [join(root, 'versions')], { encoding: 'utf8' })
    .split('\n')
    .find((v) => v.startsWith(`${python}.`));
  if (!full) throw new Error(`no pyenv Python ${python}`);
  return join(root, 'versions', full, 'bin', 'python');
}

/** pip's own resolution (a dry run with --report in a throwaway venv), every file with its sha256. */
function addClosure(spec) {
  const { name, version, python } = parseSpec(spec);
  const work = mkdtempSync(join(tmpdir(), 'pins-'));
  try {
    execFileSync(pyenvPython(python), ['-m', 'venv', join(work, 'venv')]);
    const report = join(work, 'report.json');
    execFileSync(
      join(work, 'venv', 'bin', 'python'),
      ['-m', 'pip', 'install', '--quiet', '--dry-run', '--ignore-installed', '--report', report, `${name}==${version}`],
      { stdio: 'inherit' },
    );
    const files = [];
    for (const item of JSON.parse(readFileSync(report, 'utf8')).install) {
      const { url, archive_info: archive } = item.download_info;
      const filename = decodeURIComponent(url.split('/').pop());
      pins.pypi[filename] = { url, sha256: archive.hashes.sha256 };
      files.push(filename);
    }
    pins.closures[`${name}==${version}@${python}`] = { resolvedOn: today, files: files.sort() };
    console.log(`pinned the closure of ${name}==${version} on Python ${python}: ${files.length} files`);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

async function addMaven(coordinate) {
  const [groupId, artifactId, version] = coordinate.split(':');
  if (!version) throw new Error(`expected groupId:artifactId:version, got ${coordinate}`);
  const url = `${MAVEN}/${groupId.replaceAll('.', '/')}/${artifactId}/${version}/${artifactId}-${version}.jar.sha1`;
  const response = await fetch(url, { signal: AbortSignal.timeout(30_000) });
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  pins.maven[coordinate] = { sha1: (await response.text()).trim().split(/\s+/)[0].toLowerCase() };
  console.log(`pinned ${coordinate}`);
}

for (const spec of values.pypi) await addPypi(spec);
for (const spec of values.closure) addClosure(spec);
for (const coordinate of values.maven) await addMaven(coordinate);
pins.asOf = today;
const sorted = (object) => Object.fromEntries(Object.entries(object).sort(([a], [b]) => a.localeCompare(b)));
const text = `${JSON.stringify({ ...pins, pypi: sorted(pins.pypi), closures: sorted(pins.closures), maven: sorted(pins.maven) }, null, 1)}\n`;
writeFileSync(`${pinsPath}.tmp`, text);
renameSync(`${pinsPath}.tmp`, pinsPath);
