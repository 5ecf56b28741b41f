// Node's compile cache (src/cli/compile-cache.ts) in the user's cache folder: filled where the Node running the
// tests has module.enableCompileCache (22.1+; CI runs this suite on 20, 22 and 24), absent where it has not, and
// never a reason to fail: a cache folder that cannot be created leaves the run as it was.
import { existsSync, readdirSync } from 'node:fs';
import * as nodeModule from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runBin as runBinIn } from '../helpers/cli.js';
import { tempDir, writeFileDeep } from '../helpers/tmp.js';

const nodeHasCache = typeof (nodeModule as { enableCompileCache?: unknown }).enableCompileCache === 'function';

const runBin = (args: string[], env: Record<string, string>) => runBinIn(args, { PATH: process.env.PATH ?? '', ...env });

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
