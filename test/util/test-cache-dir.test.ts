// The suite's own hermeticity: a doctor run under test keeps its caches in this worker's temp folder
// (test/helpers/cache-dir.ts), never in the user's ~/.cache/flink-doctor, where answers of earlier runs would let a
// probe test pass without running the probe.
import { existsSync, readdirSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cacheDir } from '../../src/util/cache-dir.js';
import { runCli } from '../helpers/cli.js';
import { isolatedEnv } from '../helpers/run-check.js';
import { jdk17 } from '../helpers/java.js';
import { tempDir } from '../helpers/tmp.js';

describe("the doctor's cache folder in tests", () => {
  it("is this worker's temp folder, not one under HOME", () => {
    const dir = cacheDir(isolatedEnv());
    expect(dir.startsWith(`${tmpdir()}/`)).toBe(true);
    expect(dir.startsWith(join(process.env.HOME ?? homedir(), '.cache'))).toBe(false);
    expect(cacheDir(isolatedEnv())).toBe(dir); // one folder for the worker's files: an answer is asked once a run
  });

  it("receives the JVM's answer an in-process run keeps (src/probes/java-answers.ts)", async () => {
    // A working directory of its own: the answer is kept per directory, so this run cannot find an earlier one.
    const cwd = await tempDir('cache-dir-cwd-');
    const answers = join(cacheDir(isolatedEnv()), 'java');
    const before = existsSync(answers) ? readdirSync(answers).length : 0;
    const run = await runCli(
      ['--flink-version', '2.2', '--offline', '--json', '--only', 'java.runtime'],
      isolatedEnv({ JAVA_HOME: jdk17() }),
      cwd,
    );
    expect(run.code).toBe(0);
    expect(readdirSync(answers).length).toBe(before + 1);
  });
});
