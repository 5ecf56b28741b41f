// main() called again and again in one process (test/hostile runs it in-process through runInProcess; an embedder
// may too): a run must leave nothing behind that a later run would see or the process would wait for: no listener,
// timer, socket or child process, and the second of two identical runs gives the first one's report.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../../src/engine/model.js';
import { runCli } from '../helpers/cli.js';
import { serveCluster } from '../helpers/flink-rest.js';
import { fatKafkaJar, jarDir } from '../helpers/jars.js';
import { jdk17 } from '../helpers/java.js';
import { publish, startMavenServer, type MavenServer } from '../helpers/maven-server.js';
import { pyenvPython } from '../helpers/python-env.js';
import { isolatedEnv } from '../helpers/run-check.js';
import { tempDir, writeFileDeep } from '../helpers/tmp.js';

const EVENTS = ['exit', 'SIGINT', 'SIGTERM', 'SIGHUP', 'uncaughtException', 'unhandledRejection', 'warning'] as const;

/** This process's open handles and timers by kind, and its listeners by event. */
function footprint(): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const kind of process.getActiveResourcesInfo()) counts[kind] = (counts[kind] ?? 0) + 1;
  for (const event of EVENTS) counts[`on ${event}`] = process.listenerCount(event);
  return counts;
}

/**
 * What is open now beyond `before` (kind → how many more), once the run's last handles have closed: a child's pipes
 * and a server's side of a socket close a moment after the run, so this waits up to 2 s for them.
 */
async function leftOver(before: Record<string, number>): Promise<Record<string, number>> {
  const extra = () =>
    Object.fromEntries(
      Object.entries(footprint())
        .map(([kind, n]) => [kind, n - (before[kind] ?? 0)] as const)
        .filter(([, more]) => more > 0),
    );
  const deadline = performance.now() + 2_000;
  while (Object.keys(extra()).length > 0 && performance.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
  return extra();
}

/** The report without what differs between any two runs: timings (durationMs, a check's scanMs). */
function stable(stdout: string): unknown {
  return JSON.parse(stdout, (key, value: unknown) => (key.endsWith('Ms') ? undefined : value));
}

describe('main() run twice in one process', () => {
  let maven: MavenServer;
  let cluster: MavenServer;
  beforeAll(async () => {
    [maven, cluster] = await Promise.all([startMavenServer(), startMavenServer()]);
    publish(maven, 'org.apache.flink', 'flink-sql-connector-kafka', ['3.3.0-1.20', '3.4.0-1.20']);
    serveCluster(cluster, '1.20', { version: '1.20.1', classpath: ['/opt/flink/lib/flink-dist-1.20.1.jar'], config: {} });
  });
  afterAll(() => Promise.all([maven.close(), cluster.close()]));

  it('a run that starts a JVM and a Python, reads a JAR and a config.yaml and asks two HTTP servers leaves nothing behind', async () => {
    const kafka = await fatKafkaJar(join(await jarDir('in-process-'), 'flink-sql-connector-kafka-3.3.0-1.20.jar'));
    const conf = await tempDir('in-process-conf-');
    await writeFileDeep(join(conf, 'config.yaml'), 'taskmanager:\n  numberOfTaskSlots: 2\n');
    const env = isolatedEnv({ FLINK_DOCTOR_CACHE_DIR: await tempDir('in-process-cache-') });
    // All of it through real probes: java -version, the Python probe script, the zip reader, YAML, undici (twice).
    const args = [
      ...['--json', '--flink-version', '1.20', '--java-home', jdk17(), '--python', pyenvPython('3.11.7')],
      ...['--jars', kafka, '--conf-dir', conf, '--maven-repo', maven.url, '--cluster', cluster.url],
    ];
    const quiet = footprint();
    const first = await runCli(args, env);
    // The process runner's exit hook (src/probes/process.ts) is installed once per process, by its first run.
    const hooked = { ...quiet, 'on exit': process.listenerCount('exit') };
    expect(hooked['on exit']).toBeLessThanOrEqual((quiet['on exit'] ?? 0) + 1);
    expect(await leftOver(hooked)).toEqual({});
    const second = await runCli(args, env);
    expect(await leftOver(hooked)).toEqual({});
    expect(first.stderr).toBe('');
    expect(stable(second.stdout)).toEqual(stable(first.stdout));
    expect(second.code).toBe(first.code);
    // The run did reach what it was meant to exercise.
    const checks = Object.fromEntries((JSON.parse(second.stdout) as Report).checks.map((c) => [c.id, c]));
    expect(checks['java.runtime']?.summary).toMatch(/Java 17/);
    expect(checks['python.client']?.summary).toMatch(/3\.11\.7/);
    expect(checks['jars.readable']?.status).toBe('ok');
    expect(checks['cluster.version']?.status).toBe('ok');
    expect(maven.requests.length).toBeGreaterThan(0);
  });
});
