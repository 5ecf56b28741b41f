// The command line as CI uses it: flags, exit codes, and a JSON report that matches its published schema.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { FLAGS } from '../../src/cli/flags.js';
import type { Report } from '../../src/engine/model.js';
import { BUNDLE, runBundle, runCli } from '../helpers/cli.js';
import { JAVA8_OUTPUT, fakeJavaHome, jdk17 } from '../helpers/java.js';
import { isolatedEnv } from '../helpers/run-check.js';
import { existsSync } from 'node:fs';
import { spawn } from 'node:child_process';

const root = join(import.meta.dirname, '..', '..');
const reportSchema = JSON.parse(readFileSync(join(root, 'schemas', 'report.schema.json'), 'utf8'));
const validateReport = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true }).compile(reportSchema);

function parseReport(stdout: string): Report {
  const report: unknown = JSON.parse(stdout);
  if (!validateReport(report)) throw new Error(`report does not match schema: ${JSON.stringify(validateReport.errors)}`);
  return report as Report;
}

describe('exit code 2: the doctor cannot run', () => {
  it.each([
    [['--bogus'], 'flink-doctor: unknown flag --bogus (see --help)'],
    [['--flink-version'], 'flink-doctor: --flink-version needs a value'],
    [['--flink-version', 'banana'], "flink-doctor: --flink-version 'banana' is not a Flink version (expected e.g. 2.2 or 2.2.1)"],
    [['--flink-version', '3.7'], 'flink-doctor: --flink-version 3.7: flink-doctor knows Flink 1.15 to 2.3'],
    [['--only', 'nope.check'], "flink-doctor: unknown check 'nope.check'"],
    [['stray'], "flink-doctor: unexpected argument 'stray' (see --help)"],
    [['--python', ''], 'flink-doctor: --python needs a non-empty value'],
    [
      ['--flink-version', '2.2.99'],
      'flink-doctor: --flink-version 2.2.99: flink-doctor knows Flink 2.2 releases 2.2.0, 2.2.1 (pass 2.2 to target the line)',
    ],
    [['--only', ''], 'flink-doctor: --only needs at least one check id (see --list-checks)'],
    [['--conf-dir', '/nonexistent/flink/conf'], 'flink-doctor: --conf-dir /nonexistent/flink/conf: no such directory'],
    [['--conf-dir', '/etc/hostname'], 'flink-doctor: --conf-dir /etc/hostname: not a directory'],
    [['--job', '/nonexistent/job.py'], 'flink-doctor: --job /nonexistent/job.py: no such file'],
    [['--skip', ' , '], 'flink-doctor: --skip needs at least one check id (see --list-checks)'],
  ])('%j → one line on stderr, nothing on stdout', async (argv, message) => {
    const run = await runCli(argv);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr.startsWith(message)).toBe(true);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
  });
});

describe('--json', () => {
  it('prints exactly one JSON document that matches schemas/report.schema.json', async () => {
    const run = await runCli(['--json', '--flink-version', '2.2', '--java-home', jdk17()]);
    const report = parseReport(run.stdout);
    expect(report.schemaVersion).toBe(1);
    expect(report.tool.name).toBe('flink-doctor');
    expect(report.target).toEqual({ flinkVersion: '2.2', source: 'flag' });
    const java = report.checks.find((c) => c.id === 'java.runtime');
    expect(java?.status).toBe('ok');
    const counted = report.checks.reduce((acc: Record<string, number>, c) => ({ ...acc, [c.status]: (acc[c.status] ?? 0) + 1 }), {});
    expect(report.summary).toEqual({ ok: 0, warning: 0, error: 0, skipped: 0, ...counted });
    expect(run.code).toBe(report.summary.error > 0 ? 1 : 0);
  });

  it('--only and --skip select checks; skipped ones say why', async () => {
    const only = parseReport((await runCli(['--json', '--flink-version', '2.2', '--java-home', jdk17(), '--only', 'java.runtime'])).stdout);
    expect(only.checks.map((c) => c.id)).toEqual(['java.runtime']);
    const skip = parseReport(
      (await runCli(['--json', '--flink-version', '2.2', '--java-home', jdk17(), '--only', 'java.runtime,flink.home', '--skip', 'java']))
        .stdout,
    );
    expect(skip.checks.find((c) => c.id === 'java.runtime')).toMatchObject({ status: 'skipped', summary: 'skipped by --skip' });
    // A skipped check keeps its place in the report (registry order), so groups stay together.
    expect(skip.checks.map((c) => c.id)).toEqual(['java.runtime', 'flink.home']);
  });
});

describe('exit codes 0 and 1, --strict', () => {
  it('0 when all is well, 1 on an error', async () => {
    expect((await runCli(['--only', 'java.runtime', '--flink-version', '2.2', '--java-home', jdk17()])).code).toBe(0);
    const broken = await runCli(['--only', 'java.runtime', '--flink-version', '2.2', '--java-home', '/nonexistent']);
    expect(broken.code).toBe(1);
    expect(broken.stdout).toContain('✗ java.runtime');
    expect(broken.stdout).toContain('→ fix: Install a JDK 17');
  });

  it('a warning exits 0, or 1 under --strict', async () => {
    const java8 = await fakeJavaHome(`echo '${JAVA8_OUTPUT}' >&2`);
    const args = ['--only', 'java.runtime', '--flink-version', '1.20', '--java-home', java8];
    const relaxed = await runCli(args);
    expect(relaxed.stdout).toContain('! java.runtime');
    expect(relaxed.code).toBe(0);
    expect((await runCli([...args, '--strict'])).code).toBe(1);
  });
});

describe('human output', () => {
  it('is plain when piped, and --verbose adds facts and timings', async () => {
    const run = await runCli(['--only', 'java.runtime', '--flink-version', '2.2', '--java-home', jdk17(), '--verbose']);
    expect(run.stdout).not.toMatch(/\u001b\[/);
    expect(run.stdout).toMatch(/· readFrom: java -XshowSettings:properties -version/);
    expect(run.stdout).toMatch(
      /source: https:\/\/github\.com\/flink-ci\/flink-mirror\/blob\/[0-9a-f]+\/docs\/content\/docs\/deployment\/java_compatibility\.md/,
    );
    expect(run.stdout).toMatch(/probes: .*java \d+ ms/);
    expect(run.stdout).toMatch(/1 ok, 0 warnings, 0 errors, 0 skipped in \d+ ms/);
  });

  it('--help lists every flag; --version prints the version', async () => {
    const help = await runCli(['--help']);
    for (const flag of FLAGS) expect(help.stdout).toContain(`--${flag.name}`);
    const version = await runCli(['--version']);
    expect(version.stdout.trim()).toBe(JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version);
  });

  it('--list-checks names every check and what it reads', async () => {
    const run = await runCli(['--list-checks', '--json']);
    const checks = JSON.parse(run.stdout);
    expect(checks.map((c: { id: string }) => c.id)).toContain('java.runtime');
    for (const check of checks) expect(check.reads.length).toBeGreaterThan(0);
  });

  it('--list-checks as text shows what each check decides, without the Markdown code quotes', async () => {
    const run = await runCli(['--list-checks']);
    expect(run.stdout).toContain('No thin flink-connector-X where PyFlink needs the flink-sql-connector-X fat JAR, and no JAR without');
    expect(run.stdout).not.toContain('`');
  });
});

describe('the built bundle', () => {
  it('exits with its own code and no stack trace when the reader closes the pipe early (| head)', async () => {
    if (!existsSync(BUNDLE)) throw new Error(`${BUNDLE} is missing: run \`npm run build\` before the tests (npm test does)`);
    const child = spawn(
      process.execPath,
      [BUNDLE, '--verbose', '--only', 'java.runtime', '--flink-version', '2.2', '--java-home', '/nonexistent'],
      {
        env: isolatedEnv() as NodeJS.ProcessEnv,
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    child.stdout.destroy();
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(stderr).toBe('');
    expect(code).toBe(1);
  });

  it('runs as a real process with the same contract', async () => {
    if (!existsSync(BUNDLE)) throw new Error(`${BUNDLE} is missing: run \`npm run build\` before the tests (npm test does)`);
    const run = await runBundle(['--json', '--only', 'java.runtime', '--flink-version', '2.2'], isolatedEnv({ JAVA_HOME: jdk17() }));
    expect(run.code).toBe(0);
    expect(parseReport(run.stdout).checks[0]?.status).toBe('ok');
    expect(run.stderr).toBe('');
    const bad = await runBundle(['--flink-version', 'x']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).not.toMatch(/at .*\.m?js:\d+/);
  });
});
