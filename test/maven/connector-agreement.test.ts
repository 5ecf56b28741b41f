// `flink-doctor connector NAME` names the build the checks name (src/maven/advice.ts buildForLine), also where the
// repository's list lacks a build of the line that compat-matrix.json confirms (a partial mirror, an older snapshot):
// before, the command said "no build for Flink 2.2 yet; the nearest is 4.0.1-2.0" while jars.thin said 5.0.0-2.2.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildForLine } from '../../src/maven/advice.js';
import { loadMatrix } from '../../src/knowledge/load-matrix.js';
import { runCli } from '../helpers/cli.js';
import { publish, startMavenServer, type MavenServer } from '../helpers/maven-server.js';
import { isolatedEnv } from '../helpers/run-check.js';
import { tempDir } from '../helpers/tmp.js';

const G = 'org.apache.flink';
const KAFKA = 'flink-sql-connector-kafka';
let server: MavenServer;

beforeAll(async () => {
  server = await startMavenServer();
});
afterAll(() => server.close());
beforeEach(() => server.reset());

async function connector(...args: string[]) {
  const env = isolatedEnv({ HOME: await tempDir('fd-home-'), FLINK_DOCTOR_CACHE_DIR: await tempDir('fd-cache-') });
  return runCli(['connector', ...args, '--maven-repo', server.url, '--json'], env);
}

describe('flink-doctor connector agrees with the checks', () => {
  it("the matrix's build for the line when the repository lists none for it (exit 0, source: matrix)", async () => {
    publish(server, G, KAFKA, ['3.4.0-1.20', '4.0.1-2.0']);
    const run = await connector('kafka', '--flink-version', '2.2');
    const matrix = loadMatrix();
    const checks = buildForLine(
      { line: '2.2', patch: null, family: matrix.connectors().family('kafka') },
      { matrix, versions: { versions: { [`${G}:${KAFKA}`]: { versions: ['3.4.0-1.20', '4.0.1-2.0'] } } } },
    );
    expect(checks?.version).toMatch(/-2\.2$/);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({
      found: true,
      artifactId: KAFKA,
      version: checks?.version,
      builtFor: '2.2',
      source: 'matrix',
    });
  });

  it("the repository's newest build of the line when it lists one (source: repository)", async () => {
    publish(server, G, KAFKA, ['3.3.0-1.20', '3.4.0-1.20', '4.0.1-2.0']);
    const run = await connector('kafka', '--flink-version', '1.20');
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ found: true, version: '3.4.0-1.20', source: 'repository' });
  });

  it('a name that is an Object member is not a family (exit 2, not a crash)', async () => {
    const run = await connector('constructor', '--flink-version', '1.20');
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/unknown connector or format 'constructor'/);
  });
});
