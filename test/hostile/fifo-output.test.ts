// Issue 14, problem 5, through the built CLI: --output naming a FIFO (a named pipe nobody reads) blocked the run
// forever, and so did "output" in a flink-doctor.config.json the doctor discovered by itself (one a pull request
// can add). Both must end at once with exit 2 and one line naming the file and what it is.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runInstalled, runInProcess } from '../helpers/cli.js';
import { isolatedEnv } from '../helpers/run-check.js';
import { tempDir, writeFileDeep } from '../helpers/tmp.js';

async function fifoIn(dir: string, name: string): Promise<string> {
  const path = join(dir, name);
  execFileSync('mkfifo', [path]);
  return path;
}

describe('--output that is not a regular file', () => {
  it('--output FIFO: exit 2 at once, naming the file', async () => {
    const fifo = await fifoIn(await tempDir('fifo-out-'), 'report.json');
    const started = performance.now();
    const run = await runInstalled(['--flink-version', '2.2', '--only', 'config.file', '--format', 'json', '--output', fifo]);
    expect(performance.now() - started).toBeLessThan(10_000);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(`flink-doctor: cannot write --output ${fifo}: it is a named pipe (FIFO), not a regular file\n`);
  });

  it('"output" in an auto-discovered config file: the same, naming the config file', async () => {
    const dir = await tempDir('fifo-config-');
    const fifo = await fifoIn(dir, 'report.xml');
    await writeFileDeep(join(dir, 'flink-doctor.config.json'), JSON.stringify({ format: 'junit', output: 'report.xml' }));
    const run = await runInstalled(['--flink-version', '2.2', '--only', 'config.file'], isolatedEnv(), dir);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      `flink-doctor: cannot write "output" of ${join(dir, 'flink-doctor.config.json')} ${fifo}: it is a named pipe (FIFO), not a regular file\n`,
    );
  });

  // No FIFO, nothing that could block: in-process (the two above stay processes, a hang is theirs to show).
  it('a directory or a device is refused the same way, and a regular file is still written', async () => {
    const dir = await tempDir('fifo-other-');
    const asDir = await runInProcess(['--flink-version', '2.2', '--only', 'config.file', '--output', dir]);
    expect(asDir.stderr).toBe(`flink-doctor: cannot write --output ${dir}: it is a directory, not a regular file\n`);
    const device = await runInProcess(['--flink-version', '2.2', '--only', 'config.file', '--output', '/dev/null']);
    expect(device.stderr).toBe('flink-doctor: cannot write --output /dev/null: it is a device or socket, not a regular file\n');
    const ok = await runInProcess(['--flink-version', '2.2', '--only', 'config.file', '--output', join(dir, 'r.json'), '--format', 'json']);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain(`json report written to ${join(dir, 'r.json')}`);
  });
});
