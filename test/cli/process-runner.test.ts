// The one process runner (src/probes/process.ts, on execa), which the entry uses before the engine loads: every way a
// process can end comes back as a described result, never an exception. Real processes: /bin/sh and the tools it runs.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runProcess } from '../../src/probes/process.js';
import { findOnPath } from '../../src/probes/which.js';
import { tempDir } from '../helpers/tmp.js';
import { isAlive } from '../helpers/processes.js';

const SH = '/bin/sh';
const run = (script: string, options: Partial<Parameters<typeof runProcess>[2]> = {}) =>
  runProcess(SH, ['-c', script], { timeoutMs: 10_000, env: { PATH: process.env.PATH ?? '/usr/bin:/bin' }, ...options });

describe('runProcess', () => {
  it('returns the exit code and both streams, without the final newline, decoded as UTF-8', async () => {
    const result = await run('printf "déjà\\nvu\\n"; printf "warn\\r\\n" >&2; exit 3');
    expect(result).toMatchObject({ exitCode: 3, stdout: 'déjà\nvu', stderr: 'warn', timedOut: false });
    expect(result.failure).toBeUndefined();
  });

  it('passes exactly the given environment and working directory', async () => {
    const dir = await tempDir('runner-');
    const result = await run('echo "$ONLY_THIS|$HOME|$(pwd)"', { env: { ONLY_THIS: 'yes' }, cwd: dir });
    expect(result.stdout).toBe(`yes||${dir}`);
  });

  it('names the signal that killed a process', async () => {
    const result = await run('kill -TERM $$');
    expect(result).toMatchObject({ exitCode: null, timedOut: false, failure: 'was killed by SIGTERM' });
  });

  it('cuts output at maxBuffer bytes, says so, and stops the process', async () => {
    const result = await run('while :; do echo 0123456789; done', { maxBuffer: 1000 });
    expect(result.failure).toBe('printed too much output');
    expect(result.stdout.length).toBe(1000);
  });

  it('stops the whole process group past the timeout', async () => {
    const dir = await tempDir('runner-');
    const pidFile = join(dir, 'child.pid');
    const result = await run(`sleep 30 & echo $! > '${pidFile}'; wait`, { timeoutMs: 300 });
    expect(result).toMatchObject({ exitCode: null, timedOut: true, failure: 'did not answer within 300 ms and was stopped' });
    const child = Number(readFileSync(pidFile, 'utf8'));
    for (let i = 0; i < 50 && isAlive(child); i += 1) await new Promise((r) => setTimeout(r, 20));
    expect(isAlive(child)).toBe(false);
  });

  it('ends at the timeout even when a process outside its group holds the pipes open', async () => {
    const setsid = findOnPath('setsid', process.env, process.cwd());
    if (!setsid) throw new Error('setsid is not on PATH: this test needs it (util-linux)');
    const started = Date.now();
    const result = await run(`'${setsid}' sleep 5 & echo started`, { timeoutMs: 300 });
    expect(result).toMatchObject({ timedOut: true, stdout: 'started' });
    expect(Date.now() - started).toBeLessThan(4000);
  });

  it('a missing program or working directory is a failure, not an exception', async () => {
    const missing = await runProcess('/no/such/program', [], { timeoutMs: 1000 });
    expect(missing).toMatchObject({ exitCode: null, failure: 'not found' });
    const dir = join(await tempDir('runner-'), 'gone');
    expect(existsSync(dir)).toBe(false);
    const noCwd = await run('true', { cwd: dir });
    expect(noCwd.exitCode).toBeNull();
    expect(noCwd.failure).toBe('not found');
  });
});
