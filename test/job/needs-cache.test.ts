// The per-user cache of what the --job files need: a hit gives the very needs a read gives and runs no reader; an
// entry is used only for the same build, the same texts and the same SQL files read at run time; a corrupt or
// foreign entry costs a read, never a verdict. To prove which path a read took, some tests count the reader's calls
// or plant a lie in an entry (a connector the job does not name): a read that reports it used the entry.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { defaultOptions } from '../../src/engine/options.js';
import type { Facts, JobFact, JobNeeds } from '../../src/facts/index.js';
import { JobNeedsCache, parseEntry } from '../../src/job/needs-cache.js';
import { readJobFiles, type ReadJobOptions } from '../../src/job/read-job.js';
import { loadMatrix } from '../../src/knowledge/load-matrix.js';
import type { ProbeContext } from '../../src/probes/context.js';
import { probeShipping } from '../../src/probes/shipping.js';
import { readTextFile } from '../../src/util/read-file.js';
import { runCli } from '../helpers/cli.js';
import { isolatedEnv } from '../helpers/run-check.js';
import { tempDir, writeFileDeep } from '../helpers/tmp.js';

/** Shaped like test/job/corpus/sql_read_file.py: a Kafka DDL in the job, a JDBC sink in an SQL file it opens. */
const JOB = `from pyflink.table import EnvironmentSettings, TableEnvironment

t_env = TableEnvironment.create(EnvironmentSettings.in_streaming_mode())
t_env.execute_sql("CREATE TABLE src (a INT) WITH ('connector' = 'kafka', 'format' = 'json')")
with open("sink.sql") as ddl:
    t_env.execute_sql(ddl.read())
`;
const SINK = "CREATE TABLE sink (a INT) WITH ('connector' = 'jdbc', 'url' = 'jdbc:postgresql://db/x');\n";

let dir: string;
let folder: string;
let job: string;
let options: ReadJobOptions;
beforeEach(async () => {
  dir = await tempDir('job-cache-');
  folder = join(dir, 'cache', 'job');
  job = await writeFileDeep(join(dir, 'job.py'), JOB);
  await writeFileDeep(join(dir, 'sink.sql'), SINK);
  options = { files: [job], cwd: dir, readText: readTextFile };
});

/** Reads through `cache` with the real reader, counting the reader's calls; waits for the entry to be written. */
async function read(cache = new JobNeedsCache(folder)): Promise<{ needs: JobNeeds; fresh: number }> {
  let fresh = 0;
  const needs = await cache.read(options, (o) => {
    fresh += 1;
    return readJobFiles(o);
  });
  await cache.flush();
  return { needs, fresh };
}

const identifiers = (needs: JobNeeds) => needs.identifiers.map((n) => `${n.role}:${n.identifier}`).sort();
const entries = () => readdirSync(folder).filter((name) => name.endsWith('.json'));

/** Rewrites the one entry: `change` edits its parsed JSON. */
function editEntry(change: (entry: { needs: JobNeeds; digests: string[] }) => void): void {
  const path = join(folder, entries()[0] as string);
  const entry = JSON.parse(readFileSync(path, 'utf8')) as { needs: JobNeeds; digests: string[] };
  change(entry);
  writeFileSync(path, JSON.stringify(entry));
}

/** Puts a connector the job does not name into the entry: a read that reports it took the entry. */
const plant = () => editEntry((entry) => entry.needs.identifiers.push({ ...entry.needs.identifiers[0]!, identifier: 'planted' }));

describe('job needs cache', () => {
  it('a second read of the same job gives the same needs without running the reader', async () => {
    const first = await read();
    expect(first.fresh).toBe(1);
    expect(identifiers(first.needs)).toEqual(['connector:jdbc', 'connector:kafka', 'format:json']);
    expect(first.needs).toEqual(await readJobFiles(options));
    const second = await read();
    expect(second.fresh).toBe(0);
    expect(second.needs).toEqual(first.needs);
    plant();
    expect(identifiers((await read()).needs)).toContain('connector:planted');
  });

  it('a changed job text is read again (one entry per job: the new text replaces the old)', async () => {
    await read();
    plant();
    writeFileSync(job, JOB.replace("'kafka'", "'kinesis'"));
    const changed = await read();
    expect(changed.fresh).toBe(1);
    expect(identifiers(changed.needs)).toEqual(['connector:jdbc', 'connector:kinesis', 'format:json']);
    expect(entries()).toHaveLength(1);
  });

  it('a changed, removed or newly present SQL file the job opens is read again', async () => {
    await read();
    writeFileSync(join(dir, 'sink.sql'), SINK.replace("'jdbc'", "'print'"));
    expect(identifiers((await read()).needs)).toContain('connector:print');
    rmSync(join(dir, 'sink.sql'));
    const missing = await read();
    expect(missing.fresh).toBe(1);
    expect(missing.needs.unresolved.map((u) => u.what)).toEqual(['sql-file']);
    expect((await read()).fresh).toBe(0);
    await writeFileDeep(join(dir, 'sink.sql'), SINK);
    const back = await read();
    expect(back.fresh).toBe(1);
    expect(identifiers(back.needs)).toContain('connector:jdbc');
  });

  it("another build's entry is not used", async () => {
    await read(new JobNeedsCache(folder, { version: '0.1.0@1' }));
    plant();
    const other = await read(new JobNeedsCache(folder, { version: '0.1.0@2' }));
    expect(other.fresh).toBe(1);
    expect(identifiers(other.needs)).not.toContain('connector:planted');
  });

  it('another working directory or file list is another entry', async () => {
    await read();
    plant();
    options = { ...options, cwd: join(dir, 'cache') };
    expect((await read()).fresh).toBe(1);
    options = { ...options, files: [job, job] };
    expect((await read()).fresh).toBe(1);
  });

  it.each([
    ['not JSON', () => '{"key": '],
    ['an entry of another shape', () => JSON.stringify({ key: 'x', needs: {} })],
    ['an empty file', () => ''],
  ])('a corrupt entry (%s) is a miss, then replaced', async (_name, corrupt) => {
    await read();
    writeFileSync(join(folder, entries()[0] as string), corrupt());
    const again = await read();
    expect(again.fresh).toBe(1);
    expect(identifiers(again.needs)).toEqual(['connector:jdbc', 'connector:kafka', 'format:json']);
    expect((await read()).fresh).toBe(0);
  });

  it("an entry whose texts' digests differ from the job's is a miss, even under the right key", async () => {
    await read();
    editEntry((entry) => (entry.digests = [createHash('sha256').update(JOB.replace('kafka', 'planted')).digest('hex')]));
    expect((await read()).fresh).toBe(1);
  });

  it("keeps no job text: only each text's SHA-256 (a job may hold a password)", async () => {
    await read();
    const stored = readFileSync(join(folder, entries()[0] as string), 'utf8');
    expect(stored).not.toContain("WITH ('connector' = 'kafka'"); // the job's DDL
    expect(stored).not.toContain('jdbc:postgresql://db/x'); // the SQL file it opens
    expect(JSON.parse(stored).digests).toEqual([createHash('sha256').update(JOB).digest('hex')]);
  });

  it("keeps every corpus job's needs losslessly (plain JSON data: no undefined field, Map or class that a round trip changes)", async () => {
    const corpus = join(import.meta.dirname, 'corpus');
    const jobs = readdirSync(corpus).filter((name) => /\.(py|sql)$/.test(name));
    expect(jobs.length).toBeGreaterThan(40);
    for (const name of jobs) {
      const needs = await readJobFiles({ files: [join(corpus, name)], cwd: corpus, readText: readTextFile });
      expect(JSON.parse(JSON.stringify(needs)), name).toStrictEqual(needs);
    }
  });

  describe('stamps (size, mtime, ctime, inode, device) before digests', () => {
    /** A clock 10 s ahead: the files just written count as settled, so they have stamps. */
    const later = () => Date.now() + 10_000;
    /** Reads through a cache on `clock`, counting the files read (a digest needs the text). */
    async function readCounting(clock?: () => number): Promise<{ needs: JobNeeds; fresh: number; texts: number }> {
      let texts = 0;
      const counting: ReadJobOptions = { ...options, readText: (path) => ((texts += 1), readTextFile(path)) };
      const cache = new JobNeedsCache(folder, clock ? { clock } : {});
      let fresh = 0;
      const needs = await cache.read(counting, (o) => ((fresh += 1), readJobFiles(o)));
      await cache.flush();
      return { needs, fresh, texts };
    }

    it('every stamp unchanged: the entry is used without reading a file (no digest, so no node:crypto)', async () => {
      const first = await readCounting(later);
      expect([first.fresh, first.texts]).toEqual([1, 2]); // the job and the SQL file it opens
      const next = await readCounting(later);
      expect([next.fresh, next.texts]).toEqual([0, 0]);
      expect(next.needs).toEqual(first.needs);
    });

    it('files changed in the last 2 s have no stamp: their digests decide (a rewrite within one tick would look unchanged)', async () => {
      await readCounting();
      const next = await readCounting();
      expect([next.fresh, next.texts]).toEqual([0, 2]);
    });

    it('a touched job (same text, new stamp) is confirmed by its digest and kept with the new stamp', async () => {
      await readCounting(later);
      utimesSync(job, new Date(), new Date(Date.now() - 60_000));
      const touched = await readCounting(later);
      expect([touched.fresh, touched.texts]).toEqual([0, 2]);
      expect([(await readCounting(later)).texts]).toEqual([0]);
    });

    it('a changed job or SQL file changes its stamp: read again', async () => {
      await readCounting(later);
      writeFileSync(join(dir, 'sink.sql'), SINK.replace("'jdbc'", "'print'"));
      const sql = await readCounting(later);
      expect(sql.fresh).toBe(1);
      expect(identifiers(sql.needs)).toContain('connector:print');
      writeFileSync(job, JOB.replace("'kafka'", "'kinesis'"));
      expect(identifiers((await readCounting(later)).needs)).toContain('connector:kinesis');
    });
  });

  it('parseEntry takes only an entry for exactly the key, with every list of the needs', () => {
    const needs = { files: [], identifiers: [], apis: [], drivers: [], jars: [], settings: [], unresolved: [], problems: [] };
    const entry = {
      key: 'k',
      digests: ['d'],
      stamps: ['1:2:3:4:5'],
      dependencies: [{ path: '/a.sql', digest: null, stamp: 'missing' }],
      needs,
    };
    expect(parseEntry(JSON.stringify(entry), 'k')).toEqual(entry);
    expect(parseEntry(JSON.stringify(entry), 'k2')).toBeUndefined();
    expect(parseEntry(JSON.stringify({ ...entry, needs: { ...needs, apis: 'x' } }), 'k')).toBeUndefined();
    expect(parseEntry(JSON.stringify({ ...entry, dependencies: [{ path: '/a.sql' }] }), 'k')).toBeUndefined();
    expect(parseEntry(JSON.stringify({ ...entry, digests: [1] }), 'k')).toBeUndefined();
    expect(parseEntry(JSON.stringify({ ...entry, stamps: undefined }), 'k')).toBeUndefined();
    expect(parseEntry(JSON.stringify({ ...entry, dependencies: [{ path: '/a.sql', digest: null }] }), 'k')).toBeUndefined();
    expect(parseEntry('null', 'k')).toBeUndefined();
  });

  it('a job file that cannot be read is not cached: the reader reports it', async () => {
    options = { ...options, files: [join(dir, 'absent.py')] };
    const absent = await read();
    expect(absent.fresh).toBe(1);
    expect(absent.needs.problems[0]).toContain('cannot read');
    expect(() => readdirSync(folder)).toThrow();
  });

  it('an entry past the size bound is not written: the job is read afresh each run', async () => {
    const small = new JobNeedsCache(folder, { maxBytes: 1_000 });
    expect(identifiers((await read(small)).needs)).toEqual(['connector:jdbc', 'connector:kafka', 'format:json']);
    expect((await read(small)).fresh).toBe(1);
    expect(() => readdirSync(folder)).toThrow();
  });

  it('an unwritable cache folder costs the cache only', async () => {
    await writeFileDeep(join(dir, 'cache'), 'a file where the folder would be');
    const first = await read();
    expect(identifiers(first.needs)).toEqual(['connector:jdbc', 'connector:kafka', 'format:json']);
    expect((await read()).fresh).toBe(1);
  });
});

describe('--job through the CLI', () => {
  const ONLY = 'job.connectors,config.pipeline-jars,jars.readable,jars.thin,python.worker,python.files';

  /** The report without its timings (the only part two runs may differ in). */
  const report = (stdout: string) => JSON.stringify(JSON.parse(stdout), (key, value: unknown) => (key === 'durationMs' ? 0 : value));

  /** The CLI writes its entry in the background: waits (up to 5 s) for it to appear. */
  async function waitForEntry(): Promise<void> {
    for (let i = 0; i < 500 && !(existsSync(folder) && entries().length > 0); i += 1)
      await new Promise((resolve) => setTimeout(resolve, 10));
  }

  it('the JSON report and the human output are the same read fresh, on a miss, on a hit and with --no-cache', async () => {
    const env = isolatedEnv({ FLINK_DOCTOR_CACHE_DIR: join(dir, 'cache') });
    const run = (...extra: string[]) =>
      runCli(['--flink-version', '2.2', '--offline', '--no-color', '--only', ONLY, '--job', job, ...extra], env, dir);
    const plain = { json: report((await run('--no-cache', '--json')).stdout), human: (await run('--no-cache')).stdout };
    expect(() => readdirSync(folder), '--no-cache keeps nothing').toThrow();
    expect(plain.json).toContain("connector 'kafka'");

    const miss = await run('--json');
    expect(report(miss.stdout)).toBe(plain.json);
    await waitForEntry();
    expect(entries()).toHaveLength(1);
    expect(report((await run('--json')).stdout)).toBe(plain.json);
    expect((await run()).stdout).toBe(plain.human);

    // The hits above took the entry: a lie planted in it shows; --no-cache does not read it.
    plant();
    expect((await run()).stdout).toContain("'planted'");
    expect((await run('--no-cache')).stdout).toBe(plain.human);
  });
});

describe('the modules a job imports', () => {
  /** The shipping probe's local imports for `job`, given the job fact and an empty Flink config. */
  async function localImports(job: JobFact): Promise<string[]> {
    const facts = { job, flinkConfig: { values: {} } } as unknown as Facts;
    const get = (<K extends keyof Facts>(key: K) => Promise.resolve(facts[key])) as ProbeContext['get'];
    const shipping = await probeShipping({ options: defaultOptions({ cwd: dir, job: job.files }), matrix: loadMatrix(), get });
    return shipping.files.localImports.map((i) => `${i.module}@${i.line}`);
  }

  it('are read with the needs (and cached with them); the shipping probe takes them from the job fact, else reads the file', async () => {
    await writeFileDeep(join(dir, 'helpers.py'), 'def clean(x): return x\n');
    await writeFileDeep(join(dir, 'udfs', '__init__.py'), '');
    writeFileSync(job, `from helpers import clean\nimport udfs.text as text\n${JOB}`);
    const { needs } = await read();
    expect(needs.imports?.map((i) => `${i.module}@${i.line}`)).toEqual(['helpers@1', 'udfs@2', 'pyflink@3']);
    expect((await read()).needs).toEqual(needs);
    expect(await localImports({ files: [job], needs })).toEqual(['helpers@1', 'udfs@2']);
    // The fact, not the file, is what the probe reads: an import only the fact names shows; without the list, the file is read.
    expect(await localImports({ files: [job], needs: { ...needs, imports: [{ file: job, module: 'helpers', line: 9 }] } })).toEqual([
      'helpers@9',
    ]);
    const { imports: _imports, ...older } = needs;
    expect(await localImports({ files: [job], needs: older })).toEqual(['helpers@1', 'udfs@2']);
  });
});
