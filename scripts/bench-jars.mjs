#!/usr/bin/env node
// The JAR scan must cost per JAR, not per byte: it reads the central directory and a few small entries,
// never the bulk of a fat JAR. Builds 1,000 JARs in a temp folder (five of them 200-300 MB, written sparse
// so they cost no disk), times `flink-doctor --jars DIR --only jars.readable` on
//   A: 1,000 JARs including the five big ones,  B: the same 1,000 with small stand-ins,  C: 500 small JARs,
// and prints the medians and the ratios; each with an empty JAR cache (a first run), and B again as a next run. `--fat FILE` (repeatable) puts real fat JARs (e.g. flink-dist, tens of
// thousands of entries) in A instead of the generated big ones, whose bytes sit in one stored entry.
// Usage: npm run bench:jars [-- --runs 5 --fat a.jar --fat b.jar]. Quote ratios, not times.
import { Buffer } from 'node:buffer';
import { spawnSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { performance } from 'node:perf_hooks';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bundle = join(root, 'dist', 'flink-doctor.mjs');
const { values } = parseArgs({ options: { runs: { type: 'string', default: '5' }, fat: { type: 'string', multiple: true, default: [] } } });
const runs = Math.max(1, Number(values.runs) || 5);
if (!existsSync(bundle)) throw new Error('dist/flink-doctor.mjs is missing: run `npm run build` (npm run bench:jars does)');

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

  // A Java 11 class header followed by filler: the scan reads 8 bytes of a sample of these.
  const classBytes = Buffer.concat([Buffer.from([0xca, 0xfe, 0xba, 0xbe, 0, 0, 0, 55]), Buffer.alloc(600, 7)]);
  const entries = (i) => [
    {
      name: 'META-INF/MANIFEST.MF',
      data: `Manifest-Version: 1.0\r\nImplementation-Version: 1.0.${i}\r\nImplementation-Vendor-Id: com.bench\r\n\r\n`,
    },
    { name: 'META-INF/NOTICE', data: `bench-lib-${i}\n\n- com.bench:dep-${i}:1.0\n` },
    ...Array.from({ length: 40 }, (_, c) => ({ name: `com/bench/j${i}/C${c}.class`, data: classBytes })),
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
  const warmCache = join(work, 'warm-cache');
  const scan = (dir, warm = false) => {
    const cache = warm ? warmCache : join(work, 'cold-cache');
    if (!warm) rmSync(cache, { recursive: true, force: true });
    const env = { PATH: process.env.PATH, HOME: process.env.HOME, FLINK_DOCTOR_CACHE_DIR: cache };
    const t0 = process.hrtime.bigint();
    const result = spawnSync(process.execPath, [bundle, '--jars', dir, '--only', 'jars.readable', '--json'], {
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
      env,
    });
    const wallMs = Number(process.hrtime.bigint() - t0) / 1e6;
    const report = JSON.parse(result.stdout);
    const check = report.checks.find((c) => c.id === 'jars.readable');
    if (!check || check.status === 'error') throw new Error(`scan failed: ${result.stderr || check?.summary}`);
    return { scanMs: Number(check.facts.scanMs), wallMs, jars: Number(check.facts.jars) };
  };
  const timings = { A: [], B: [], C: [], 'B warm': [] };
  await new Promise((resolve) => setTimeout(resolve, 2_500)); // JARs written in the last 2 s are not cached
  scan(dirs.B, true); // fills the JAR cache
  for (let r = 0; r < runs; r += 1) {
    for (const key of ['A', 'B', 'C', 'B warm']) timings[key].push(key === 'B warm' ? scan(dirs.B, true) : scan(dirs[key])); // interleaved: noise hits all alike
  }

  const median = (list, field) => {
    const sorted = list.map((t) => t[field]).sort((a, b) => a - b);
    return sorted[Math.floor(sorted.length / 2)];
  };
  const rows = Object.entries(timings).map(([key, list]) => ({
    set: {
      A: values.fat.length > 0 ? `1,000 JARs incl. ${values.fat.map((f) => basename(f)).join(', ')}` : '1,000 JARs incl. 5 of 210-300 MB',
      B: '1,000 small JARs',
      C: '500 small JARs',
      'B warm': '1,000 small JARs, next run',
    }[key],
    jars: list[0].jars,
    MB: (sizes[key.split(' ')[0]] / 1024 / 1024).toFixed(1),
    'scan ms (median)': median(list, 'scanMs'),
    'run ms (median)': Math.round(median(list, 'wallMs')),
    'ms per JAR': (median(list, 'scanMs') / list[0].jars).toFixed(3),
    'MB per scan-ms': (sizes[key.split(' ')[0]] / 1024 / 1024 / median(list, 'scanMs')).toFixed(2),
  }));
  console.table(rows);
  const [a, b, c] = ['A', 'B', 'C'].map((k) => median(timings[k], 'scanMs'));
  console.log(
    `bytes  A/B = ${(sizes.A / sizes.B).toFixed(0)}x   scan time A/B = ${(a / b).toFixed(2)}x   (with vs without the big JARs: bytes grow, time does not)`,
  );
  console.log(`count  B/C = ${(1000 / 500).toFixed(1)}x   scan time B/C = ${(b / c).toFixed(2)}x   (time follows the number of JARs)`);
  console.log(
    `cache  B warm/B = ${(median(timings['B warm'], 'scanMs') / b).toFixed(2)}x   (a next run: small user JARs are not cached, so ~1x; no first-run cost for them either)`,
  );
} finally {
  await rm(work, { recursive: true, force: true });
}

async function folderBytes(dir) {
  const { readdir } = await import('node:fs/promises');
  let total = 0;
  for (const name of await readdir(dir)) total += (await stat(join(dir, name))).size;
  return total;
}
