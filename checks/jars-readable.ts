// jars.readable: every JAR the job will see opens as a zip: missing paths, empty, non-zip and truncated
// files are errors naming the file (Flink would fail later with a far less helpful message).
import { basename } from 'node:path';
import { defineCheck } from './define.js';
import type { Location, Outcome } from '../src/engine/model.js';
import type { ScannedJar } from '../src/facts/index.js';
import { capList, jarLabel, origin, referenceLocation } from '../src/jars/describe.js';

type OutcomeFacts = Outcome['facts'];

/** "/jobs/x.jar is empty (0 bytes) (from --jars)" */
const problemOf = (jar: ScannedJar) => `${jar.ref.path} ${jar.error} (from ${origin(jar.ref)})`;

/** Each JAR's file, and the line that refers to it when there is one. */
function locationsOf(list: readonly ScannedJar[]): Location[] {
  return list.flatMap((jar) => [{ path: jar.ref.path }, ...(referenceLocation(jar.ref) ? [referenceLocation(jar.ref) as Location] : [])]);
}

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
    if (jars.unlisted?.length) return folderNotListed(jars.unlisted, all);
    if (all.length === 0) return { status: 'skipped', summary: 'no JARs found (pass --jars or --job, set pipeline.jars, or FLINK_HOME)' };
    const broken = all.filter((jar) => jar.error);
    const noted = all.filter((jar) => !jar.error && jar.notes.length > 0);
    const bounds = jars.notes ?? [];
    const facts = { jars: all.length, unreadable: broken.length, scanMs: jars.durationMs };
    if (broken.length > 0) return unusable(broken, all.length, bounds, facts);
    if (noted.length > 0 || bounds.length > 0) return suspicious(noted, bounds, facts);
    return {
      status: 'ok',
      summary: `${all.length} JAR${all.length === 1 ? '' : 's'} readable`,
      details: capList(all.map(jarLabel)),
      facts,
    };
  },
});

/** A --jars folder that cannot be listed: an error, since the JARs in it were never seen. */
function folderNotListed(unlisted: readonly string[], all: readonly ScannedJar[]): Outcome {
  return {
    status: 'error',
    summary: `--jars folder: ${unlisted[0]}`,
    details: [...unlisted.slice(1), ...capList(all.filter((jar) => jar.error).map(problemOf), 50)],
    fix: 'Make the folder readable by the user running flink-doctor, or pass its JARs one by one with --jars',
  };
}

/** JARs that cannot be read (missing, empty, not a zip, truncated): an error naming each. */
function unusable(broken: readonly ScannedJar[], total: number, bounds: readonly string[], facts: OutcomeFacts): Outcome {
  const first = broken[0];
  return {
    status: 'error',
    summary:
      broken.length === 1 && first ? `${basename(first.ref.path)} ${first.error}` : `${broken.length} of ${total} JARs cannot be used`,
    details: [...bounds, ...capList(broken.map(problemOf), 50)],
    fix: 'Download the JAR again (a failed download often leaves an empty or HTML file) or remove the reference to it',
    facts,
    locations: locationsOf(broken),
  };
}

/** Readable JARs with suspicious contents (oversized entries skipped, too many entries), or bounds the scan hit
 * (more JARs than it reads): a warning, since what was not read is not judged. */
function suspicious(noted: readonly ScannedJar[], bounds: readonly string[], facts: OutcomeFacts): Outcome {
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
    locations: locationsOf(noted),
  };
}
