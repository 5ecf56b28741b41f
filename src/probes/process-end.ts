// How a started process ended, as plain data, and the one-line reason each way of ending gets. Both runners (execa's,
// src/probes/spawn-execa.ts, and the early start's, src/probes/spawn-plain.ts) fill an Ended, so a probe reads the
// same result whichever started its process.
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

export interface Ended {
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

/** Starts `program` (already located and judged runnable) and resolves when it has ended; `stop` abandons it. */
export type Runner = (program: string, args: readonly string[], options: RunOptions, stop?: AbortSignal) => Promise<Ended>;

/** A timeout, too much output, a failed start, or a normal exit: each with its one-line reason. */
export function describeEnd(ended: Ended, timeoutMs: number, durationMs: number): ProcessResult {
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
