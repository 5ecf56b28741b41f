// The one place that starts processes: never through a shell, always with a timeout and an output cap,
// and never throwing: a missing binary, a crash or a hang all come back as a described result.
import { execa } from 'execa';

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

export async function runProcess(file: string, args: readonly string[], options: RunOptions): Promise<ProcessResult> {
  const started = performance.now();
  const result = await execa(file, args, {
    shell: false,
    reject: false,
    stdin: 'ignore',
    timeout: options.timeoutMs,
    forceKillAfterDelay: 500,
    killSignal: 'SIGKILL',
    maxBuffer: options.maxBuffer ?? 4 * 1024 * 1024,
    env: options.env,
    extendEnv: options.env === undefined,
    cwd: options.cwd,
    stripFinalNewline: true,
    encoding: 'utf8',
  });
  const durationMs = Math.round(performance.now() - started);
  const stdout = typeof result.stdout === 'string' ? result.stdout : '';
  const stderr = typeof result.stderr === 'string' ? result.stderr : '';
  if (result.timedOut) {
    return { exitCode: null, stdout, stderr, timedOut: true, failure: `did not answer within ${options.timeoutMs} ms and was stopped`, durationMs };
  }
  if (result.exitCode === undefined) {
    const code = (result as { code?: string }).code;
    const reason =
      code === 'ENOENT' ? 'not found' : code === 'EACCES' ? 'not executable (permission denied)' : result.isMaxBuffer ? 'printed too much output' : (result.shortMessage ?? 'could not be started').split('\n')[0];
    return { exitCode: null, stdout, stderr, timedOut: false, failure: reason, durationMs };
  }
  if (result.isMaxBuffer) {
    return { exitCode: result.exitCode, stdout, stderr, timedOut: false, failure: 'printed too much output', durationMs };
  }
  return { exitCode: result.exitCode, stdout, stderr, timedOut: false, durationMs };
}
