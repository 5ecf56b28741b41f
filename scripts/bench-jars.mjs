#!/usr/bin/env node
// The JAR scan must cost per JAR, not per byte: it reads the central directory and a few small entries,
// never the bulk of a fat JAR. Builds 1,000 JARs in a temp folder (five of them 200-300 MB, written sparse
// so they cost no disk), times `flink-doctor --jars DIR --only jars.readable` on
//   A: 1,000 JARs including the five big ones,  B: the same 1,000 with small stand-ins,  C: 500 small JARs,
// and prints the medians and the ratios; each with an empty JAR cache (a first run), and B again as a next run.
// `--fat FILE` (repeatable) puts real fat JARs (e.g. flink-dist, tens of thousands of entries) in A instead of
// the generated big ones, whose bytes sit in one stored entry. `--before FILE` runs another build (a
// dist/flink-doctor.mjs built from an older checkout) on the same JARs in the same rounds, interleaved.
// Issue 13's goals: B ≤ 0.5 ms per small JAR; A/B ≤ 1.2x. The scan time is what jars.readable reports (scanMs, wall
// clock); the CPU time is the whole doctor process's (its own work, not the probes' processes).
// Usage: npm run bench:jars [-- --runs 5 --fat a.jar --fat b.jar --before /tmp/old/dist/flink-doctor.mjs]. Quote ratios.
import { Buffer } from 'node:buffer';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, rm, stat } from 'node:fs/promises';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { performance } from 'node:perf_hooks';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { median, shuffled } from './bench-lib.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bundle = join(root, 'dist', 'flink-doctor.mjs');
const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '5' },
    fat: { type: 'string', multiple: true, default: [] },
    before: { type: 'string' },
  },
});
const runs = Math.max(1, Number(values.runs) || 5);
if (!existsSync(bundle)) throw new Error('dist/flink-doctor.mjs is missing: run `npm run build` (npm run bench:jars does)');
if (values.before && !existsSync(values.before)) throw new Error(`--before ${values.before}: no such file`);
/** The builds compared, newest first. */
const builds = { after: bundle, ...(values.before ? { before: resolve(values.before) } : {}) };
const cpus = availableParallelism();
const load = () =>
  loadavg()
    .map((n) => n.toFixed(2))
    .join(' ');

const work = await mkdtemp(join(tmpdir(), 'flink-doctor-bench-jars-'));
try {
  // The test helper's zip writer, bundled on the fly so the benchmark and the tests write JARs the same way.
  const { build } = await import('esbuild');
  const helper = join(work, 'zip.mjs');
  await build({
    entryPoints: [join(root, 'test/helpers/zip.ts')],
    outfile: helper,
    bundle: true,
    platform: 'node',
    format: 'esm',
    logLevel: 'warning',
  });
  const { writeZip, writeZipWithLargeStoredEntry } = await import(pathToFileURL(helper).href);

  // The start of a Java 11 class file as javac writes it: the header, then a constant pool of names and descriptors
  // (modeled on a MapFunction implementation; each class its own names). The scan reads 8 bytes of a sample of these.
  // zlib compresses it with a block of its own codes, as it does 99% of the class files of real JARs (e.g.
  // postgresql-42.7.4.jar); a run of one filler byte, as this benchmark used before, gets the fixed codes instead.
  const classBytes = (i, c) => {
    const names = [
      ...[`com/bench/j${i}/C${c}`, 'java/lang/Object', 'org/apache/flink/api/common/functions/MapFunction', '<init>', '()V', 'Code'],
      ...['LineNumberTable', 'LocalVariableTable', 'this', `Lcom/bench/j${i}/C${c};`, 'map', '(Ljava/lang/Object;)Ljava/lang/Object;'],
      ...['Exceptions', 'java/lang/Exception', 'SourceFile', `C${c}.java`, 'serialVersionUID', 'J', 'ConstantValue', 'value'],
    ];
    const pool = names.flatMap((name) => [Buffer.from([1, 0, name.length]), Buffer.from(name)]);
    return Buffer.concat([
      Buffer.from([0xca, 0xfe, 0xba, 0xbe, 0, 0, 0, 55, 0, names.length + 1]),
      ...pool,
      Buffer.from([0, 0x21, 0, 1, 0, 2]),
    ]);
  };
  const entries = (i) => [
    {
      name: 'META-INF/MANIFEST.MF',
      data: `Manifest-Version: 1.0\r\nImplementation-Version: 1.0.${i}\r\nImplementation-Vendor-Id: com.bench\r\n\r\n`,
    },
    { name: 'META-INF/NOTICE', data: `bench-lib-${i}\n\n- com.bench:dep-${i}:1.0\n` },
    ...Array.from({ length: 40 }, (_, c) => ({ name: `com/bench/j${i}/C${c}.class`, data: classBytes(i, c) })),
  ];
  const BIG = [210, 230, 250, 280, 300].map((mb) => mb * 1024 * 1024);
  const bigCount = values.fat.length > 0 ? values.fat.length : BIG.length;

  const dirs = { A: join(work, 'A-with-big'), B: join(work, 'B-small'), C: join(work, 'C-half') };
  await Promise.all(Object.values(dirs).map((d) => mkdir(d)));
  const started = performance.now();
  for (let i = 0; i < 1000; i += 1) {
    const name = `bench-lib-${i}-1.0.${i}.jar`;
    await writeZip(join(dirs.B, name), entries(i));
    if (i < 500) await writeZip(join(dirs.C, name), entries(i));
    if (i < values.fat.length) await copyFile(values.fat[i], join(dirs.A, basename(values.fat[i])));
    else if (i < bigCount) await writeZipWithLargeStoredEntry(join(dirs.A, name), entries(i), 'blob/data.bin', BIG[i]);
    else await writeZip(join(dirs.A, name), entries(i));
  }
  console.log(`built 2,500 JARs in ${Math.round(performance.now() - started)} ms under ${work}`);

  const sizes = {};
  for (const [key, dir] of Object.entries(dirs)) sizes[key] = await folderBytes(dir);

  // A, B, C: a first run (an empty JAR cache each time); B warm: a next run (only JARs of 1,000+ entries are cached).
  const cpuFile = join(work, 'cpu.txt');
  // The doctor process's own CPU time, written as it exits (its probes' processes are not counted).
  const cpuHook = `data:text/javascript,${encodeURIComponent(
    `import { writeFileSync } from 'node:fs'; process.on('exit', () => { const u = process.cpuUsage(); ` +
      `writeFileSync(${JSON.stringify(cpuFile)}, String((u.user + u.system) / 1000)); });`,
  )}`;
  const scan = (build, dir, warm = false) => {
    const cache = join(work, warm ? `warm-cache-${build}` : 'cold-cache');
    if (!warm) rmSync(cache, { recursive: true, force: true });
    const env = { PATH: process.env.PATH, HOME: process.env.HOME, FLINK_DOCTOR_CACHE_DIR: cache };
    const t0 = process.hrtime.bigint();
    const result = spawnSync(process.execPath, ['--import', cpuHook, builds[build], '--jars', dir, '--only', 'jars.readable', '--json'], {
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
      env,
    });
    const wallMs = Number(process.hrtime.bigint() - t0) / 1e6;
    const report = JSON.parse(result.stdout);
    const check = report.checks.find((c) => c.id === 'jars.readable');
    if (!check || check.status === 'error') throw new Error(`scan failed: ${result.stderr || check?.summary}`);
    return { scanMs: Number(check.facts.scanMs), wallMs, cpuMs: Number(readFileSync(cpuFile, 'utf8')), jars: Number(check.facts.jars) };
  };
  const sets = ['A', 'B', 'C', 'B warm'];
  const timings = Object.fromEntries(Object.keys(builds).flatMap((build) => sets.map((set) => [`${build} ${set}`, []])));
  await new Promise((resolve) => setTimeout(resolve, 2_500)); // JARs written in the last 2 s are not cached
  for (const build of Object.keys(builds)) scan(build, dirs.B, true); // fills each build's JAR cache
  const loadBefore = load();
  for (let r = 0; r < runs; r += 1) {
    // Interleaved, in a new order each round: noise hits every build and set alike.
    for (const [build, set] of shuffled(Object.keys(builds).flatMap((b) => sets.map((s) => [b, s])))) {
      timings[`${build} ${set}`].push(set === 'B warm' ? scan(build, dirs.B, true) : scan(build, dirs[set]));
    }
  }
  const loadAfter = load();

  const of = (key, field) => median(timings[key].map((t) => t[field]));
  const setName = {
    A: values.fat.length > 0 ? `1,000 JARs incl. ${values.fat.map((f) => basename(f)).join(', ')}` : '1,000 JARs incl. 5 of 210-300 MB',
    B: '1,000 small JARs',
    C: '500 small JARs',
    'B warm': '1,000 small JARs, next run',
  };
  const rows = Object.keys(timings).map((key) => {
    const [build, ...rest] = key.split(' ');
    const set = rest.join(' ');
    const bytes = sizes[set.split(' ')[0]];
    const jars = timings[key][0].jars;
    return {
      build,
      set: setName[set],
      jars,
      MB: (bytes / 1024 / 1024).toFixed(1),
      'scan ms': of(key, 'scanMs'),
      'ms per JAR': (of(key, 'scanMs') / jars).toFixed(3),
      'run ms': Math.round(of(key, 'wallMs')),
      'run CPU ms': Math.round(of(key, 'cpuMs')),
    };
  });
  console.log(
    `medians of ${runs} interleaved rounds; load average (1, 5, 15 min) ${loadBefore} before, ${loadAfter} after (${cpus} cores)`,
  );
  console.table(rows);
  for (const build of Object.keys(builds)) {
    const [a, b, c, warm] = sets.map((set) => of(`${build} ${set}`, 'scanMs'));
    console.log(
      `${build.padEnd(6)} per small JAR ${(b / 1000).toFixed(3)} ms (goal ≤ 0.5)   fat/small A/B = ${(a / b).toFixed(2)}x (goal ≤ 1.2x; ` +
        `${(sizes.A / sizes.B).toFixed(0)}x the bytes)   B/C = ${(b / c).toFixed(2)}x (2x the JARs)   next run B warm/B = ${(warm / b).toFixed(2)}x`,
    );
  }
  if (builds.before) {
    const ratio = (set, field) => (of(`after ${set}`, field) / of(`before ${set}`, field)).toFixed(2);
    console.log(`after/before  scan: ${sets.map((set) => `${set} ${ratio(set, 'scanMs')}x`).join(', ')}`);
    console.log(`after/before  CPU:  ${sets.map((set) => `${set} ${ratio(set, 'cpuMs')}x`).join(', ')}`);
  }
} finally {
  await rm(work, { recursive: true, force: true });
}

async function folderBytes(dir) {
  const { readdir } = await import('node:fs/promises');
  let total = 0;
  for (const name of await readdir(dir)) total += (await stat(join(dir, name))).size;
  return total;
}
