// The one place that starts processes: never through a shell, always with a timeout and an output cap,
// and never throwing: a missing binary, a crash or a hang all come back as a described result.
import { execa } from 'execa';
import { resolve } from 'node:path';
import { LIMITS } from '../engine/limits.js';
import { unrunnableReason } from './program-file.js';
import { findOnPath } from './which.js';

export interface ProcessResult {
  /** null when the process never ran to an exit (not found, not executable, killed on timeout). */
  exitCode: number | null;
  stdout: string;
  stderr: string;
  timedOut: boolean;
  /** A one-line reason when the process could not be run or did not finish; undefined on a normal exit. */
  failure?: string;
  durationMs: number;
}

export interface RunOptions {
  timeoutMs: number;
  env?: Record<string, string | undefined>;
  cwd?: string;
  /** Bytes of stdout/stderr kept; a process that prints more is cut off (garbage must not eat memory). */
  maxBuffer?: number;
}

const POSIX = process.platform !== 'win32';
/** Process groups still running; killed if the doctor itself exits first (Ctrl-C, an error). */
const liveGroups = new Set<number>();
let exitHookInstalled = false;

function killGroup(pid: number): void {
  try {
    // A negative pid signals the whole group: a wrapper script's children (java launched by a shell
    // script, a pyenv shim's python) hold our pipes open and would otherwise outlive the timeout.
    process.kill(POSIX ? -pid : pid, 'SIGKILL');
  } catch {
    // already gone
  }
}

function trackGroup(pid: number): void {
  liveGroups.add(pid);
  if (!exitHookInstalled) {
    exitHookInstalled = true;
    process.once('exit', () => liveGroups.forEach(killGroup));
  }
}

/**
 * Runs `file` once: a run started early with the same command (startEarly) is adopted, so its answer is the one
 * this call would have had; anything else is started now.
 */
export function runProcess(file: string, args: readonly string[], options: RunOptions): Promise<ProcessResult> {
  const key = commandKey(file, args, options);
  const early = earlyRuns.get(key);
  if (!early) return spawnAndWait(file, args, options);
  earlyRuns.delete(key);
  return early.result;
}

/** Runs started before the engine was loaded (src/cli/bin.ts), by command, until a probe adopts them. */
const earlyRuns = new Map<string, { result: Promise<ProcessResult>; stop: () => void }>();

/**
 * Starts a command a probe is expected to run, before the code that will ask for it is loaded. Only a later
 * runProcess with the same file, arguments, environment, directory and limits adopts it.
 */
export function startEarly(file: string, args: readonly string[], options: RunOptions): void {
  const key = commandKey(file, args, options);
  if (earlyRuns.has(key)) return;
  const control = new AbortController();
  earlyRuns.set(key, { result: spawnAndWait(file, args, options, control.signal), stop: () => control.abort() });
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

async function spawnAndWait(file: string, args: readonly string[], options: RunOptions, stop?: AbortSignal): Promise<ProcessResult> {
  const started = performance.now();
  const program = locate(file, options);
  const refused = program ? unrunnableReason(program) : 'not found';
  if (refused)
    return {
      exitCode: null,
      stdout: '',
      stderr: '',
      timedOut: false,
      failure: refused,
      durationMs: Math.round(performance.now() - started),
    };
  const ended = await runToEnd(program as string, args, options, stop);
  return describeEnd(ended, options.timeoutMs, Math.round(performance.now() - started));
}

/** The file to start: a name with a directory is resolved against cwd, a bare name looked up on PATH. */
function locate(file: string, options: RunOptions): string | undefined {
  // The file itself is checked before it starts: execve's shell fallback must never run a non-program.
  const hasDir = file.includes('/') || (process.platform === 'win32' && file.includes('\\'));
  const cwd = options.cwd ?? process.cwd();
  return hasDir ? resolve(cwd, file) : findOnPath(file, options.env ?? process.env, cwd);
}

/** How a started process ended, as plain data. */
interface Ended {
  exitCode?: number;
  stdout: string;
  stderr: string;
  timedOut: boolean;
  isMaxBuffer: boolean;
  /** The spawn error's code (ENOENT, EACCES) when it never started. */
  code?: string;
  /** The signal that ended it, when one did. */
  signal?: string;
  shortMessage?: string;
}

/**
 * Starts the program in its own process group and waits for it; past the timeout, or when `stop` aborts (an early
 * run no probe adopted), the whole group is killed.
 */
async function runToEnd(program: string, args: readonly string[], options: RunOptions, stop?: AbortSignal): Promise<Ended> {
  const subprocess = execa(program, args, {
    shell: false,
    reject: false,
    stdin: 'ignore',
    // Its own process group, so a timeout can stop every process it started, not just the first.
    detached: POSIX,
    maxBuffer: options.maxBuffer ?? LIMITS.processOutputBytes,
    env: options.env,
    extendEnv: options.env === undefined,
    cwd: options.cwd,
    stripFinalNewline: true,
    encoding: 'utf8',
  });
  const pid = subprocess.pid;
  let timedOut = false;
  if (pid !== undefined) trackGroup(pid);
  const timer = setTimeout(() => {
    timedOut = true;
    if (pid !== undefined) killGroup(pid);
    else subprocess.kill('SIGKILL');
    // A process that left the group (setsid) may still hold the pipes open: stop reading them, or the run would wait.
    subprocess.stdout?.destroy();
    subprocess.stderr?.destroy();
  }, options.timeoutMs);
  const abandon = () => (pid !== undefined ? killGroup(pid) : subprocess.kill('SIGKILL'));
  stop?.addEventListener('abort', abandon, { once: true });
  const result = await subprocess;
  clearTimeout(timer);
  stop?.removeEventListener('abort', abandon);
  if (pid !== undefined) liveGroups.delete(pid);
  // Output past the cap: what it started may still be printing.
  if (!timedOut && result.isMaxBuffer && pid !== undefined) killGroup(pid);
  return {
    exitCode: result.exitCode,
    stdout: typeof result.stdout === 'string' ? result.stdout : '',
    stderr: typeof result.stderr === 'string' ? result.stderr : '',
    timedOut,
    isMaxBuffer: result.isMaxBuffer,
    code: (result as { code?: string }).code,
    signal: result.signal,
    shortMessage: result.shortMessage,
  };
}

/** A timeout, too much output, a failed start, or a normal exit: each with its one-line reason. */
function describeEnd(ended: Ended, timeoutMs: number, durationMs: number): ProcessResult {
  const { stdout, stderr, code } = ended;
  if (ended.timedOut) {
    return { exitCode: null, stdout, stderr, timedOut: true, failure: `did not answer within ${timeoutMs} ms and was stopped`, durationMs };
  }
  if (ended.isMaxBuffer)
    return { exitCode: ended.exitCode ?? null, stdout, stderr, timedOut: false, failure: 'printed too much output', durationMs };
  if (ended.exitCode === undefined) {
    if (ended.signal) return { exitCode: null, stdout, stderr, timedOut: false, failure: `was killed by ${ended.signal}`, durationMs };
    const reason =
      code === 'ENOENT'
        ? 'not found'
        : code === 'EACCES'
          ? 'not executable (permission denied)'
          : (ended.shortMessage ?? 'could not be started').split('\n')[0];
    return { exitCode: null, stdout, stderr, timedOut: false, failure: reason, durationMs };
  }
  return { exitCode: ended.exitCode, stdout, stderr, timedOut: false, durationMs };
}
