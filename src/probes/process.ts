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

export async function runProcess(file: string, args: readonly string[], options: RunOptions): Promise<ProcessResult> {
  const started = performance.now();
  // The file itself is checked before it starts: execve's shell fallback must never run a non-program.
  const hasDir = file.includes('/') || (process.platform === 'win32' && file.includes('\\'));
  const program = hasDir ? resolve(options.cwd ?? process.cwd(), file) : findOnPath(file, options.env ?? process.env, options.cwd ?? process.cwd());
  const refused = program ? unrunnableReason(program) : 'not found';
  if (refused) return { exitCode: null, stdout: '', stderr: '', timedOut: false, failure: refused, durationMs: Math.round(performance.now() - started) };
  const subprocess = execa(program as string, args, {
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
  }, options.timeoutMs);
  const result = await subprocess;
  clearTimeout(timer);
  if (pid !== undefined) liveGroups.delete(pid);

  const durationMs = Math.round(performance.now() - started);
  const stdout = typeof result.stdout === 'string' ? result.stdout : '';
  const stderr = typeof result.stderr === 'string' ? result.stderr : '';
  if (timedOut) {
    return { exitCode: null, stdout, stderr, timedOut: true, failure: `did not answer within ${options.timeoutMs} ms and was stopped`, durationMs };
  }
  if (result.isMaxBuffer) {
    if (pid !== undefined) killGroup(pid);
    return { exitCode: result.exitCode ?? null, stdout, stderr, timedOut: false, failure: 'printed too much output', durationMs };
  }
  if (result.exitCode === undefined) {
    const code = (result as { code?: string }).code;
    const reason = code === 'ENOENT' ? 'not found' : code === 'EACCES' ? 'not executable (permission denied)' : (result.shortMessage ?? 'could not be started').split('\n')[0];
    return { exitCode: null, stdout, stderr, timedOut: false, failure: reason, durationMs };
  }
  return { exitCode: result.exitCode, stdout, stderr, timedOut: false, durationMs };
}
