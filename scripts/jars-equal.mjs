#!/usr/bin/env node
// Whether a change to the JAR reader keeps every fact the checks use: reads every JAR under a folder (by default the
// real-artifact cache, hundreds of real connector, driver and Flink JARs) with this checkout's readJar
// (src/jars/zip-reader.ts) and another checkout's, and compares all they return (texts, class names, packages, class
// major, notes, errors). Identification and the checks are pure functions of these, so equal reads give equal verdicts.
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
const readers = await Promise.all([root, resolve(values.before)].map((tree) => loadTs(tree, 'src/jars/zip-reader.ts')));
const read = (reader, file) =>
  reader.readJar(file).then(
    (contents) => contents,
    (error) => ({ error: `${error?.name}: ${error?.message}` }),
  );

let differ = 0;
let majors = 0;
for (const file of files) {
  const [after, before] = [await read(readers[0], file), await read(readers[1], file)];
  if (after.classMajor !== undefined) majors += 1;
  if (isDeepStrictEqual(after, before)) continue;
  differ += 1;
  const fields = Object.keys({ ...after, ...before }).filter((key) => !isDeepStrictEqual(after[key], before[key]));
  console.log(`differs: ${file} (${fields.join(', ')})`);
}
console.log(`${files.length} JARs under ${dir}: ${files.length - differ} read alike, ${differ} differ (${majors} with a class major)`);
process.exitCode = differ > 0 ? 1 : 0;
