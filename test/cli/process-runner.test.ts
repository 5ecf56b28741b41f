// The process runner (src/probes/process.ts): every way a process can end comes back as a described result, never an
// exception. One table, run twice: through execa (what a probe starts itself) and through the early start's
// node:child_process runner (what src/cli/early-start.ts starts before the engine loads, adopted by the probe's later
// runProcess of the same command), so a probe reads the same answer whichever started its process.
// Real processes: /bin/sh and the tools it runs.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runProcess, startEarly, type RunOptions } from '../../src/probes/process.js';
import { findOnPath } from '../../src/probes/which.js';
import { tempDir } from '../helpers/tmp.js';
import { isAlive } from '../helpers/processes.js';

const SH = '/bin/sh';

/** Started early, then adopted: the answer comes from the node:child_process runner. */
const startedEarly: typeof runProcess = (file, args, options) => {
  startEarly(file, args, options);
  return runProcess(file, args, options);
};

// The cases run side by side (each asserts with its test context's expect): four of them wait out a 300 ms timeout.
describe.concurrent.each([
  ['execa (a probe starts it)', runProcess],
  ['node:child_process (started early, then adopted)', startedEarly],
])('runProcess through %s', (_runner, runCommand) => {
  const run = (script: string, options: Partial<RunOptions> = {}) =>
    runCommand(SH, ['-c', script], { timeoutMs: 10_000, env: { PATH: process.env.PATH ?? '/usr/bin:/bin' }, ...options });

  it('returns the exit code and both streams, without the final newline, decoded as UTF-8', async ({ expect }) => {
    const result = await run('printf "déjà\\nvu\\n"; printf "warn\\r\\n" >&2; exit 3');
    expect(result).toMatchObject({ exitCode: 3, stdout: 'déjà\nvu', stderr: 'warn', timedOut: false });
    expect(result.failure).toBeUndefined();
  });

  it('passes exactly the given environment and working directory', async ({ expect }) => {
    const dir = await tempDir('runner-');
    const result = await run('echo "$ONLY_THIS|$HOME|$(pwd)"', { env: { ONLY_THIS: 'yes' }, cwd: dir });
    expect(result.stdout).toBe(`yes||${dir}`);
  });

  it('names the signal that killed a process', async ({ expect }) => {
    const result = await run('kill -TERM $$');
    expect(result).toMatchObject({ exitCode: null, timedOut: false, failure: 'was killed by SIGTERM' });
  });

  it('cuts output at maxBuffer bytes, says so, and stops the process', async ({ expect }) => {
    const result = await run('while :; do echo 0123456789; done', { maxBuffer: 1000 });
    expect(result.failure).toBe('printed too much output');
    expect(result.stdout.length).toBe(1000);
  });

  it('stops the whole process group past the timeout', async ({ expect }) => {
    const dir = await tempDir('runner-');
    const pidFile = join(dir, 'child.pid');
    const result = await run(`sleep 30 & echo $! > '${pidFile}'; wait`, { timeoutMs: 300 });
    expect(result).toMatchObject({ exitCode: null, timedOut: true, failure: 'did not answer within 300 ms and was stopped' });
    const child = Number(readFileSync(pidFile, 'utf8'));
    for (let i = 0; i < 50 && isAlive(child); i += 1) await new Promise((r) => setTimeout(r, 20));
    expect(isAlive(child)).toBe(false);
  });

  it('ends at the timeout even when a process outside its group holds the pipes open', async ({ expect }) => {
    const setsid = findOnPath('setsid', process.env, process.cwd());
    if (!setsid) throw new Error('setsid is not on PATH: this test needs it (util-linux)');
    const started = Date.now();
    const result = await run(`'${setsid}' sleep 5 & echo started`, { timeoutMs: 300 });
    expect(result).toMatchObject({ timedOut: true, stdout: 'started' });
    expect(Date.now() - started).toBeLessThan(4000);
  });

  it('a missing program or working directory is a failure, not an exception', async ({ expect }) => {
    const missing = await runCommand('/no/such/program', [], { timeoutMs: 1000 });
    expect(missing).toMatchObject({ exitCode: null, failure: 'not found' });
    const dir = join(await tempDir('runner-'), 'gone');
    expect(existsSync(dir)).toBe(false);
    const noCwd = await run('true', { cwd: dir });
    expect(noCwd.exitCode).toBeNull();
    expect(noCwd.failure).toBe('not found');
  });
});

describe('startEarly', () => {
  it('a run started early is adopted: the program ran once, before runProcess asked for it', async () => {
    const dir = await tempDir('runner-');
    const log = join(dir, 'starts');
    const options = { timeoutMs: 10_000, env: { PATH: process.env.PATH ?? '/usr/bin:/bin' } };
    const args = ['-c', `echo started >> '${log}'; echo answer`];
    startEarly(SH, args, options);
    // Until the line is there, not the file: the shell creates the file (>>) a moment before it writes the line, and a
    // read in between saw '' once, on a loaded machine.
    const logged = () => (existsSync(log) ? readFileSync(log, 'utf8') : '');
    for (let i = 0; i < 100 && !logged().endsWith('\n'); i += 1) await new Promise((r) => setTimeout(r, 20));
    expect(logged()).toBe('started\n');
    const result = await runProcess(SH, args, options);
    expect(result).toMatchObject({ exitCode: 0, stdout: 'answer' });
    expect(readFileSync(log, 'utf8')).toBe('started\n');
  });
});
