// What a run loads: bin/flink-doctor.js runs dist/cli/launch.mjs, which runs the engine as one script
// (dist/cli/engine-<hash>.cjs, src/cli/engine-loader.ts), whose libraries sit in functions that run only when a run
// first imports them, or (the large ones) stay in node_modules until required. V8's coverage (NODE_V8_COVERAGE, read by
// scripts/engine-coverage.mjs) says which files were loaded and which of the engine's modules ran, so a library counts
// as loaded when a launcher chunk holding it was loaded, code of it in the engine ran, or a file of its own in
// node_modules was loaded.
import { execFile } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { codeThatRan, modulesOf } from '../../scripts/engine-coverage.mjs';
import { pyenvPython } from '../helpers/python-env.js';
import { isolatedEnv } from '../helpers/run-check.js';
import { tempDir, writeFileDeep } from '../helpers/tmp.js';

const root = join(import.meta.dirname, '..', '..');
const LAZY = ['yaml', '@lezer/python', 'fast-xml-parser', 'undici', 'yauzl', 'tar', 'ora', 'shell-quote'];

/** What the last run printed (its JSON report, for the runs that ask for one). */
let lastStdout = '';

/** The npm packages whose code the run loaded. */
async function librariesLoaded(
  argv: string[],
  files: Record<string, string> = {},
  dir?: string,
  extraEnv: Record<string, string> = {},
): Promise<Set<string>> {
  dir ??= await tempDir('lazy-load-');
  for (const [name, text] of Object.entries(files)) await writeFileDeep(join(dir, name), text);
  const coverage = join(dir, 'coverage');
  rmSync(coverage, { recursive: true, force: true }); // a directory used for a second run: only this run's
  const env = { ...isolatedEnv({ FLINK_DOCTOR_CACHE_DIR: join(dir, 'cache'), ...extraEnv }), NODE_V8_COVERAGE: coverage };
  lastStdout = await new Promise<string>((resolve) =>
    execFile(process.execPath, [join(root, 'bin', 'flink-doctor.js'), ...argv], { env, cwd: dir, timeout: 60_000 }, (_error, out) =>
      resolve(out),
    ),
  );
  const ran = codeThatRan(coverage);
  if (!ran.engineRan) throw new Error('the engine script did not run: run `npm run build` first');
  // The launcher's modules (dist/cli/*.mjs) were loaded whole; of the engine, the modules whose code ran; and the large
  // libraries the engine leaves in node_modules (scripts/build.mjs, LAZY_LIBRARIES), loaded when required.
  const chunks = ran.files.filter((file) => file.includes('/dist/cli/') && file.endsWith('.mjs'));
  const loadedWhole = chunks.flatMap((file) => modulesOf(readFileSync(file, 'utf8')).map((module) => module.path));
  return new Set([...loadedWhole, ...ran.modules, ...ran.files].flatMap((path) => libraryOf(path) ?? []));
}

/** The npm package a bundled module's path or a loaded file belongs to. */
function libraryOf(path: string): string | undefined {
  return /(?:^|\/)node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(path)?.[1];
}

describe('libraries are loaded only by the runs that need them', () => {
  it('a run with nothing to parse loads none of YAML, the job parser, the XML parser, the HTTP client, the zip and tar readers, the spinner, the deployment readers', async () => {
    const loaded = await librariesLoaded(['--json', '--offline']);
    expect(loaded.has('semver')).toBe(true); // the recording sees what is loaded
    expect([...LAZY, 'execa'].filter((name) => loaded.has(name))).toEqual([]);
  });

  it('execa is loaded only for a process the early start did not start', async () => {
    const python = pyenvPython('3.12.1');
    const onPath = { PATH: `${dirname(python)}:/usr/bin:/bin` };
    // python on PATH: the early start runs the interpreter probe and the probe adopts it.
    const early = await librariesLoaded(['--json', '--offline'], {}, undefined, onPath);
    const client = (JSON.parse(lastStdout) as { checks: { id: string; summary: string }[] }).checks.find((c) => c.id === 'python.client');
    expect(client?.summary).toMatch(/^Python 3\.12\.1 /); // the interpreter really ran
    expect(early.has('execa')).toBe(false);
    // --python names the interpreter: no early start, so the probe starts it through execa.
    expect((await librariesLoaded(['--json', '--offline', '--python', python], {}, undefined, onPath)).has('execa')).toBe(true);
  });

  it('a Dockerfile in the working directory loads the deployment readers (shell-quote splits its RUN lines)', async () => {
    const files = { Dockerfile: 'FROM flink:2.2.0-java17\nRUN pip install apache-flink==2.2.0\n' };
    const loaded = await librariesLoaded(['--json', '--offline'], files);
    const deploy = (JSON.parse(lastStdout) as { checks: { id: string; status: string }[] }).checks.find((c) => c.id === 'deploy.version');
    expect(deploy?.status).not.toBe('skipped'); // the Dockerfile was read
    expect(loaded.has('shell-quote')).toBe(true);
  });

  it('a Flink config.yaml loads YAML, and --job loads the job parser', async () => {
    const files = {
      'conf/config.yaml': 'taskmanager:\n  numberOfTaskSlots: 2\n',
      'job.py': 'from pyflink.table import TableEnvironment\n',
    };
    const loaded = await librariesLoaded(['--json', '--offline', '--conf-dir', 'conf', '--job', 'job.py'], files);
    expect(['yaml', '@lezer/python'].filter((name) => loaded.has(name))).toEqual(['yaml', '@lezer/python']);
  });

  it('a next run with the same config.yaml takes its parse from the cache folder and loads no YAML', async () => {
    const dir = await tempDir('lazy-load-');
    const files = { 'conf/config.yaml': 'taskmanager:\n  numberOfTaskSlots: 2\n' };
    const argv = ['--json', '--offline', '--conf-dir', 'conf'];
    expect((await librariesLoaded(argv, files, dir)).has('yaml')).toBe(true);
    expect((await librariesLoaded(argv, {}, dir)).has('yaml')).toBe(false);
    await writeFileDeep(join(dir, 'conf', 'config.yaml'), 'taskmanager:\n  numberOfTaskSlots: 3\n');
    expect((await librariesLoaded(argv, {}, dir)).has('yaml')).toBe(true); // changed text: parsed again
  });
});
