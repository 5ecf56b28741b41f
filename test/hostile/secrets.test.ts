// Issue 14, problem 3, through main() in-process: a password in a repository URL is never printed. A '/' left
// unencoded in the password ("http://user:pa/ss@host/repo") made the URL parser see no userinfo at all, so the
// "is not a URL" message echoed it whole: on stderr for --maven-repo, in the report for FLINK_DOCTOR_MAVEN_REPO
// (and in the --output file), in the config-file error and in the `connector` subcommand. A malformed %-escape in
// the userinfo gave "internal error: URI malformed", and in a proxy URL silently switched off jars.updates and
// jars.integrity. Every path must give a clear message without the secret.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../../src/engine/model.js';
import { runInProcess } from '../helpers/cli.js';
import { fatKafkaJar, jarDir } from '../helpers/jars.js';
import { publish, startMavenServer, type MavenServer } from '../helpers/maven-server.js';
import { isolatedEnv } from '../helpers/run-check.js';
import { tempDir, writeFileDeep } from '../helpers/tmp.js';

const SECRET = 'Pa55/w0rd';
const SLASHED = `http://deploy:${SECRET}@repo.example.invalid/maven2`;
let kafka: string;
let server: MavenServer;

beforeAll(async () => {
  kafka = await fatKafkaJar(join(await jarDir('secrets-'), 'flink-sql-connector-kafka-3.3.0-1.20.jar'));
  server = await startMavenServer();
  publish(server, 'org.apache.flink', 'flink-sql-connector-kafka', ['3.3.0-1.20', '3.4.0-1.20']);
});
afterAll(() => server.close());

async function env(extra: Record<string, string> = {}) {
  return isolatedEnv({ HOME: await tempDir('secrets-home-'), FLINK_DOCTOR_CACHE_DIR: await tempDir('secrets-cache-'), ...extra });
}

function expectNoSecret(...texts: string[]): void {
  for (const text of texts) {
    expect(text).not.toContain(SECRET);
    expect(text).not.toContain('deploy:Pa55');
    expect(text).not.toMatch(/URI malformed/);
  }
}

describe('a password with an unencoded "/"', () => {
  it('--maven-repo: exit 2, one line, no password', async () => {
    const run = await runInProcess(['--maven-repo', SLASHED, '--offline'], await env());
    expect(run.code).toBe(2);
    expect(run.stderr).toBe("flink-doctor: --maven-repo: 'http://***@repo.example.invalid/maven2' is not a URL\n");
    expectNoSecret(run.stdout, run.stderr);
  });

  it('FLINK_DOCTOR_MAVEN_REPO: a warning of the Maven checks naming the variable, in the terminal and in --output', async () => {
    const out = join(await tempDir('secrets-out-'), 'report.json');
    const run = await runInProcess(
      ['--jars', kafka, '--flink-version', '1.20', '--offline', '--only', 'jars', '--format', 'json', '--output', out],
      await env({ FLINK_DOCTOR_MAVEN_REPO: SLASHED }),
    );
    const file = await readFile(out, 'utf8');
    expectNoSecret(run.stdout, run.stderr, file);
    const checks = Object.fromEntries((JSON.parse(file) as Report).checks.map((c) => [c.id, c]));
    expect(checks['jars.updates']?.status).toBe('warning');
    expect(checks['jars.updates']?.summary).toBe(
      "FLINK_DOCTOR_MAVEN_REPO: 'http://***@repo.example.invalid/maven2' is not a URL: fix or unset it",
    );
    expect(checks['jars.integrity']?.status).toBe('warning');
    expect(checks['jars.readable']?.status).toBe('ok');
  });

  it('"mavenRepo" in the config file: the error names the file and the key, not the password', async () => {
    const dir = await tempDir('secrets-config-');
    await writeFileDeep(join(dir, 'flink-doctor.config.json'), JSON.stringify({ mavenRepo: SLASHED }));
    const run = await runInProcess(['--offline'], await env(), dir);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(
      `${join(dir, 'flink-doctor.config.json')}: "mavenRepo": 'http://***@repo.example.invalid/maven2' is not a URL`,
    );
    expectNoSecret(run.stdout, run.stderr);
  });

  it('`connector` subcommand', async () => {
    const run = await runInProcess(['connector', 'kafka', '--flink-version', '1.20', '--maven-repo', SLASHED], await env());
    expect(run.code).toBe(2);
    expectNoSecret(run.stdout, run.stderr);
  });
});

describe('a malformed %-escape in the userinfo', () => {
  it('--maven-repo: a clear error naming the escape, never "URI malformed"', async () => {
    const run = await runInProcess(['--maven-repo', 'http://deploy:50%zz@repo.example.invalid/m2', '--offline'], await env());
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      "flink-doctor: --maven-repo: the user name or password in 'http://***@repo.example.invalid/m2' has a malformed %-escape (write a literal % as %25)\n",
    );
  });

  it('in HTTP_PROXY: the Maven checks say so instead of going quiet', async () => {
    const run = await runInProcess(
      ['--jars', kafka, '--flink-version', '1.20', '--maven-repo', server.url, '--only', 'jars', '--json'],
      await env({ HTTP_PROXY: 'http://proxy:50%zz@127.0.0.1:1' }),
    );
    expectNoSecret(run.stdout, run.stderr);
    expect(run.stdout).not.toContain('50%zz');
    const checks = Object.fromEntries((JSON.parse(run.stdout) as Report).checks.map((c) => [c.id, c]));
    const problem =
      "HTTP_PROXY 'http://***@127.0.0.1:1' has a malformed %-escape in its user name or password (write a literal % as %25): fix or unset it";
    // Nothing to compare a checksum with: the proxy is the finding.
    expect(checks['jars.integrity']?.status).toBe('warning');
    expect(checks['jars.integrity']?.summary).toBe(problem);
    // Versions still come from the shipped snapshot; the proxy problem comes first in the details.
    expect(checks['jars.updates']?.status).toBe('warning');
    expect(checks['jars.updates']?.details[0]).toBe(problem);
  });
});
