// Runs real checks through the real engine and probes, with an environment the test controls.
import type { Check } from '../../checks/define.js';
import type { CheckResult } from '../../src/engine/model.js';
import { defaultOptions, type Options } from '../../src/engine/options.js';
import { runChecks } from '../../src/engine/run.js';
import { createFactStore } from '../../src/probes/registry.js';
import { workerCacheDir } from './cache-dir.js';
import { bundledMatrix } from './matrix.js';

/**
 * An environment with nothing inherited: no JAVA_HOME, FLINK_HOME or venv leaks in from the machine, and the doctor's
 * caches go to this worker's temp folder (test/helpers/cache-dir.ts), not the user's. HOME is kept (pyenv's shims
 * need it); a test about the default cache location passes FLINK_DOCTOR_CACHE_DIR: undefined and a HOME of its own.
 */
export function isolatedEnv(extra: Record<string, string | undefined> = {}): Record<string, string | undefined> {
  return { PATH: '/nonexistent-flink-doctor-path', HOME: process.env.HOME, FLINK_DOCTOR_CACHE_DIR: workerCacheDir(), ...extra };
}

export async function runCheck(check: Check, options: Partial<Options> = {}): Promise<CheckResult> {
  const results = await runCheckList([check], options);
  return results[0] as CheckResult;
}

export async function runCheckList(checks: Check[], options: Partial<Options> = {}): Promise<CheckResult[]> {
  const matrix = bundledMatrix();
  const opts = defaultOptions({ env: isolatedEnv(), ...options });
  const store = createFactStore(opts, matrix);
  return runChecks(checks, [], store, { matrix, strict: opts.strict });
}
