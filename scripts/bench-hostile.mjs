#!/usr/bin/env node
// What hostile inputs cost the doctor: each scenario of issue 14 (and each input at its cap in
// src/engine/limits.ts) run through the single-file build, printing CPU time, wall time, peak memory and the exit
// code. `--before FILE` runs another build on the same inputs too (e.g. one built from the commit before the
// fix), side by side. The machine is shared: compare CPU time and memory, not wall time.
// Usage: npm run bench:hostile [-- --before /tmp/old/flink-doctor.mjs] [--only NAME]
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { homedir, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { createHash } from 'node:crypto';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({
  options: { before: { type: 'string' }, only: { type: 'string' }, timeout: { type: 'string', default: '180' } },
});
const builds = { after: join(root, 'dist', 'flink-doctor.mjs'), ...(values.before ? { before: values.before } : {}) };
for (const file of Object.values(builds)) if (!existsSync(file)) throw new Error(`${file} is missing (npm run build)`);
const python = [
  process.env.FLINK_DOCTOR_BENCH_PYTHON,
  join(process.env.PYENV_ROOT || join(homedir(), '.pyenv'), 'versions', '3.11.7', 'bin', 'python'),
].find((p) => p && existsSync(p));
if (!python) throw new Error('no Python 3.11 found: set FLINK_DOCTOR_BENCH_PYTHON');

const work = await mkdtemp(join(tmpdir(), 'flink-doctor-bench-hostile-'));
try {
  // The tests' generators and zip writer, bundled on the fly: the benchmark measures the inputs the tests check.
  const { build } = await import('esbuild');
  const helpers = join(work, 'helpers.mjs');
  const modules = ['test/helpers/hostile-inputs.ts', 'test/helpers/zip.ts', 'test/helpers/archives.ts'];
  const entry = [
    ...modules.map((m) => `export * from ${JSON.stringify(join(root, m))};`),
    `export { startMavenServer } from ${JSON.stringify(join(root, 'test/helpers/maven-server.ts'))};`,
    `export { LIMITS } from ${JSON.stringify(join(root, 'src/engine/limits.ts'))};`,
  ];
  await writeFile(join(work, 'entry.ts'), `${entry.join('\n')}\n`);
  await build({
    entryPoints: [join(work, 'entry.ts')],
    outfile: helpers,
    bundle: true,
    platform: 'node',
    format: 'esm',
    logLevel: 'warning',
  });
  const h = await import(pathToFileURL(helpers).href);
  // A JobManager's REST answers on loopback, for --cluster: the runs are spawned asynchronously so it can answer.
  const server = await h.startMavenServer();
  try {
    const scenarios = await makeScenarios(h, server);
    for (const scenario of scenarios.filter((s) => !values.only || s.name.includes(values.only))) {
      const cells = [scenario.name];
      for (const [name, bundle] of Object.entries(builds)) cells.push(`${name}: ${format(await measure(bundle, scenario))}`);
      console.log(cells.join(' | '));
    }
  } finally {
    await server.close();
  }
} finally {
  await rm(work, { recursive: true, force: true });
}

async function measure(bundle, { args, env = {}, cwd = work }) {
  const file = join(work, 'measure.json');
  rmSync(file, { force: true });
  const started = process.hrtime.bigint();
  const child = spawn(process.execPath, ['--import', pathToFileURL(join(root, 'test/helpers/measure-preload.mjs')).href, bundle, ...args], {
    cwd,
    env: {
      PATH: '/nonexistent',
      HOME: env.HOME ?? process.env.HOME,
      FLINK_DOCTOR_MEASURE_FILE: file,
      FLINK_DOCTOR_CACHE_DIR: join(work, 'cache'),
      ...env,
    },
    stdio: 'ignore',
  });
  let timedOut = false;
  const timer = setTimeout(
    () => {
      timedOut = true;
      child.kill('SIGKILL');
    },
    Number(values.timeout) * 1000,
  );
  const code = await new Promise((resolve) => child.on('exit', (status, signal) => resolve(status ?? signal)));
  clearTimeout(timer);
  const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
  const usage = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : undefined;
  return { code, wallMs, ...usage, timedOut };
}

function format(r) {
  if (r.timedOut) return `stopped after ${values.timeout} s`;
  const cost = r.cpuMs === undefined ? 'no exit hook (crashed)' : `${r.cpuMs} ms CPU, ${r.maxRssMB} MB`;
  return `${cost}, ${Math.round(r.wallMs)} ms wall, exit ${r.code}`;
}

async function makeScenarios(h, server) {
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
        await dir(name, {
          [`${stem}.egg-info/PKG-INFO`]: `Metadata-Version: 1.2\nName: ${d.name}\nVersion: ${d.version}\n\n`,
          [`${stem}.egg-info/requires.txt`]: d.requiresTxt,
        });
      } else {
        await dir(name, {
          [`${stem}.dist-info/METADATA`]: `Metadata-Version: 2.1\nName: ${d.name}\nVersion: ${d.version}\n${(d.requires ?? []).map((r) => `Requires-Dist: ${r}\n`).join('')}\n`,
        });
      }
    }
    return path;
  };
  const jarsDir = async (name, count) => {
    const path = join(work, name);
    await mkdir(path, { recursive: true });
    for (let i = 0; i < count; i += 1)
      await h.writeZip(join(path, `flink-sql-connector-kafka-3.${i}.0-1.20.jar`), h.identifiedKafkaEntries(`3.${i}.0-1.20`));
    return path;
  };
  const py = (sitePath) => ({
    args: ['--python', python, '--flink-version', '2.2', '--json', '--only', 'pyflink.dependencies'],
    env: { PYTHONPATH: sitePath },
  });
  const yaml = (path) => ({ args: ['--conf-dir', path, '--flink-version', '2.2', '--offline', '--json', '--only', 'config,java'] });
  const kafkaJar = join(await jarsDir('one-kafka', 1), 'flink-sql-connector-kafka-3.0.0-1.20.jar');
  const metadataUrl = 'https://repo1.maven.org/maven2/org/apache/flink/flink-sql-connector-kafka/maven-metadata.xml';
  const cacheFile = join(work, 'cache', 'maven', `${createHash('sha256').update(metadataUrl).digest('hex').slice(0, 32)}.json`);
  await mkdir(dirname(cacheFile), { recursive: true });
  await writeFile(
    cacheFile,
    JSON.stringify({
      url: metadataUrl,
      checkedAt: Date.now(),
      status: 'ok',
      body: h.metadataXml(h.LIMITS.httpResponseBytes - 1024, 'org.apache.flink', 'flink-sql-connector-kafka'),
    }),
  );
  const zip64 = await h.writeZip(join(work, 'zip64-offset.jar'), [
    { name: 'META-INF/MANIFEST.MF', data: 'Manifest-Version: 1.0\r\n\r\n', zip64Offset: 2n ** 62n },
    { name: 'a/B.class', data: 'x' },
  ]);
  const bigJar = await h.writeZip(
    join(work, 'entries.jar'),
    Array.from({ length: h.LIMITS.zipEntries }, (_, i) => ({ name: `c/p${i % 500}/C${i}.class`, data: 'x', store: true })),
  );
  const settingsHome = await dir('settings-home', {
    '.m2/settings.xml': h.settingsXml(h.LIMITS.settingsXmlBytes - 1, 'https://nexus.example/central'),
  });
  const atCap = [];
  for (const [shape, text] of Object.entries(yamlAtCap))
    atCap.push({ name: `6. config.yaml at its cap (${shape})`, ...yaml(await conf(`cap-${shape}`, text)) });
  return [
    {
      name: '1. JAR with a zip64 offset of 2^62',
      args: ['--jars', zip64, '--flink-version', '2.2', '--offline', '--json', '--only', 'jars'],
    },
    { name: '2. config.yaml of 100,000 [', ...yaml(await conf('brackets', `k: ${'['.repeat(100_000)}`)) },
    { name: '6. config.yaml of 15 MiB', ...yaml(await conf('yaml-15m', h.yamlShapes(15 * MiB).keys)) },
    ...atCap,
    { name: '6. pipeline.jars value of 8 MiB in config.yaml', ...yaml(await conf('pipeline-8m', h.pipelineJarsYaml(150_000))) },
    {
      name: '6. requires.txt of 8 MiB',
      ...py(
        await site('requires-8m', [
          { name: 'apache-flink', version: '2.2.1', requires: ['legacy'] },
          { name: 'legacy', version: '1.0', requiresTxt: h.requiresTxt(8 * MiB) },
        ]),
      ),
    },
    {
      name: '6. one Requires-Dist line of 1 MiB',
      ...py(
        await site('line-1m', [
          {
            name: 'apache-flink',
            version: '2.2.1',
            requires: [`pyarrow ${Array.from({ length: 120_000 }, (_, i) => `!=1.${i}`).join(',')}`],
          },
        ]),
      ),
    },
    {
      name: '6. METADATA of 1 MiB of costliest lines',
      ...py(
        await site('metadata-1m', [
          { name: 'apache-flink', version: '2.2.1', requires: ['costly'] },
          { name: 'costly', version: '1.0', requires: h.costlyRequiresDist(MiB - 4096, h.LIMITS.requirementParts) },
        ]),
      ),
    },
    {
      name: '6. 1,000 identified connector JARs',
      args: ['--jars', await jarsDir('jars-1000', 1000), '--flink-version', '1.20', '--offline', '--json', '--only', 'jars'],
    },
    {
      name: '6. 3,000 identified connector JARs',
      args: ['--jars', await jarsDir('jars-3000', 3000), '--flink-version', '1.20', '--offline', '--json', '--only', 'jars'],
    },
    {
      name: '6. JAR of 100,000 entries',
      args: ['--jars', bigJar, '--flink-version', '2.2', '--offline', '--json', '--only', 'jars.readable'],
    },
    {
      name: '6. cached maven-metadata.xml of 2 MiB',
      args: ['--jars', kafkaJar, '--flink-version', '1.20', '--offline', '--json', '--only', 'jars.updates'],
    },
    {
      name: '6. settings.xml of 1 MiB',
      args: ['--jars', kafkaJar, '--flink-version', '1.20', '--offline', '--json', '--only', 'jars.updates'],
      env: { HOME: settingsHome },
    },
    ...(await laterScenarios(h, server, { dir, conf, python })),
  ];
}

/** The inputs of the modules that came after issue 14's hardening, each at its cap (and a gzip bomb past it). */
async function laterScenarios(h, server, { dir, conf, python }) {
  const L = h.LIMITS;
  const archives = join(work, 'archives');
  await mkdir(archives, { recursive: true });
  const tar = await h.writeTar(join(archives, 'venv.tar.gz'), h.capTarEntries(L.archiveEntries, L.archiveStreamBytes));
  const bomb = await h.writeTar(join(archives, 'bomb.tar.gz'), [{ name: 'env/zeros', size: 8 * L.archiveStreamBytes }]);
  const zipEntries = Array.from({ length: L.archiveEntries }, (_, i) =>
    i % 12 === 0
      ? { name: `venv/l${i}`, data: `../../outside${i}`, unixMode: 0o120777, store: true }
      : { name: `venv/p${i % 300}/m${i}.py`, data: 'x', store: true },
  );
  const zip = await h.writeZip(join(archives, 'venv.zip'), zipEntries);
  let shipments = 0;
  const shipped = async (name, archive) => ({
    name,
    args: [
      '--conf-dir',
      await conf(`ship-${shipments++}`, `python.archives: ${archive}\n`),
      '--flink-version',
      '1.20',
      '--offline',
      '--json',
      '--only',
      'python.archives',
    ],
  });
  const requirements = join(
    await dir('requirements', { 'requirements.txt': h.requirementsFile(L.requirementsFileBytes - 1024, L.requirementParts) }),
    'requirements.txt',
  );
  const deploy = (file) => ['--deploy', file, '--flink-version', '1.20', '--offline', '--json', '--only', 'deploy'];
  const dockerfiles = [];
  for (const [shape, text] of Object.entries(h.dockerfileShapes(L.dockerfileBytes - 1))) {
    dockerfiles.push({
      name: `Dockerfile at its cap (${shape})`,
      args: deploy(join(await dir(`docker-${shape}`, { Dockerfile: text }), 'Dockerfile')),
    });
  }
  const count = Math.floor((L.clusterResponseBytes - 4096) / 120);
  const classpath = Array.from({ length: count }, (_, i) => `/opt/flink/lib/connector-number-${i}-${'x'.repeat(70)}.jar`);
  const config = Object.fromEntries(Array.from({ length: Math.floor(count / 2) }, (_, i) => [`key.number.${i}`, 'v'.repeat(60)]));
  // The four answers the client reads, shaped as test/helpers/flink-rest.ts writes them (its spec file is not bundled).
  server.contentType = 'application/json';
  const answers = {
    '/config': { 'flink-version': '1.20.1', 'flink-revision': '0980485', features: {} },
    '/jobmanager/environment': {
      jvm: { version: 'OpenJDK 64-Bit Server VM - Eclipse Adoptium - 17/17.0.15+6', arch: 'amd64', options: [] },
      classpath,
    },
    '/jobmanager/config': Object.entries(config).map(([key, value]) => ({ key, value })),
    '/taskmanagers': { taskmanagers: [{ id: 'tm-1' }] },
  };
  for (const [path, body] of Object.entries(answers)) server.files.set(path, { body: JSON.stringify(body) });
  const job = "t_env.execute_sql(\"CREATE TABLE t (a INT) WITH ('connector' = 'kafka', 'format' = 'json')\")\n";
  const jobFile = join(await dir('job', { 'job.py': job.repeat(Math.floor((L.jobFileBytes - 1) / job.length)) }), 'job.py');
  return [
    await shipped('python.archives tar.gz at 60,000 entries / 256 MiB', tar),
    await shipped('python.archives tar.gz of 2 GiB of zeros (2 MiB compressed)', bomb),
    await shipped('python.archives zip of 60,000 entries, 5,000 links out', zip),
    {
      name: 'python.requirements file of 1 MiB (costliest lines)',
      args: [
        '--conf-dir',
        await conf('req', `python.requirements: ${requirements}\n`),
        '--python',
        python,
        '--flink-version',
        '1.20',
        '--offline',
        '--json',
        '--only',
        'python.requirements',
      ],
    },
    {
      name: 'JVM options of 128 KiB',
      args: [
        '--conf-dir',
        await conf('jvm', h.jvmOptionsYaml(L.flinkConfigBytes - 1)),
        '--flink-version',
        '1.20',
        '--offline',
        '--json',
        '--only',
        'java.options',
      ],
    },
    ...dockerfiles,
    {
      name: 'docker-compose.yml of 128 KiB',
      args: deploy(join(await dir('compose', { 'docker-compose.yml': h.composeYaml(L.deployYamlBytes - 1) }), 'docker-compose.yml')),
    },
    {
      name: 'manifests of 128 KiB (200 documents)',
      args: deploy(
        join(await dir('manifests', { 'flink.yaml': h.manifestsYaml(L.deployYamlBytes - 1, L.deployYamlDocuments) }), 'flink.yaml'),
      ),
    },
    { name: '--cluster answers of 4 MiB', args: ['--cluster', server.url, '--flink-version', '1.20', '--json', '--only', 'cluster'] },
    {
      name: 'job file of 16 MiB (--job and python.files)',
      args: [
        '--job',
        jobFile,
        '--conf-dir',
        await conf('files', 'python.files: x.zip\n'),
        '--flink-version',
        '1.20',
        '--offline',
        '--json',
        '--only',
        'job,python.files',
      ],
    },
  ];
}
