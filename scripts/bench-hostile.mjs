#!/usr/bin/env node
// What hostile inputs cost the doctor: each scenario of issue 14 (and each input at its cap in
// src/engine/limits.ts) run through the single-file build, printing CPU time, wall time, peak memory and the exit
// code. `--before FILE` runs another build on the same inputs too (e.g. one built from the commit before the
// fix), side by side. The machine is shared: compare CPU time and memory, not wall time.
// Usage: npm run bench:hostile [-- --before /tmp/old/flink-doctor.mjs] [--only NAME]
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { homedir, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { createHash } from 'node:crypto';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({ options: { before: { type: 'string' }, only: { type: 'string' }, timeout: { type: 'string', default: '180' } } });
const builds = { after: join(root, 'dist', 'flink-doctor.mjs'), ...(values.before ? { before: values.before } : {}) };
for (const file of Object.values(builds)) if (!existsSync(file)) throw new Error(`${file} is missing (npm run build)`);
const python = [process.env.FLINK_DOCTOR_BENCH_PYTHON, join(process.env.PYENV_ROOT || join(homedir(), '.pyenv'), 'versions', '3.11.7', 'bin', 'python')].find((p) => p && existsSync(p));
if (!python) throw new Error('no Python 3.11 found: set FLINK_DOCTOR_BENCH_PYTHON');

const work = await mkdtemp(join(tmpdir(), 'flink-doctor-bench-hostile-'));
try {
  // The tests' generators and zip writer, bundled on the fly: the benchmark measures the inputs the tests check.
  const { build } = await import('esbuild');
  const helpers = join(work, 'helpers.mjs');
  await writeFile(join(work, 'entry.ts'), `export * from ${JSON.stringify(join(root, 'test/helpers/hostile-inputs.ts'))};\nexport * from ${JSON.stringify(join(root, 'test/helpers/zip.ts'))};\nexport { LIMITS } from ${JSON.stringify(join(root, 'src/engine/limits.ts'))};\n`);
  await build({ entryPoints: [join(work, 'entry.ts')], outfile: helpers, bundle: true, platform: 'node', format: 'esm', logLevel: 'warning' });
  const h = await import(pathToFileURL(helpers).href);
  const scenarios = await makeScenarios(h);
  for (const scenario of scenarios.filter((s) => !values.only || s.name.includes(values.only))) {
    const cells = [scenario.name];
    for (const [name, bundle] of Object.entries(builds)) cells.push(`${name}: ${format(measure(bundle, scenario))}`);
    console.log(cells.join(' | '));
  }
} finally {
  await rm(work, { recursive: true, force: true });
}

function measure(bundle, { args, env = {}, cwd = work }) {
  const file = join(work, 'measure.json');
  rmSync(file, { force: true });
  const started = process.hrtime.bigint();
  const run = spawnSync(process.execPath, ['--import', pathToFileURL(join(root, 'test/helpers/measure-preload.mjs')).href, bundle, ...args], {
    cwd,
    env: { PATH: '/nonexistent', HOME: env.HOME ?? process.env.HOME, FLINK_DOCTOR_MEASURE_FILE: file, FLINK_DOCTOR_CACHE_DIR: join(work, 'cache'), ...env },
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
    timeout: Number(values.timeout) * 1000,
  });
  const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
  const usage = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : undefined;
  return { code: run.status ?? run.signal, wallMs, ...usage, timedOut: run.error?.code === 'ETIMEDOUT' };
}

function format(r) {
  if (r.timedOut) return `stopped after ${values.timeout} s`;
  const cost = r.cpuMs === undefined ? 'no exit hook (crashed)' : `${r.cpuMs} ms CPU, ${r.maxRssMB} MB`;
  return `${cost}, ${Math.round(r.wallMs)} ms wall, exit ${r.code}`;
}

async function makeScenarios(h) {
  const dir = async (name, files) => {
    const path = join(work, name);
    for (const [file, content] of Object.entries(files)) {
      await mkdir(dirname(join(path, file)), { recursive: true });
      await writeFile(join(path, file), content);
    }
    return path;
  };
  const MiB = 1024 * 1024;
  const conf = (name, text) => dir(name, { 'config.yaml': text });
  const yamlAtCap = h.yamlShapes(h.LIMITS.flinkConfigBytes - 1);
  const site = async (name, dists) => {
    const path = join(work, name);
    for (const d of dists) {
      const stem = `${d.name.replace(/[-.]/g, '_')}-${d.version}`;
      if (d.requiresTxt !== undefined) {
        await dir(name, { [`${stem}.egg-info/PKG-INFO`]: `Metadata-Version: 1.2\nName: ${d.name}\nVersion: ${d.version}\n\n`, [`${stem}.egg-info/requires.txt`]: d.requiresTxt });
      } else {
        await dir(name, { [`${stem}.dist-info/METADATA`]: `Metadata-Version: 2.1\nName: ${d.name}\nVersion: ${d.version}\n${(d.requires ?? []).map((r) => `Requires-Dist: ${r}\n`).join('')}\n` });
      }
    }
    return path;
  };
  const jarsDir = async (name, count) => {
    const path = join(work, name);
    await mkdir(path, { recursive: true });
    for (let i = 0; i < count; i += 1) await h.writeZip(join(path, `flink-sql-connector-kafka-3.${i}.0-1.20.jar`), h.identifiedKafkaEntries(`3.${i}.0-1.20`));
    return path;
  };
  const py = (sitePath) => ({ args: ['--python', python, '--flink-version', '2.2', '--json', '--only', 'pyflink.dependencies'], env: { PYTHONPATH: sitePath } });
  const yaml = (path) => ({ args: ['--conf-dir', path, '--flink-version', '2.2', '--offline', '--json', '--only', 'config,java'] });
  const kafkaJar = join(await jarsDir('one-kafka', 1), 'flink-sql-connector-kafka-3.0.0-1.20.jar');
  const metadataUrl = 'https://repo1.maven.org/maven2/org/apache/flink/flink-sql-connector-kafka/maven-metadata.xml';
  const cacheFile = join(work, 'cache', 'maven', `${createHash('sha256').update(metadataUrl).digest('hex').slice(0, 32)}.json`);
  await mkdir(dirname(cacheFile), { recursive: true });
  await writeFile(cacheFile, JSON.stringify({ url: metadataUrl, checkedAt: Date.now(), status: 'ok', body: h.metadataXml(h.LIMITS.httpResponseBytes - 1024, 'org.apache.flink', 'flink-sql-connector-kafka') }));
  const zip64 = await h.writeZip(join(work, 'zip64-offset.jar'), [{ name: 'META-INF/MANIFEST.MF', data: 'Manifest-Version: 1.0\r\n\r\n', zip64Offset: 2n ** 62n }, { name: 'a/B.class', data: 'x' }]);
  const bigJar = await h.writeZip(join(work, 'entries.jar'), Array.from({ length: h.LIMITS.zipEntries }, (_, i) => ({ name: `c/p${i % 500}/C${i}.class`, data: 'x', store: true })));
  const settingsHome = await dir('settings-home', { '.m2/settings.xml': h.settingsXml(h.LIMITS.settingsXmlBytes - 1, 'https://nexus.example/central') });
  const atCap = [];
  for (const [shape, text] of Object.entries(yamlAtCap)) atCap.push({ name: `6. config.yaml at its cap (${shape})`, ...yaml(await conf(`cap-${shape}`, text)) });
  return [
    { name: '1. JAR with a zip64 offset of 2^62', args: ['--jars', zip64, '--flink-version', '2.2', '--offline', '--json', '--only', 'jars'] },
    { name: '2. config.yaml of 100,000 [', ...yaml(await conf('brackets', `k: ${'['.repeat(100_000)}`)) },
    { name: '6. config.yaml of 15 MiB', ...yaml(await conf('yaml-15m', h.yamlShapes(15 * MiB).keys)) },
    ...atCap,
    { name: '6. pipeline.jars value of 8 MiB in config.yaml', ...yaml(await conf('pipeline-8m', h.pipelineJarsYaml(150_000))) },
    { name: '6. requires.txt of 8 MiB', ...py(await site('requires-8m', [{ name: 'apache-flink', version: '2.2.1', requires: ['legacy'] }, { name: 'legacy', version: '1.0', requiresTxt: h.requiresTxt(8 * MiB) }])) },
    { name: '6. one Requires-Dist line of 1 MiB', ...py(await site('line-1m', [{ name: 'apache-flink', version: '2.2.1', requires: [`pyarrow ${Array.from({ length: 120_000 }, (_, i) => `!=1.${i}`).join(',')}`] }])) },
    { name: '6. METADATA of 1 MiB of costliest lines', ...py(await site('metadata-1m', [{ name: 'apache-flink', version: '2.2.1', requires: ['costly'] }, { name: 'costly', version: '1.0', requires: h.costlyRequiresDist(MiB - 4096, h.LIMITS.requirementParts) }])) },
    { name: '6. 1,000 identified connector JARs', args: ['--jars', await jarsDir('jars-1000', 1000), '--flink-version', '1.20', '--offline', '--json', '--only', 'jars'] },
    { name: '6. 3,000 identified connector JARs', args: ['--jars', await jarsDir('jars-3000', 3000), '--flink-version', '1.20', '--offline', '--json', '--only', 'jars'] },
    { name: '6. JAR of 100,000 entries', args: ['--jars', bigJar, '--flink-version', '2.2', '--offline', '--json', '--only', 'jars.readable'] },
    { name: '6. cached maven-metadata.xml of 2 MiB', args: ['--jars', kafkaJar, '--flink-version', '1.20', '--offline', '--json', '--only', 'jars.updates'] },
    { name: '6. settings.xml of 1 MiB', args: ['--jars', kafkaJar, '--flink-version', '1.20', '--offline', '--json', '--only', 'jars.updates'], env: { HOME: settingsHome } },
  ];
}
