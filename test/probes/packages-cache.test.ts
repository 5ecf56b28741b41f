// The installed-packages cache (src/probes/packages-cache.ts): a next scan of an unchanged site-packages reads no
// METADATA, and any change to a distribution's files, the build or the cache file itself is a miss, never a wrong
// answer. Real directories in pip's dist-info layout (test/helpers/python-env.ts).
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InstalledPackagesCache } from '../../src/probes/packages-cache.js';
import { scanSysPath } from '../../src/probes/packages.js';
import { addDistribution, metadataText } from '../helpers/python-env.js';
import { tempDir } from '../helpers/tmp.js';

/** A site-packages with three distributions (pip's dist-info and setuptools' egg-info layouts). */
async function sitePackages(): Promise<string> {
  const dir = await tempDir('site-packages-');
  await addDistribution(dir, { name: 'py4j', version: '0.10.9.7' });
  await addDistribution(dir, { name: 'pyarrow', version: '16.1.0', requires: ['numpy>=1.16.6'] });
  await addDistribution(dir, { name: 'legacy', version: '1.0', layout: 'egg-info', requiresTxt: 'six\n' });
  return dir;
}

/**
 * A cache whose clock runs a minute ahead: the files just written count as settled (a real run keeps a file only 2 s
 * after its last change, and a ctime cannot be set into the past).
 */
async function cacheIn(options: { version?: string } = {}) {
  return new InstalledPackagesCache(await tempDir('packages-cache-'), { clock: () => Date.now() + 60_000, ...options });
}

/** The one cache file of a cache folder, rewritten by `edit` (to prove a run really takes its answer from it). */
function editCacheFile(cache: InstalledPackagesCache, edit: (text: string) => string): void {
  const [file] = readdirSync(cache.dir);
  if (!file) throw new Error('no cache file was written');
  writeFileSync(join(cache.dir, file), edit(readFileSync(join(cache.dir, file), 'utf8')));
}

describe('installed packages cache', () => {
  it('a scan with the cache finds what a scan without it finds, and the next one takes it from the cache', async () => {
    const dir = await sitePackages();
    const cache = await cacheIn();
    const plain = await scanSysPath([dir]);
    expect(await scanSysPath([dir], cache)).toEqual(plain);
    // Proof that the kept results are used: a version changed in the cache file (only there) is what the next scan says.
    editCacheFile(cache, (text) => text.replace('"version":"16.1.0"', '"version":"99.0.0"'));
    expect((await scanSysPath([dir], cache)).distributions.pyarrow?.version).toBe('99.0.0');
  });

  it('a distribution whose METADATA changed is read again; one removed is gone; one added is found', async () => {
    const dir = await sitePackages();
    const cache = await cacheIn();
    await scanSysPath([dir], cache);
    const pyarrow = join(dir, 'pyarrow-16.1.0.dist-info', 'METADATA');
    writeFileSync(pyarrow, metadataText({ name: 'pyarrow', version: '17.0.0' }));
    await rm(join(dir, 'py4j-0.10.9.7.dist-info'), { recursive: true });
    await addDistribution(dir, { name: 'numpy', version: '1.26.4' });
    const next = await scanSysPath([dir], cache);
    expect(next).toEqual(await scanSysPath([dir]));
    expect(Object.keys(next.distributions).sort()).toEqual(['legacy', 'numpy', 'pyarrow']);
    expect(next.distributions.pyarrow?.version).toBe('17.0.0');
  });

  it("an egg-info's requires.txt is part of its stamp", async () => {
    const dir = await sitePackages();
    const cache = await cacheIn();
    expect((await scanSysPath([dir], cache)).distributions.legacy?.requires).toEqual(['six']);
    writeFileSync(join(dir, 'legacy-1.0-py3.11.egg-info', 'requires.txt'), 'six\nattrs>=20\n');
    expect((await scanSysPath([dir], cache)).distributions.legacy?.requires).toEqual(['six', 'attrs>=20']);
  });

  it('a corrupt, foreign-key or other-build cache file is a miss', async () => {
    const dir = await sitePackages();
    const plain = await scanSysPath([dir]);
    const cache = await cacheIn();
    await scanSysPath([dir], cache);
    for (const edit of [() => '{"key":', (text: string) => text.replace('"stamp":"', '"stamp":7,"x":"'), () => '[]']) {
      editCacheFile(cache, edit);
      expect(await scanSysPath([dir], cache)).toEqual(plain);
    }
    await scanSysPath([dir], cache);
    editCacheFile(cache, (text) => text.replace('"version":"16.1.0"', '"version":"99.0.0"'));
    const otherBuild = new InstalledPackagesCache(cache.dir, { clock: () => Date.now() + 60_000, version: 'another-build' });
    expect(await scanSysPath([dir], otherBuild)).toEqual(plain);
  });

  it('files changed within the settle time are read every time and not kept', async () => {
    const dir = await sitePackages();
    const cache = new InstalledPackagesCache(await tempDir('packages-cache-'));
    expect(await scanSysPath([dir], cache)).toEqual(await scanSysPath([dir]));
    const [file] = readdirSync(cache.dir);
    expect(file && JSON.parse(readFileSync(join(cache.dir, file), 'utf8')).dists).toEqual({});
  });

  it('an unwritable cache folder costs the cache only', async () => {
    const dir = await sitePackages();
    const blocker = join(await tempDir('packages-cache-'), 'a-file');
    writeFileSync(blocker, 'not a folder');
    const cache = new InstalledPackagesCache(join(blocker, 'packages'), { clock: () => Date.now() + 60_000 });
    expect(await scanSysPath([dir], cache)).toEqual(await scanSysPath([dir]));
    expect(existsSync(join(blocker, 'packages'))).toBe(false);
  });
});
