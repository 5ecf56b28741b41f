#!/usr/bin/env node
// Start-up against its floor, on every Node given, in ONE interleaved run (the machine is shared and noisy:
// each round runs every command once, in a shuffled order, so noise hits all alike). Per Node:
//   node -e 0                 the start of any Node CLI
//   floor                     scripts/bench-floor.mjs: node + the JVM and the Python probe flink-doctor runs,
//                             spawned at once and waited for (the least any Node doctor must do)
//   flink-doctor --json       a full run, in a healthy PyFlink 2.3 environment (scripts/bench-env.mjs)
//   … --job job.py            the same run reading a 5,000-line job (built-in connectors only: no findings), whose needs
//                             the warm-up kept in the cache folder, as a user's next run on an unchanged job finds them
//   … first run               the full run with an empty cache folder (no compile cache, no JAR cache): a container's
//   baseline                  with --baseline DIR: the same run of another built checkout (e.g. main)
// Prints medians, the spread (25th-75th percentile), and the ratios of medians: full run / floor (goals: ≤ 1.3x on
// Node 24, ≤ 1.5x on Node 20), full run / node -e 0 and the --job run / full run (goal ≤ 1.1x); with perf stat (else GNU time), the CPU time of each (children included). flink-doctor's compile cache lives in a temporary
// XDG_CACHE_HOME that the warm-up run fills, as a user's second run finds it.
// Usage: npm run bench [-- --node /path/to/node22 --node /path/to/node24 --runs 21 --venv DIR --baseline DIR …]
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { activatedEnv, healthyVenv, onPath } from './bench-env.mjs';
import { doctorCommands, generateJob, median, percentile, shuffled } from './bench-lib.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '21' },
    node: { type: 'string', multiple: true, default: [] },
    venv: { type: 'string' },
    baseline: { type: 'string', multiple: true, default: [] },
  },
});
const runs = Math.max(3, Number(values.runs) || 21);
// Each --baseline is named by its folder, so two (the previous stop and main) can run in the same rounds.
const checkouts = { 'flink-doctor --json': root, ...Object.fromEntries(values.baseline.map((dir) => [`baseline ${basename(dir)}`, dir])) };
for (const dir of Object.values(checkouts)) {
  if (!existsSync(join(dir, 'dist', 'cli', 'flink-doctor.mjs')))
    throw new Error(`${dir}/dist/cli/flink-doctor.mjs is missing: build it (npm run bench does)`);
}

const venv = healthyVenv(values.venv);
const work = mkdtempSync(join(tmpdir(), 'flink-doctor-bench-'));
const env = activatedEnv(venv, { XDG_CACHE_HOME: join(work, 'cache') });
const JOB = 'job_5000_lines.py';
writeFileSync(join(work, JOB), generateJob(5000, { builtIn: true }));
const java = env.JAVA_HOME ? join(env.JAVA_HOME, 'bin', 'java') : onPath('java', env);
const { JAVA_PROBE_ARGS, PROBE_SCRIPT, javaProbeEnv } = await doctorCommands(root);
const floorCommands = JSON.stringify([
  { file: java, args: JAVA_PROBE_ARGS, env: javaProbeEnv(env) },
  { file: join(venv, 'bin', 'python'), args: ['-c', PROBE_SCRIPT], env },
]);

const nodes = [process.execPath, ...values.node];
const versionOf = (node) => spawnSync(node, ['--version'], { encoding: 'utf8' }).stdout.trim();
const cases = nodes.flatMap((node) => {
  const version = versionOf(node);
  return [
    { node: version, name: 'node -e 0', args: [node, '-e', '0'] },
    { node: version, name: 'floor', args: [node, join(root, 'scripts', 'bench-floor.mjs'), floorCommands] },
    ...Object.entries(checkouts).map(([name, dir]) => ({
      node: version,
      name,
      args: [node, join(dir, 'bin', 'flink-doctor.js'), '--json'],
      doctor: true,
      // Each build its own cache folder: the JAR cache keeps one entry per JAR, valid for one build only, so two
      // builds sharing a folder would overwrite each other's entry on every run and both would pay a first run.
      ...(dir === root ? {} : { cacheHome: join(work, `cache-${name}`) }),
    })),
    // A container's one run: no compile cache, no JAR cache (an empty cache folder each time).
    { node: version, name: '… first run', args: [node, join(root, 'bin', 'flink-doctor.js'), '--json'], doctor: true, fresh: true },
    {
      node: version,
      name: '… --job (5,000 lines)',
      args: [node, join(root, 'bin', 'flink-doctor.js'), '--json', '--job', JOB],
      doctor: true,
    },
  ];
});

// CPU time (user + system, of the process and the children it waited for): other work on a shared machine stretches
// wall time, much less CPU time. `perf stat` (task-clock, children included) where it runs, as it counts to the
// microsecond, and its own count of the elapsed time (from its fork to its wait: perf's own start-up, unlike GNU
// time's, is long enough to pull every ratio toward 1x); else GNU time (10 ms ticks: only a median over many rounds).
const cpuFile = join(work, 'cpu.txt');
const PERF = spawnSync('perf', ['stat', '-e', 'task-clock', '-o', cpuFile, 'true']).status === 0;
const GNU_TIME = PERF ? undefined : existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;
const CPU_TOOL = PERF ? 'perf stat' : GNU_TIME ? 'GNU time' : undefined;
const cpuPrefix = () =>
  PERF ? ['perf', 'stat', '-e', 'task-clock', '-o', cpuFile] : GNU_TIME ? [GNU_TIME, '-o', cpuFile, '-f', '%U %S'] : [];

/** The CPU time the measuring tool wrote, in ms, and (perf) the elapsed time it counted. */
function measured() {
  const text = readFileSync(cpuFile, 'utf8');
  if (PERF) {
    const cpu = /([\d.]+) msec task-clock/.exec(text)?.[1];
    const elapsed = /([\d.]+) seconds time elapsed/.exec(text)?.[1];
    return { cpu: Number(cpu), ms: Number(elapsed) * 1000 };
  }
  const cpu = text
    .trim()
    .split(/\s+/)
    .slice(-2)
    .reduce((sum, s) => sum + Number(s) * 1000, 0);
  return { cpu };
}

/** An empty cache folder for a first run (emptied before the clock starts). */
function freshEnv() {
  const dir = join(work, 'fresh-cache');
  rmSync(dir, { recursive: true, force: true });
  return { ...env, XDG_CACHE_HOME: dir };
}

function time(c) {
  const runEnv = c.fresh ? freshEnv() : c.cacheHome ? { ...env, XDG_CACHE_HOME: c.cacheHome } : env;
  const args = [...cpuPrefix(), ...c.args];
  const started = process.hrtime.bigint();
  const result = spawnSync(args[0], args.slice(1), {
    cwd: work,
    env: runEnv,
    stdio: ['ignore', 'pipe', 'pipe'],
    maxBuffer: 64 * 1024 * 1024,
  });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  // A healthy environment: the doctor finds nothing (exit 0); anything else would time a different run.
  if (result.status !== 0)
    throw new Error(
      `${c.name} (node ${c.node}) exited ${result.status}: ${String(result.stderr).slice(0, 400)}${c.doctor ? summaryOf(result.stdout) : ''}`,
    );
  return { ms, cpu: NaN, ...(CPU_TOOL ? measured() : {}) };
}

function summaryOf(stdout) {
  try {
    return ` ${JSON.stringify(
      JSON.parse(stdout)
        .checks.filter((x) => x.status === 'warning' || x.status === 'error')
        .map((x) => `${x.id}: ${x.summary}`),
    )}`;
  } catch {
    return '';
  }
}

const load = [loadavg()[0]];
const samples = new Map(cases.map((c) => [c, []]));
try {
  for (const c of cases) time(c); // warm the file cache and flink-doctor's compile cache once
  for (let round = 0; round < runs; round += 1) for (const c of shuffled(cases)) samples.get(c).push(time(c));
} finally {
  rmSync(work, { recursive: true, force: true });
}
load.push(loadavg()[0]);

console.log(
  `${runs} interleaved rounds; venv ${venv}; java ${java}; load average ${load.map((l) => l.toFixed(1)).join(' → ')}; CPU by ${CPU_TOOL ?? 'nothing (no perf, no GNU time)'}`,
);
const GOALS = { 20: 1.5, 24: 1.3 };
const ms = (c) => samples.get(c).map((x) => x.ms);
for (const node of [...new Set(cases.map((c) => c.node))]) {
  const mine = cases.filter((c) => c.node === node);
  const named = (name) => mine.find((c) => c.name === name);
  const med = (name, key = 'ms') => median(samples.get(named(name)).map((x) => x[key]));
  console.log(`node ${node}`);
  for (const c of mine) {
    const spread = `${percentile(ms(c), 0.25).toFixed(0)}–${percentile(ms(c), 0.75).toFixed(0)}`;
    const cpu = CPU_TOOL
      ? `   CPU ${med(c.name, 'cpu').toFixed(0).padStart(4)} ms = ${(med(c.name, 'cpu') / med('floor', 'cpu')).toFixed(2)}x floor's`
      : '';
    console.log(
      `  ${c.name.padEnd(22)} median ${med(c.name).toFixed(0).padStart(5)} ms (p25–p75 ${spread.padStart(9)})   ${(med(c.name) / med('floor')).toFixed(2)}x floor   ${(med(c.name) / med('node -e 0')).toFixed(2)}x node -e 0${cpu}`,
    );
  }
  const goal = GOALS[Number(node.slice(1).split('.')[0])];
  const ratio = med('flink-doctor --json') / med('floor');
  const rounds = ms(named('flink-doctor --json')).map((x, i) => x / ms(named('floor'))[i]);
  const verdict = goal ? ` (goal ≤ ${goal}x: ${ratio <= goal ? 'met' : 'NOT met'})` : '';
  console.log(
    `  full run / floor = ${ratio.toFixed(2)}x${verdict}; per round p25–p75 ${percentile(rounds, 0.25).toFixed(2)}–${percentile(rounds, 0.75).toFixed(2)}x; full run / node -e 0 = ${(med('flink-doctor --json') / med('node -e 0')).toFixed(2)}x`,
  );
  console.log(`  first run (empty cache folder) / floor = ${(med('… first run') / med('floor')).toFixed(2)}x`);
  const job = med('… --job (5,000 lines)') / med('flink-doctor --json');
  // The warm-up filled the needs cache too: this is a later run on an unchanged job (bench:job times the first read).
  const jobCpu = CPU_TOOL ? `; CPU ${(med('… --job (5,000 lines)', 'cpu') / med('flink-doctor --json', 'cpu')).toFixed(2)}x` : '';
  console.log(`  --job run / full run = ${job.toFixed(2)}x (goal ≤ 1.1x: ${job <= 1.1 ? 'met' : 'NOT met'})${jobCpu}`);
}
