#!/usr/bin/env node
// Mutation check of the decision tables: for each check, break its core rule in checks/<module>.ts (flip a
// comparison, drop a negation), run only test/checks/<module>.test.ts, and expect red. The file is restored after
// each run, also on Ctrl-C. Prints the table docs/test-strategy.md keeps; exits 1 when a mutation survives.
// Usage: node scripts/mutate-checks.mjs [check-id …]   (no ids: all of them)
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startVitest } from 'vitest/node';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/**
 * One mutation per check: [id, module, from, to, what, file]. `from` must occur exactly once in `file`, which is
 * checks/<module>.ts unless the rule lives in a pure helper the check calls (then that file is named).
 */
const MUTATIONS = [
  [
    'java.runtime',
    'java-runtime',
    'matrix.rateJava(minor, major)',
    'matrix.rateJava(minor, recommended ?? major)',
    'rates the recommended Java instead of the one found',
  ],
  [
    'java.options',
    'java-options',
    'if (missing.flags.length === 0)',
    'if (missing.flags.length <= 1)',
    'one missing --add-opens flag tolerated',
  ],
  [
    'python.client',
    'python-client',
    'if (!supported.includes(pythonMinor))',
    'if (supported.includes(pythonMinor))',
    'supported-minor test inverted',
  ],
  [
    'python.worker',
    'python-worker',
    'if (clientMinor && workerMinor !== clientMinor)',
    'if (clientMinor && workerMinor === clientMinor)',
    'client/worker minor comparison inverted',
  ],
  ['python.archives', 'python-archives', 'if (links.length > 0)', 'if (links.length > 1)', 'one symlink out of the archive tolerated'],
  [
    'python.requirements',
    'python-requirements',
    'if (pinned && needed && !versionSatisfies(pinned, needed))',
    'if (pinned && needed && versionSatisfies(pinned, needed))',
    'pin-within-Requires-Dist test inverted',
  ],
  [
    'python.files',
    'python-files',
    'localImports.filter((i) => !shipped.has(i.module))',
    'localImports.filter((i) => shipped.has(i.module))',
    'shipped/unshipped imports swapped',
  ],
  ['python.thread-mode', 'python-thread-mode', 'if (!installed.pemja)', 'if (installed.pemja)', 'pemja presence test inverted'],
  [
    'pyflink.install',
    'pyflink-install',
    '} else if (!sameRelease(libraries.version, version)) {',
    '} else if (sameRelease(libraries.version, version)) {',
    'apache-flink-libraries release test inverted',
  ],
  [
    'pyflink.dependencies',
    'pyflink-dependencies',
    'if (!req.url && !versionSatisfies(dist.version, req.specifier))',
    'if (!req.url && versionSatisfies(dist.version, req.specifier))',
    'installed-version-satisfies test inverted',
  ],
  ['flink.home', 'flink-home', 'if (!same) {', 'if (same) {', 'same-release test inverted'],
  ['config.file', 'config-file', "case 'unsupported':", "case 'unsupported-on-2x':", '2.x lines judged as if flink-conf.yaml still won'],
  [
    'config.pipeline-jars',
    'config-pipeline-jars',
    'if (!entry.path || entry.exists !== false) continue;',
    'if (!entry.path || entry.exists !== true) continue;',
    'missing-file test inverted',
  ],
  [
    'jars.readable',
    'jars-readable',
    'const broken = all.filter((jar) => jar.error);',
    'const broken = all.filter((jar) => !jar.error);',
    'broken/readable swapped',
  ],
  [
    'jars.flink-version',
    'jars-flink-version',
    'if (builtMajor !== targetMajor) {',
    'if (builtMajor === targetMajor) {',
    'major-line comparison inverted',
    'src/jars/line-verdict.ts',
  ],
  [
    'jars.conflicts',
    'jars-conflicts',
    'if (versions.size < 2) {',
    'if (versions.size <= 2) {',
    'two versions taken for the same JAR twice',
  ],
  [
    'jars.thin',
    'jars-thin',
    'if (by) verdict.met.push(',
    'if (!by) verdict.met.push(',
    'dependency-provided test inverted',
    'src/jars/class-needs.ts',
  ],
  [
    'jars.bytecode',
    'jars-bytecode',
    'javaOfClassMajor(jar.identity?.classMajor ?? 0) > runtime',
    'javaOfClassMajor(jar.identity?.classMajor ?? 0) > runtime + 1',
    'one Java release too new tolerated',
  ],
  [
    'jars.updates',
    'jars-updates',
    'if (target.minor && line && line !== target.minor) {',
    'if (target.minor && line && line === target.minor) {',
    'other-line test inverted',
  ],
  [
    'jars.integrity',
    'jars-integrity',
    'else if (checksum.sha1 !== jar.localSha1)',
    'else if (checksum.sha1 === jar.localSha1)',
    'checksum comparison inverted',
  ],
  [
    'job.connectors',
    'job-connectors',
    "level: opaque ? 'warning' : 'error',",
    "level: opaque ? 'error' : 'warning',",
    'a missing identifier downgraded to a warning',
  ],
  [
    'cluster.version',
    'cluster-version',
    'if (minorOf(client) !== minorOf(clusterVersion)) {',
    'if (minorOf(client) === minorOf(clusterVersion)) {',
    'minor comparison inverted',
  ],
  [
    'cluster.java',
    'cluster-java',
    "else if (rating === 'unsupported')",
    "else if (rating === 'supported')",
    'unsupported/supported swapped',
  ],
  [
    'cluster.jars',
    'cluster-jars',
    'if (there && id.version && there.version !== id.version) {',
    'if (there && id.version && there.version === id.version) {',
    'two-versions test inverted',
  ],
  [
    'cluster.python',
    'cluster-python',
    'if (stated && clientMinor && stated !== clientMinor) {',
    'if (stated && clientMinor && stated === clientMinor) {',
    'stated-minor comparison inverted',
  ],
  [
    'deploy.version',
    'deploy-version',
    'if (sameMinor(s.version, reference.version)) return undefined;',
    'if (!sameMinor(s.version, reference.version)) return undefined;',
    'same-minor test inverted',
  ],
  [
    'deploy.java',
    'deploy-java',
    "} else if (rating === 'unsupported') {",
    "} else if (rating === 'supported') {",
    'unsupported/supported swapped',
  ],
  [
    'deploy.python',
    'deploy-python',
    'if (imagePython.minor && clientMinor && imagePython.minor !== clientMinor) {',
    'if (imagePython.minor && clientMinor && imagePython.minor === clientMinor) {',
    'image/client minor comparison inverted',
  ],
  ['deploy.jars', 'deploy-jars', 'if (!level) return;', 'if (level) return;', 'line-mismatch test inverted'],
];

let restore;
process.on('SIGINT', () => {
  restore?.();
  process.exit(130);
});

/** The titles of the failing tests of one run of `file` (no globalSetup: the tables need no bundle). */
async function failingTests(file) {
  // A reporter with no hooks: nothing printed, the results are read from vitest's state below.
  const vitest = await startVitest('test', [file], { watch: false, globalSetup: [], reporters: [{}] });
  const failed = [];
  const walk = (task) => {
    if (task.type === 'test' && task.result?.state === 'fail') failed.push(task.name);
    for (const child of task.tasks ?? []) walk(child);
  };
  vitest.state.getFiles().forEach(walk);
  await vitest.close();
  return failed;
}

/** Applies one mutation, runs the check's table, restores the file; the failing test names (none: it survived). */
async function run([, module, from, to, , path = `checks/${module}.ts`]) {
  const file = join(root, path);
  const original = readFileSync(file, 'utf8');
  const count = original.split(from).length - 1;
  if (count !== 1) throw new Error(`${path}: "${from}" occurs ${count} times, expected once`);
  restore = () => writeFileSync(file, original);
  try {
    writeFileSync(file, original.replace(from, to));
    return await failingTests(`test/checks/${module}.test.ts`);
  } finally {
    restore();
    restore = undefined;
  }
}

const only = process.argv.slice(2);
const chosen = MUTATIONS.filter(([id]) => only.length === 0 || only.includes(id));
const rows = ['| check | mutation of its core rule | caught by (test/checks/<module>.test.ts) |', '|---|---|---|'];
let survivors = 0;
for (const mutation of chosen) {
  const [id, module, , , what, path = `checks/${module}.ts`] = mutation;
  const failed = await run(mutation);
  if (failed.length === 0) survivors += 1;
  const caught = failed.length === 0 ? '**SURVIVED**' : `${failed.length} failing, e.g. "${failed[0]}"`;
  rows.push(`| \`${id}\` | ${what} (\`${path}\`) | ${caught} |`);
  console.error(`${id}: ${failed.length === 0 ? 'SURVIVED' : `${failed.length} failing`}`);
}
console.log(rows.join('\n'));
process.exit(survivors > 0 ? 1 : 0);
