// Node's compile cache (src/cli/compile-cache.ts) in the user's cache folder: filled where the Node running the
// tests has module.enableCompileCache (22.1+; CI runs this suite on 20, 22 and 24), absent where it has not, and
// never a reason to fail: a cache folder that cannot be created leaves the run as it was.
import { execFile } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import * as nodeModule from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir, writeFileDeep } from '../helpers/tmp.js';

const BIN = join(import.meta.dirname, '..', '..', 'bin', 'flink-doctor.js');
const nodeHasCache = typeof (nodeModule as { enableCompileCache?: unknown }).enableCompileCache === 'function';

function runBin(args: string[], env: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [BIN, ...args],
      { env: { PATH: process.env.PATH ?? '', ...env }, timeout: 60_000 },
      (error, stdout, stderr) => {
        resolve({ code: error ? Number(error.code ?? -1) : 0, stdout, stderr });
      },
    );
  });
}

describe(`compile cache on Node ${process.version}`, () => {
  it(nodeHasCache ? 'is written under XDG_CACHE_HOME/flink-doctor/compile-cache' : 'is not written (this Node has none)', async () => {
    const home = await tempDir('compile-cache-');
    const result = await runBin(['--list-checks'], { HOME: home, XDG_CACHE_HOME: join(home, 'cache') });
    expect(result).toMatchObject({ code: 0, stderr: '' });
    const dir = join(home, 'cache', 'flink-doctor', 'compile-cache');
    if (nodeHasCache) expect(readdirSync(dir).length).toBeGreaterThan(0);
    else expect(existsSync(dir)).toBe(false);
  });

  it('a cache folder that cannot be created changes nothing: same output, no warning', async () => {
    const home = await tempDir('compile-cache-');
    const blocked = await writeFileDeep(join(home, 'not-a-folder'), 'a file where the cache folder would be');
    const plain = await runBin(['--list-checks'], { HOME: home, XDG_CACHE_HOME: join(home, 'cache') });
    const result = await runBin(['--list-checks'], { HOME: home, XDG_CACHE_HOME: blocked });
    expect(result).toEqual({ ...plain, code: 0, stderr: '' });
  });
});

describe('the bundle is ASCII', () => {
  // One non-ASCII character (a "→" in a comment esbuild keeps) makes V8 hold the whole module as two-byte text, and
  // Node's compile cache converts it to UTF-8 to checksum it on every run (scripts/build.mjs, asciiOnly).
  it('no file of dist/ holds a character outside ASCII', () => {
    const dist = join(import.meta.dirname, '..', '..', 'dist');
    const files = readdirSync(dist, { recursive: true, encoding: 'utf8' }).filter((name) => name.endsWith('.mjs'));
    expect(files.length).toBeGreaterThan(10);
    const notAscii = files.filter((name) => /[^\x00-\x7f]/.test(readFileSync(join(dist, name), 'utf8')));
    expect(notAscii).toEqual([]);
  });

  it('what the escaping touches is only comments: the escaped bundle reports as the source does', async () => {
    const home = await tempDir('compile-cache-');
    const result = await runBin(['--list-checks', '--json'], { HOME: home, XDG_CACHE_HOME: join(home, 'cache') });
    expect(result.code).toBe(0);
    // Check descriptions hold "→" and "…" (read from the built code's strings): they come out as the characters.
    expect(result.stdout).toMatch(/[^\x00-\x7f]/);
  });
});
