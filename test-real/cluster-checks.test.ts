// The real tier (npm run test:real, vitest.real.config.ts; never part of npm test): the cluster.* checks against a
// REAL standalone cluster (a JobManager and a TaskManager) started on loopback from the apache-flink wheel's own
// scripts (scripts/real/cluster.ts, the real tier's one cluster fixture). The hermetic suite proves the same
// decisions on built facts (test/checks/cluster-*.test.ts) and the REST client on recorded answers
// (test/cluster/client.test.ts).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCluster, type StandaloneCluster } from '../scripts/real/cluster.js';
import { layoutOnly, release } from '../scripts/real/installs.js';
import type { RealVenv } from '../scripts/real/venv.js';
import { readCluster } from '../src/cluster/client.js';
import type { Report } from '../src/engine/model.js';
import { runCli } from '../test/helpers/cli.js';
import { specProblems } from '../test/helpers/flink-rest.js';
import { isolatedEnv } from '../test/helpers/run-check.js';

const VERSION = '1.20.5';

describe(`a real Flink ${VERSION} standalone cluster`, () => {
  let venv: RealVenv;
  let started: StandaloneCluster;
  const cluster = { url: '', python: '' };
  beforeAll(async () => {
    venv = await layoutOnly(release(VERSION));
    started = await startCluster(venv);
    Object.assign(cluster, { url: started.restUrl, python: venv.python });
  }, 240_000);
  afterAll(async () => {
    await started?.stop();
  }, 60_000);

  it('answers validate against the published REST spec of its line', async () => {
    for (const path of ['/config', '/jobmanager/environment', '/jobmanager/config', '/taskmanagers']) {
      const body: unknown = await (await fetch(`${cluster.url}${path}`)).json();
      expect(specProblems('1.20', path, body), path).toEqual([]);
    }
  });

  it('the client reads its version, Java, classpath and configuration', async () => {
    const fact = await readCluster({ url: cluster.url, timeoutMs: 5_000 }, {});
    expect(fact).toMatchObject({ status: 'read', flinkVersion: VERSION, taskManagers: 1, gaps: [] });
    expect(fact.jvm?.major).toBeGreaterThanOrEqual(11);
    expect(fact.classpath.some((entry) => entry.endsWith(`flink-dist-${VERSION}.jar`))).toBe(true);
    expect(fact.config['rest.port']).toBe(new URL(cluster.url).port);
  });

  it("flink-doctor --cluster: the same release as the client wheel; Java 17 (experimental on 1.20) with Flink's flags", async () => {
    const run = await runCli(['--cluster', cluster.url, '--python', cluster.python, '--only', 'cluster', '--json'], isolatedEnv());
    const report = JSON.parse(run.stdout) as Report;
    const byId = Object.fromEntries(report.checks.map((c) => [c.id, c]));
    expect(byId['cluster.version']).toMatchObject({ status: 'ok', summary: `the cluster runs Flink ${VERSION}, as the client wheel` });
    // This machine's default java is 17: the cluster runs on it; nothing of Flink's --add-opens list is missing.
    expect(byId['cluster.java']).toMatchObject({
      status: 'warning',
      summary: `the cluster runs Java 17, experimental on Flink ${VERSION}`,
    });
    expect(byId['cluster.java']?.details.join('\n')).not.toContain('missing:');
    expect(byId['cluster.python']?.status).toBe('ok');
    expect(run.code).toBe(0);
  });

  it('another client release is found', async () => {
    const run = await runCli(['--cluster', cluster.url, '--flink-version', '2.2.1', '--only', 'cluster.version', '--json'], isolatedEnv());
    const check = (JSON.parse(run.stdout) as Report).checks[0];
    expect(check).toMatchObject({
      status: 'error',
      summary: `the cluster runs Flink ${VERSION}, the target is Flink 2.2.1: another minor cannot run the client's jobs`,
    });
    expect(run.code).toBe(1);
  });
});
