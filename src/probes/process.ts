// The one place that starts processes: never through a shell, always with a timeout and an output cap,
// and never throwing: a missing binary, a crash or a hang all come back as a described result. Runs started early
// (src/cli/early-start.ts) use Node's own child_process (src/probes/spawn-plain.ts); every other run uses execa
// (src/probes/spawn-execa.ts), loaded when the first such run comes.
import { resolve } from 'node:path';
import { describeEnd, type ProcessResult, type Runner, type RunOptions } from './process-end.js';
import { unrunnableReason } from './program-file.js';
import { runPlain } from './spawn-plain.js';
import { findOnPath } from './which.js';
import { nowMs } from '../util/clock.js';

export type { ProcessResult, RunOptions } from './process-end.js';

/**
 * Runs `file` once: a run started early with the same command (startEarly) is adopted, so its answer is the one
 * this call would have had; anything else is started now.
 */
export function runProcess(file: string, args: readonly string[], options: RunOptions): Promise<ProcessResult> {
  const key = commandKey(file, args, options);
  const early = earlyRuns.get(key);
  if (!early) return spawnAndWait(file, args, options, runWithExeca);
  earlyRuns.delete(key);
  return early.result;
}

/** Runs started before the engine was loaded (src/cli/early-start.ts), by command, until a probe adopts them. */
const earlyRuns = new Map<string, { result: Promise<ProcessResult>; stop: () => void }>();

/**
 * Starts a command a probe is expected to run, before the code that will ask for it is loaded. Only a later
 * runProcess with the same file, arguments, environment, directory and limits adopts it.
 */
export function startEarly(file: string, args: readonly string[], options: RunOptions): void {
  const key = commandKey(file, args, options);
  if (earlyRuns.has(key)) return;
  const control = new AbortController();
  earlyRuns.set(key, { result: spawnAndWait(file, args, options, runPlain, control.signal), stop: () => control.abort() });
}

/** Stops the early runs no probe adopted (a config or flag chose another binary, or a check that needs none ran). */
export function stopUnadoptedRuns(): void {
  for (const run of earlyRuns.values()) run.stop();
  earlyRuns.clear();
}

function commandKey(file: string, args: readonly string[], { timeoutMs, env, cwd, maxBuffer }: RunOptions): string {
  const environment =
    env === undefined
      ? null
      : Object.entries(env)
          .filter(([, value]) => value !== undefined)
          .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return JSON.stringify([file, args, timeoutMs, maxBuffer ?? null, cwd ?? process.cwd(), environment]);
}

async function spawnAndWait(
  file: string,
  args: readonly string[],
  options: RunOptions,
  run: Runner,
  stop?: AbortSignal,
): Promise<ProcessResult> {
  const started = nowMs();
  const program = locate(file, options);
  const refused = program ? unrunnableReason(program) : 'not found';
  if (refused)
    return {
      exitCode: null,
      stdout: '',
      stderr: '',
      timedOut: false,
      failure: refused,
      durationMs: Math.round(nowMs() - started),
    };
  const ended = await run(program as string, args, options, stop);
  return describeEnd(ended, options.timeoutMs, Math.round(nowMs() - started));
}

/** The file to start: a name with a directory is resolved against cwd, a bare name looked up on PATH. */
function locate(file: string, options: RunOptions): string | undefined {
  // The file itself is checked before it starts: execve's shell fallback must never run a non-program.
  const hasDir = file.includes('/') || (process.platform === 'win32' && file.includes('\\'));
  const cwd = options.cwd ?? process.cwd();
  return hasDir ? resolve(cwd, file) : findOnPath(file, options.env ?? process.env, cwd);
}

/** execa's runner, loaded with the first run that was not started early. */
const runWithExeca: Runner = async (program, args, options, stop) =>
  (await import('./spawn-execa.js')).runWithExeca(program, args, options, stop);
