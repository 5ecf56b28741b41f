// What a run loads: the code-split build (dist/cli, what bin/flink-doctor.js runs) reads a library's chunk only
// when the run needs it. The libraries are named by the `// node_modules/NAME/` comments esbuild writes into
// each chunk; the loaded chunks are recorded by a module hook (test/helpers/record-loads.mjs).
import { execFile } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { pyenvPython } from '../helpers/python-env.js';
import { isolatedEnv } from '../helpers/run-check.js';
import { tempDir, writeFileDeep } from '../helpers/tmp.js';

const root = join(import.meta.dirname, '..', '..');
const LAZY = ['yaml', '@lezer/python', 'fast-xml-parser', 'undici', 'yauzl', 'tar', 'ora', 'shell-quote'];

/** What the last run printed (its JSON report, for the runs that ask for one). */
let lastStdout = '';

/** The npm packages whose code the run loaded, from the chunks of dist/cli it read. */
async function librariesLoaded(
  argv: string[],
  files: Record<string, string> = {},
  dir?: string,
  extraEnv: Record<string, string> = {},
): Promise<Set<string>> {
  dir ??= await tempDir('lazy-load-');
  for (const [name, text] of Object.entries(files)) await writeFileDeep(join(dir, name), text);
  const log = join(dir, 'loads.txt');
  rmSync(log, { force: true }); // a directory used for a second run: only this run's loads
  const preload = pathToFileURL(join(import.meta.dirname, '..', 'helpers', 'record-loads.mjs')).href;
  const env = { ...isolatedEnv({ FLINK_DOCTOR_CACHE_DIR: join(dir, 'cache'), ...extraEnv }), FLINK_DOCTOR_LOADS_FILE: log };
  const stdout = await new Promise<string>((resolve) =>
    execFile(
      process.execPath,
      ['--import', preload, join(root, 'bin', 'flink-doctor.js'), ...argv],
      { env, cwd: dir, timeout: 60_000 },
      (_error, out) => resolve(out),
    ),
  );
  lastStdout = stdout;
  const chunks = readFileSync(log, 'utf8')
    .split('\n')
    .filter((url) => url.startsWith('file:') && url.includes('/dist/cli/'));
  if (chunks.length === 0) throw new Error('no chunk of dist/cli was recorded: run `npm run build` first');
  const names = chunks.flatMap((url) =>
    [...readFileSync(fileURLToPath(url), 'utf8').matchAll(/^\/\/ node_modules\/((?:@[^/]+\/)?[^/]+)\//gm)].map((m) => m[1] as string),
  );
  return new Set(names);
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
