// The Java probe's one process, reused when an earlier run's answer still holds (src/probes/java-answers.ts): both the
// CLI's early start and the probe go through here, so a next run on an unchanged JDK spawns no JVM at all.
import { join } from 'node:path';
import { cacheDir } from '../util/cache-dir.js';
import type { Command } from './commands.js';
import { JavaAnswerCache } from './java-answers.js';
import { runProcess, startEarly, type ProcessResult } from './process.js';

/** The user's cache of Java answers, or undefined when caches are off (--no-cache). */
export function javaAnswers(env: Record<string, string | undefined>, useCache: boolean): JavaAnswerCache | undefined {
  return useCache ? new JavaAnswerCache(join(cacheDir(env), 'java')) : undefined;
}

/** The kept answer to `command`, else a run of it (adopting an early start); a normal exit is kept for next time. */
export async function runReusing({ file, args, options }: Command, cache: JavaAnswerCache | undefined): Promise<ProcessResult> {
  const key = cache?.keyOf({ file, args, options });
  const kept = key === undefined ? undefined : cache?.get(key);
  if (kept) return kept;
  const result = await runProcess(file, args, options);
  if (key !== undefined) await cache?.put(key, result);
  return result;
}

/** Starts `command` early (src/cli/early-start.ts), unless a kept answer will be used instead. */
export function startEarlyUnlessKept({ file, args, options }: Command, cache: JavaAnswerCache | undefined): void {
  const key = cache?.keyOf({ file, args, options });
  if (key !== undefined && cache?.get(key)) return;
  startEarly(file, args, options);
}
