// The CLI side of issue 4: `flink-doctor connector NAME`, --offline, --maven-repo, and proof that repository
// credentials (URL userinfo, settings.xml <server> passwords) never reach stdout, stderr or the JSON report.
import { chmod } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { FLAGS } from '../../src/cli/flags.js';
import { existsSync } from 'node:fs';
import { BUNDLE, runBundle, runCli } from '../helpers/cli.js';
import { publish, startMavenServer, type MavenServer } from '../helpers/maven-server.js';
import { isolatedEnv } from '../helpers/run-check.js';
import { tempDir, writeFileDeep } from '../helpers/tmp.js';

const G = 'org.apache.flink';
const KAFKA = 'flink-sql-connector-kafka';
const SECRET = 'Tr0ub4dor-and-3';
let server: MavenServer;

beforeAll(async () => {
  server = await startMavenServer();
});
afterAll(() => server.close());
beforeEach(() => server.reset());

async function env(extra: Record<string, string> = {}) {
  return isolatedEnv({ HOME: await tempDir('fd-home-'), FLINK_DOCTOR_CACHE_DIR: await tempDir('fd-cache-'), ...extra });
}

describe('flink-doctor connector', () => {
  it('prints the fat SQL JAR, its newest build for the line, the URL and the pipeline.jars line', async () => {
    publish(server, G, KAFKA, ['3.3.0-1.20', '3.4.0-1.20', '4.0.1-2.0', '5.0.0-2.2']);
    const run = await runCli(['connector', 'kafka', '--flink-version', '1.20', '--maven-repo', server.url], await env());
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`artifact:       ${G}:${KAFKA}:3.4.0-1.20`);
    expect(run.stdout).toContain(`download:       ${server.url}/org/apache/flink/${KAFKA}/3.4.0-1.20/${KAFKA}-3.4.0-1.20.jar`);
    expect(run.stdout).toContain(`pipeline.jars:  file:///path/to/${KAFKA}-3.4.0-1.20.jar`);
    expect(run.stdout).toContain('fat SQL JAR');
  });

  it('says when the line has no build yet and names the nearest (exit 1), in JSON too', async () => {
    publish(server, G, KAFKA, ['4.0.1-2.0', '5.0.0-2.2']);
    const run = await runCli(['connector', 'kafka', '--flink-version', '2.3', '--maven-repo', server.url, '--json'], await env());
    expect(run.code).toBe(1);
    expect(JSON.parse(run.stdout)).toMatchObject({ found: false, version: '5.0.0-2.2', builtFor: '2.2', flinkLine: '2.3' });
  });

  it('--offline answers from the shipped snapshot without any request and says how old it is', async () => {
    const run = await runCli(['connector', 'kafka', '--flink-version', '1.19', '--offline', '--maven-repo', server.url], await env());
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`${G}:${KAFKA}:3.3.0-1.19`);
    expect(run.stdout).toMatch(/snapshot shipped with flink-doctor \(data of 2026-08-22, \d+ days old\)/);
    expect(server.requests).toHaveLength(0);
  });

  it('honours FLINK_DOCTOR_MAVEN_REPO', async () => {
    publish(server, G, KAFKA, ['3.4.0-1.20']);
    const run = await runCli(['connector', 'kafka', '--flink-version', '1.20'], await env({ FLINK_DOCTOR_MAVEN_REPO: server.url }));
    expect(run.stdout).toContain(`${server.url}/org/apache/flink`);
  });

  it('rejects an unknown name before any probe runs, listing the known names', async () => {
    // A python3 on PATH that leaves a mark: the target probe would run it when no --flink-version is given.
    const bin = await tempDir('fd-bin-');
    const mark = join(bin, 'ran');
    await writeFileDeep(join(bin, 'python3'), `#!/bin/sh\ntouch '${mark}'\nexit 1\n`);
    await chmod(join(bin, 'python3'), 0o755);
    const run = await runCli(['connector', 'nosuch'], { ...(await env()), PATH: bin });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/unknown connector or format 'nosuch' \(known: .*\bavro\b.*\bkafka\b.*\bpulsar\b/);
    expect(existsSync(mark)).toBe(false);
    expect(server.requests).toHaveLength(0);
  });

  it('rejects an unknown connector and a missing name with exit 2', async () => {
    expect((await runCli(['connector', 'no-such-thing', '--flink-version', '1.20', '--offline'], await env())).code).toBe(2);
    expect((await runCli(['connector', '--flink-version', '1.20'], await env())).code).toBe(2);
    expect((await runCli(['bogus'], await env())).code).toBe(2);
  });
});

describe('credentials never reach any output', () => {
  const base64 = Buffer.from(`deploy:${SECRET}`).toString('base64');
  const leaks = (text: string) => text.includes(SECRET) || text.includes(base64) || text.includes(encodeURIComponent(SECRET));

  async function settingsHome(url: string): Promise<Record<string, string | undefined>> {
    const e = await env();
    await writeFileDeep(join(e.HOME!, '.m2', 'settings.xml'), `<settings><servers><server><id>corp</id><username>deploy</username><password>${SECRET}</password></server></servers><mirrors><mirror><id>corp</id><url>${url}</url><mirrorOf>*</mirrorOf></mirror></mirrors></settings>`);
    return e;
  }

  it('URL userinfo: success, 401, 500 and a dead host', async () => {
    publish(server, G, KAFKA, ['3.4.0-1.20']);
    const port = new URL(server.url).port;
    const cases: [string, () => void][] = [
      ['ok', () => (server.requireAuth = { username: 'deploy', password: SECRET })],
      ['401', () => (server.requireAuth = { username: 'deploy', password: 'other' })],
      ['500', () => server.faults.set(`/org/apache/flink/${KAFKA}/maven-metadata.xml`, { kind: 'status', status: 500 })],
    ];
    for (const [, arrange] of cases) {
      server.faults.clear();
      server.requireAuth = undefined;
      arrange();
      for (const json of [[], ['--json']]) {
        const run = await runCli(['connector', 'kafka', '--flink-version', '1.20', '--maven-repo', `http://deploy:${SECRET}@127.0.0.1:${port}/`, ...json], await env());
        expect(leaks(run.stdout + run.stderr), run.stdout + run.stderr).toBe(false);
      }
    }
    const dead = await runCli(['connector', 'kafka', '--flink-version', '1.20', '--maven-repo', `http://deploy:${SECRET}@127.0.0.1:1/`], await env());
    expect(leaks(dead.stdout + dead.stderr)).toBe(false);
    const bad = await runCli(['--maven-repo', `ftp://deploy:${SECRET}@host/`, '--json'], await env());
    expect(bad.code).toBe(2);
    expect(leaks(bad.stdout + bad.stderr), bad.stderr).toBe(false);
  });

  it('settings.xml <server> password: the doctor JSON report and the connector command', async () => {
    server.requireAuth = { username: 'deploy', password: SECRET };
    publish(server, G, KAFKA, ['3.4.0-1.20']);
    const e = await settingsHome(server.url);
    const report = await runCli(['--json', '--only', 'jars.updates,jars.integrity', '--flink-version', '1.20'], e);
    expect(leaks(report.stdout + report.stderr)).toBe(false);
    const doc = JSON.parse(report.stdout) as { checks: { id: string; facts: Record<string, unknown> }[] };
    expect(doc.checks.map((c) => c.id)).toEqual(['jars.updates', 'jars.integrity']);
    expect(doc.checks[0]?.facts.repositorySource).toBe("settings.xml mirror 'corp'");
    const connector = await runCli(['connector', 'kafka', '--flink-version', '1.20', '--verbose'], e);
    expect(connector.code).toBe(0);
    expect(server.requests.some((r) => r.headers.authorization === `Basic ${base64}`)).toBe(true);
    expect(leaks(connector.stdout + connector.stderr)).toBe(false);
  });

  it.runIf(FLAGS.some((f) => f.name === 'jars'))('with a connector JAR the maven probe looks up (--jars)', async () => {
    server.requireAuth = { username: 'deploy', password: SECRET };
    publish(server, G, KAFKA, ['3.3.0-1.20', '3.4.0-1.20'], { '3.3.0-1.20': Buffer.from('published') });
    const e = await settingsHome(server.url);
    const jar = await writeFileDeep(join(e.HOME!, `${KAFKA}-3.3.0-1.20.jar`), 'not a zip');
    const run = await runCli(['--json', '--jars', jar, '--flink-version', '1.20'], e);
    expect(leaks(run.stdout + run.stderr)).toBe(false);
  });

  it.runIf(existsSync(BUNDLE))('the built CLI (node dist/flink-doctor.mjs) keeps them out of stdout, stderr and the JSON report', async () => {
    server.requireAuth = { username: 'deploy', password: 'something-else' };
    publish(server, G, KAFKA, ['3.4.0-1.20']);
    const repo = `http://deploy:${SECRET}@127.0.0.1:${new URL(server.url).port}/`;
    const e = await settingsHome(repo);
    const runs = await Promise.all([
      runBundle(['connector', 'kafka', '--flink-version', '1.20', '--maven-repo', repo], e),
      runBundle(['connector', 'kafka', '--flink-version', '1.20', '--json'], e),
      runBundle(['--json', '--flink-version', '1.20', '--maven-repo', repo, '--only', 'jars.updates,jars.integrity'], e),
      runBundle(['--maven-repo', `gopher://deploy:${SECRET}@x/`], e),
    ]);
    for (const run of runs) expect(leaks(run.stdout + run.stderr), run.stdout + run.stderr).toBe(false);
    expect(runs[0]?.stdout).toMatch(/HTTP 401 \(check the repository credentials\)/);
    expect(runs[3]?.code).toBe(2);
  });
});
