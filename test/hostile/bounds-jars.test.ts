// Bounds (test/helpers/bounds.ts) of one JAR: 100,000 entries (the cap) and 150,000 (past it).
import { join } from 'node:path';
import { describe, it } from 'vitest';
import { LIMITS } from '../../src/engine/limits.js';
import { checksOf, WALL_CAP_RETRY, withinBounds } from '../helpers/bounds.js';
import { runBundleMeasured } from '../helpers/cli.js';
import { tempDir } from '../helpers/tmp.js';
import { writeZip } from '../helpers/zip.js';

describe('a JAR up to its entry cap', WALL_CAP_RETRY, () => {
  const entries = (n: number) => Array.from({ length: n }, (_, i) => ({ name: `c/p${i % 500}/C${i}.class`, data: 'x', store: true }));
  const readableArgs = (jar: string) => ['--jars', jar, '--flink-version', '2.2', '--offline', '--json', '--only', 'jars.readable'];

  it('a JAR of 100,000 entries (the cap): within bounds', async ({ expect }) => {
    const jar = await writeZip(join(await tempDir('bounds-jar-'), 'at-cap.jar'), entries(LIMITS.zipEntries));
    withinBounds(expect, 'JAR of 100,000 entries', await runBundleMeasured(readableArgs(jar)));
  });

  it('a JAR of 150,000 entries: within bounds, and the rest is noted as not read', async ({ expect }) => {
    const jar = await writeZip(join(await tempDir('bounds-jar-'), 'past-cap.jar'), entries(150_000));
    const past = await runBundleMeasured(readableArgs(jar));
    withinBounds(expect, 'JAR of 150,000 entries', past);
    expect(checksOf(past)['jars.readable']?.details).toContain(`${jar}: has 150000 entries; only the first 100000 were read`);
  });
});
