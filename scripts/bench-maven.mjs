#!/usr/bin/env node
// Does a warm Maven cache cost more than --offline? Times `flink-doctor connector kafka` (the whole Maven path:
// repository config, cache, version ordering) with a fresh cache against a local repository vs --offline
// (snapshot), interleaved so machine noise hits both alike, and prints the ratio of the medians. Also times
// importing undici on its own, the cost the lazy import keeps out of offline and warm-cache runs.
// Usage: npm run bench:maven [-- --runs 21]. Quote ratios, not absolute times: machines here are shared.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bundle = join(root, 'dist', 'flink-doctor.mjs');
const { values } = parseArgs({ options: { runs: { type: 'string', default: '21' } } });
const runs = Math.max(3, Number(values.runs) || 21);
if (!existsSync(bundle)) throw new Error('dist/flink-doctor.mjs is missing: run `npm run build` (npm run bench:maven does)');

const versions = ['3.2.0-1.19', '3.3.0-1.19', '3.3.0-1.20', '3.4.0-1.20', '4.0.1-2.0', '5.0.0-2.2'];
const metadata = `<?xml version="1.0"?><metadata><groupId>org.apache.flink</groupId><artifactId>flink-sql-connector-kafka</artifactId><versioning><versions>${versions.map((v) => `<version>${v}</version>`).join('')}</versions></versioning></metadata>`;
let served = 0;
const server = createServer((req, res) => {
  served++;
  if (req.url?.endsWith('/flink-sql-connector-kafka/maven-metadata.xml')) res.writeHead(200, { etag: '"1"' }).end(metadata);
  else res.writeHead(404).end();
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const repo = `http://127.0.0.1:${server.address().port}`;
const warmCache = mkdtempSync(join(tmpdir(), 'fd-bench-warm-'));
const emptyCache = mkdtempSync(join(tmpdir(), 'fd-bench-empty-'));
const env = (cache) => ({ PATH: process.env.PATH, HOME: emptyCache, FLINK_DOCTOR_CACHE_DIR: cache });
const args = ['connector', 'kafka', '--flink-version', '1.20', '--maven-repo', repo];

// Spawned asynchronously: the local server lives in this process and must keep answering.
function time(file, argv, childEnv) {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    import('node:child_process').then(({ execFile }) =>
      execFile(file, argv, { env: childEnv }, (error, stdout) => {
        if (error && error.code !== 1) reject(new Error(`${argv.join(' ')} failed: ${error.message}`));
        else resolve({ ms: Number(process.hrtime.bigint() - started) / 1e6, stdout });
      }),
    );
  });
}

const prime = await time(process.execPath, [bundle, ...args], env(warmCache));
if (!prime.stdout.includes('3.4.0-1.20')) throw new Error(`unexpected output: ${prime.stdout}`);
const primedRequests = served;
const modes = {
  'warm cache': () => time(process.execPath, [bundle, ...args], env(warmCache)),
  '--offline (snapshot)': () => time(process.execPath, [bundle, ...args, '--offline'], env(emptyCache)),
  'node -e 0': () => time(process.execPath, ['-e', '0'], env(emptyCache)),
};
const samples = Object.fromEntries(Object.keys(modes).map((k) => [k, []]));
for (let i = 0; i < runs; i++) for (const [name, run] of Object.entries(modes)) samples[name].push((await run()).ms);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
server.close();
rmSync(warmCache, { recursive: true, force: true });
rmSync(emptyCache, { recursive: true, force: true });

// undici's import cost, unbundled, against a bare node start (spawnSync: no server needed any more).
const importTimes = { bare: [], undici: [] };
for (let i = 0; i < runs; i++) {
  for (const [name, code] of [
    ['bare', '0'],
    ['undici', "await import('undici')"],
  ]) {
    const started = process.hrtime.bigint();
    spawnSync(process.execPath, ['--input-type=module', '-e', code], { cwd: root });
    importTimes[name].push(Number(process.hrtime.bigint() - started) / 1e6);
  }
}

console.log(`flink-doctor connector kafka, ${runs} interleaved runs each (median ms):`);
for (const [name, xs] of Object.entries(samples)) console.log(`  ${name.padEnd(22)} ${median(xs).toFixed(1)}`);
console.log(`  requests during timed runs: ${served - primedRequests} (a warm cache asks the repository nothing)`);
const ratio = median(samples['warm cache']) / median(samples['--offline (snapshot)']);
console.log(`ratio warm cache / offline: ${ratio.toFixed(3)}`);
console.log(
  `undici import (unbundled): ${(median(importTimes.undici) - median(importTimes.bare)).toFixed(1)} ms over a bare node start; loaded only when a request is made`,
);
