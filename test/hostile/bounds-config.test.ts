// Bounds (test/helpers/bounds.ts) of the config files: config.yaml in its six costliest shapes and past its cap,
// pipeline.jars past its entry cap, JVM options as long as config.yaml allows, flink-doctor.config.json.
// Before issue 14: a 15 MB config.yaml took 57 s and 3.5 GB.
import { join } from 'node:path';
import { describe, it } from 'vitest';
import { LIMITS } from '../../src/engine/limits.js';
import { checksOf, withinBounds } from '../helpers/bounds.js';
import { runInProcessMeasured } from '../helpers/cli.js';
import { cachedFixture } from '../helpers/fixture-cache.js';
import { doctorConfigJson, jvmOptionsYaml, pipelineJarsYaml, yamlShapes } from '../helpers/hostile-inputs.js';
import { jdk17 } from '../helpers/java.js';
import { isolatedEnv } from '../helpers/run-check.js';
import { tempDir, writeFileDeep } from '../helpers/tmp.js';

async function confWith(text: string): Promise<string> {
  const conf = await tempDir('bounds-conf-');
  await writeFileDeep(join(conf, 'config.yaml'), text);
  return conf;
}

describe('config.yaml up to its cap', () => {
  const shapes = Object.entries(yamlShapes(LIMITS.flinkConfigBytes - 1));
  it.for(shapes)('%s: within 2 s CPU and 300 MB', async ([name, text], { expect }) => {
    const run = await runInProcessMeasured([
      '--conf-dir',
      await confWith(text),
      '--flink-version',
      '2.2',
      '--offline',
      '--json',
      '--only',
      'config,java',
      '--java-home',
      jdk17(),
    ]);
    withinBounds(expect, `config.yaml ${name}`, run);
    expect(checksOf(run)['java.runtime']?.status).toBe('ok');
  });

  it('past the cap (15 MiB): config.file names the file and its size; nothing of it is parsed', async ({ expect }) => {
    // Its costliest-to-parse shape (issue 14's 57 s), built once per machine: generating it cost 0.5 s of CPU a run.
    const pastCap = await cachedFixture('bounds-config-past-cap', { bytes: 15 * 1024 * 1024 }, (dir) =>
      writeFileDeep(join(dir, 'config.yaml'), yamlShapes(15 * 1024 * 1024).keys),
    );
    const run = await runInProcessMeasured([
      '--conf-dir',
      pastCap,
      '--flink-version',
      '2.2',
      '--offline',
      '--json',
      '--only',
      'config.file',
    ]);
    withinBounds(expect, 'config.yaml 15 MiB', run);
    expect(checksOf(run)['config.file']?.summary).toMatch(
      /config\.yaml is 15\.0 MiB, more than the 128 KiB flink-doctor reads of such a file; flink-doctor does not read it$/,
    );
  });

  it('a pipeline.jars of 1,500 entries: the first 1,000 are looked at, and the report says so', async ({ expect }) => {
    const conf = await confWith(pipelineJarsYaml(1_500));
    const run = await runInProcessMeasured([
      '--conf-dir',
      conf,
      '--flink-version',
      '2.2',
      '--offline',
      '--json',
      '--only',
      'config.pipeline-jars,jars.readable',
    ]);
    withinBounds(expect, 'pipeline.jars 1,500 entries', run);
    const all = checksOf(run);
    expect(JSON.stringify(all['config.pipeline-jars'])).toContain(
      `pipeline.jars in ${join(conf, 'config.yaml')}: pipeline.jars has 1500 entries; flink-doctor looks at the first 1000 (a job uses tens of JARs)`,
    );
    expect(all['jars.readable']?.facts.jars).toBe(1_000);
  });

  it('JVM options as long as config.yaml allows: within bounds', async ({ expect }) => {
    const conf = await confWith(jvmOptionsYaml(LIMITS.flinkConfigBytes - 1));
    const run = await runInProcessMeasured([
      '--conf-dir',
      conf,
      '--java-home',
      jdk17(),
      '--flink-version',
      '1.20',
      '--offline',
      '--json',
      '--only',
      'java.options',
    ]);
    withinBounds(expect, 'JVM options 128 KiB', run);
  });

  it('a 1 MiB flink-doctor.config.json with the longest ignore list: within bounds', async ({ expect }) => {
    const dir = await tempDir('bounds-doctor-config-');
    await writeFileDeep(join(dir, 'flink-doctor.config.json'), doctorConfigJson(LIMITS.configFileBytes - 1024, LIMITS.configIgnoreEntries));
    const run = await runInProcessMeasured(['--flink-version', '2.2', '--offline', '--json', '--only', 'config.file'], isolatedEnv(), dir);
    withinBounds(expect, 'flink-doctor.config.json 1 MiB', run);
  });
});
