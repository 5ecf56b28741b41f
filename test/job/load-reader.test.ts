// The reader loaded for a job whose needs are not cached (src/job/load-reader.ts): with Node's compile cache on
// (the CLI turns it on; Node 22.8+ says so), compiled whole, so the cache keeps all of it. V8's code cache carries
// the flags it was made with: these tests run the built CLI three times on new jobs with one cache folder and check
// that the second and third runs reject and rewrite no entry (the reader's made under --no-lazy is read under it, and
// no other module's is made under it), and that the needs found are those of a run without the compile cache.
import { copyFile, readdir, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadReader } from '../../src/job/load-reader.js';
import { runInstalled } from '../helpers/cli.js';
import { pyenvPython } from '../helpers/python-env.js';
import { tempDir } from '../helpers/tmp.js';

const CORPUS = join(import.meta.dirname, 'corpus');
const ARGS = ['--only', 'job.connectors', '--flink-version', '2.2', '--offline', '--no-color', '--json'];
const [major = 0, minor = 0] = process.versions.node.split('.').map(Number);
const nodeHasCacheDir = major > 22 || (major === 22 && minor >= 8);

/** The report's checks without their durations. */
function verdicts(stdout: string): unknown[] {
  const report = JSON.parse(stdout) as { checks: { durationMs?: number }[] };
  return report.checks.map(({ durationMs: _, ...check }) => check);
}

/** Each compile cache entry's name with its inode and size: an entry Node rejects is written anew (a new inode). */
async function entries(dir: string): Promise<Map<string, string>> {
  const found = new Map<string, string>();
  for (const name of await readdir(dir, { recursive: true })) {
    const info = await stat(join(dir, name));
    if (info.isFile()) found.set(name, `${info.ino}:${info.size}`);
  }
  return found;
}

describe(`the job reader's loading on Node ${process.version}`, () => {
  it('gives the reader module, whether the compile cache is on in this process or not', async () => {
    expect(await loadReader()).toBe(await import('../../src/job/read-job.js'));
  });

  it(
    nodeHasCacheDir
      ? 'with the compile cache: a later run on a new job rejects no entry, and finds the needs a run without the cache finds'
      : 'this Node cannot tell whether the compile cache is on (22.8+): the reader loads as is, the needs are the same',
    async () => {
      const home = await tempDir('load-reader-');
      // A real interpreter's folder first on PATH: the CLI's python3 on this machine's PATH is often a pyenv shim, a bash
      // script that starts some 40 programs before Python (most of this test's CPU, and nothing it is about).
      const path = `${dirname(pyenvPython('3.11.7'))}:${process.env.PATH ?? ''}`;
      const env = { PATH: path, HOME: home, XDG_CACHE_HOME: join(home, 'cache') };
      const jobs = await Promise.all(
        [1, 2, 3].map(async (k) => {
          const job = join(home, `job_${k}.py`);
          await copyFile(join(CORPUS, 'sql_ddl_kafka.py'), job);
          return job;
        }),
      );
      const first = await runInstalled([...ARGS, '--job', jobs[0] as string], env);
      expect(first).toMatchObject({ code: 1, stderr: '' });
      const folder = join(home, 'cache', 'flink-doctor', 'compile-cache');
      const written = nodeHasCacheDir ? await entries(folder) : new Map();
      for (const job of jobs.slice(1)) {
        const run = await runInstalled([...ARGS, '--job', job], env);
        const plain = await runInstalled([...ARGS, '--job', job], {
          ...env,
          NODE_DISABLE_COMPILE_CACHE: '1',
          XDG_CACHE_HOME: join(home, 'other'),
        });
        expect(run).toMatchObject({ code: 1, stderr: '' });
        expect(verdicts(run.stdout)).toEqual(verdicts(plain.stdout));
        if (nodeHasCacheDir) expect(await entries(folder)).toEqual(written);
      }
    },
    120_000,
  );
});
