// --format / --output / GITHUB_ACTIONS through the real CLI: every format renders the same run, and the exit
// code (with and without --strict) does not depend on the format.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { allChecks } from '../../checks/index.js';
import { FORMATS } from '../../src/report/index.js';
import { runCli } from '../helpers/cli.js';
import { fakeFlinkHome } from '../helpers/flink-home.js';
import { jdk17 } from '../helpers/java.js';
import { isolatedEnv } from '../helpers/run-check.js';
import { tempDir } from '../helpers/tmp.js';

describe('exit codes are the same in every format', () => {
  // flink.home reaches ok, warning and error from files alone (a FLINK_HOME laid out like the tarball, or none):
  // 36 runs without starting a process. Each status's own rule is tested in test/checks/flink-home.test.ts.
  const home = () => fakeFlinkHome({ version: '2.2.1' });
  it.each([
    ['clean', async () => ({ args: ['--flink-version', '2.2.1'], flinkHome: await home() }), 0, 0],
    ['a warning', async () => ({ args: [], flinkHome: await home() }), 0, 1],
    ['an error', async () => ({ args: ['--flink-version', '2.2.1'], flinkHome: '/nonexistent/flink-2.2.1' }), 1, 1],
  ])('%s', async (_name, setup, relaxed, strict) => {
    const { args, flinkHome } = await setup();
    const base = ['--only', 'flink.home', ...args];
    const env = isolatedEnv({ FLINK_HOME: flinkHome });
    for (const format of FORMATS) {
      expect((await runCli([...base, '--format', format], env)).code, format).toBe(relaxed);
      expect((await runCli([...base, '--format', format, '--strict'], env)).code, `${format} --strict`).toBe(strict);
    }
  });
});

describe('--output', () => {
  it('writes the format to the file (creating folders) and the human summary to the terminal', async () => {
    const dir = await tempDir();
    const run = await runCli(
      [
        '--only',
        'java.runtime',
        '--flink-version',
        '2.2',
        '--java-home',
        '/nonexistent',
        '--format',
        'junit',
        '--output',
        'reports/doctor.xml',
      ],
      isolatedEnv(),
      dir,
    );
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('✗ java.runtime');
    expect(run.stdout).toContain(`junit report written to ${join(dir, 'reports', 'doctor.xml')}`);
    const xml = await readFile(join(dir, 'reports', 'doctor.xml'), 'utf8');
    expect(XMLValidator.validate(xml)).toBe(true);
    const doc = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@' }).parse(xml);
    expect(doc.testsuites.testsuite.testcase).toMatchObject({ '@name': 'java.runtime', failure: { '@type': 'error' } });
  });

  it('--json --output FILE keeps the JSON out of stdout; a file that cannot be written is exit 2', async () => {
    const dir = await tempDir();
    const args = ['--only', 'java.runtime', '--flink-version', '2.2', '--java-home', jdk17()];
    const run = await runCli([...args, '--json', '--output', 'r.json'], isolatedEnv(), dir);
    expect(run.code).toBe(0);
    expect(JSON.parse(await readFile(join(dir, 'r.json'), 'utf8')).checks[0].id).toBe('java.runtime');
    expect(run.stdout).toContain('✓ java.runtime');
    const failed = await runCli([...args, '--format', 'sarif', '--output', 'r.json/r.sarif'], isolatedEnv(), dir);
    expect(failed.code).toBe(2);
    expect(failed.stderr).toMatch(/^flink-doctor: cannot write --output .*r\.json\/r\.sarif: /);
    expect(failed.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('rejects an unknown format and --json with another format (exit 2)', async () => {
    expect((await runCli(['--format', 'yaml'])).stderr).toBe(
      "flink-doctor: unknown format 'yaml' (known: human, json, junit, sarif, markdown, github)\n",
    );
    expect((await runCli(['--json', '--format', 'sarif'])).code).toBe(2);
  });
});

describe('GITHUB_ACTIONS=true', () => {
  const args = ['--only', 'java.runtime', '--flink-version', '2.2', '--java-home', '/nonexistent'];
  it('adds ::error commands to the human output, which is printed with workflow commands suspended', async () => {
    const run = await runCli(args, isolatedEnv({ GITHUB_ACTIONS: 'true', CI: 'true' }));
    const lines = run.stdout.trimEnd().split('\n');
    const stop = /^::stop-commands::(flink-doctor-[0-9a-f-]{36})$/.exec(lines[0] ?? '');
    expect(stop).not.toBeNull();
    const resume = lines.indexOf(`::${stop?.[1]}::`);
    expect(resume).toBeGreaterThan(1);
    expect(lines.slice(1, resume).join('\n')).toContain('✗ java.runtime');
    expect(lines.slice(resume + 1)).toEqual([expect.stringMatching(/^::error title=flink-doctor java\.runtime::/)]);
  });
  it('leaves --json alone', async () => {
    const run = await runCli([...args, '--json'], isolatedEnv({ GITHUB_ACTIONS: 'true' }));
    expect(() => JSON.parse(run.stdout)).not.toThrow();
    expect(run.stdout).not.toContain('::error');
  });
});

describe('--list-checks --json', () => {
  it('describes every check with id, title, group, what it decides and what it reads', async () => {
    for (const argv of [
      ['--list-checks', '--json'],
      ['--list-checks', '--format', 'json'],
    ]) {
      const run = await runCli(argv);
      expect(run.code).toBe(0);
      const list = JSON.parse(run.stdout) as { id: string; title: string; group: string; description: string; reads: string[] }[];
      expect(list.map((c) => c.id)).toEqual(allChecks.map((c) => c.id));
      expect(list.map((c) => c.description)).toEqual(allChecks.map((c) => c.description));
      for (const check of list) {
        expect(Object.keys(check).sort()).toEqual(['description', 'group', 'id', 'reads', 'title']);
        expect(check.title.length).toBeGreaterThan(0);
        expect(check.reads.length).toBeGreaterThan(0);
      }
    }
  });
});
