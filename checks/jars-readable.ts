// jars.readable: every JAR the job will see opens as a zip: missing paths, empty, non-zip and truncated
// files are errors naming the file (Flink would fail later with a far less helpful message).
import { basename } from 'node:path';
import { defineCheck } from './define.js';
import type { Location } from '../src/engine/model.js';
import { capList, jarLabel, origin, referenceLocation } from '../src/jars/describe.js';

export default defineCheck({
  id: 'jars.readable',
  title: 'JAR files readable',
  group: 'JARs',
  description:
    'Every JAR the job will see can be read (missing, empty, not a zip, truncated → error), and every folder given with `--jars` can be listed.',
  reads: [
    '--jars',
    'pipeline.jars / pipeline.classpaths (config and --job)',
    '$FLINK_HOME/lib or pyflink/lib',
    "each JAR's zip central directory",
  ],
  needs: ['jars'],
  run({ jars }) {
    const all = jars.jars;
    if (jars.unlisted?.length) {
      const more = all.filter((jar) => jar.error).map((jar) => `${jar.ref.path} ${jar.error} (from ${origin(jar.ref)})`);
      const fix = 'Make the folder readable by the user running flink-doctor, or pass its JARs one by one with --jars';
      return {
        status: 'error',
        summary: `--jars folder: ${jars.unlisted[0]}`,
        details: [...jars.unlisted.slice(1), ...capList(more, 50)],
        fix,
      };
    }
    if (all.length === 0) return { status: 'skipped', summary: 'no JARs found (pass --jars or --job, set pipeline.jars, or FLINK_HOME)' };
    const broken = all.filter((jar) => jar.error);
    const noted = all.filter((jar) => !jar.error && jar.notes.length > 0);
    const bounds = jars.notes ?? [];
    const facts = { jars: all.length, unreadable: broken.length, scanMs: jars.durationMs };
    const locations = (list: typeof all): Location[] =>
      list.flatMap((jar) => [{ path: jar.ref.path }, ...(referenceLocation(jar.ref) ? [referenceLocation(jar.ref) as Location] : [])]);
    if (broken.length > 0) {
      const first = broken[0];
      return {
        status: 'error',
        summary:
          broken.length === 1 && first
            ? `${basename(first.ref.path)} ${first.error}`
            : `${broken.length} of ${all.length} JARs cannot be used`,
        details: [
          ...bounds,
          ...capList(
            broken.map((jar) => `${jar.ref.path} ${jar.error} (from ${origin(jar.ref)})`),
            50,
          ),
        ],
        fix: 'Download the JAR again (a failed download often leaves an empty or HTML file) or remove the reference to it',
        facts,
        locations: locations(broken),
      };
    }
    if (noted.length > 0 || bounds.length > 0) {
      return {
        status: 'warning',
        summary:
          noted.length > 0
            ? `${noted.length} JAR${noted.length === 1 ? '' : 's'} with suspicious contents (read with limits)`
            : (bounds[0] ?? ''),
        details: [
          ...bounds,
          ...capList(
            noted.flatMap((jar) => jar.notes.map((note) => `${jar.ref.path}: ${note}`)),
            50,
          ),
        ],
        fix:
          noted.length > 0
            ? 'Check these JARs came from Maven Central; a JAR with oversized metadata entries or that many entries is not a normal build'
            : 'Point flink-doctor at the JARs the job loads (--jars, pipeline.jars, lib/): a job uses tens of JARs, not thousands',
        facts,
        locations: locations(noted),
      };
    }
    return {
      status: 'ok',
      summary: `${all.length} JAR${all.length === 1 ? '' : 's'} readable`,
      details: capList(all.map(jarLabel)),
      facts,
    };
  },
});
