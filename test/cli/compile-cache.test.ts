// The code caches in the user's cache folder. Node's compile cache (src/cli/compile-cache.ts), which the module build
// (dist/cli/flink-doctor.mjs, dist/flink-doctor.mjs) turns on: filled where the Node running the tests has
// module.enableCompileCache (22.1+; CI runs this suite on 20, 22 and 24), absent where it has not. The engine's own
// code cache (src/cli/engine-loader.ts), which bin/flink-doctor.js uses on every Node. Neither is ever a reason to fail:
// a cache folder that cannot be created leaves the run as it was.
import { execFile } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import * as nodeModule from 'node:module';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir, writeFileDeep } from '../helpers/tmp.js';

const BIN = join(import.meta.dirname, '..', '..', 'bin', 'flink-doctor.js');
const MODULE_BUILD = join(import.meta.dirname, '..', '..', 'dist', 'cli', 'flink-doctor.mjs');
const nodeHasCache = typeof (nodeModule as { enableCompileCache?: unknown }).enableCompileCache === 'function';

function runBin(args: string[], env: Record<string, string>, entry = BIN): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [entry, ...args],
      { env: { PATH: process.env.PATH ?? '', ...env }, timeout: 60_000 },
      (error, stdout, stderr) => {
        resolve({ code: error ? Number(error.code ?? -1) : 0, stdout, stderr });
      },
    );
  });
}

describe(`Node's compile cache on Node ${process.version}, for the module build`, () => {
  it(nodeHasCache ? 'is written under XDG_CACHE_HOME/flink-doctor/compile-cache' : 'is not written (this Node has none)', async () => {
    const home = await tempDir('compile-cache-');
    const result = await runBin(['--list-checks'], { HOME: home, XDG_CACHE_HOME: join(home, 'cache') }, MODULE_BUILD);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    const dir = join(home, 'cache', 'flink-doctor', 'compile-cache');
    if (nodeHasCache) expect(readdirSync(dir).length).toBeGreaterThan(0);
    else expect(existsSync(dir)).toBe(false);
  });

  it('a cache folder that cannot be created changes nothing: same output, no warning (both builds)', async () => {
    for (const entry of [MODULE_BUILD, BIN]) {
      const home = await tempDir('compile-cache-');
      const blocked = await writeFileDeep(join(home, 'not-a-folder'), 'a file where the cache folder would be');
      const plain = await runBin(['--list-checks'], { HOME: home, XDG_CACHE_HOME: join(home, 'cache') }, entry);
      const result = await runBin(['--list-checks'], { HOME: home, XDG_CACHE_HOME: blocked }, entry);
      expect(result).toEqual({ ...plain, code: 0, stderr: '' });
    }
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

describe("the engine's code cache (src/cli/engine-loader.ts)", () => {
  const run = async (env: Record<string, string> = {}) => {
    const home = await tempDir('code-cache-');
    const base = { HOME: home, XDG_CACHE_HOME: join(home, 'cache'), ...env };
    return { home, dir: join(home, 'cache', 'flink-doctor', 'code-cache'), again: () => runBin(['--list-checks', '--json'], base) };
  };
  const only = (dir: string) => {
    const names = readdirSync(dir);
    expect(names).toHaveLength(1);
    return join(dir, names[0] ?? '');
  };

  it('the first run marks the engine seen, the next writes the cache for this Node, for the user alone; later runs only read it', async () => {
    const { dir, again } = await run();
    const first = await again();
    const name = `engine-\\w+\\.cjs-${process.version.replace(/\./g, '\\.')}-v8-${process.versions.v8.replace(/\./g, '\\.')}-${process.arch}`;
    expect(only(dir)).toMatch(new RegExp(`${name}\\.seen$`));
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    expect(await again()).toEqual({ ...first, code: 0, stderr: '' });
    const cache = only(dir);
    expect(cache).toMatch(new RegExp(`${name}\\.bin$`));
    expect(statSync(cache).mode & 0o777).toBe(0o600);
    const written = statSync(cache).mtimeMs;
    expect(await again()).toEqual(first);
    expect(only(dir)).toBe(cache);
    expect(statSync(cache).mtimeMs).toBe(written); // read, not written again
  });

  /**
   * A home whose folder holds the engine's cache as two runs left it, and what a run answers: made once, copied into a
   * fresh home by each test that starts from a kept cache (the first test checks how the two runs make it).
   */
  let kept: Promise<{ first: Awaited<ReturnType<typeof runBin>>; file: string }> | undefined;
  const keptCache = async () => {
    kept ??= run().then(async ({ dir, again }) => {
      const first = await again();
      await again();
      return { first, file: only(dir) };
    });
    const { first, file } = await kept;
    const { dir, again } = await run();
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    copyFileSync(file, join(dir, basename(file)));
    return { dir, first, again, file: only(dir) };
  };

  it('a cache V8 rejects (not one of its own) is replaced, and the run answers alike', async () => {
    const { dir, first, again, file } = await keptCache();
    const garbage = Buffer.alloc(statSync(file).size, 7);
    writeFileSync(file, garbage, { mode: 0o600 });
    expect(await again()).toEqual(first);
    expect(only(dir)).toBe(file);
    expect(readFileSync(file).equals(garbage)).toBe(false); // written anew
  });

  it('a cache others may write to is not read: a cache is code', async () => {
    const { first, again, file } = await keptCache();
    // V8's own cache, made writable by others: read, V8 would accept it and the run would leave it as it is; not read,
    // the run writes it anew (a new file, for the user alone). Garbage here could not tell the two apart: read, it is
    // rejected and written anew alike.
    chmodSync(file, 0o666);
    const before = statSync(file).ino;
    expect(await again()).toEqual(first);
    expect(statSync(file).ino).not.toBe(before);
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  it('the folder keeps 8 files at most (earlier builds), the least recently written going first', async () => {
    const { dir, again } = await run();
    mkdirSync(dir, { recursive: true });
    const old = Array.from({ length: 10 }, (_, i) => join(dir, `engine-OLD${i}.cjs-v0-v8-0-x64.bin`));
    old.forEach((file, i) => {
      writeFileSync(file, 'an earlier build', { mode: 0o600 });
      utimesSync(file, 1_000_000 + i, 1_000_000 + i);
    });
    expect((await again()).code).toBe(0);
    expect((await again()).code).toBe(0); // the second run writes the cache (and prunes)
    const kept = readdirSync(dir);
    expect(kept).toHaveLength(8);
    expect(kept.filter((name) => name.startsWith('engine-OLD')).sort()).toEqual(
      ['engine-OLD3', 'engine-OLD4', 'engine-OLD5', 'engine-OLD6', 'engine-OLD7', 'engine-OLD8', 'engine-OLD9'].map(
        (n) => `${n}.cjs-v0-v8-0-x64.bin`,
      ),
    );
  });

  it('NODE_DISABLE_COMPILE_CACHE turns it off too', async () => {
    const { dir, again } = await run({ NODE_DISABLE_COMPILE_CACHE: '1' });
    expect((await again()).code).toBe(0);
    expect(existsSync(dir)).toBe(false);
  });
});
