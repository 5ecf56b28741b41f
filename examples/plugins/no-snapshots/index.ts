// A plugin written in TypeScript, type-checked against flink-doctor's own declarations: `needs` names the
// facts, and `run` receives exactly those, typed (flink-doctor's `jars`, this plugin's `allowSnapshots`).
// Compile it (tsc) and name the .js file: flink-doctor loads JavaScript modules.
import { defineFactGatherer, definePlugin, jarLabel, parseArtifactVersion, type Outcome } from 'flink-doctor';

/** SNAPSHOT builds are allowed while ALLOW_SNAPSHOT_JARS=1 (a feature branch trying a connector fix). */
const allowSnapshots = defineFactGatherer({
  gather: ({ env }): boolean => env.ALLOW_SNAPSHOT_JARS === '1',
});

export default definePlugin({
  apiVersion: 1,
  name: 'no-snapshots',
  version: '1.0.0',
  facts: { allowSnapshots },
  checks: [
    {
      id: 'plugin.no-snapshots.jars',
      title: 'No SNAPSHOT connector JARs',
      group: 'JARs',
      description: 'No connector JAR is a `-SNAPSHOT` build (unless ALLOW_SNAPSHOT_JARS=1).',
      reads: ["each JAR's version", 'ALLOW_SNAPSHOT_JARS'],
      needs: ['jars', 'allowSnapshots'],
      run({ jars, allowSnapshots }): Outcome {
        const snapshots = jars.jars.filter((jar) => parseArtifactVersion(jar.identity?.version ?? '')?.snapshot);
        if (snapshots.length === 0) return { status: 'ok', summary: 'no SNAPSHOT JARs' };
        const jarsText = `${snapshots.length} SNAPSHOT JAR${snapshots.length === 1 ? '' : 's'}`;
        return {
          status: allowSnapshots ? 'warning' : 'error',
          summary: allowSnapshots ? `${jarsText} (allowed by ALLOW_SNAPSHOT_JARS=1)` : jarsText,
          details: snapshots.map(jarLabel),
          fix: 'Use released connector versions.',
          locations: snapshots.map((jar) => ({ path: jar.ref.path })),
        };
      },
    },
  ],
});
