// The suite's own hermeticity: a doctor run under test keeps its caches in this worker's temp folder
// (test/helpers/cache-dir.ts), never in the user's ~/.cache/flink-doctor, where answers of earlier runs would let a
// probe test pass without running the probe.
import { readdirSync, readFileSync } from 'node:fs';
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
    // A HOME of its own: the answer is kept per environment (HOME is part of its key), so the one found is this run's,
    // and the cache folder does not follow HOME.
    const home = await tempDir('cache-dir-home-');
    const run = await runCli(
      ['--flink-version', '2.2', '--offline', '--json', '--only', 'java.runtime'],
      isolatedEnv({ HOME: home, JAVA_HOME: jdk17() }),
    );
    expect(run.code).toBe(0);
    const answers = join(cacheDir(isolatedEnv()), 'java');
    const kept = readdirSync(answers).filter((name) => name.endsWith('.json') && readFileSync(join(answers, name), 'utf8').includes(home));
    expect(kept).toHaveLength(1);
  });
});
