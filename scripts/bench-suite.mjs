#!/usr/bin/env node
// The hermetic test suite's own cost, before and after a change: `npx vitest run` in this checkout and in others
// (each already built and installed), alternated round by round in a new order each time, so the machine's load falls
// on all of them alike. Per run: the wall time and the CPU time (user + system) of vitest and of every process it
// started and waited for (its workers, the CLIs, JVMs and Pythons the tests spawn), read from /proc/self/stat's
// cutime and cstime (Linux), and whether every test passed. Prints medians, each variant's ratio to the first, and the
// load average before and after.
// Usage: npm run bench:suite [-- --runs 3 --baseline DIR ... --variant "NAME=vitest args"]
//   --baseline DIR    another checkout (e.g. a worktree of main), run as is; may be repeated
//   --variant N=ARGS  this checkout with extra vitest arguments (e.g. "3 workers=--maxWorkers=3"); may be repeated
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { median, shuffled } from './bench-lib.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '3' },
    baseline: { type: 'string', multiple: true, default: [] },
    variant: { type: 'string', multiple: true, default: [] },
  },
});
if (process.platform !== 'linux') throw new Error('bench:suite reads /proc/self/stat: Linux only');
const runs = Math.max(1, Number(values.runs) || 3);

/** What runs: this checkout as it is, its variants, and the baselines. */
const subjects = [
  { name: 'this checkout', dir: root, args: [] },
  ...values.variant.map((spec) => {
    const at = spec.indexOf('=');
    if (at < 1) throw new Error(`--variant "${spec}": expected NAME=VITEST ARGS`);
    return {
      name: spec.slice(0, at),
      dir: root,
      args: spec
        .slice(at + 1)
        .split(' ')
        .filter(Boolean),
    };
  }),
  ...values.baseline.map((dir) => ({ name: `baseline ${basename(dir)}`, dir, args: [] })),
].map((subject) => ({ ...subject, samples: [] }));

/** CPU ms of the children this process has waited for, with theirs (fields 16 and 17 of /proc/self/stat, in ticks). */
function childrenCpuMs() {
  const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1].split(' ');
  return (Number(fields[16 - 3]) + Number(fields[17 - 3])) * 10;
}

function runSuite({ dir, args }) {
  const cpu = childrenCpuMs();
  const started = performance.now();
  const result = spawnSync('npx', ['vitest', 'run', '--reporter=dot', ...args], {
    cwd: dir,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  const tests = /Tests\s+(.*\(\d+\))/.exec(result.stdout.replace(/\x1b\[[0-9;]*m/g, ''))?.[1] ?? 'no summary';
  return { wallS: (performance.now() - started) / 1000, cpuS: (childrenCpuMs() - cpu) / 1000, passed: result.status === 0, tests };
}

const load = () => loadavg()[0].toFixed(1);
console.log(`bench:suite: ${runs} rounds of ${subjects.length} suites, alternated; load average ${load()}`);
for (let round = 1; round <= runs; round += 1) {
  for (const subject of shuffled(subjects)) {
    const sample = runSuite(subject);
    subject.samples.push(sample);
    console.log(
      `  round ${round}: ${subject.name}: ${sample.wallS.toFixed(1)} s wall, ${sample.cpuS.toFixed(1)} s CPU, ${sample.tests}${sample.passed ? '' : ' FAILED'} (load ${load()})`,
    );
  }
}
const [first] = subjects;
const wall = (s) => median(s.samples.map((x) => x.wallS));
const cpu = (s) => median(s.samples.map((x) => x.cpuS));
console.log(`medians (load average now ${load()}):`);
for (const s of subjects) {
  const ratio = s === first ? '' : `; ${(wall(s) / wall(first)).toFixed(2)}x / ${(cpu(s) / cpu(first)).toFixed(2)}x ${first.name}'s`;
  console.log(`  ${s.name}: ${wall(s).toFixed(1)} s wall, ${cpu(s).toFixed(1)} s CPU${ratio}`);
}
process.exitCode = subjects.every((s) => s.samples.every((x) => x.passed)) ? 0 : 1;
