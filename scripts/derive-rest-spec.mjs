#!/usr/bin/env node
// Derives test/fixtures/flink-rest/spec-subset.json: for each supported Flink line, the response schemas of the
// four REST endpoints flink-doctor reads, taken from Flink's published spec
// (docs/static/generated/rest_v1_dispatcher.yml at the line's release branch), $refs inlined, and every object
// closed (additionalProperties: false) so a test answer with a field the line does not have fails validation.
// Usage: node scripts/derive-rest-spec.mjs <git dir of a Flink mirror with release-X.Y branches>
//   (e.g. a clone of https://github.com/flink-ci/flink-mirror). Only facts (field names and types) are kept.
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const LINES = ['1.15', '1.16', '1.17', '1.18', '1.19', '1.20', '2.0', '2.1', '2.2', '2.3'];
const ENDPOINTS = ['/config', '/jobmanager/environment', '/jobmanager/config', '/taskmanagers'];
const SPEC = 'docs/static/generated/rest_v1_dispatcher.yml';

const gitDir = process.argv[2];
if (!gitDir) {
  console.error('usage: node scripts/derive-rest-spec.mjs <git dir of a Flink mirror>');
  process.exit(2);
}
const git = (...args) => execFileSync('git', ['--git-dir', gitDir, ...args], { encoding: 'utf8', maxBuffer: 64 << 20 });

function inline(schema, components, seen = []) {
  if (schema.$ref) {
    const name = schema.$ref.replace('#/components/schemas/', '');
    if (seen.includes(name)) return {};
    return inline(components[name] ?? {}, components, [...seen, name]);
  }
  const out = {};
  for (const [key, value] of Object.entries(schema)) {
    if (key === 'properties') out.properties = Object.fromEntries(Object.entries(value).map(([p, s]) => [p, inline(s, components, seen)]));
    else if (key === 'items') out.items = inline(value, components, seen);
    else if (key === 'additionalProperties' && typeof value === 'object') out.additionalProperties = inline(value, components, seen);
    else if (['type', 'enum', 'format'].includes(key)) out[key] = value;
  }
  if (out.type === 'object' && out.properties && out.additionalProperties === undefined) out.additionalProperties = false;
  return out;
}

const lines = {};
for (const line of LINES) {
  const branch = `release-${line}`;
  const commit = git('rev-parse', branch).trim();
  const doc = parse(git('show', `${commit}:${SPEC}`));
  const responses = {};
  for (const path of ENDPOINTS) {
    const schema = doc.paths[path]?.get?.responses?.['200']?.content?.['application/json']?.schema;
    responses[path] = schema ? inline(schema, doc.components.schemas) : null;
  }
  lines[line] = { source: { repository: 'https://github.com/flink-ci/flink-mirror', branch, commit, path: SPEC }, responses };
}
const out = join(root, 'test/fixtures/flink-rest/spec-subset.json');
writeFileSync(out, `${JSON.stringify({ generatedBy: 'scripts/derive-rest-spec.mjs', lines }, null, 1)}\n`);
console.log(`wrote ${out}`);
