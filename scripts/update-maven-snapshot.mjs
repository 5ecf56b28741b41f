#!/usr/bin/env node
// Regenerates data/maven-snapshot.json (the version lists --offline falls back to) from a Maven repository.
//   node scripts/update-maven-snapshot.mjs [--base-url URL] [--out FILE] [--only g:a,g:a] [--delay-ms N] [--keep-unlisted]
// Artifacts: every artifact compat-matrix.json `connectors` names (per Flink line, per release, companions; "{flink}"
// expanded to each known minor) plus those already in the snapshot.
// --keep-unlisted keeps versions the snapshot has but the repository does not list: for a partial mirror (the
// repo1.maven.org this project's network reaches lists a subset of Central), so sourced versions are not lost;
// each artifact's `unlisted` array names the versions kept that way, so a reader can tell them from listed ones.
// Polite to Central: one request at a time with a pause, only maven-metadata.xml files (never listings),
// one retry on 429/5xx honouring Retry-After (capped). Any failure other than 404 aborts without writing,
// so a half-fetched snapshot never replaces a complete one.
import { readFile, rename, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
/* global fetch, AbortSignal */

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({
  options: {
    'base-url': { type: 'string', default: 'https://repo1.maven.org/maven2' },
    out: { type: 'string', default: join(root, 'data/maven-snapshot.json') },
    only: { type: 'string' },
    'delay-ms': { type: 'string', default: '250' },
    'keep-unlisted': { type: 'boolean', default: false },
  },
});
const base = values['base-url'].replace(/\/+$/, '');
const delay = Number(values['delay-ms']);

async function artifactList() {
  if (values.only)
    return values.only
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
  const keys = new Set();
  const matrix = JSON.parse(await readFile(join(root, 'compat-matrix.json'), 'utf8'));
  const minors = Object.keys(matrix.flink ?? {});
  for (const family of Object.values(matrix.connectors?.families ?? {})) {
    const names = [family, ...(family.artifactsByFlink ?? []), ...(family.releases ?? [])].flatMap((o) => [
      ...(o.fat ?? []),
      ...(o.thin ?? []),
      ...(o.companions?.oneOf ?? []),
    ]);
    const artifacts = names.flatMap((a) => (a.includes('{flink}') ? minors.map((m) => a.replace('{flink}', m)) : [a]));
    for (const groupId of family.groupIds ?? [])
      for (const a of artifacts) keys.add(`${groupId}:${family.scalaSuffixed ? `${a}_2.12` : a}`);
  }
  try {
    const current = JSON.parse(await readFile(values.out, 'utf8'));
    for (const key of Object.keys(current.artifacts ?? {})) keys.add(key);
  } catch {
    // no snapshot yet
  }
  return [...keys].sort();
}

function parseVersions(xml) {
  if (/<!DOCTYPE|<!ENTITY/i.test(xml)) throw new Error('DOCTYPE refused');
  const valid = XMLValidator.validate(xml);
  if (valid !== true) throw new Error(`malformed XML: ${valid.err.msg}`);
  const doc = new XMLParser({
    processEntities: false,
    htmlEntities: false,
    ignoreAttributes: true,
    parseTagValue: false,
    removeNSPrefix: true,
    isArray: (n) => n === 'version',
  }).parse(xml);
  const list = doc?.metadata?.versioning?.versions?.version;
  if (!doc?.metadata) throw new Error('no <metadata> root');
  return [...new Set((Array.isArray(list) ? list : []).map((v) => String(v).trim()).filter(Boolean))];
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function fetchMetadata(key) {
  const [groupId, artifactId] = key.split(':');
  const url = `${base}/${groupId.replaceAll('.', '/')}/${artifactId}/maven-metadata.xml`;
  for (let attempt = 0; ; attempt++) {
    const response = await fetch(url, { signal: AbortSignal.timeout(20_000), headers: { 'user-agent': 'flink-doctor snapshot updater' } });
    if (response.status === 404) return null;
    if (response.ok) return parseVersions(await response.text());
    if ((response.status === 429 || response.status >= 500) && attempt === 0) {
      // Retry-After: 0 means now; only a missing or unreadable header falls back to 2 s.
      const header = response.headers.get('retry-after');
      const after = header === null ? NaN : Number(header);
      await sleep(Math.min(Number.isFinite(after) && after >= 0 ? after * 1000 : 2_000, 60_000));
      continue;
    }
    throw new Error(`${url}: HTTP ${response.status}`);
  }
}

const previous = await readFile(values.out, 'utf8').then(
  (text) => JSON.parse(text).artifacts ?? {},
  () => ({}),
);
const artifacts = {};
const missing = [];
let kept = 0;
for (const key of await artifactList()) {
  const versions = await fetchMetadata(key).catch((error) => {
    console.error(`update-maven-snapshot: ${key}: ${error.message}; nothing written`);
    process.exit(1);
  });
  const earlier = values['keep-unlisted'] ? (previous[key]?.versions ?? []) : [];
  const unlisted = earlier.filter((v) => !(versions ?? []).includes(v));
  kept += unlisted.length;
  if (versions === null && unlisted.length === 0) missing.push(key);
  else artifacts[key] = { versions: [...(versions ?? []), ...unlisted], ...(unlisted.length > 0 ? { unlisted } : {}) };
  if (delay > 0) await sleep(delay);
}
const now = new Date();
const doc = {
  $comment: 'Shipped fallback for --offline and unreachable repositories. Regenerate with: node scripts/update-maven-snapshot.mjs',
  asOf: now.toISOString().slice(0, 10),
  source: `fetched from ${base} (maven-metadata.xml of each artifact) at ${now.toISOString()}${kept > 0 ? `; ${kept} versions the repository does not list were kept from the earlier snapshot (--keep-unlisted: a partial mirror lists a subset of Central; each artifact's unlisted array names them)` : ''}`,
  repository: base,
  artifacts,
};
const lines = Object.entries(artifacts).map(([k, v]) => `  ${JSON.stringify(k)}: ${JSON.stringify(v)}`);
const head = Object.entries(doc)
  .filter(([k]) => k !== 'artifacts')
  .map(([k, v]) => ` ${JSON.stringify(k)}: ${JSON.stringify(v)}`);
const text = `{\n${head.join(',\n')},\n "artifacts": {\n${lines.join(',\n')}\n }\n}\n`;
const temp = `${values.out}.${process.pid}.tmp`;
await writeFile(temp, text);
await rename(temp, values.out);
for (const key of missing) console.error(`update-maven-snapshot: ${key}: not in ${base} (left out)`);
console.log(`update-maven-snapshot: ${Object.keys(artifacts).length} artifacts written to ${values.out}`);
