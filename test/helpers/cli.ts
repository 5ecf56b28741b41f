// Runs the CLI in-process with captured output, or the built bundle as a real child process.
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
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

/** Spawns `node dist/flink-doctor.mjs` (built by `npm run build`, which `npm test` runs first). */
export function runBundle(
  argv: string[],
  env: Record<string, string | undefined> = isolatedEnv(),
  cwd = process.cwd(),
  nodeArgs: string[] = [],
): Promise<CliRun> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [...nodeArgs, BUNDLE, ...argv],
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
