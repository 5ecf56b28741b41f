// Bounds (test/helpers/bounds.ts) of one JAR: 100,000 entries (the cap) and 150,000 (past it).
import { join } from 'node:path';
import { describe, it } from 'vitest';
import { LIMITS } from '../../src/engine/limits.js';
import { checksOf, WALL_CAP_RETRY, withinBounds } from '../helpers/bounds.js';
import { runInProcessMeasured } from '../helpers/cli.js';
import { cachedFixture } from '../helpers/fixture-cache.js';
import { isolatedEnv } from '../helpers/run-check.js';
import { tempDir } from '../helpers/tmp.js';
import { writeZip } from '../helpers/zip.js';

describe('a JAR up to its entry cap', WALL_CAP_RETRY, () => {
  /** A JAR of `n` one-byte classes in 500 packages, built once per machine (test/helpers/fixture-cache.ts). */
  const jarOf = async (name: string, n: number) =>
    join(
      await cachedFixture(`bounds-jar-${name}`, { n }, (dir) =>
        writeZip(
          join(dir, `${name}.jar`),
          Array.from({ length: n }, (_, i) => ({ name: `c/p${i % 500}/C${i}.class`, data: 'x', store: true })),
        ),
      ),
      `${name}.jar`,
    );
  const readableArgs = (jar: string) => ['--jars', jar, '--flink-version', '2.2', '--offline', '--json', '--only', 'jars.readable'];
  // An empty cache folder: with the user's, a JAR this big read by an earlier run of the same build came from the JAR
  // contents cache (src/jars/contents-cache.ts) in 2 ms, and the bound measured a cache hit instead of the read.
  const freshCache = async () => isolatedEnv({ FLINK_DOCTOR_CACHE_DIR: await tempDir('bounds-jar-cache-') });

  it('a JAR of 100,000 entries (the cap): within bounds', async ({ expect }) => {
    const jar = await jarOf('at-cap', LIMITS.zipEntries);
    withinBounds(expect, 'JAR of 100,000 entries', await runInProcessMeasured(readableArgs(jar), await freshCache()));
  });

  it('a JAR of 150,000 entries: within bounds, and the rest is noted as not read', async ({ expect }) => {
    const jar = await jarOf('past-cap', 150_000);
    const past = await runInProcessMeasured(readableArgs(jar), await freshCache());
    withinBounds(expect, 'JAR of 150,000 entries', past);
    expect(checksOf(past)['jars.readable']?.details).toContain(`${jar}: has 150000 entries; only the first 100000 were read`);
  });
});
