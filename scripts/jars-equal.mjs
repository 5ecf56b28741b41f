#!/usr/bin/env node
// Whether a change to the JAR reader keeps every fact the checks use: reads every JAR under a folder (by default the
// real-artifact cache, hundreds of real connector, driver and Flink JARs) with this checkout's readJar
// (src/jars/zip-reader.ts) and another checkout's, and compares all they return (texts, class names, packages, class
// major, notes, errors), and what each checkout's identifyJar makes of them with its own matrix (name, version,
// family, role, Flink line, factories, bundled libraries). The checks are pure functions of these.
// Usage: node scripts/jars-equal.mjs --before /path/to/other/checkout [--dir FOLDER]. Exits 1 when any JAR differs.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isDeepStrictEqual, parseArgs } from 'node:util';
import { loadTs } from './load-ts.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({ options: { before: { type: 'string' }, dir: { type: 'string' } } });
const dir = values.dir ?? process.env.FLINK_DOCTOR_REAL_CACHE ?? join(homedir(), '.cache', 'flink-doctor-real');
if (!values.before || !existsSync(join(values.before, 'src/jars/zip-reader.ts'))) {
  throw new Error('--before CHECKOUT: a checkout of flink-doctor to compare with (its src/jars/zip-reader.ts)');
}
const files = execFileSync('find', ['-L', dir, '-name', '*.jar', '-type', 'f'], { encoding: 'utf8' }).split('\n').filter(Boolean).sort();
const builds = await Promise.all([root, resolve(values.before)].map(load));
const read = (reader, file) =>
  reader.readJar(file).then(
    (contents) => contents,
    (error) => ({ error: `${error?.name}: ${error?.message}` }),
  );

let differ = 0;
let majors = 0;
for (const file of files) {
  const [after, before] = await Promise.all(builds.map((build) => facts(build, file)));
  if (after.contents.classMajor !== undefined) majors += 1;
  if (isDeepStrictEqual(after, before)) continue;
  differ += 1;
  const fields = ['contents', 'identified'].flatMap((part) =>
    Object.keys({ ...after[part], ...before[part] })
      .filter((key) => !isDeepStrictEqual(after[part]?.[key], before[part]?.[key]))
      .map((key) => `${part}.${key}`),
  );
  console.log(`differs: ${file} (${fields.join(', ')})`);
}
console.log(`${files.length} JARs under ${dir}: ${files.length - differ} alike, ${differ} differ (${majors} with a class major)`);
process.exitCode = differ > 0 ? 1 : 0;

/** A checkout's reader, identification and matrix. */
async function load(tree) {
  const [reader, identify, matrix] = await Promise.all(
    ['src/jars/zip-reader.ts', 'src/jars/identify.ts', 'src/knowledge/load-matrix.ts'].map((entry) => loadTs(tree, entry)),
  );
  return { readJar: reader.readJar, identifyJar: identify.identifyJar, knowledge: matrix.loadMatrix().connectors() };
}

/** What a checkout reads from the JAR and makes of it (as a JAR given with --jars). */
async function facts(build, file) {
  const contents = await read(build, file);
  const identified = contents.error ? undefined : build.identifyJar(file, '--jars', contents, build.knowledge);
  return { contents, identified };
}
