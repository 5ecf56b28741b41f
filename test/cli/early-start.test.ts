// Spawn first (src/cli/early-start.ts): the entry starts the Java and Python probes' commands before the engine
// loads; a probe adopts such a run only when it would run exactly that command, so the facts do not change.
// Real JDK 17 and a real Python 3.11, each behind a wrapper that logs every start, so a second spawn would show.
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import javaRuntime from '../../checks/java-runtime.js';
import pythonClient from '../../checks/python-client.js';
import { startProbesEarly, stopUnadoptedRuns } from '../../src/cli/early-start.js';
import { findOnPath } from '../../src/probes/which.js';
import { jdk17 } from '../helpers/java.js';
import { pyenvPython } from '../helpers/python-env.js';
import { isolatedEnv, runCheckList } from '../helpers/run-check.js';
import { tempDir, writeFileDeep } from '../helpers/tmp.js';
import { childrenOf, isAlive } from '../helpers/processes.js';

/** A JAVA_HOME and an active venv whose java and python log each start to `log`, then run `java` and `python`. */
async function loggedEnvironment(java: string, python: string) {
  const dir = await tempDir('early-start-');
  const log = join(dir, 'starts.log');
  const wrapper = (name: string, real: string) => `#!/bin/sh\necho "${name} $$" >> '${log}'\nexec '${real}' "$@"\n`;
  await writeFileDeep(join(dir, 'jdk', 'bin', 'java'), wrapper('java', java), true);
  await writeFileDeep(join(dir, 'venv', 'bin', 'python'), wrapper('python', python), true);
  const env = isolatedEnv({ JAVA_HOME: join(dir, 'jdk'), VIRTUAL_ENV: join(dir, 'venv') });
  const starts = () => (existsSync(log) ? readFileSync(log, 'utf8').trim().split('\n') : []);
  return { env, cwd: dir, starts };
}

/**
 * The interpreter itself, not `python3` on PATH: on a pyenv machine that is a shim, a bash script that runs a dozen
 * more (0.1 s of CPU) before the interpreter. Throws (fails the test) when it is not installed.
 */
const realPython = (): string => pyenvPython('3.11.7');

async function until(condition: () => boolean, what: string): Promise<void> {
  for (const started = Date.now(); !condition(); await new Promise((r) => setTimeout(r, 20))) {
    if (Date.now() - started > 10_000) throw new Error(`timed out waiting for ${what}`);
  }
}

const checks = [javaRuntime, pythonClient];
const factsOf = (results: Awaited<ReturnType<typeof runCheckList>>) =>
  results.map(({ id, status, summary, facts }) => ({ id, status, summary, facts }));

describe('early start of the probes', () => {
  it('the probes adopt the early runs: each binary starts once, and the facts are those of a run without', async () => {
    const { env, cwd, starts } = await loggedEnvironment(join(jdk17(), 'bin', 'java'), realPython());
    const without = await runCheckList(checks, { env, cwd, flinkVersion: '2.2' });
    expect(
      starts()
        .map((line) => line.split(' ')[0])
        .sort(),
    ).toEqual(['java', 'python']);

    startProbesEarly(['--json'], env, cwd);
    await until(() => starts().length === 4, 'the early java and python to start');
    const early = await runCheckList(checks, { env, cwd, flinkVersion: '2.2' });
    stopUnadoptedRuns();
    expect(starts()).toHaveLength(4);
    expect(factsOf(early)).toEqual(factsOf(without));
    expect(early[0]?.status).toBe('ok'); // JDK 17 on Flink 2.2: the early java really answered
    // And the early python: python3 on PATH was a pyenv shim, which needs bash on PATH; under this environment's
    // PATH it failed at once, so both runs compared the same failure.
    expect(early[1]?.summary).toMatch(/^Python 3\.11\.7 /);
  });

  it('what no probe adopted is stopped', async () => {
    const sleep = findOnPath('sleep', process.env, process.cwd());
    if (!sleep) throw new Error('sleep is not on PATH: this test needs it');
    // The environment under test has no usable PATH: the wrapper names sleep by its full path.
    const sleeper = await writeFileDeep(join(await tempDir('early-start-'), 'sleep'), `#!/bin/sh\nexec '${sleep}' 30\n`, true);
    const { env, cwd, starts } = await loggedEnvironment(sleeper, sleeper);
    startProbesEarly([], env, cwd);
    await until(() => starts().length === 2, 'the early runs to start');
    const pids = starts().map((line) => Number(line.split(' ')[1]));
    expect(pids.every(isAlive)).toBe(true);
    stopUnadoptedRuns();
    await until(() => !pids.some(isAlive), 'the unadopted runs to be stopped');
    expect(pids.some(isAlive)).toBe(false);
  });

  it('starts nothing when a flag names the binaries or the run may need neither', async () => {
    const { env, cwd, starts } = await loggedEnvironment(join(jdk17(), 'bin', 'java'), realPython());
    // A spawn is synchronous: a process started here is this process's child the moment the call returns (and stays one
    // until the event loop reaps it), so listing the children right after proves it without waiting.
    const before = childrenOf(process.pid);
    for (const argv of [
      ['--python', '/usr/bin/python3'],
      ['--java-home', '/opt/jdk'],
      ['--only', 'jars'],
      ['--version'],
      ['connector', 'kafka'],
      ['--no-such-flag'],
    ]) {
      startProbesEarly(argv, env, cwd);
    }
    const started = [...childrenOf(process.pid)].filter((pid) => !before.has(pid));
    stopUnadoptedRuns();
    expect(started).toEqual([]);
    expect(starts()).toEqual([]);
  });
});
