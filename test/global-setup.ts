// Once per test run (vitest globalSetup): the bundle the CLI tests spawn (dist/flink-doctor.mjs, dist/cli/) is
// built by scripts/build.mjs, as `npm run build` builds it, when it is missing or older than what it is built from.
// `npm test` builds just before vitest, so there this costs one stat per source file; a bare `npx vitest run`
// after an edit gets a fresh bundle instead of testing a stale one. Built here, once, rather than by a test
// file while other files run the bundle. It also makes the run's cache folders (cacheFolderOfTheRun). With FLINK_DOCTOR_TEST_COST set, it also prints each file's CPU at the end
// (test/helpers/file-cost.ts).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TEST_CACHE_ROOT } from './helpers/cache-dir.js';
import { fileCostReport } from './helpers/file-cost.js';

const root = join(import.meta.dirname, '..');
const INPUTS = ['src', 'checks', 'data', 'schemas', 'compat-matrix.json', 'package.json', 'scripts/build.mjs'];
const OUTPUTS = ['dist/flink-doctor.mjs', 'dist/cli/flink-doctor.mjs'];
// Written by the build itself (and by `npm run typecheck`): derived from schemas/, which is an input.
const GENERATED = join(root, 'src', 'knowledge', 'matrix-validator.generated.ts');

function newestMtime(path: string): number {
  if (path === GENERATED) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(0, ...readdirSync(path).map((name) => newestMtime(join(path, name))));
}

export default function setup(): () => void {
  buildWhenStale();
  const removeCaches = cacheFolderOfTheRun();
  const report = fileCostReport();
  return () => {
    removeCaches();
    report?.();
  };
}

/**
 * The doctor's cache folders for this run, in a temp folder rather than the user's ~/.cache/flink-doctor (a test
 * would otherwise read answers a previous run, or another checkout, left there). Set in process.env before vitest
 * forks its workers, so they inherit it: FLINK_DOCTOR_CACHE_DIR for whatever passes process.env on (a spawned
 * shell, `...process.env`), and the root that isolatedEnv() makes one folder per worker in (test/helpers/cache-dir.ts).
 */
function cacheFolderOfTheRun(): () => void {
  const root = mkdtempSync(join(tmpdir(), 'flink-doctor-test-caches-'));
  process.env[TEST_CACHE_ROOT] = root;
  process.env.FLINK_DOCTOR_CACHE_DIR = join(root, 'inherited');
  return () => rmSync(root, { recursive: true, force: true });
}

function buildWhenStale(): void {
  const outputs = OUTPUTS.map((file) => join(root, file));
  const built = outputs.every((file) => existsSync(file)) ? Math.min(...outputs.map((file) => statSync(file).mtimeMs)) : 0;
  const newestInput = Math.max(...INPUTS.map((input) => newestMtime(join(root, input))));
  if (built > newestInput) return;
  execFileSync(process.execPath, [join(root, 'scripts', 'build.mjs')], { cwd: root, stdio: 'inherit', timeout: 180_000 });
}
