#!/usr/bin/env node
// Checks compat-matrix.json against its primary sources and writes what it found, with the date, to
// docs/matrix-verification.md. Needs the network (PyPI and Maven Central); not part of `npm test`.
//   node scripts/verify-matrix.mjs [--out FILE] [--only pypi|maven] [--concurrency N]
// PyPI: every apache-flink wheel's own .dist-info/METADATA (Requires-Dist, Requires-Python), read with HTTP range
// requests into the wheel when the index does not serve PEP 658 metadata; the releases per line; which platforms
// and Python minors apache-flink, pemja and apache-beam have wheels for. Maven: maven-metadata.xml of every
// artifact the doctor can recommend, and whether it lists each release the matrix names.
// METADATA files are cached under ${FLINK_DOCTOR_REAL_CACHE:-~/.cache/flink-doctor-real}/pypi-metadata.
import { Buffer } from 'node:buffer';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { XMLParser } from 'fast-xml-parser';
import yauzl from 'yauzl';
import { loadTs } from './load-ts.mjs';
/* global fetch, AbortSignal */

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({
  options: {
    out: { type: 'string', default: join(root, 'docs/matrix-verification.md') },
    only: { type: 'string' },
    concurrency: { type: 'string', default: '4' },
  },
});
const cacheRoot = process.env.FLINK_DOCTOR_REAL_CACHE ?? join(homedir(), '.cache', 'flink-doctor-real');
const PYPI = 'https://pypi.org/simple';
const MAVEN = 'https://repo1.maven.org/maven2';
const UA = { 'user-agent': 'flink-doctor verify-matrix' };

const load = (entry) => loadTs(root, entry);
const { loadMatrix } = await load('src/knowledge/load-matrix.ts');
const { parseRequirement, versionSatisfies } = await load('src/python/pep508.ts');
const { namesFor } = await load('src/knowledge/artifacts.ts');
const { compare } = await import('@renovatebot/pep440');
const matrix = loadMatrix();

async function get(url, headers = {}) {
  for (let attempt = 0; ; attempt += 1) {
    const response = await fetch(url, { headers: { ...UA, ...headers }, signal: AbortSignal.timeout(60_000) });
    if (response.ok || response.status === 404 || attempt === 2) return response;
    await new Promise((resolve) => setTimeout(resolve, 2000 * (attempt + 1)));
  }
}

/** Runs `task` over `items`, `limit` at a time, in order of the results. */
async function pool(items, limit, task) {
  const results = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await task(items[index]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

// ---------------------------------------------------------------- PyPI

/** The PEP 691 JSON index of a project: its versions and files. */
async function simpleIndex(project) {
  const response = await get(`${PYPI}/${project}/`, { accept: 'application/vnd.pypi.simple.v1+json' });
  if (!response.ok) throw new Error(`${PYPI}/${project}/: HTTP ${response.status}`);
  return response.json();
}

/** A yauzl reader over HTTP range requests: the zip's tail (central directory) is fetched once, entries on demand. */
class RangeReader extends yauzl.RandomAccessReader {
  constructor(url, size) {
    super();
    this.url = url;
    this.size = size;
    this.tail = undefined;
  }

  _readStreamForRange(start, end) {
    return Readable.from(this.bytes(start, end));
  }

  async *bytes(start, end) {
    const tailStart = Math.max(0, this.size - 262_144);
    if (start >= tailStart) {
      this.tail ??= await this.fetchRange(tailStart, this.size - 1);
      yield this.tail.subarray(start - tailStart, end - tailStart);
      return;
    }
    yield await this.fetchRange(start, end - 1);
  }

  async fetchRange(start, end) {
    const response = await get(this.url, { range: `bytes=${start}-${end}` });
    if (response.status !== 206 && response.status !== 200) throw new Error(`${this.url}: HTTP ${response.status}`);
    const bytes = Buffer.from(await response.arrayBuffer());
    return response.status === 200 ? bytes.subarray(start, end + 1) : bytes;
  }
}

/** The text of `<name>.dist-info/METADATA` inside a remote wheel: PEP 658 when served, else range reads. */
async function wheelMetadata(file) {
  const cached = join(cacheRoot, 'pypi-metadata', `${file.filename}.METADATA`);
  const hit = await readFile(cached, 'utf8').catch(() => undefined);
  if (hit) return hit;
  let text;
  if (file['core-metadata'] || file['data-dist-info-metadata']) {
    const response = await get(`${file.url}.metadata`);
    if (response.ok) text = await response.text();
  }
  text ??= await metadataFromZip(file.url, file.size);
  await mkdir(dirname(cached), { recursive: true });
  await writeFile(cached, text);
  return text;
}

async function metadataFromZip(url, size) {
  const zip = await yauzl.fromRandomAccessReaderPromise(new RangeReader(url, size), size, { lazyEntries: true, autoClose: true });
  try {
    for await (const entry of zip.eachEntry()) {
      if (!/^[^/]+\.dist-info\/METADATA$/.test(entry.fileName)) continue;
      const chunks = [];
      for await (const chunk of await zip.openReadStreamPromise(entry)) chunks.push(chunk);
      return Buffer.concat(chunks).toString('utf8');
    }
  } finally {
    zip.close();
  }
  throw new Error(`${url}: no .dist-info/METADATA`);
}

/** Requires-Dist and Requires-Python of a METADATA file (RFC 822 headers). */
function parseMetadata(text) {
  const headers = text.split(/\r?\n\r?\n/)[0].split(/\r?\n/);
  return {
    requires: headers.filter((h) => h.startsWith('Requires-Dist:')).map((h) => h.slice(14).trim()),
    requiresPython: headers
      .find((h) => h.startsWith('Requires-Python:'))
      ?.slice(16)
      .trim(),
  };
}

/** One comparable form per requirement: name, sorted clauses, marker with quotes and spaces normalised. */
function normal(line) {
  const parsed = parseRequirement(line);
  if (!parsed.ok) return `UNREADABLE ${line}`;
  const r = parsed.value;
  const marker = (r.markerText ?? '').replace(/'/g, '"').replace(/\s+/g, ' ').trim();
  return `${r.key} ${r.specifier.split(',').filter(Boolean).sort().join(',')}${marker ? ` ; ${marker}` : ''}`;
}

const withoutLibraries = (lines) => lines.filter((l) => !/^apache[-_]flink[-_]libraries\b/.test(l));

/** "apache_flink-2.3.0-cp310-cp310-macosx_11_0_arm64.whl" → version, CPython minor, platforms. */
function wheelOf(project, filename) {
  const prefix = project.replace(/-/g, '[-_]');
  const match = new RegExp(`^${prefix}-([^-]+)-(cp\\d+)-(cp\\d+t?m?|abi3|none)-(.+)\\.whl$`, 'i').exec(filename);
  if (!match || match[3].endsWith('t')) return undefined;
  const platforms = new Set();
  for (const tag of match[4].split('.')) {
    const arch = /x86_64|amd64/i.test(tag) ? 'x86_64' : /aarch64|arm64/i.test(tag) ? 'arm' : /universal2/.test(tag) ? 'both' : undefined;
    const os =
      /linux/.test(tag) && !/musllinux/.test(tag) ? 'linux' : /macosx/.test(tag) ? 'macos' : /^win/.test(tag) ? 'windows' : undefined;
    if (!os || !arch) continue;
    const names = arch === 'both' ? ['x86_64', 'arm64'] : arch === 'arm' ? [os === 'linux' ? 'aarch64' : 'arm64'] : ['x86_64'];
    for (const name of names) platforms.add(`${os}-${name}`);
  }
  const python = `${match[2].slice(2, 3)}.${match[2].slice(3)}`;
  return { version: match[1], python, platforms: [...platforms] };
}

/** Platform → CPython minors with a wheel, for one release of a project. */
function tableOf(project, files, version) {
  const table = {};
  for (const file of files) {
    const wheel = wheelOf(project, file.filename);
    if (!wheel || wheel.version !== version) continue;
    for (const platform of wheel.platforms) (table[platform] ??= new Set()).add(wheel.python);
  }
  const sorted = (set) => [...set].sort((a, b) => Number(a.split('.')[1]) - Number(b.split('.')[1]));
  return Object.fromEntries(
    Object.entries(table)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([k, v]) => [k, sorted(v)]),
  );
}

const sameTable = (a = {}, b = {}) => JSON.stringify(Object.entries(a).sort()) === JSON.stringify(Object.entries(b).sort());

/** The matrix's releases per line against PyPI's apache-flink versions from the oldest known line on. */
function checkReleases(index, report) {
  const oldest = matrix.minors()[0];
  const stable = index.versions.filter((v) => /^\d+\.\d+\.\d+$/.test(v) && compare(v, `${oldest}.0`) >= 0);
  const known = new Set(matrix.minors().flatMap((m) => matrix.line(m).patches));
  const unknown = stable.filter((v) => !known.has(v));
  const missing = [...known].filter((v) => !stable.includes(v));
  report.push(`- releases on PyPI from ${oldest}.0 on: ${stable.length}; in the matrix: ${known.size}`);
  report.push(unknown.length === 0 ? '- every PyPI release is in the matrix' : `- **on PyPI, not in the matrix**: ${unknown.join(', ')}`);
  report.push(missing.length === 0 ? '- every matrix release is on PyPI' : `- **in the matrix, not on PyPI**: ${missing.join(', ')}`);
  return stable.filter((v) => known.has(v));
}

/** Every wheel's Requires-Dist and Requires-Python against the matrix entry for its release and Python tag. */
async function checkRequiresDist(index, releases, report) {
  const wheels = index.files.filter(
    (f) => wheelOf('apache-flink', f.filename) && releases.includes(wheelOf('apache-flink', f.filename).version),
  );
  const metadata = await pool(wheels, Number(values.concurrency), async (file) => ({ file, ...parseMetadata(await wheelMetadata(file)) }));
  const problems = [];
  const perRelease = new Map();
  for (const { file, requires, requiresPython } of metadata) {
    const { version, python } = wheelOf('apache-flink', file.filename);
    const entry = matrix.requiresDistFor(version, `cp${python.replace('.', '')}`);
    const want = new Set(withoutLibraries(entry?.requires ?? []).map(normal));
    const have = new Set(withoutLibraries(requires).map(normal));
    const extra = [...have].filter((r) => !want.has(r));
    const lacking = [...want].filter((r) => !have.has(r));
    if (extra.length || lacking.length)
      problems.push(`| ${file.filename} | ${extra.join('<br>') || '–'} | ${lacking.join('<br>') || '–'} |`);
    const pythonRequires = matrix.line(version)?.python.pythonRequires;
    if (requiresPython !== pythonRequires) problems.push(`| ${file.filename} | Requires-Python ${requiresPython} | ${pythonRequires} |`);
    perRelease.set(version, (perRelease.get(version) ?? 0) + 1);
  }
  report.push(`- wheels read: ${metadata.length} (${[...perRelease].map(([v, n]) => `${v}: ${n}`).join(', ')})`);
  if (problems.length === 0)
    report.push("- every wheel's Requires-Dist and Requires-Python equal the matrix entry for its release and Python tag");
  else report.push('', '| wheel | in the wheel, not the matrix | in the matrix, not the wheel |', '|---|---|---|', ...problems);
}

/** The wheel tables of compat-matrix.json `wheels` against PyPI's file lists. */
async function checkWheelTables(report) {
  const tables = matrix.doc.wheels?.packages ?? {};
  const rows = [];
  for (const [project, { byFlinkLine, byVersion }] of Object.entries(tables)) {
    const index = await simpleIndex(project);
    for (const [minor, table] of Object.entries(byFlinkLine ?? {})) {
      for (const patch of matrix.line(minor)?.patches ?? []) {
        if (!sameTable(tableOf(project, index.files, patch), table))
          rows.push(`| ${project} ${patch} | ${JSON.stringify(tableOf(project, index.files, patch))} | ${JSON.stringify(table)} |`);
      }
    }
    for (const [version, table] of Object.entries(byVersion ?? {})) {
      if (!sameTable(tableOf(project, index.files, version), table))
        rows.push(`| ${project} ${version} | ${JSON.stringify(tableOf(project, index.files, version))} | ${JSON.stringify(table)} |`);
    }
    if (byVersion) rows.push(...checkPins(project, index, Object.keys(byVersion)));
  }
  if (rows.length === 0)
    report.push("- every wheel table equals PyPI's file list, and every pemja / apache-beam pin resolves to a release the tables hold");
  else report.push('', '| release | PyPI | matrix |', '|---|---|---|', ...rows);
}

/** Each pin of `project` in the matrix resolves (newest PyPI release it allows) to a release the table holds. */
function checkPins(project, index, tabled) {
  const rows = [];
  const available = index.versions.filter((v) => /^\d+(\.\d+)*$/.test(v));
  for (const minor of matrix.minors()) {
    for (const entry of matrix.line(minor).requiresDist) {
      const pin = entry.requires.map((r) => parseRequirement(r)).find((p) => p.ok && p.value.key === project)?.value;
      if (!pin) continue;
      const chosen = available
        .filter((v) => versionSatisfies(v, pin.specifier))
        .sort(compare)
        .pop();
      if (!tabled.includes(chosen))
        rows.push(`| ${project} pin ${pin.specifier} (apache-flink ${entry.since}) | newest allowed: ${chosen} | not in the table |`);
    }
  }
  return rows;
}

// ---------------------------------------------------------------- Maven

const listings = new Map();

/** The versions maven-metadata.xml lists for g:a (null when the repository has no such artifact). */
function listed(groupId, artifactId) {
  const key = `${groupId}:${artifactId}`;
  if (!listings.has(key)) {
    listings.set(
      key,
      (async () => {
        const response = await get(`${MAVEN}/${groupId.replace(/\./g, '/')}/${artifactId}/maven-metadata.xml`);
        if (response.status === 404) return null;
        if (!response.ok) throw new Error(`${key}: HTTP ${response.status}`);
        const doc = new XMLParser({
          processEntities: false,
          ignoreAttributes: true,
          parseTagValue: false,
          isArray: (n) => n === 'version',
        }).parse(await response.text());
        return (doc?.metadata?.versioning?.versions?.version ?? []).map(String);
      })(),
    );
  }
  return listings.get(key);
}

/** Every release × Flink line the matrix names, as coordinates (the release's fat, else thin, artifact). */
function releaseCoordinates(knowledge) {
  const out = [];
  for (const [key, family] of Object.entries(knowledge.section.families)) {
    for (const minor of matrix.minors()) {
      const releases = knowledge.releasesFor(family, minor);
      const recommended = knowledge.recommend(family, minor, matrix.resolvePatch(minor));
      const twin = (release) => namesFor(family, minor, release).thin.find((a) => a !== recommended?.artifactId);
      if (recommended) out.push({ key, minor, ...recommended, recommended: true, twin: twin(releases[0]) });
      for (const release of releases.slice(1)) {
        const c = knowledge.recommend({ ...family, releases: [release] }, minor, matrix.resolvePatch(minor));
        if (c) out.push({ key, minor, ...c, recommended: false, twin: twin(release) });
      }
    }
  }
  return out;
}

async function checkMaven(report) {
  const coordinates = releaseCoordinates(matrix.connectors());
  const results = await pool(coordinates, 2, async (c) => {
    const versions = await listed(c.groupId, c.artifactId);
    // The thin twin of the same release and line often is listed where the fat JAR is not: that build exists.
    const twinListed = !versions?.includes(c.version) && c.twin ? (await listed(c.groupId, c.twin))?.includes(c.version) : false;
    return { ...c, versions, twinListed };
  });
  const byFamily = new Map();
  for (const r of results) {
    const row = byFamily.get(r.key) ?? { seen: 0, twin: 0, unseen: [], recommendedUnseen: 0 };
    if (r.versions?.includes(r.version)) row.seen += 1;
    else if (r.twinListed) row.twin += 1;
    else {
      row.unseen.push(`${r.artifactId}:${r.version}${r.versions === null ? ' (artifact not listed at all)' : ''}`);
      if (r.recommended) row.recommendedUnseen += 1;
    }
    byFamily.set(r.key, row);
  }
  const seen = results.filter((r) => r.versions?.includes(r.version)).length;
  const twins = results.filter((r) => r.twinListed).length;
  report.push(`- coordinates checked (every release × Flink line the matrix names, recommended ones included): ${results.length}`);
  report.push(
    `- listed by maven-metadata.xml: ${seen}; not listed but the same release of the family's thin artifact is: ${twins}; neither: ${results.length - seen - twins}`,
  );
  report.push('', '| family | listed | thin twin listed | neither (of which recommended) | neither |', '|---|---|---|---|---|');
  for (const [key, row] of byFamily)
    report.push(
      `| ${key} | ${row.seen} | ${row.twin} | ${row.unseen.length} (${row.recommendedUnseen}) | ${row.unseen.join(', ') || '–'} |`,
    );
}

// ---------------------------------------------------------------- report

async function main() {
  const date = new Date().toISOString();
  const report = [
    '# Matrix verification',
    '',
    `Generated by \`node scripts/verify-matrix.mjs\` on ${date.slice(0, 10)} (${date}) against compat-matrix.json of ${matrix.doc.updated}.`,
    'It needs the network and is not part of `npm test`; rerun it after changing the matrix and commit its output.',
    '',
  ];
  if (values.only !== 'maven') {
    const index = await simpleIndex('apache-flink');
    report.push('## PyPI: apache-flink', '', `Source: ${PYPI}/apache-flink/ (PEP 691 JSON) and each wheel's \`.dist-info/METADATA\`.`, '');
    const releases = checkReleases(index, report);
    await checkRequiresDist(index, releases, report);
    report.push(
      '',
      '## PyPI: wheels per platform and Python minor',
      '',
      'Source: the simple-index file lists of apache-flink, pemja and apache-beam.',
      '',
    );
    await checkWheelTables(report);
  }
  if (values.only !== 'pypi') {
    report.push('', '## Maven: connector releases', '', `Source: ${MAVEN}/<group>/<artifact>/maven-metadata.xml.`);
    report.push(
      '',
      'The repository reachable from this project\'s network is a partial mirror of Maven Central: its metadata lists a subset of the versions, and the files of unlisted versions answer 404 (flink-sql-connector-kafka lists 12 versions there; its thin twin flink-connector-kafka lists every release). A listed version proves the coordinate exists; an unlisted one proves nothing, so "not listed" below is not a finding against the matrix, whose release facts come from the connector repositories.',
      '',
    );
    await checkMaven(report);
  }
  await mkdir(dirname(values.out), { recursive: true });
  await writeFile(values.out, `${report.join('\n')}\n`);
  console.log(`verify-matrix: written to ${values.out}`);
}

await main();
