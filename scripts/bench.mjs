#!/usr/bin/env node
// Times a full flink-doctor run side by side with `node -e 0` (the floor of any Node CLI) and `java -version`,
// interleaved so machine noise hits all three alike, and prints the ratios of the medians.
// Usage: npm run bench [-- --runs 21 --python PATH]. Quote ratios, not absolute times: machines here are shared.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bin = join(root, 'bin', 'flink-doctor.js');
const bundle = join(root, 'dist', 'cli', 'flink-doctor.mjs');
const { values } = parseArgs({ options: { runs: { type: 'string', default: '21' }, python: { type: 'string' } } });
const runs = Math.max(3, Number(values.runs) || 21);
if (!existsSync(bundle)) throw new Error('dist/cli/flink-doctor.mjs is missing: run `npm run build` (npm run bench does)');

// Resolve the interpreter once, outside the timing: a pyenv shim on PATH costs a bash start-up per call,
// which is the shim's cost, not the doctor's.
const python = values.python ?? execFileSync('python3', ['-c', 'import sys; print(sys.executable)'], { encoding: 'utf8' }).trim();
const java = process.env.JAVA_HOME ? join(process.env.JAVA_HOME, 'bin', 'java') : 'java';

const commands = {
  'node -e 0': [process.execPath, ['-e', '0']],
  'java -version': [java, ['-version']],
  'flink-doctor (full run)': [process.execPath, [bin, '--json', '--python', python]],
};

function time([file, args]) {
  const started = process.hrtime.bigint();
  const result = spawnSync(file, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  if (result.error) throw result.error;
  return Number(process.hrtime.bigint() - started) / 1e6;
}

const samples = Object.fromEntries(Object.keys(commands).map((name) => [name, []]));
for (const command of Object.values(commands)) time(command); // warm the file cache once
for (let i = 0; i < runs; i++) for (const [name, command] of Object.entries(commands)) samples[name].push(time(command));

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const m = Object.fromEntries(Object.entries(samples).map(([name, xs]) => [name, median(xs)]));
const floor = m['node -e 0'];
console.log(`${runs} interleaved runs each; python: ${python}`);
for (const [name, ms] of Object.entries(m)) console.log(`  ${name.padEnd(26)} median ${ms.toFixed(1).padStart(7)} ms   ${(ms / floor).toFixed(2)}x node -e 0`);
const ratio = m['flink-doctor (full run)'] / floor;
console.log(`full run / node -e 0 = ${ratio.toFixed(2)}x (goal: within 3x); full run / java -version = ${(m['flink-doctor (full run)'] / m['java -version']).toFixed(2)}x`);
