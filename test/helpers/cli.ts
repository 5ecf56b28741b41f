// Runs the CLI in-process with captured output, or the built bundle as a real child process.
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { mkdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { GCProfiler, getHeapStatistics } from 'node:v8';
import { isMainThread } from 'node:worker_threads';
import { main } from '../../src/cli/main.js';
import { isolatedEnv } from './run-check.js';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

export async function runCli(
  argv: string[],
  env: Record<string, string | undefined> = isolatedEnv(),
  cwd = process.cwd(),
): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, {
    stdout: { write: (text: string) => (stdout += text), isTTY: false },
    stderr: { write: (text: string) => (stderr += text), isTTY: false },
    env,
    cwd,
  });
  return { code, stdout, stderr };
}

/**
 * The built single-file CLI. FLINK_DOCTOR_TEST_BUNDLE points the CLI tests at another build, e.g. one of the
 * previous commit, to see a test fail before its fix (test/hostile/README.md).
 */
export const BUNDLE = process.env.FLINK_DOCTOR_TEST_BUNDLE ?? join(import.meta.dirname, '..', '..', 'dist', 'flink-doctor.mjs');

/** The installed command: bin/flink-doctor.js runs dist/cli/launch.mjs and the engine script with its code cache. */
export const BIN = join(import.meta.dirname, '..', '..', 'bin', 'flink-doctor.js');

/** What runInstalled spawns: `node bin/flink-doctor.js` (BIN), or FLINK_DOCTOR_TEST_BUNDLE. */
export const INSTALLED = process.env.FLINK_DOCTOR_TEST_BUNDLE ?? BIN;

/** Spawns `node dist/flink-doctor.mjs` (built by `npm run build`, which `npm test` runs first). */
export function runBundle(
  argv: string[],
  env: Record<string, string | undefined> = isolatedEnv(),
  cwd = process.cwd(),
  nodeArgs: string[] = [],
): Promise<CliRun> {
  return runNode([...nodeArgs, BUNDLE, ...argv], env, cwd);
}

/**
 * Spawns the installed command with exactly `env`, for tests whose subject is what a real process does (exit codes, a
 * hang, a shell it must not start, what it prints) rather than the single file: it runs the engine script with its
 * code cache, less CPU per run than the 3.4 MB bundle (test/report/container.test.ts runs the bundle alone).
 */
export function runInstalled(
  argv: string[],
  env: Record<string, string | undefined> = isolatedEnv(),
  cwd = process.cwd(),
): Promise<CliRun> {
  return runNode([INSTALLED, ...argv], env, cwd);
}

function runNode(args: string[], env: Record<string, string | undefined>, cwd: string): Promise<CliRun> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      args,
      { env: env as NodeJS.ProcessEnv, cwd, timeout: 30_000, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const code = error && typeof error.code === 'number' ? error.code : error ? -1 : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

export interface MeasuredRun extends CliRun {
  /** CPU time (user + system) of the doctor process itself. */
  cpuMs: number;
  /** Its peak resident memory. */
  maxRssMB: number;
  wallMs: number;
}

/** runBundle, plus what the run cost the doctor process (test/helpers/measure-preload.mjs). */
export async function runBundleMeasured(
  argv: string[],
  env: Record<string, string | undefined> = isolatedEnv(),
  cwd = process.cwd(),
): Promise<MeasuredRun> {
  const file = join(tmpdir(), `flink-doctor-measure-${randomBytes(6).toString('hex')}.json`);
  const started = performance.now();
  const run = await runBundle(argv, { ...env, FLINK_DOCTOR_MEASURE_FILE: file }, cwd, [
    '--import',
    pathToFileURL(join(import.meta.dirname, 'measure-preload.mjs')).href,
  ]);
  const wallMs = Math.round(performance.now() - started);
  try {
    const { cpuMs, maxRssMB } = JSON.parse(await readFile(file, 'utf8')) as { cpuMs: number; maxRssMB: number };
    return { ...run, cpuMs, maxRssMB, wallMs };
  } catch {
    // The process died before its exit hook (a native crash): no numbers, and the test says so.
    return { ...run, cpuMs: Number.NaN, maxRssMB: Number.NaN, wallMs };
  } finally {
    await rm(file, { force: true });
  }
}

/**
 * The CLI's main() in this process, as runCli, for tests whose subject is what the doctor makes of its arguments and
 * inputs (test/hostile): a spawned bundle costs about 0.2 s of CPU before it reads anything. With
 * FLINK_DOCTOR_TEST_BUNDLE set they run that bundle instead, as before (test/hostile/README.md: a test seen failing
 * on the build of an older commit). What only a process shows (bin.ts, exit codes as the OS sees them, EPIPE, signals,
 * the bundle itself) stays with runBundle.
 */
export function runInProcess(
  argv: string[],
  env: Record<string, string | undefined> = isolatedEnv(),
  cwd = process.cwd(),
): Promise<CliRun> {
  return process.env.FLINK_DOCTOR_TEST_BUNDLE ? runBundle(argv, env, cwd) : runCli(argv, env, cwd);
}

/**
 * runBundleMeasured's numbers for an in-process run: what a fresh doctor process costs before it reads any input
 * (measured once per worker by one spawned run that reads nothing), plus what this run added in this process. CPU:
 * process.cpuUsage (the runs of a file go one after the other). Memory: the larger of two rises over the run, (1) of
 * the resident set's peak (Linux: /proc/self/clear_refs resets it, VmHWM reads it) and (2) of the JS heap and its
 * external memory (Buffers) at their peak, read before each garbage collection (v8.GCProfiler) and at the end. The
 * second is needed because a long-lived worker reuses pages earlier tests made resident: a run that allocates 50 MB
 * there may not raise the resident set at all. Where the peak cannot be reset (not Linux), in a worker thread
 * (vitest's threads pool: the process is shared), or with FLINK_DOCTOR_TEST_BUNDLE, the bundle is spawned and measured.
 */
export async function runInProcessMeasured(
  argv: string[],
  env: Record<string, string | undefined> = isolatedEnv(),
  cwd = process.cwd(),
): Promise<MeasuredRun> {
  if (process.env.FLINK_DOCTOR_TEST_BUNDLE || !isMainThread || !resetPeakRss()) return runBundleMeasured(argv, env, cwd);
  const fresh = await freshDoctor();
  resetPeakRss();
  const rssBefore = procStatusKB('VmRSS') * 1024;
  const heapBefore = heapInUse();
  const gcs = new GCProfiler();
  gcs.start();
  const cpu = process.cpuUsage();
  const started = performance.now();
  const run = await runCli(argv, env, cwd);
  const used = process.cpuUsage(cpu);
  const wallMs = Math.round(performance.now() - started);
  const heapPeak = Math.max(heapInUse(), ...(gcs.stop()?.statistics ?? []).map((gc) => heapInUse(gc.beforeGC.heapStatistics)));
  const rise = Math.max(procStatusKB('VmHWM') * 1024 - rssBefore, heapPeak - heapBefore);
  return {
    ...run,
    cpuMs: fresh.cpuMs + Math.round((used.user + used.system) / 1000),
    maxRssMB: fresh.maxRssMB + Math.round(rise / (1024 * 1024)),
    wallMs,
  };
}

/** Bytes of the JS heap in use plus external memory (Buffers), now or as a GC profile saw them. */
function heapInUse(stats?: { usedHeapSize: number; externalMemory: number }): number {
  if (stats) return stats.usedHeapSize + stats.externalMemory;
  const now = getHeapStatistics();
  return now.used_heap_size + now.external_memory;
}

let fresh: Promise<MeasuredRun> | undefined;

/**
 * A spawned doctor that loads the engine and runs one check on nothing (an empty folder): the cost every run starts
 * with. Not counted: compiling the code an input makes a fresh process load (a parser), already warm in this worker;
 * in-process reads up to 0.2 s and 10-40 MB lower than a spawned run of the same input (test/hostile/README.md).
 */
function freshDoctor(): Promise<MeasuredRun> {
  fresh ??= (async () => {
    const empty = join(tmpdir(), `flink-doctor-fresh-${randomBytes(6).toString('hex')}`);
    await mkdir(empty);
    try {
      const run = await runBundleMeasured(['--flink-version', '2.2', '--offline', '--json', '--only', 'config.file'], isolatedEnv(), empty);
      if (!(run.cpuMs > 0 && run.maxRssMB > 0)) throw new Error(`the fresh doctor run gave no measurement: ${run.stderr}`);
      return run;
    } finally {
      await rm(empty, { recursive: true, force: true });
    }
  })();
  return fresh;
}

/** Sets this process's peak resident set (VmHWM) to its current one; false where that is not possible. */
function resetPeakRss(): boolean {
  try {
    writeFileSync('/proc/self/clear_refs', '5');
    return true;
  } catch {
    return false;
  }
}

function procStatusKB(field: 'VmRSS' | 'VmHWM'): number {
  const kb = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync('/proc/self/status', 'utf8'))?.[1];
  if (kb === undefined) throw new Error(`no ${field} in /proc/self/status`);
  return Number(kb);
}
