// Bounds (test/helpers/bounds.ts) of what the doctor reads of Python packages and Maven: METADATA headers,
// requires.txt, a requirements file, maven-metadata.xml (fetched and cached), settings.xml.
// Before issue 14: an egg-info requires.txt had no cap (3 s per MB); a 1 MB Requires-Dist line took 21 s.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { LIMITS } from '../../src/engine/limits.js';
import { checksOf, withinBounds } from '../helpers/bounds.js';
import { runInProcessMeasured } from '../helpers/cli.js';
import { cachedFixture } from '../helpers/fixture-cache.js';
import { costlyRequiresDist, metadataXml, requirementsFile, requiresTxt, settingsXml } from '../helpers/hostile-inputs.js';
import { fatKafkaJar, jarDir } from '../helpers/jars.js';
import { startMavenServer, type MavenServer } from '../helpers/maven-server.js';
import { addDistribution, pyenvPython } from '../helpers/python-env.js';
import { isolatedEnv } from '../helpers/run-check.js';
import { tempDir, writeFileDeep } from '../helpers/tmp.js';

describe('Python metadata up to its caps', () => {
  const python = () => pyenvPython('3.11.7');
  const dependencyArgs = () => ['--python', python(), '--flink-version', '2.2', '--json', '--only', 'pyflink.dependencies'];

  async function sitePackages(dists: Parameters<typeof addDistribution>[1][]): Promise<string> {
    const site = await tempDir('bounds-site-');
    for (const dist of dists) await addDistribution(site, dist);
    return site;
  }

  it('METADATA headers of 1 MiB of the costliest Requires-Dist lines: within bounds', async ({ expect }) => {
    const site = await sitePackages([
      { name: 'apache-flink', version: '2.2.1', requires: ['costly'] },
      { name: 'costly', version: '1.0', requires: costlyRequiresDist(LIMITS.metadataHeaderBytes - 4096, LIMITS.requirementParts) },
    ]);
    const run = await runInProcessMeasured(dependencyArgs(), isolatedEnv({ PYTHONPATH: site }));
    withinBounds(expect, 'METADATA 1 MiB Requires-Dist', run);
    // Each line over the part limit is refused in words, never a stack overflow.
    expect(JSON.stringify(checksOf(run)['pyflink.dependencies'])).not.toMatch(/Maximum call stack|too complex/);
  });

  it('requires.txt at its cap is read', async ({ expect }) => {
    const site = await sitePackages([
      { name: 'apache-flink', version: '2.2.1', requires: ['legacy'] },
      { name: 'legacy', version: '1.0', layout: 'egg-info', requiresTxt: requiresTxt(LIMITS.requiresTxtBytes - 1) },
    ]);
    withinBounds(expect, 'requires.txt 256 KiB', await runInProcessMeasured(dependencyArgs(), isolatedEnv({ PYTHONPATH: site })));
  });

  /** 8 MiB of requires.txt, built once per machine (generating it cost 0.15 s of CPU a run; reading it back, 5 ms). */
  async function requiresTxtPastCap(): Promise<string> {
    const dir = await cachedFixture('bounds-requires-txt-past-cap', { bytes: 8 * 1024 * 1024 }, (into) =>
      writeFileDeep(join(into, 'requires.txt'), requiresTxt(8 * 1024 * 1024)),
    );
    return readFile(join(dir, 'requires.txt'), 'utf8');
  }

  it('requires.txt past its cap: the report says so instead of reading it', async ({ expect }) => {
    const site = await sitePackages([
      { name: 'apache-flink', version: '2.2.1', requires: ['legacy'] },
      { name: 'legacy', version: '1.0', layout: 'egg-info', requiresTxt: await requiresTxtPastCap() },
    ]);
    const over = await runInProcessMeasured(dependencyArgs(), isolatedEnv({ PYTHONPATH: site }));
    withinBounds(expect, 'requires.txt 8 MiB', over);
    expect(JSON.stringify(checksOf(over)['pyflink.dependencies'])).toMatch(
      /requires\.txt: cannot read it \(.*requires\.txt is 8\.0 MiB, more than the 256 KiB flink-doctor reads of such a file\); its requirements are not checked/,
    );
  });

  async function requirementsConf(text: string): Promise<{ conf: string; file: string }> {
    const conf = await tempDir('bounds-req-');
    const file = await writeFileDeep(join(conf, 'requirements.txt'), text);
    await writeFileDeep(join(conf, 'config.yaml'), `python.requirements: ${file}\n`);
    return { conf, file };
  }
  const requirementsArgs = (conf: string) => [
    '--conf-dir',
    conf,
    '--python',
    python(),
    '--flink-version',
    '1.20',
    '--offline',
    '--json',
    '--only',
    'python.requirements',
  ];

  it('a requirements file at its cap (1 MiB of the costliest lines) is read', async ({ expect }) => {
    const { conf } = await requirementsConf(requirementsFile(LIMITS.requirementsFileBytes - 1024, LIMITS.requirementParts));
    withinBounds(expect, 'requirements file 1 MiB', await runInProcessMeasured(requirementsArgs(conf)));
  });

  it('a requirements file past its cap: the report names it', async ({ expect }) => {
    const { conf, file } = await requirementsConf('x'.repeat(2 * LIMITS.requirementsFileBytes));
    const over = await runInProcessMeasured(requirementsArgs(conf));
    withinBounds(expect, 'requirements file 2 MiB', over);
    expect(checksOf(over)['python.requirements']?.summary).toContain(
      `${file} is 2 MiB, more than the 1 MiB flink-doctor reads of such a file`,
    );
  });
});

describe('Maven inputs up to their caps', () => {
  let server: MavenServer;
  let kafka: string;
  beforeAll(async () => {
    server = await startMavenServer();
    kafka = await fatKafkaJar(join(await jarDir('bounds-maven-'), 'flink-sql-connector-kafka-3.3.0-1.20.jar'));
  });
  afterAll(() => server.close());

  it('a 2 MiB maven-metadata.xml, fetched and then read back from the cache offline: within bounds', async ({ expect }) => {
    const base = '/org/apache/flink/flink-sql-connector-kafka';
    server.files.set(`${base}/maven-metadata.xml`, {
      body: metadataXml(LIMITS.httpResponseBytes - 1024, 'org.apache.flink', 'flink-sql-connector-kafka'),
    });
    const env = isolatedEnv({ HOME: await tempDir('bounds-home-'), FLINK_DOCTOR_CACHE_DIR: await tempDir('bounds-cache-') });
    const args = ['--jars', kafka, '--flink-version', '1.20', '--maven-repo', server.url, '--json', '--only', 'jars.updates'];
    const online = await runInProcessMeasured(args, env);
    withinBounds(expect, 'maven-metadata.xml 2 MiB', online);
    expect(checksOf(online)['jars.updates']?.status).toBe('warning');
    const cached = await runInProcessMeasured([...args, '--offline'], env);
    withinBounds(expect, 'cache entry of a 2 MiB metadata', cached);
    expect(checksOf(cached)['jars.updates']?.summary).toBe(checksOf(online)['jars.updates']?.summary);
  });

  it('a 1 MiB settings.xml: within bounds, and its central mirror is still found', async ({ expect }) => {
    const home = await tempDir('bounds-home-');
    await writeFileDeep(join(home, '.m2', 'settings.xml'), settingsXml(LIMITS.settingsXmlBytes - 1, 'https://nexus.example/central'));
    const env = isolatedEnv({ HOME: home, FLINK_DOCTOR_CACHE_DIR: await tempDir('bounds-cache-') });
    const run = await runInProcessMeasured(
      ['--jars', kafka, '--flink-version', '1.20', '--offline', '--json', '--only', 'jars.updates'],
      env,
    );
    withinBounds(expect, 'settings.xml 1 MiB', run);
    expect(checksOf(run)['jars.updates']?.facts.repositorySource).toBe("settings.xml mirror 'corp'");
  });
});
