#!/usr/bin/env node
// Where a full run's time goes next to the floor's: the same healthy PyFlink 2.3 environment as scripts/bench.mjs,
// each command run under `strace --seccomp-bpf` (it stops the process only at execve and exit_group, so the run is
// barely slowed), interleaved. Per command, medians over the rounds, in ms from node's own execve: when java and
// python were started, when each exited, and when node exited; "after last child" is the work left on the critical
// path once both children are gone, and "java runs" how long the JVM took (stretched when the doctor's own work
// competes with it for the 2 cores).
// Usage: node scripts/bench-timeline.mjs [--node PATH ...] [--runs 15] [--venv DIR] [--baseline DIR]   (needs strace)
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { activatedEnv, healthyVenv, onPath } from './bench-env.mjs';
import { doctorCommands, median, shuffled } from './bench-lib.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '15' },
    node: { type: 'string', multiple: true, default: [] },
    venv: { type: 'string' },
    baseline: { type: 'string' },
  },
});
if (spawnSync('strace', ['-V']).status !== 0) throw new Error('strace is not installed: this benchmark reads its trace');
const runs = Math.max(3, Number(values.runs) || 15);
const venv = healthyVenv(values.venv);
const work = mkdtempSync(join(tmpdir(), 'flink-doctor-timeline-'));
const env = activatedEnv(venv, { XDG_CACHE_HOME: join(work, 'cache') });
const java = env.JAVA_HOME ? join(env.JAVA_HOME, 'bin', 'java') : onPath('java', env);
const python = join(venv, 'bin', 'python');
const { JAVA_PROBE_ARGS, PROBE_SCRIPT, javaProbeEnv } = await doctorCommands(root);
const floorCommands = JSON.stringify([
  { file: java, args: JAVA_PROBE_ARGS, env: javaProbeEnv(env) },
  { file: python, args: ['-c', PROBE_SCRIPT], env },
]);
const checkouts = { 'flink-doctor --json': root, ...(values.baseline ? { baseline: values.baseline } : {}) };
const cases = [process.execPath, ...values.node].flatMap((node) => {
  const version = spawnSync(node, ['--version'], { encoding: 'utf8' }).stdout.trim();
  return [
    { node: version, name: 'floor', args: [node, join(root, 'scripts', 'bench-floor.mjs'), floorCommands] },
    ...Object.entries(checkouts).map(([name, dir]) => ({
      node: version,
      name,
      args: [node, join(dir, 'bin', 'flink-doctor.js'), '--json'],
      cache: join(work, `cache-${name.replace(/\W+/g, '-')}`),
    })),
  ];
});

/** One traced run → ms from node's execve to each event. */
function traced(c) {
  const trace = join(work, 'trace.txt');
  const strace = ['--seccomp-bpf', '-f', '-ttt', '-qq', '-e', 'trace=execve,exit_group', '-e', 'signal=none', '-o', trace];
  const result = spawnSync('strace', [...strace, ...c.args], { cwd: work, env: c.cache ? { ...env, XDG_CACHE_HOME: c.cache } : env });
  if (result.status !== 0) throw new Error(`${c.name} (node ${c.node}) exited ${result.status}: ${String(result.stderr).slice(0, 400)}`);
  const lines = readFileSync(trace, 'utf8').split('\n');
  const at = (line) => Number(line.split(/\s+/)[1]) * 1000;
  const start = at(lines[0]);
  const pidOf = (binary) => lines.find((l) => l.includes(`execve("${binary}"`) && !l.includes('ENOENT'))?.split(/\s+/)[0];
  const exitOf = (pid) => at(lines.find((l) => l.startsWith(`${pid} `) && l.includes('exit_group')) ?? '') - start;
  const execOf = (pid) => at(lines.find((l) => l.startsWith(`${pid} `) && l.includes('execve(')) ?? '') - start;
  const [javaPid, pythonPid, nodePid] = [pidOf(java), pidOf(python), lines[0].split(/\s+/)[0]];
  const event = { javaStart: execOf(javaPid), pythonStart: execOf(pythonPid), javaExit: exitOf(javaPid), pythonExit: exitOf(pythonPid) };
  const end = exitOf(nodePid);
  // A next run that reused the JVM's answer (src/probes/java-answers.ts) starts no java: its last child is python.
  const lastChildExit = javaPid ? Math.max(event.javaExit, event.pythonExit) : event.pythonExit;
  return { ...event, end, afterLastChild: end - lastChildExit, javaRuns: event.javaExit - event.javaStart };
}

const samples = new Map(cases.map((c) => [c, []]));
const load = [loadavg()[0]];
try {
  for (const c of cases) traced(c); // warm the file cache and each build's cache folder
  for (let round = 0; round < runs; round += 1) for (const c of shuffled(cases)) samples.get(c).push(traced(c));
} finally {
  rmSync(work, { recursive: true, force: true });
}
load.push(loadavg()[0]);

const COLUMNS = ['javaStart', 'pythonStart', 'pythonExit', 'javaExit', 'end', 'afterLastChild', 'javaRuns'];
console.log(`${runs} interleaved rounds under strace --seccomp-bpf; load average ${load.map((l) => l.toFixed(1)).join(' → ')}`);
console.log(`medians, ms from node's execve: ${COLUMNS.join(', ')}`);
for (const c of cases) {
  // NaN: no java was started (its answer was reused).
  const cells = COLUMNS.map((key) => {
    const value = median(samples.get(c).map((s) => s[key]));
    return (Number.isNaN(value) ? '—' : value.toFixed(0)).padStart(6);
  });
  console.log(`  node ${c.node.padEnd(9)} ${c.name.padEnd(20)} ${cells.join(' ')}`);
}
