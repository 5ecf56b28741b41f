// The plugin API as a user meets it: flink-doctor packed with `npm pack`, installed from the tarball into a
// separate project together with the example plugins (examples/plugins: one npm package, one local module,
// one written in TypeScript and compiled there), a config file naming them, and `npx flink-doctor --json`.
// Also what a plugin author sees: tsc accepts the TypeScript example against the emitted .d.ts and rejects
// a plugin that misuses it. Run by `npm run test:packed` (CI: .ci/run); offline, from the npm cache.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { copyFile, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CheckResult, Report } from '../../src/engine/model.js';
import { cdcJar, fatKafkaJar } from '../helpers/jars.js';
import { jdk17 } from '../helpers/java.js';
import { pyenvPython } from '../helpers/python-env.js';
import { isolatedEnv } from '../helpers/run-check.js';
import { tempDir, writeFileDeep } from '../helpers/tmp.js';
import { installOffline, pack } from './npm-project.js';

const execFileAsync = promisify(execFile);
const root = join(import.meta.dirname, '..', '..');
const examples = join(root, 'examples', 'plugins');
const MIRROR = 'https://maven.example.com/repository/maven-central';

let project = '';
let jars = '';
const timings: Record<string, number> = {};

async function timed<T>(label: string, work: () => Promise<T>): Promise<T> {
  const started = performance.now();
  try {
    return await work();
  } finally {
    timings[label] = Math.round(performance.now() - started);
  }
}

beforeAll(async () => {
  for (const built of ['dist/cli/flink-doctor.mjs', 'dist/api/index.mjs', 'dist/types/api/index.d.ts']) {
    if (!existsSync(join(root, built))) throw new Error(`${built} is missing: run \`npm run build\` first (npm run test:packed does)`);
  }
  const packs = await tempDir('packed-');
  project = join(packs, 'project');
  await mkdir(project);
  const doctor = await timed('npm pack (doctor)', () => pack(root, packs));
  const policy = await timed('npm pack (jar-policy)', () => pack(join(examples, 'jar-policy'), packs));
  await timed('npm ci --offline', () => installOffline(project, [doctor, policy], ['typescript', '@types/node']));

  // The fact-gatherer plugin as a local module of the project, with the team file it reads.
  await mkdir(join(project, 'team'));
  await copyFile(join(examples, 'platform-pins', 'index.mjs'), join(project, 'team', 'platform-pins.mjs'));
  await writeFile(join(project, 'platform.json'), JSON.stringify({ flink: '2.2', java: 17 }));
  // The TypeScript plugin, compiled in the project against the installed flink-doctor's declarations, in one
  // program with a plugin full of mistakes (tsc still writes the example's .js; the errors are judged below).
  await mkdir(join(project, 'ts-plugin'));
  for (const file of ['index.ts', 'tsconfig.json', 'package.json'])
    await copyFile(join(examples, 'no-snapshots', file), join(project, 'ts-plugin', file));
  await writeFile(join(project, 'ts-plugin', 'mistakes.ts'), MISTAKES);
  await writeFile(
    join(project, 'ts-plugin', 'tsconfig.both.json'),
    JSON.stringify({ extends: './tsconfig.json', files: ['index.ts', 'mistakes.ts'] }),
  );
  tscOutput = await timed('tsc (TypeScript plugin)', () => tsc('ts-plugin/tsconfig.both.json'));

  await writeFile(
    join(project, 'flink-doctor.config.json'),
    JSON.stringify(
      {
        plugins: ['flink-doctor-plugin-jar-policy', './team/platform-pins.mjs', './ts-plugin/dist/index.js'],
        only: ['plugin'],
      },
      null,
      2,
    ),
  );
  jars = await tempDir('packed-jars-');
  await fatKafkaJar(join(jars, 'flink-sql-connector-kafka-3.3.0-1.20.jar'));
  await cdcJar(join(jars, 'flink-sql-connector-mysql-cdc-2.4.2.jar'));
  await fatKafkaJar(join(jars, 'flink-sql-connector-kafka-4.0.0-2.0-SNAPSHOT.jar'), '4.0.0-2.0-SNAPSHOT');
}, 300_000);

/** tsc's output, and whether it reported errors (the project's own typescript, as `npx tsc` would run it). */
afterAll(() => {
  console.log(`packed plugin test, milliseconds per step: ${JSON.stringify(timings)}`);
});

function tsc(tsconfig: string): Promise<{ failed: boolean; stdout: string }> {
  const bin = join(project, 'node_modules', 'typescript', 'bin', 'tsc');
  return execFileAsync(process.execPath, [bin, '-p', tsconfig], { cwd: project, timeout: 120_000 }).then(
    ({ stdout }) => ({ failed: false, stdout }),
    (error: { stdout?: string; message: string }) => ({ failed: true, stdout: error.stdout ?? error.message }),
  );
}

// A plugin with four mistakes, each of which the declarations must catch.
const MISTAKES = [
  "import { defineCheck, definePlugin } from 'flink-doctor';",
  "export const unknownFact = defineCheck({ id: 'plugin.m.a', title: 't', group: 'g', description: 'd', reads: [], needs: ['jar'], run: () => ({ status: 'ok', summary: 's' }) });",
  "export const badStatus = defineCheck({ id: 'plugin.m.b', title: 't', group: 'g', description: 'd', reads: [], needs: ['python'], run: ({ python }) => ({ status: 'fine', summary: python.version ?? '' }) });",
  "export const unasked = defineCheck({ id: 'plugin.m.c', title: 't', group: 'g', description: 'd', reads: [], needs: ['python'], run: ({ jars }) => ({ status: 'ok', summary: String(jars) }) });",
  "export default definePlugin({ apiVersion: 2, name: 'm', checks: [unknownFact] });",
  '',
].join('\n');
let tscOutput: { failed: boolean; stdout: string } = { failed: false, stdout: '' };

/** `npx flink-doctor --json …` in the project, as CI would run it. */
interface DoctorRun {
  code: number;
  report: Report;
  byId: Record<string, CheckResult>;
  stderr: string;
  ms: number;
}

async function npxDoctor(argv: string[], env: Record<string, string | undefined> = {}): Promise<DoctorRun> {
  const started = performance.now();
  const result = await new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    const fullEnv = { ...isolatedEnv(env), PATH: `${join(process.execPath, '..')}:/usr/bin:/bin`, npm_config_offline: 'true' };
    execFile(
      'npx',
      ['--no-install', 'flink-doctor', '--json', ...argv],
      { cwd: project, env: fullEnv, timeout: 60_000 },
      (error, stdout, stderr) => {
        resolve({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout, stderr });
      },
    );
  });
  const ms = Math.round(performance.now() - started);
  let report: Report;
  try {
    report = JSON.parse(result.stdout) as Report;
  } catch {
    throw new Error(`no JSON report (exit ${result.code}): ${result.stderr}`);
  }
  return { code: result.code, report, byId: Object.fromEntries(report.checks.map((c) => [c.id, c])), stderr: result.stderr, ms };
}

const verdicts = (byId: Record<string, CheckResult>) => Object.fromEntries(Object.entries(byId).map(([id, c]) => [id, c.status]));

describe('flink-doctor installed from its tarball, with plugins', () => {
  it('runs the three example plugins named in the config file and reports each verdict with its origin', async () => {
    const run = await npxDoctor([
      '--flink-version',
      '2.2',
      '--java-home',
      jdk17(),
      '--python',
      pyenvPython('3.11.7'),
      '--jars',
      jars,
      '--maven-repo',
      MIRROR,
    ]);
    timings['npx flink-doctor (plugins pass)'] = run.ms;
    expect(verdicts(run.byId)).toEqual({
      'plugin.jar-policy.groups': 'error',
      'plugin.jar-policy.mirror': 'ok',
      'plugin.jar-policy.python': 'ok',
      'plugin.platform-pins.versions': 'ok',
      'plugin.no-snapshots.jars': 'error',
    });
    const groups = run.byId['plugin.jar-policy.groups'];
    expect(groups?.summary).toBe('1 of 3 connector JARs come from groups the platform team does not vet');
    expect(groups?.details).toEqual([expect.stringMatching(/^flink-sql-connector-mysql-cdc-2\.4\.2\.jar .*: group com\.ververica$/)]);
    expect(groups?.origin).toEqual({ plugin: 'jar-policy', version: '1.0.0', spec: 'flink-doctor-plugin-jar-policy' });
    expect(run.byId['plugin.platform-pins.versions']?.summary).toBe(`matches ${join(project, 'platform.json')}`);
    expect(run.byId['plugin.no-snapshots.jars']).toMatchObject({
      summary: '1 SNAPSHOT JAR',
      origin: { plugin: 'no-snapshots', spec: './ts-plugin/dist/index.js' },
    });
    expect(run.code).toBe(1);
  });

  it('judges the other way when the setup breaks each policy (Python, mirror, platform pins; snapshots allowed)', async () => {
    const snapshot = join(jars, 'flink-sql-connector-kafka-4.0.0-2.0-SNAPSHOT.jar');
    const argv = ['--flink-version', '2.1', '--java-home', jdk17(), '--python', pyenvPython('3.12.1'), '--jars', snapshot];
    const run = await npxDoctor(argv, { ALLOW_SNAPSHOT_JARS: '1' });
    expect(verdicts(run.byId)).toEqual({
      'plugin.jar-policy.groups': 'ok',
      'plugin.jar-policy.mirror': 'error',
      'plugin.jar-policy.python': 'error',
      'plugin.platform-pins.versions': 'error',
      'plugin.no-snapshots.jars': 'warning',
    });
    expect(run.byId['plugin.jar-policy.python']?.summary).toBe("the client Python is 3.12.1; the team's images run 3.11");
    expect(run.byId['plugin.jar-policy.mirror']?.summary).toBe(
      'connectors are resolved from https://repo1.maven.org/maven2 (Maven Central), not the team mirror',
    );
    expect(run.byId['plugin.platform-pins.versions']?.summary).toBe('the project targets Flink 2.1; the platform runs Flink 2.2');
  });

  it('a plugin that throws at import, hangs, or is not installed is an error result of its own; the run goes on and ends', async () => {
    await writeFileDeep(join(project, 'bad', 'throws.mjs'), 'throw new Error("policy server unreachable");\n');
    // A gatherer that never answers and holds a 10-minute timer: the doctor must still end right after its report.
    await writeFileDeep(
      join(project, 'bad', 'hangs.mjs'),
      [
        'export default { apiVersion: 1, name: "hangs",',
        '  facts: { slow: { timeoutMs: 500, gather: () => new Promise((resolve) => setTimeout(resolve, 600_000)) } },',
        '  checks: [{ id: "plugin.hangs.slow", title: "Slow", group: "Plugins", description: "Never answers.", reads: [], needs: ["slow"], run: () => ({ status: "ok", summary: "never" }) }] };',
      ].join('\n'),
    );
    const run = await npxDoctor([
      '--flink-version',
      '2.2',
      '--python',
      pyenvPython('3.11.7'),
      '--only',
      'plugin.jar-policy.python,plugin.hangs,plugin.throws,plugin.acme-missing',
      '--plugin',
      './bad/throws.mjs',
      '--plugin',
      './bad/hangs.mjs',
      '--plugin',
      '@acme/missing',
    ]);
    timings['npx flink-doctor (isolation)'] = run.ms;
    expect(Object.fromEntries(Object.entries(run.byId).map(([id, c]) => [id, `${c.status}: ${c.summary}`]))).toEqual({
      'plugin.jar-policy.python': 'ok: Python 3.11.7',
      'plugin.throws': 'error: plugin throws (./bad/throws.mjs) was not loaded: it failed while loading: policy server unreachable',
      'plugin.hangs.slow': "error: could not gather plugin.hangs.slow: no answer within 500 ms (the gatherer's time limit)",
      'plugin.acme-missing': `error: plugin acme-missing (@acme/missing) was not loaded: package @acme/missing is not installed in ${project} or a folder above it`,
    });
    expect(`${JSON.stringify(run.report)}${run.stderr}`).not.toMatch(/\n\s+at |\bat .+:\d+:\d+/);
    expect(run.code).toBe(1);
    expect(run.ms).toBeLessThan(30_000);
  });

  it('--list-checks says where each check comes from', async () => {
    const env = { ...isolatedEnv(), PATH: `${join(process.execPath, '..')}:/usr/bin:/bin` };
    const { stdout } = await execFileAsync('npx', ['--no-install', 'flink-doctor', '--list-checks'], { cwd: project, env });
    expect(stdout).toMatch(/^java\.runtime .*\n(?: +.*\n){2} +from: built-in$/m);
    expect(stdout).toMatch(
      /^plugin\.jar-policy\.groups .*\n(?: +.*\n){2} +from: plugin jar-policy 1\.0\.0 \(flink-doctor-plugin-jar-policy\)$/m,
    );
    expect(stdout).toMatch(
      /^plugin\.platform-pins\.versions .*\n(?: +.*\n){2} +from: plugin platform-pins 1\.0\.0 \(\.\/team\/platform-pins\.mjs\)$/m,
    );
  });
});

describe('a TypeScript plugin author', () => {
  it('gets the example accepted and mistakes rejected by tsc against the emitted .d.ts', () => {
    if (!tscOutput.failed) throw new Error('tsc accepted a plugin with four type errors');
    const errors = tscOutput.stdout.split('\n').filter((line) => /error TS\d+/.test(line));
    expect(errors.filter((line) => !line.startsWith('ts-plugin/mistakes.ts'))).toEqual([]);
    expect(errors.map((line) => /^ts-plugin\/mistakes\.ts\((\d+),\d+\): error (TS\d+)/.exec(line)?.slice(1).join(' '))).toEqual([
      '2 TS2820',
      '3 TS2322',
      '4 TS2339',
      '5 TS2322',
    ]);
  });
});
