// The installed command end to end: `node bin/flink-doctor.js` runs the code-split build (dist/cli), so this
// proves every lazily loaded chunk (YAML for config.yaml, the zip reader for JARs, the HTTP client for Maven)
// loads and works there, on an environment laid out like a real PyFlink project.
import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../../src/engine/model.js';
import { fakeFlinkHome } from '../helpers/flink-home.js';
import { fatKafkaJar, jarDir } from '../helpers/jars.js';
import { jdk17 } from '../helpers/java.js';
import { publish, startMavenServer, type MavenServer } from '../helpers/maven-server.js';
import { healthyFlinkDistributions, makeFlinkVenv, withDistributions } from '../helpers/python-env.js';
import { isolatedEnv } from '../helpers/run-check.js';
import { tempDir, writeFileDeep } from '../helpers/tmp.js';

const root = join(import.meta.dirname, '..', '..');
const BIN = join(root, 'bin', 'flink-doctor.js');
let server: MavenServer;

beforeAll(async () => {
  server = await startMavenServer();
});
afterAll(() => server.close());

function runBin(
  args: string[],
  env: Record<string, string | undefined>,
  cwd: string,
): Promise<{ code: number; stdout: string; stderr: string }> {
  if (!existsSync(join(root, 'dist', 'cli', 'flink-doctor.mjs')))
    throw new Error('dist/cli is missing: run `npm run build` before the tests (npm test does)');
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { env: env as NodeJS.ProcessEnv, cwd, timeout: 60_000 }, (error, stdout, stderr) => {
      resolve({ code: error && typeof error.code === 'number' ? error.code : error ? -1 : 0, stdout, stderr });
    });
  });
}

describe('bin/flink-doctor.js on a realistic project', () => {
  it('runs every check through the lazily loaded chunks and reports the planted problems', async () => {
    const venv = await makeFlinkVenv(
      '3.11.7',
      withDistributions(healthyFlinkDistributions('1.20.1'), [{ name: 'pyarrow', version: '21.0.0' }]),
    );
    const flinkHome = await fakeFlinkHome({
      version: '1.20.1',
      conf: { 'config.yaml': 'taskmanager:\n  numberOfTaskSlots: 2\npipeline:\n  jars: file:///nonexistent/udfs.jar\n' },
    });
    const jars = await jarDir('e2e-');
    const kafka = await fatKafkaJar(join(jars, 'flink-sql-connector-kafka-3.3.0-1.20.jar'));
    publish(server, 'org.apache.flink', 'flink-sql-connector-kafka', ['3.3.0-1.20', '3.4.0-1.20', '4.0.1-2.0'], {
      '3.3.0-1.20': readFileSync(kafka),
    });
    const project = await tempDir('project-');
    const job = await writeFileDeep(
      join(project, 'job.py'),
      `t_env.execute_sql("CREATE TABLE t (x INT) WITH ('connector' = 'kafka', 'format' = 'json')")\n`,
    );

    const env = isolatedEnv({
      JAVA_HOME: jdk17(),
      VIRTUAL_ENV: venv.dir,
      FLINK_HOME: flinkHome,
      FLINK_DOCTOR_CACHE_DIR: await tempDir('cache-'),
    });
    const run = await runBin(['--json', '--jars', kafka, '--job', job, '--maven-repo', server.url], env, project);
    expect(run.stderr).toBe('');
    const report = JSON.parse(run.stdout) as Report;
    const byId = Object.fromEntries(report.checks.map((c) => [c.id, c]));
    // No check may fail for lack of a module: that is what broke when a chunk could not be loaded.
    for (const check of report.checks) expect(check.summary, check.id).not.toMatch(/could not gather|check failed/);
    expect(report.target).toEqual({ flinkVersion: '1.20.1', source: 'wheel' });
    expect(byId['java.runtime']?.status).toBe('warning'); // Java 17 is experimental on 1.20
    expect(byId['pyflink.dependencies']?.summary).toMatch(/apache-beam needs pyarrow <12\.0\.0,>=3\.0\.0, found 21\.0\.0/);
    expect(byId['jars.readable']?.summary).toBe('udfs.jar does not exist'); // the planted pipeline.jars entry; the rest open fine
    expect(byId['config.file']?.summary).toContain('config.yaml'); // YAML chunk
    expect(byId['config.pipeline-jars']?.status).toBe('error'); // the YAML value points at a missing file
    expect(byId['jars.flink-version']?.status).toBe('ok'); // zip-reader chunk identified the JAR from inside
    expect(byId['job.connectors']?.status).toBe('ok');
    expect(byId['jars.updates']?.summary).toContain('3.3.0-1.20 → 3.4.0-1.20'); // HTTP chunk reached the server
    expect(byId['jars.integrity']?.status).toBe('ok');
    expect(server.requests.length).toBeGreaterThan(0);
    expect(run.code).toBe(1);
  });
});
