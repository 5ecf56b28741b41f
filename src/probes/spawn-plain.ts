// The early start's runner (src/cli/early-start.ts): the JVM and the interpreter probe start before the engine, or
// execa, is loaded (issue 13: a tiny entry starts them "before it loads anything else"), so this one uses Node's own
// child_process. It keeps the contract of execa's runner (src/probes/spawn-execa.ts) for all a probe reads: exactly
// the given environment, UTF-8 without the final newline, output cut at maxBuffer characters, the whole group killed
// past the timeout or when abandoned. test/cli/process-runner.test.ts runs one table against both.
import { spawn, type ChildProcess } from 'node:child_process';
import { LIMITS } from '../engine/limits.js';
import type { Ended, RunOptions } from './process-end.js';
import { killGroup, POSIX, trackGroup, untrackGroup } from './process-groups.js';

export function runPlain(program: string, args: readonly string[], options: RunOptions, stop?: AbortSignal): Promise<Ended> {
  return new Promise((resolve) => {
    let child: ChildProcess;
    try {
      child = spawn(program, args, {
        stdio: ['ignore', 'pipe', 'pipe'],
        // Its own process group, so a timeout can stop every process it started, not just the first.
        detached: POSIX,
        env: options.env ?? process.env,
        cwd: options.cwd,
        windowsHide: true,
      });
    } catch (error) {
      const { code, message } = error as NodeJS.ErrnoException;
      resolve({ stdout: '', stderr: '', timedOut: false, isMaxBuffer: false, code, shortMessage: message });
      return;
    }
    watch(child, options, resolve, stop);
  });
}

/** Collects the child's output within the cap and resolves once, when it has ended or could not start. */
function watch(child: ChildProcess, options: RunOptions, resolve: (ended: Ended) => void, stop?: AbortSignal): void {
  const maxBuffer = options.maxBuffer ?? LIMITS.processOutputBytes;
  const output = { stdout: '', stderr: '' };
  let timedOut = false;
  let isMaxBuffer = false;
  const pid = child.pid;
  if (pid !== undefined) trackGroup(pid);
  const stopAll = () => {
    if (pid !== undefined) killGroup(pid);
    else child.kill('SIGKILL');
    // A process that left the group (setsid) may still hold the pipes open: stop reading them, or the run would wait.
    child.stdout?.destroy();
    child.stderr?.destroy();
  };
  const collect = (stream: 'stdout' | 'stderr') => (text: string) => {
    if (isMaxBuffer) return;
    const room = maxBuffer - output[stream].length;
    output[stream] += text.length > room ? text.slice(0, room) : text;
    if (text.length > room) {
      isMaxBuffer = true;
      stopAll();
    }
  };
  child.stdout?.setEncoding('utf8').on('data', collect('stdout'));
  child.stderr?.setEncoding('utf8').on('data', collect('stderr'));
  const timer = setTimeout(() => {
    timedOut = true;
    stopAll();
  }, options.timeoutMs);
  stop?.addEventListener('abort', stopAll, { once: true });
  let settled = false;
  const settle = (ended: Omit<Ended, 'stdout' | 'stderr' | 'timedOut' | 'isMaxBuffer'>) => {
    if (settled) return;
    settled = true;
    clearTimeout(timer);
    stop?.removeEventListener('abort', stopAll);
    if (pid !== undefined) untrackGroup(pid);
    const [stdout, stderr] = [stripFinalNewline(output.stdout), stripFinalNewline(output.stderr)];
    resolve({ stdout, stderr, timedOut, isMaxBuffer, ...ended });
  };
  // A start that failed (ENOENT, EACCES, a missing cwd) has no pid and may never close; any other error is followed
  // by 'close'.
  child.once('error', (error: NodeJS.ErrnoException) => {
    if (child.pid === undefined) settle({ code: error.code, shortMessage: error.message });
  });
  child.once('close', (code, signal) => settle({ exitCode: code ?? undefined, signal: signal ?? undefined }));
}

/** One final "\n" or "\r\n" goes, as execa's stripFinalNewline does. */
function stripFinalNewline(text: string): string {
  if (!text.endsWith('\n')) return text;
  return text.slice(0, text.endsWith('\r\n') ? -2 : -1);
}
