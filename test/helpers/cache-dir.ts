// The doctor's cache folder in tests: one per vitest worker, under a temp folder made for the run
// (test/global-setup.ts), never the user's ~/.cache/flink-doctor. Shared by the files of one worker, so the JVM's
// answer (src/probes/reused-run.ts) for one JDK, directory and environment is asked once per worker and run, as a
// user's second run would reuse it; a test about a cache itself makes its own folder (tempDir) and says so.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The environment variable test/global-setup.ts puts the run's cache root in. */
export const TEST_CACHE_ROOT = 'FLINK_DOCTOR_TEST_CACHE_ROOT';

let own: string | undefined;

/** This worker's cache folder (FLINK_DOCTOR_CACHE_DIR for the doctor under test). */
export function workerCacheDir(): string {
  const root = process.env[TEST_CACHE_ROOT];
  if (root) return join(root, `worker-${process.env.VITEST_POOL_ID ?? process.pid}`);
  // A config without test/global-setup.ts (vitest.real.config.ts, vitest.packed.config.ts): a temp folder of this
  // process, removed when it exits.
  if (!own) {
    const dir = mkdtempSync(join(tmpdir(), 'flink-doctor-test-cache-'));
    process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
    own = dir;
  }
  return own;
}
