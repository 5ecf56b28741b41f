// Bounds (test/helpers/bounds.ts) of what the job ships: python.archives tar.gz and zip at their caps, a gzip bomb,
// and apache-flink past the cap of a venv.tar.gz (python.worker says what it did not see).
import { join } from 'node:path';
import { describe, it } from 'vitest';
import { LIMITS } from '../../src/engine/limits.js';
import { writeTar } from '../helpers/archives.js';
import { checksOf, WALL_CAP_RETRY, withinBounds } from '../helpers/bounds.js';
import { runInProcessMeasured } from '../helpers/cli.js';
import { cachedFixture } from '../helpers/fixture-cache.js';
import { capTarEntries } from '../helpers/hostile-inputs.js';
import { pyenvPython } from '../helpers/python-env.js';
import { tempDir, writeFileDeep } from '../helpers/tmp.js';
import { writeZip } from '../helpers/zip.js';

const MiB = 1024 * 1024;
const shippingArgs = (conf: string) => ['--conf-dir', conf, '--flink-version', '1.20', '--offline', '--json', '--only', 'python.archives'];

/**
 * A config folder whose config.yaml ships `archive`, plus `extra` lines. The archive is built by `build` once per
 * machine (test/helpers/fixture-cache.ts: writing the one at its caps costs a second of CPU); `recipe` holds the
 * values `build` depends on.
 */
async function shipping(
  fixture: string,
  name: string,
  recipe: unknown,
  build: (path: string) => Promise<string>,
  extra = '',
): Promise<string> {
  const conf = await tempDir('bounds-ship-');
  const archive = join(await cachedFixture(`bounds-${fixture}`, recipe, (dir) => build(join(dir, name))), name);
  await writeFileDeep(join(conf, 'config.yaml'), `python.archives: ${archive}\n${extra}`);
  return conf;
}

describe('python.archives up to its caps', WALL_CAP_RETRY, () => {
  it('a tar.gz of 60,000 entries that also reaches the 256 MiB cap: within bounds, the cap named', async ({ expect }) => {
    const caps = { entries: LIMITS.archiveEntries, bytes: LIMITS.archiveStreamBytes };
    const conf = await shipping('archive-at-caps', 'venv.tar.gz', caps, (path) => writeTar(path, capTarEntries(caps.entries, caps.bytes)));
    const run = await runInProcessMeasured(shippingArgs(conf));
    withinBounds(expect, 'python.archives tar.gz at its caps', run);
    const result = checksOf(run)['python.archives'];
    expect(result?.summary).toBe('1 archive: no symlink out of the archive in the part read of venv.tar.gz (see details)');
    expect(result?.details.join('\n')).toMatch(
      /venv\.tar\.gz: [\d,]+ entries read \((listed up to flink-doctor's cap of 60,000 entries|read up to flink-doctor's cap of 256 MiB uncompressed); the rest was not read\)/,
    );
  });

  it('a gzip bomb (512 MiB of zeros in 0.5 MiB): reading stops at the byte cap', async ({ expect }) => {
    const size = 2 * LIMITS.archiveStreamBytes;
    const conf = await shipping('gzip-bomb', 'env.tar.gz', { size }, (path) => writeTar(path, [{ name: 'env/zeros', size }]));
    const run = await runInProcessMeasured(shippingArgs(conf));
    withinBounds(expect, 'python.archives gzip bomb', run);
    expect(checksOf(run)['python.archives']?.details).toContain(
      "env.tar.gz: 1 entries read (read up to flink-doctor's cap of 256 MiB uncompressed; the rest was not read)",
    );
  });

  it('a zip of 60,000 entries, 5,000 of them links out (through the bounded zip reader): within bounds', async ({ expect }) => {
    const count = LIMITS.archiveEntries;
    const entries = () =>
      Array.from({ length: count }, (_, i) =>
        i % 12 === 0
          ? { name: `venv/l${i}`, data: `../../outside${i}`, unixMode: 0o120777, store: true }
          : { name: `venv/p${i % 300}/m${i}.py`, data: 'x', store: true },
      );
    const run = await runInProcessMeasured(
      shippingArgs(await shipping('zip-at-caps', 'venv.zip', { count }, (path) => writeZip(path, entries()))),
    );
    withinBounds(expect, 'python.archives zip at its caps', run);
    expect(checksOf(run)['python.archives']?.summary).toMatch(
      /^venv\.zip: 100 symlinks point outside the archive \(venv\/l0 → \.\.\/\.\.\/outside0, /,
    );
  });

  it('apache-flink past the cap of a venv.tar.gz: python.worker says what it did not see instead of "no apache-flink"', async ({
    expect,
  }) => {
    const entries = [
      { name: 'venv/pyvenv.cfg', data: 'home = /usr/bin\nversion = 3.11.7\n' },
      { name: 'venv/bin/python', data: '\x7fELF' },
      { name: 'venv/lib/python3.11/site-packages/pyflink/lib/flink-dist.jar', size: LIMITS.archiveStreamBytes + MiB },
      { name: 'venv/lib/python3.11/site-packages/apache_flink-1.20.1.dist-info/METADATA', data: 'Name: apache-flink\n' },
    ];
    const conf = await shipping(
      'flink-past-cap',
      'venv.tar.gz',
      entries,
      (path) => writeTar(path, entries),
      'python.executable: venv.tar.gz/venv/bin/python\n',
    );
    const run = await runInProcessMeasured([
      '--conf-dir',
      conf,
      '--python',
      pyenvPython('3.11.7'),
      '--flink-version',
      '1.20',
      '--offline',
      '--json',
      '--only',
      'python.worker',
    ]);
    withinBounds(expect, 'python.worker, venv.tar.gz past its cap', run);
    expect(checksOf(run)['python.worker']?.summary).toBe(
      "python.executable venv.tar.gz/venv/bin/python: a real interpreter inside venv.tar.gz, Python 3.11; apache-flink not seen in the part read (read up to flink-doctor's cap of 256 MiB uncompressed)",
    );
  });
});
