// Bounds (test/helpers/bounds.ts): many identified connector JARs cost in proportion to their number.
// Before issue 14: 3,000 of them took 30-50 s and 1 GB (superlinear: 375 → 1.4 s, 1,500 → 7.9 s).
import { link, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checksOf, RSS_MB } from '../helpers/bounds.js';
import { runInProcessMeasured } from '../helpers/cli.js';
import { cachedFixture } from '../helpers/fixture-cache.js';
import { identifiedKafkaEntries } from '../helpers/hostile-inputs.js';
import { isolatedEnv } from '../helpers/run-check.js';
import { tempDir } from '../helpers/tmp.js';
import { writeZip } from '../helpers/zip.js';

// One retry: CPU time stretches too on a loaded machine (+0.63 s for 1,000 JARs when quiet, +1.1 s once at a load
// average of 16); a cost that grows faster than the count fails both times.
describe('many inputs cost in proportion', { retry: 1 }, () => {
  // The three runs go one after the other: their CPU times are compared with one another.
  it('1,000 identified connector JARs: their part of the run is within 1 s of CPU, and 2,000 cost about twice that', async () => {
    // Built once per machine (test/helpers/fixture-cache.ts): writing 2,000 JARs cost 1.5 s of CPU per run.
    const jars = await cachedFixture('bounds-many-jars', { count: 2_000 }, async (dir) => {
      await Promise.all([mkdir(join(dir, 'one')), mkdir(join(dir, 'two'))]);
      for (let i = 0; i < 2_000; i += 1) {
        const name = `flink-sql-connector-kafka-3.${i}.0-1.20.jar`;
        await writeZip(join(dir, 'two', name), identifiedKafkaEntries(`3.${i}.0-1.20`));
        // The first thousand are the same files in both folders: written once, linked into the other.
        if (i < 1_000) await link(join(dir, 'two', name), join(dir, 'one', name));
      }
    });
    const dirs = { none: await tempDir('bounds-many-'), one: join(jars, 'one'), two: join(jars, 'two') };
    const env = isolatedEnv({ FLINK_DOCTOR_CACHE_DIR: await tempDir('bounds-cache-') });
    const args = (dir: string) => ['--jars', dir, '--flink-version', '1.20', '--offline', '--json', '--only', 'jars'];
    const [none, one, two] = [
      await runInProcessMeasured(args(dirs.none), env),
      await runInProcessMeasured(args(dirs.one), env),
      await runInProcessMeasured(args(dirs.two), env),
    ];
    const cost = { one: one.cpuMs - none.cpuMs, two: two.cpuMs - none.cpuMs };
    console.log(
      `bound many JARs: no JARs ${none.cpuMs} ms CPU; 1,000 JARs +${cost.one} ms (${one.wallMs} ms wall, ${one.maxRssMB} MB); 2,000 JARs +${cost.two} ms (${two.maxRssMB} MB)`,
    );
    expect(checksOf(one)['jars.readable']?.summary).toBe('1000 JARs readable');
    expect(checksOf(two)['jars.conflicts']?.summary).toMatch(/^org\.apache\.flink:flink-sql-connector-kafka in 2000 versions: /);
    expect(cost.one).toBeLessThan(1_000);
    expect(cost.two / cost.one).toBeLessThan(2.6);
    expect(two.maxRssMB).toBeLessThan(RSS_MB);
  });
});
