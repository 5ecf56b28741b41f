// The JVM's answer kept for the next run (src/probes/java-answers.ts, src/probes/reused-run.ts): a next run on the
// same JDK, command, directory and environment spawns no java; anything that can change what the JVM prints spawns
// it again; a failed run, a script, a foreign or corrupt cache file are never trusted. Real JDK 17 (and Temurin 25
// where installed); every start is counted by wrapping node:child_process's spawn (test/helpers/spawns.ts).
import { execFile } from 'node:child_process';
import { chownSync, copyFileSync, existsSync, readdirSync, readFileSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { javaCommand } from '../../src/probes/commands.js';
import { JavaAnswerCache } from '../../src/probes/java-answers.js';
import { runReusing } from '../../src/probes/reused-run.js';
import { jdk17, jdk25 } from '../helpers/java.js';
import { isolatedEnv } from '../helpers/run-check.js';
import { recordSpawns } from '../helpers/spawns.js';
import { tempDir, writeFileDeep } from '../helpers/tmp.js';

const TIMEOUT_MS = 30_000;
let recording: ReturnType<typeof recordSpawns> | undefined;
afterEach(() => recording?.restore());

/** A cache in a fresh folder that keeps answers of files changed just now (the tests' copies), and a spawn count. */
async function setUp() {
  const dir = join(await tempDir('java-answers-'), 'java');
  recording = recordSpawns();
  const { started } = recording;
  const javaStarts = () => started.filter((file) => file.endsWith('/java')).length;
  return { dir, cache: new JavaAnswerCache(dir, { settleMs: 0 }), javaStarts };
}

const run = (binary: string, cache: JavaAnswerCache, env = isolatedEnv(), cwd = process.cwd()) =>
  runReusing(javaCommand(binary, env, cwd, TIMEOUT_MS), cache);

/** A JDK of our own: a copy of JDK 17's launcher (a native binary) next to a link to its lib/ and a copy of release. */
async function copiedJdk(): Promise<string> {
  const home = join(await tempDir('copied-jdk-'), 'jdk');
  await writeFileDeep(join(home, 'release'), readFileSync(join(jdk17(), 'release')));
  copyFileSync(join(jdk17(), 'bin', 'java'), await writeFileDeep(join(home, 'bin', 'java'), ''));
  symlinkSync(join(jdk17(), 'lib'), join(home, 'lib'));
  return join(home, 'bin', 'java');
}

describe("the JVM's answer kept for the next run", () => {
  it('a second run of the same command spawns no java and answers exactly as the first', async () => {
    const { cache, javaStarts } = await setUp();
    const java = join(jdk17(), 'bin', 'java');
    const first = await run(java, cache);
    expect(first.exitCode).toBe(0);
    expect(first.stderr).toContain('java.version = 17.');
    const second = await run(java, cache);
    expect(javaStarts()).toBe(1);
    expect({ ...second, durationMs: 0 }).toEqual({ ...first, durationMs: 0 });
  });

  it('a changed JAVA_TOOL_OPTIONS, another JDK or another working directory spawns java again', async () => {
    const { cache, javaStarts } = await setUp();
    const java17 = join(jdk17(), 'bin', 'java');
    await run(java17, cache);
    const picked = await run(java17, cache, isolatedEnv({ JAVA_TOOL_OPTIONS: '-Dflink.doctor.test=1' }));
    expect(picked.stderr).toContain('Picked up JAVA_TOOL_OPTIONS');
    expect(javaStarts()).toBe(2);
    const elsewhere = await tempDir('other-cwd-');
    const moved = await run(java17, cache, isolatedEnv(), elsewhere);
    expect(moved.stderr).toContain(`user.dir = ${elsewhere}`);
    expect(javaStarts()).toBe(3);
    await run(java17, cache, isolatedEnv(), elsewhere);
    expect(javaStarts()).toBe(3);
  });

  it('another JAVA_HOME (Temurin 25) spawns its own java', async (context) => {
    const home25 = jdk25();
    if (!home25) return context.skip('Temurin 25 is not installed (FLINK_DOCTOR_TEST_JDK25)');
    const { cache, javaStarts } = await setUp();
    await run(join(jdk17(), 'bin', 'java'), cache, isolatedEnv({ JAVA_HOME: jdk17() }));
    const other = await run(join(home25, 'bin', 'java'), cache, isolatedEnv({ JAVA_HOME: home25 }));
    expect(other.stderr).toContain('java.version = 25');
    expect(javaStarts()).toBe(2);
  });

  it('a binary touched since the answer was kept spawns again', async () => {
    const { cache, javaStarts } = await setUp();
    const java = await copiedJdk();
    expect((await run(java, cache)).exitCode).toBe(0);
    await run(java, cache);
    expect(javaStarts()).toBe(1);
    utimesSync(java, new Date('2020-01-01'), new Date('2020-01-01')); // as an update that keeps the size would
    await run(java, cache);
    expect(javaStarts()).toBe(2);
    await run(java, cache);
    expect(javaStarts()).toBe(2); // kept again, for the binary as it is now
  });

  it('a binary changed in the last seconds is not kept (a coarse clock could hide the next change)', async () => {
    const { dir, javaStarts } = await setUp();
    const java = await copiedJdk();
    const cache = new JavaAnswerCache(dir); // the default settle time
    await run(java, cache);
    await run(java, cache);
    expect(javaStarts()).toBe(2);
  });

  it('a failed run, a timed-out run and a script are never kept', async () => {
    const { dir, cache, javaStarts } = await setUp();
    const java = join(jdk17(), 'bin', 'java');
    const tooSmall = isolatedEnv({ JAVA_TOOL_OPTIONS: '-Xmx1k' });
    expect((await run(java, cache, tooSmall)).exitCode).not.toBe(0);
    await run(java, cache, tooSmall);
    expect(javaStarts()).toBe(2);
    const stopped = javaCommand(java, isolatedEnv(), process.cwd(), 1);
    expect((await runReusing(stopped, cache)).timedOut).toBe(true);
    expect(existsSync(dir) ? readdirSync(dir) : []).toEqual([]);

    const script = await writeFileDeep(join(await tempDir('script-java-'), 'bin', 'java'), `#!/bin/sh\nexec '${java}' "$@"\n`, true);
    utimesSync(script, new Date(0), new Date(0));
    await run(script, cache);
    await run(script, cache);
    expect(javaStarts()).toBe(5);
  });

  it('JVM options that read another file (an @argfile, an agent) are never kept: the file can change unseen', async () => {
    const { cache, javaStarts } = await setUp();
    const java = join(jdk17(), 'bin', 'java');
    const argfile = await writeFileDeep(join(await tempDir('argfile-'), 'jvm.args'), '-Dflink.doctor.from.file=1\n');
    const env = isolatedEnv({ JDK_JAVA_OPTIONS: `@${argfile}` });
    expect((await run(java, cache, env)).stderr).toContain('flink.doctor.from.file = 1');
    writeFileSync(argfile, '-Dflink.doctor.from.file=2\n');
    expect((await run(java, cache, env)).stderr).toContain('flink.doctor.from.file = 2');
    expect(javaStarts()).toBe(2);
  });

  it('a corrupt cache file, or one owned by another user, is a miss', async (context) => {
    const { dir, cache, javaStarts } = await setUp();
    const java = join(jdk17(), 'bin', 'java');
    const first = await run(java, cache);
    const [file] = readdirSync(dir);
    if (!file) throw new Error('the first run kept no answer');
    writeFileSync(join(dir, file), '{"key": "not this one"');
    expect(await run(java, cache)).toEqual({ ...first, durationMs: expect.any(Number) });
    expect(javaStarts()).toBe(2);
    await run(java, cache);
    expect(javaStarts()).toBe(2); // the corrupt file was replaced by the answer
    if (process.getuid?.() !== 0) return context.skip('giving a file to another user needs root');
    chownSync(join(dir, file), 65534, 65534);
    await run(java, cache);
    expect(javaStarts()).toBe(3);
  });
});

describe('the CLI reuses the answer from its first step (src/cli/early-start.ts)', () => {
  const root = join(import.meta.dirname, '..', '..');
  const preload = pathToFileURL(join(root, 'test', 'helpers', 'record-spawns.mjs')).href;

  async function javaStartsOfRun(dir: string, cwd: string, extraArgs: string[] = []): Promise<number> {
    const log = join(dir, `spawns-${Date.now()}-${Math.random()}.txt`);
    const env = { ...isolatedEnv({ JAVA_HOME: jdk17(), FLINK_DOCTOR_CACHE_DIR: join(dir, 'cache') }), FLINK_DOCTOR_SPAWNS_FILE: log };
    await new Promise((resolve) =>
      execFile(
        process.execPath,
        ['--import', preload, join(root, 'bin', 'flink-doctor.js'), '--json', ...extraArgs],
        { env, cwd },
        resolve,
      ),
    );
    if (!existsSync(join(root, 'dist', 'cli'))) throw new Error('no dist/cli: run `npm run build` first');
    const started = existsSync(log) ? readFileSync(log, 'utf8').trim().split('\n') : [];
    return started.filter((file) => file.endsWith('/java')).length;
  }

  it('a next run starts no java; --no-cache and another working directory start it again', async () => {
    const dir = await tempDir('cli-java-answers-');
    const other = await tempDir('cli-other-cwd-');
    expect(await javaStartsOfRun(dir, dir)).toBe(1);
    expect(await javaStartsOfRun(dir, dir)).toBe(0);
    expect(await javaStartsOfRun(dir, dir, ['--no-cache'])).toBe(1);
    const untouched = await tempDir('cli-no-cache-');
    expect(await javaStartsOfRun(untouched, untouched, ['--no-cache'])).toBe(1);
    expect(existsSync(join(untouched, 'cache', 'java'))).toBe(false); // nor kept
    expect(await javaStartsOfRun(dir, other)).toBe(1);
    expect(await javaStartsOfRun(dir, other)).toBe(0);
  }, 60_000);
});
