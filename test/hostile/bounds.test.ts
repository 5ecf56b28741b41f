// Issue 14, problem 6, through the built CLI (and the inputs of the modules that came after it: python.archives,
// requirements files, --deploy files, --cluster answers, JVM options, job files): every input has a cap (src/engine/limits.ts, docs/bounds.md) and
// costs at most 2 s of CPU and 300 MB of memory up to it, in the costliest shape for its parser
// (test/helpers/hostile-inputs.ts); past the cap the report names the input and the doctor stops reading it.
// Before: a 15 MB config.yaml took 57 s and 3.5 GB, an egg-info requires.txt had no cap (3 s per MB), a 1 MB
// Requires-Dist line took 21 s, 3,000 identified connector JARs 30-50 s and 1 GB.
// CPU time rather than wall time is asserted (the machine is shared); the wall time is printed with it.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CheckResult, Report } from '../../src/engine/model.js';
import { LIMITS } from '../../src/engine/limits.js';
import { runBundleMeasured, type MeasuredRun } from '../helpers/cli.js';
import { serveCluster } from '../helpers/flink-rest.js';
import {
  capTarEntries,
  composeYaml,
  costlyRequiresDist,
  dockerfileShapes,
  doctorConfigJson,
  identifiedKafkaEntries,
  jvmOptionsYaml,
  manifestsYaml,
  metadataXml,
  pipelineJarsYaml,
  requirementsFile,
  requiresTxt,
  settingsXml,
  yamlShapes,
} from '../helpers/hostile-inputs.js';
import { writeTar } from '../helpers/archives.js';
import { jdk17 } from '../helpers/java.js';
import { fatKafkaJar, jarDir } from '../helpers/jars.js';
import { startMavenServer, type MavenServer } from '../helpers/maven-server.js';
import { addDistribution, pyenvPython } from '../helpers/python-env.js';
import { isolatedEnv } from '../helpers/run-check.js';
import { tempDir, writeFileDeep } from '../helpers/tmp.js';
import { writeZip } from '../helpers/zip.js';

const CPU_MS = 2_000;
const RSS_MB = 300;

function checks(run: MeasuredRun): Record<string, CheckResult> {
  return Object.fromEntries((JSON.parse(run.stdout) as Report).checks.map((c) => [c.id, c]));
}

/** The bound itself, with the numbers in the failure message and on the console (they go into docs/bounds.md). */
function withinBounds(name: string, run: MeasuredRun): void {
  console.log(`bound ${name}: ${run.cpuMs} ms CPU, ${run.wallMs} ms wall, ${run.maxRssMB} MB`);
  expect(run.stderr, name).toBe('');
  expect(run.cpuMs, `${name}: CPU ms`).toBeLessThan(CPU_MS);
  expect(run.maxRssMB, `${name}: max RSS MB`).toBeLessThan(RSS_MB);
}

describe('config.yaml up to its cap', () => {
  const shapes = Object.entries(yamlShapes(LIMITS.flinkConfigBytes - 1));
  it.each(shapes)('%s: within 2 s CPU and 300 MB', async (name, text) => {
    const conf = await tempDir('bounds-yaml-');
    await writeFileDeep(join(conf, 'config.yaml'), text);
    const run = await runBundleMeasured(['--conf-dir', conf, '--flink-version', '2.2', '--offline', '--json', '--only', 'config,java', '--java-home', jdk17()]);
    withinBounds(`config.yaml ${name}`, run);
    expect(checks(run)['java.runtime']?.status).toBe('ok');
  });

  it('past the cap (15 MiB): config.file names the file and its size; nothing of it is parsed', async () => {
    const conf = await tempDir('bounds-yaml-');
    await writeFileDeep(join(conf, 'config.yaml'), yamlShapes(15 * 1024 * 1024).keys);
    const run = await runBundleMeasured(['--conf-dir', conf, '--flink-version', '2.2', '--offline', '--json', '--only', 'config.file']);
    withinBounds('config.yaml 15 MiB', run);
    expect(checks(run)['config.file']?.summary).toMatch(/config\.yaml is 15\.0 MiB, more than the 128 KiB flink-doctor reads of such a file; flink-doctor does not read it$/);
  });

  it('a pipeline.jars of 1,500 entries: the first 1,000 are looked at, and the report says so', async () => {
    const conf = await tempDir('bounds-pipeline-');
    await writeFileDeep(join(conf, 'config.yaml'), pipelineJarsYaml(1_500));
    const run = await runBundleMeasured(['--conf-dir', conf, '--flink-version', '2.2', '--offline', '--json', '--only', 'config.pipeline-jars,jars.readable']);
    withinBounds('pipeline.jars 1,500 entries', run);
    const all = checks(run);
    expect(JSON.stringify(all['config.pipeline-jars'])).toContain(`pipeline.jars in ${join(conf, 'config.yaml')}: pipeline.jars has 1500 entries; flink-doctor looks at the first 1000 (a job uses tens of JARs)`);
    expect(all['jars.readable']?.facts.jars).toBe(1_000);
  });
});

describe('Python metadata up to its caps', () => {
  const python = () => pyenvPython('3.11.7');

  async function sitePackages(dists: Parameters<typeof addDistribution>[1][]): Promise<string> {
    const site = await tempDir('bounds-site-');
    for (const dist of dists) await addDistribution(site, dist);
    return site;
  }

  it('METADATA headers of 1 MiB of the costliest Requires-Dist lines: within bounds', async () => {
    const site = await sitePackages([
      { name: 'apache-flink', version: '2.2.1', requires: ['costly'] },
      { name: 'costly', version: '1.0', requires: costlyRequiresDist(LIMITS.metadataHeaderBytes - 4096, LIMITS.requirementParts) },
    ]);
    const run = await runBundleMeasured(['--python', python(), '--flink-version', '2.2', '--json', '--only', 'pyflink.dependencies'], isolatedEnv({ PYTHONPATH: site }));
    withinBounds('METADATA 1 MiB Requires-Dist', run);
    // Each line over the part limit is refused in words, never a stack overflow.
    expect(JSON.stringify(checks(run)['pyflink.dependencies'])).not.toMatch(/Maximum call stack|too complex/);
  });

  it('requires.txt at its cap is read; past it, the report says so instead of reading it', async () => {
    const at = await sitePackages([
      { name: 'apache-flink', version: '2.2.1', requires: ['legacy'] },
      { name: 'legacy', version: '1.0', layout: 'egg-info', requiresTxt: requiresTxt(LIMITS.requiresTxtBytes - 1) },
    ]);
    const run = await runBundleMeasured(['--python', python(), '--flink-version', '2.2', '--json', '--only', 'pyflink.dependencies'], isolatedEnv({ PYTHONPATH: at }));
    withinBounds('requires.txt 256 KiB', run);
    const past = await sitePackages([
      { name: 'apache-flink', version: '2.2.1', requires: ['legacy'] },
      { name: 'legacy', version: '1.0', layout: 'egg-info', requiresTxt: requiresTxt(8 * 1024 * 1024) },
    ]);
    const over = await runBundleMeasured(['--python', python(), '--flink-version', '2.2', '--json', '--only', 'pyflink.dependencies'], isolatedEnv({ PYTHONPATH: past }));
    withinBounds('requires.txt 8 MiB', over);
    expect(JSON.stringify(checks(over)['pyflink.dependencies'])).toMatch(/requires\.txt: cannot read it \(.*requires\.txt is 8\.0 MiB, more than the 256 KiB flink-doctor reads of such a file\); its requirements are not checked/);
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

  it('a 2 MiB maven-metadata.xml, fetched and then read back from the cache offline: within bounds', async () => {
    const base = '/org/apache/flink/flink-sql-connector-kafka';
    server.files.set(`${base}/maven-metadata.xml`, { body: metadataXml(LIMITS.httpResponseBytes - 1024, 'org.apache.flink', 'flink-sql-connector-kafka') });
    const env = isolatedEnv({ HOME: await tempDir('bounds-home-'), FLINK_DOCTOR_CACHE_DIR: await tempDir('bounds-cache-') });
    const args = ['--jars', kafka, '--flink-version', '1.20', '--maven-repo', server.url, '--json', '--only', 'jars.updates'];
    const online = await runBundleMeasured(args, env);
    withinBounds('maven-metadata.xml 2 MiB', online);
    expect(checks(online)['jars.updates']?.status).toBe('warning');
    const cached = await runBundleMeasured([...args, '--offline'], env);
    withinBounds('cache entry of a 2 MiB metadata', cached);
    expect(checks(cached)['jars.updates']?.summary).toBe(checks(online)['jars.updates']?.summary);
  });

  it('a 1 MiB settings.xml: within bounds, and its central mirror is still found', async () => {
    const home = await tempDir('bounds-home-');
    await writeFileDeep(join(home, '.m2', 'settings.xml'), settingsXml(LIMITS.settingsXmlBytes - 1, 'https://nexus.example/central'));
    const run = await runBundleMeasured(['--jars', kafka, '--flink-version', '1.20', '--offline', '--json', '--only', 'jars.updates'], isolatedEnv({ HOME: home, FLINK_DOCTOR_CACHE_DIR: await tempDir('bounds-cache-') }));
    withinBounds('settings.xml 1 MiB', run);
    expect(checks(run)['jars.updates']?.facts.repositorySource).toBe("settings.xml mirror 'corp'");
  });
});

describe('flink-doctor.config.json and JARs up to their caps', () => {
  it('a 1 MiB config file with the longest ignore list: within bounds', async () => {
    const dir = await tempDir('bounds-doctor-config-');
    await writeFileDeep(join(dir, 'flink-doctor.config.json'), doctorConfigJson(LIMITS.configFileBytes - 1024, LIMITS.configIgnoreEntries));
    const run = await runBundleMeasured(['--flink-version', '2.2', '--offline', '--json', '--only', 'config.file'], isolatedEnv(), dir);
    withinBounds('flink-doctor.config.json 1 MiB', run);
  });

  it('a JAR of 100,000 entries (the cap) and one of 150,000: within bounds; the second is noted', async () => {
    const dir = await tempDir('bounds-jar-');
    const entries = (n: number) => Array.from({ length: n }, (_, i) => ({ name: `c/p${i % 500}/C${i}.class`, data: 'x', store: true }));
    await writeZip(join(dir, 'at-cap.jar'), entries(LIMITS.zipEntries));
    const at = await runBundleMeasured(['--jars', join(dir, 'at-cap.jar'), '--flink-version', '2.2', '--offline', '--json', '--only', 'jars.readable']);
    withinBounds('JAR of 100,000 entries', at);
    await writeZip(join(dir, 'past-cap.jar'), entries(150_000));
    const past = await runBundleMeasured(['--jars', join(dir, 'past-cap.jar'), '--flink-version', '2.2', '--offline', '--json', '--only', 'jars.readable']);
    withinBounds('JAR of 150,000 entries', past);
    expect(checks(past)['jars.readable']?.details).toContain(`${join(dir, 'past-cap.jar')}: has 150000 entries; only the first 100000 were read`);
  });
});

describe('many inputs cost in proportion', () => {
  it('1,000 identified connector JARs: their part of the run is within 1 s of CPU, and 2,000 cost about twice that', async () => {
    const dirs = { none: await tempDir('bounds-many-'), one: await tempDir('bounds-many-'), two: await tempDir('bounds-many-') };
    for (let i = 0; i < 2_000; i += 1) {
      const name = `flink-sql-connector-kafka-3.${i}.0-1.20.jar`;
      const entries = identifiedKafkaEntries(`3.${i}.0-1.20`);
      if (i < 1_000) await writeZip(join(dirs.one, name), entries);
      await writeZip(join(dirs.two, name), entries);
    }
    const env = isolatedEnv({ FLINK_DOCTOR_CACHE_DIR: await tempDir('bounds-cache-') });
    const args = (dir: string) => ['--jars', dir, '--flink-version', '1.20', '--offline', '--json', '--only', 'jars'];
    const [none, one, two] = [await runBundleMeasured(args(dirs.none), env), await runBundleMeasured(args(dirs.one), env), await runBundleMeasured(args(dirs.two), env)];
    const cost = { one: one.cpuMs - none.cpuMs, two: two.cpuMs - none.cpuMs };
    console.log(`bound many JARs: no JARs ${none.cpuMs} ms CPU; 1,000 JARs +${cost.one} ms (${one.wallMs} ms wall, ${one.maxRssMB} MB); 2,000 JARs +${cost.two} ms (${two.maxRssMB} MB)`);
    expect(checks(one)['jars.readable']?.summary).toBe('1000 JARs readable');
    expect(checks(two)['jars.conflicts']?.summary).toMatch(/^org\.apache\.flink:flink-sql-connector-kafka in 2000 versions: /);
    expect(cost.one).toBeLessThan(1_000);
    expect(cost.two / cost.one).toBeLessThan(2.6);
    expect(two.maxRssMB).toBeLessThan(RSS_MB);
  });
});

describe('what the job ships, up to its caps', () => {
  const MiB = 1024 * 1024;
  const shippingArgs = (conf: string) => ['--conf-dir', conf, '--flink-version', '1.20', '--offline', '--json', '--only', 'python.archives'];

  async function confWith(text: string): Promise<string> {
    const conf = await tempDir('bounds-ship-');
    await writeFileDeep(join(conf, 'config.yaml'), text);
    return conf;
  }

  it('a tar.gz of 60,000 entries that also reaches the 256 MiB cap: within bounds, the cap named', async () => {
    const archive = await writeTar(join(await tempDir('bounds-tar-'), 'venv.tar.gz'), capTarEntries(LIMITS.archiveEntries, LIMITS.archiveStreamBytes));
    const run = await runBundleMeasured(shippingArgs(await confWith(`python.archives: ${archive}\n`)));
    withinBounds('python.archives tar.gz at its caps', run);
    const result = checks(run)['python.archives'];
    expect(result?.summary).toBe('1 archive: no symlink out of the archive in the part read of venv.tar.gz (see details)');
    expect(result?.details.join('\n')).toMatch(/venv\.tar\.gz: [\d,]+ entries read \((listed up to flink-doctor's cap of 60,000 entries|read up to flink-doctor's cap of 256 MiB uncompressed); the rest was not read\)/);
  });

  it('a gzip bomb (512 MiB of zeros in 0.5 MiB): reading stops at the byte cap', async () => {
    const archive = await writeTar(join(await tempDir('bounds-tar-'), 'env.tar.gz'), [{ name: 'env/zeros', size: 2 * LIMITS.archiveStreamBytes }]);
    const run = await runBundleMeasured(shippingArgs(await confWith(`python.archives: ${archive}\n`)));
    withinBounds('python.archives gzip bomb', run);
    expect(checks(run)['python.archives']?.details).toContain("env.tar.gz: 1 entries read (read up to flink-doctor's cap of 256 MiB uncompressed; the rest was not read)");
  });

  it('a zip of 60,000 entries, 5,000 of them links out (through the bounded zip reader): within bounds', async () => {
    const entries = Array.from({ length: LIMITS.archiveEntries }, (_, i) =>
      i % 12 === 0 ? { name: `venv/l${i}`, data: `../../outside${i}`, unixMode: 0o120777, store: true } : { name: `venv/p${i % 300}/m${i}.py`, data: 'x', store: true },
    );
    const archive = await writeZip(join(await tempDir('bounds-zip-'), 'venv.zip'), entries);
    const run = await runBundleMeasured(shippingArgs(await confWith(`python.archives: ${archive}\n`)));
    withinBounds('python.archives zip at its caps', run);
    expect(checks(run)['python.archives']?.summary).toMatch(/^venv\.zip: 100 symlinks point outside the archive \(venv\/l0 → \.\.\/\.\.\/outside0, /);
  });

  it('apache-flink past the cap of a venv.tar.gz: python.worker says what it did not see instead of "no apache-flink"', async () => {
    const archive = await writeTar(join(await tempDir('bounds-tar-'), 'venv.tar.gz'), [
      { name: 'venv/pyvenv.cfg', data: 'home = /usr/bin\nversion = 3.11.7\n' },
      { name: 'venv/bin/python', data: '\x7fELF' },
      { name: 'venv/lib/python3.11/site-packages/pyflink/lib/flink-dist.jar', size: LIMITS.archiveStreamBytes + MiB },
      { name: 'venv/lib/python3.11/site-packages/apache_flink-1.20.1.dist-info/METADATA', data: 'Name: apache-flink\n' },
    ]);
    const conf = await confWith(`python.archives: ${archive}\npython.executable: venv.tar.gz/venv/bin/python\n`);
    const run = await runBundleMeasured(['--conf-dir', conf, '--python', pyenvPython('3.11.7'), '--flink-version', '1.20', '--offline', '--json', '--only', 'python.worker']);
    withinBounds('python.worker, venv.tar.gz past its cap', run);
    expect(checks(run)['python.worker']?.summary).toBe(
      "python.executable venv.tar.gz/venv/bin/python: a real interpreter inside venv.tar.gz, Python 3.11; apache-flink not seen in the part read (read up to flink-doctor's cap of 256 MiB uncompressed)",
    );
  });

  it('a requirements file at its cap (1 MiB of the costliest lines) is read; past it, the report names it', async () => {
    const dir = await tempDir('bounds-req-');
    const at = await writeFileDeep(join(dir, 'at', 'requirements.txt'), requirementsFile(LIMITS.requirementsFileBytes - 1024, LIMITS.requirementParts));
    const args = (file: string) => ['--conf-dir', join(file, '..'), '--python', pyenvPython('3.11.7'), '--flink-version', '1.20', '--offline', '--json', '--only', 'python.requirements'];
    await writeFileDeep(join(dir, 'at', 'config.yaml'), `python.requirements: ${at}\n`);
    withinBounds('requirements file 1 MiB', await runBundleMeasured(args(at)));
    const past = await writeFileDeep(join(dir, 'past', 'requirements.txt'), 'x'.repeat(2 * LIMITS.requirementsFileBytes));
    await writeFileDeep(join(dir, 'past', 'config.yaml'), `python.requirements: ${past}\n`);
    const over = await runBundleMeasured(args(past));
    withinBounds('requirements file 2 MiB', over);
    expect(checks(over)['python.requirements']?.summary).toContain(`${past} is 2 MiB, more than the 1 MiB flink-doctor reads of such a file`);
  });

  it('JVM options as long as config.yaml allows: within bounds', async () => {
    const run = await runBundleMeasured(['--conf-dir', await confWith(jvmOptionsYaml(LIMITS.flinkConfigBytes - 1)), '--java-home', jdk17(), '--flink-version', '1.20', '--offline', '--json', '--only', 'java.options']);
    withinBounds('JVM options 128 KiB', run);
  });
});

describe('--deploy files up to their caps', () => {
  const deployArgs = (file: string) => ['--deploy', file, '--flink-version', '1.20', '--offline', '--json', '--only', 'deploy'];

  it.each(Object.entries(dockerfileShapes(LIMITS.dockerfileBytes - 1)))('Dockerfile at its cap (%s): within 2 s CPU and 300 MB', async (name, text) => {
    const file = await writeFileDeep(join(await tempDir('bounds-docker-'), 'Dockerfile'), text);
    withinBounds(`Dockerfile ${name}`, await runBundleMeasured(deployArgs(file)));
  });

  it('compose file and manifests at their cap, and a Dockerfile past it: within bounds; past the cap is named', async () => {
    const dir = await tempDir('bounds-deploy-');
    const compose = await writeFileDeep(join(dir, 'docker-compose.yml'), composeYaml(LIMITS.deployYamlBytes - 1));
    withinBounds('docker-compose.yml 128 KiB', await runBundleMeasured(deployArgs(compose)));
    const manifests = await writeFileDeep(join(dir, 'flink.yaml'), manifestsYaml(LIMITS.deployYamlBytes - 1, LIMITS.deployYamlDocuments));
    withinBounds('manifests 128 KiB', await runBundleMeasured(deployArgs(manifests)));
    const big = await writeFileDeep(join(dir, 'big', 'Dockerfile'), `FROM flink:1.20.1\n${'#'.repeat(2 * LIMITS.dockerfileBytes)}`);
    const over = await runBundleMeasured(deployArgs(big));
    withinBounds('Dockerfile 1 MiB', over);
    expect(checks(over)['deploy.version']?.details).toContain(`${big} is 1.0 MiB, more than the 512 KiB flink-doctor reads of such a file`);
  });
});

describe('--cluster answers up to their cap', () => {
  let server: MavenServer;
  beforeAll(async () => {
    server = await startMavenServer();
  });
  afterAll(() => server.close());

  it('4 MiB answers (a classpath and a config as long as the cap allows): within bounds; 5 MiB is named', async () => {
    const entries = <T>(n: number, unit: (i: number) => T) => Array.from({ length: n }, (_, i) => unit(i));
    const perEntry = 120;
    const count = Math.floor((LIMITS.clusterResponseBytes - 4096) / perEntry);
    const classpath = entries(count, (i) => `/opt/flink/lib/connector-number-${i}-${'x'.repeat(perEntry - 50)}.jar`);
    const config = Object.fromEntries(entries(Math.floor(count / 2), (i) => [`key.number.${i}`, 'v'.repeat(perEntry - 60)] as const));
    serveCluster(server, '1.20', { version: '1.20.1', classpath, config });
    const args = ['--cluster', server.url, '--flink-version', '1.20', '--json', '--only', 'cluster'];
    const run = await runBundleMeasured(args);
    withinBounds('cluster answers 4 MiB', run);
    expect(checks(run)['cluster.version']?.status).toBe('ok');
    const big = { body: JSON.stringify({ jvm: { version: 'x', options: [] }, classpath: entries(count * 2, (i) => `/opt/${i}/${'y'.repeat(perEntry)}`) }) };
    server.files.set('/jobmanager/environment', big);
    const over = await runBundleMeasured(args);
    withinBounds('cluster answer 8 MiB', over);
    expect(checks(over)['cluster.version']?.details).toContain('/jobmanager/environment: response over the 4 MiB flink-doctor reads of one response');
  });
});
