// The process runner of every run a probe starts itself (src/probes/process.ts loads this module when the first such
// run comes; a run whose processes were all started early, or answered from the Java answer cache, never loads execa).
import { execa } from 'execa';
import { LIMITS } from '../engine/limits.js';
import type { Ended, RunOptions } from './process-end.js';
import { killGroup, POSIX, trackGroup, untrackGroup } from './process-groups.js';

/**
 * Starts the program in its own process group and waits for it; past the timeout, or when `stop` aborts (an early
 * run no probe adopted), the whole group is killed.
 */
export async function runWithExeca(program: string, args: readonly string[], options: RunOptions, stop?: AbortSignal): Promise<Ended> {
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
  if (pid !== undefined) untrackGroup(pid);
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
