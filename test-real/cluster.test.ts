// The standalone-cluster fixture (scripts/real/cluster.ts) the cluster checks will use: started from the
// wheel's own scripts on loopback, it answers /config and /jobmanager/environment, and stopping it leaves
// no daemon behind.
import { describe, expect, it } from 'vitest';
import { startCluster } from '../scripts/real/cluster.js';
import { layoutOnly, release } from '../scripts/real/installs.js';

interface FlinkConfig {
  'flink-version': string;
}
interface Environment {
  jvm: { version: string; arch: string; options: string[] };
  classpath: string[];
}

describe.each(['1.20.5', '2.2.1'])('a standalone cluster from the apache-flink %s wheel', (flink) => {
  it('serves /config and /jobmanager/environment, and stops without leaving a process', async () => {
    const cluster = await startCluster(await layoutOnly(release(flink)));
    let stopped = false;
    try {
      expect(cluster.restUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const config = (await (await fetch(`${cluster.restUrl}/config`)).json()) as FlinkConfig;
      expect(config['flink-version']).toBe(flink);
      const environment = (await (await fetch(`${cluster.restUrl}/jobmanager/environment`)).json()) as Environment;
      expect(environment.jvm.version).toMatch(/17\.0\.\d+/);
      expect(environment.classpath.some((entry) => entry.endsWith(`flink-dist-${flink}.jar`))).toBe(true);
      // Its logs go to the fixture's own directory, not into the cached venv.
      expect(environment.jvm.options.some((option) => option.startsWith(`-Dlog.file=${cluster.logDir}/`))).toBe(true);
      await cluster.stop();
      stopped = true;
      await expect(fetch(`${cluster.restUrl}/config`, { signal: AbortSignal.timeout(2000) })).rejects.toThrow();
    } finally {
      if (!stopped) await cluster.stop();
    }
  });
});
