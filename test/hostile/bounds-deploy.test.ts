// Bounds (test/helpers/bounds.ts) of what the doctor reads of a deployment: Dockerfiles in seven costly shapes,
// compose files and manifests at their cap and past it, and --cluster answers from a JobManager's REST API.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { LIMITS } from '../../src/engine/limits.js';
import { checksOf, withinBounds } from '../helpers/bounds.js';
import { runInProcessMeasured } from '../helpers/cli.js';
import { serveCluster } from '../helpers/flink-rest.js';
import { composeYaml, dockerfileShapes, manifestsYaml } from '../helpers/hostile-inputs.js';
import { startMavenServer, type MavenServer } from '../helpers/maven-server.js';
import { tempDir, writeFileDeep } from '../helpers/tmp.js';

const deployArgs = (file: string) => ['--deploy', file, '--flink-version', '1.20', '--offline', '--json', '--only', 'deploy'];
const deployFile = async (name: string, text: string) => writeFileDeep(join(await tempDir('bounds-deploy-'), name), text);

describe('--deploy files up to their caps', () => {
  it.for(Object.entries(dockerfileShapes(LIMITS.dockerfileBytes - 1)))(
    'Dockerfile at its cap (%s): within 2 s CPU and 300 MB',
    async ([name, text], { expect }) => {
      withinBounds(expect, `Dockerfile ${name}`, await runInProcessMeasured(deployArgs(await deployFile('Dockerfile', text))));
    },
  );

  it('a compose file at its cap: within bounds', async ({ expect }) => {
    withinBounds(
      expect,
      'docker-compose.yml 128 KiB',
      await runInProcessMeasured(deployArgs(await deployFile('docker-compose.yml', composeYaml(LIMITS.deployYamlBytes - 1)))),
    );
  });

  it('manifests at their cap (as many documents as allowed): within bounds', async ({ expect }) => {
    const manifests = await deployFile('flink.yaml', manifestsYaml(LIMITS.deployYamlBytes - 1, LIMITS.deployYamlDocuments));
    withinBounds(expect, 'manifests 128 KiB', await runInProcessMeasured(deployArgs(manifests)));
  });

  it('a Dockerfile and a compose file past their caps are named', async ({ expect }) => {
    const big = await deployFile('Dockerfile', `FROM flink:1.20.1\n${'#'.repeat(2 * LIMITS.dockerfileBytes)}`);
    const over = await runInProcessMeasured(deployArgs(big));
    withinBounds(expect, 'Dockerfile 1 MiB', over);
    expect(checksOf(over)['deploy.version']?.details).toContain(
      `${big} is 1.0 MiB, more than the 512 KiB flink-doctor reads of such a file`,
    );
    // Under the Dockerfile's cap, which is what is read of any --deploy file, but over a YAML file's.
    const compose = await deployFile('docker-compose.yml', `services:\n  jm:\n    image: flink:1.20.1\n${'#'.repeat(200_000)}\n`);
    const yamlOver = await runInProcessMeasured(deployArgs(compose));
    withinBounds(expect, 'docker-compose.yml 195 KiB', yamlOver);
    expect(checksOf(yamlOver)['deploy.version']?.details).toContain(
      `${compose} is 195.4 KiB, more than the 128 KiB flink-doctor reads of a YAML file`,
    );
  });
});

describe('--cluster answers up to their cap', () => {
  let server: MavenServer;
  beforeAll(async () => {
    server = await startMavenServer();
  });
  afterAll(() => server.close());

  // One server whose answers the second run changes: the two runs go one after the other.
  it('4 MiB answers (a classpath and a config as long as the cap allows): within bounds; an 8 MiB one is named', async ({ expect }) => {
    const entries = <T>(n: number, unit: (i: number) => T) => Array.from({ length: n }, (_, i) => unit(i));
    const perEntry = 120;
    const count = Math.floor((LIMITS.clusterResponseBytes - 4096) / perEntry);
    const classpath = entries(count, (i) => `/opt/flink/lib/connector-number-${i}-${'x'.repeat(perEntry - 50)}.jar`);
    const config = Object.fromEntries(entries(Math.floor(count / 2), (i) => [`key.number.${i}`, 'v'.repeat(perEntry - 60)] as const));
    serveCluster(server, '1.20', { version: '1.20.1', classpath, config });
    const args = ['--cluster', server.url, '--flink-version', '1.20', '--json', '--only', 'cluster'];
    const run = await runInProcessMeasured(args);
    withinBounds(expect, 'cluster answers 4 MiB', run);
    expect(checksOf(run)['cluster.version']?.status).toBe('ok');
    const big = {
      body: JSON.stringify({
        jvm: { version: 'x', options: [] },
        classpath: entries(count * 2, (i) => `/opt/${i}/${'y'.repeat(perEntry)}`),
      }),
    };
    server.files.set('/jobmanager/environment', big);
    const over = await runInProcessMeasured(args);
    withinBounds(expect, 'cluster answer 8 MiB', over);
    expect(checksOf(over)['cluster.version']?.details).toContain(
      '/jobmanager/environment: response over the 4 MiB flink-doctor reads of one response',
    );
  });
});
