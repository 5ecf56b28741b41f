import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ensureDir } from '../../src/util/ensure-dir.js';
import { runCli } from '../helpers/cli.js';
import { tempDir, writeFileDeep } from '../helpers/tmp.js';

describe('ensureDir', () => {
  it('creates every missing level, and is a no-op when the directory exists', async () => {
    const root = await tempDir();
    const deep = join(root, 'a', 'b', 'c');
    await ensureDir(deep);
    expect(statSync(deep).isDirectory()).toBe(true);
    await ensureDir(deep);
    await Promise.all([ensureDir(join(root, 'x', 'y')), ensureDir(join(root, 'x', 'y'))]);
    expect(existsSync(join(root, 'x', 'y'))).toBe(true);
  });

  it('fails, rather than spinning, where the kernel refuses (Node 20 mkdir -p loops on /proc)', async () => {
    const started = Date.now();
    await expect(ensureDir('/proc/flink-doctor/reports')).rejects.toThrow(/ENOENT/);
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('fails when a file stands where a directory is needed', async () => {
    const file = await writeFileDeep(join(await tempDir(), 'report'), 'x');
    await expect(ensureDir(join(file, 'sub'))).rejects.toThrow(/not a directory/);
  });
});

describe('--output to a place that cannot be written', () => {
  it.each(['/proc/flink-doctor/report.json', '/etc/hostname/report.json'])('%s → exit 2 with one line, quickly', async (path) => {
    const started = Date.now();
    const run = await runCli(['--only', 'flink.home', '--output', path]);
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(new RegExp(`^flink-doctor: cannot write --output ${path}: `));
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
  });
});
