// cluster.java: the JVM the JobManager runs (/jobmanager/environment) against its Flink line's Java support,
// against the bytecode of the JARs the job ships (UnsupportedClassVersionError on the cluster, found on the
// laptop), and on Java 17+ against the --add-opens/--add-exports list Flink's config carries.
import { defineCheck } from './define.js';
import { missingFlagsOf } from '../src/knowledge/images.js';
import type { Matrix } from '../src/knowledge/matrix.js';
import type { ClusterFact, ScannedJar } from '../src/facts/index.js';
import { jarLabel, readable } from '../src/jars/describe.js';
import { clusterNotes, clusterNotRead } from './cluster-shared.js';
import { javaOfClassMajor } from './jars-bytecode.js';
import { shippedJars } from './cluster-jars.js';

export default defineCheck({
  id: 'cluster.java',
  title: "The cluster's Java runs Flink and the job's JARs",
  group: 'Cluster',
  description:
    "The JobManager's JVM (`/jobmanager/environment`, Flink 1.16+) is a Java its Flink line supports, runs the " +
    'bytecode of the JARs the job ships, and on Java 17+ carries the `--add-opens`/`--add-exports` list of ' +
    "Flink's default config.",
  reads: [
    '--cluster URL: GET /jobmanager/environment (JVM version and options; Flink 1.16+)',
    'class file headers of the JARs the job ships (pipeline.jars, --jars, add_jars)',
  ],
  needs: ['cluster', 'jars'],
  run({ cluster, jars }, { matrix }) {
    const skipped = clusterNotRead(cluster);
    if (skipped) return skipped;
    const version = cluster.flinkVersion ?? '';
    const major = cluster.jvm?.major;
    if (!cluster.jvm || major === undefined)
      return { status: 'skipped', summary: `the JobManager does not say which Java it runs: ${whyNoJava(cluster)}` };
    const facts = { clusterVersion: version, javaMajor: major, jvm: cluster.jvm.raw };
    const line = matrix.line(version);
    const { errors, warnings } = judgeLineJava(matrix, version, major);
    const tooNew = shippedJars(readable(jars.jars)).filter((jar) => javaOfJar(jar) > major);
    for (const jar of tooNew)
      errors.push(`${jarLabel(jar)} holds Java ${javaOfJar(jar)} bytecode: UnsupportedClassVersionError on the cluster's Java ${major}`);

    const missing = missingModuleFlags(matrix, version, major, cluster.jvm.options);
    if (missing.flags.length > 0) {
      errors.push(
        `the JobManager's JVM on Java ${major} lacks ${missing.flags.length} of the ${missing.total} --add-opens/--add-exports flags Flink ${version}'s config carries (InaccessibleObjectException at run time)`,
      );
    }
    const details = [
      `JVM: ${cluster.jvm.raw}`,
      ...(missing.flags.length ? [`missing: ${missing.flags.join(' ')}`] : []),
      ...clusterNotes(cluster),
    ];
    const sources = [...matrix.cite(line?.java.sources), ...missing.sources];
    if (errors.length > 0) {
      return {
        status: 'error',
        summary: errors[0] ?? '',
        details: [...errors.slice(1), ...warnings, ...details],
        fix: fixFor(tooNew.length > 0, missing.flags, missing.key, major),
        facts,
        sources,
        locations: tooNew.map((jar) => ({ path: jar.ref.path })),
      };
    }
    if (warnings.length > 0)
      return { status: 'warning', summary: warnings[0] ?? '', details: [...warnings.slice(1), ...details], facts, sources };
    return {
      status: 'ok',
      summary: `the cluster runs Java ${major}, supported by Flink ${version}${major >= 17 ? ' with the flags it needs' : ''}`,
      details,
      facts,
      sources,
    };
  },
});

/** Why the cluster's Java is not known: the environment endpoint's problem, else a JVM string with no version in it. */
function whyNoJava(cluster: ClusterFact): string {
  return (
    cluster.gaps.find((g) => g.endpoint === '/jobmanager/environment')?.problem ??
    `the JVM string "${cluster.jvm?.raw ?? ''}" names no Java version`
  );
}

/** The --add-opens/--add-exports flags of Flink's config the JVM lacks: only Java 17+ needs them, and only a line the
 * matrix lists them for is judged (none missing otherwise). */
function missingModuleFlags(
  matrix: Matrix,
  version: string,
  major: number,
  options: readonly string[],
): { flags: string[]; total: number; key?: string; sources: string[] } {
  const missing = major >= 17 ? missingFlagsOf(matrix, version, options) : undefined;
  return missing ?? { flags: [], total: 0, sources: [] };
}

/** The Java release a JAR's newest class file needs (0 when its bytecode was not read). */
function javaOfJar(jar: ScannedJar): number {
  return javaOfClassMajor(jar.identity?.classMajor ?? 0);
}

/** The cluster's Java against its Flink line: unsupported → an error; newer than listed, experimental or deprecated, or a
 * line the matrix does not know → a warning. */
function judgeLineJava(matrix: Matrix, version: string, major: number): { errors: string[]; warnings: string[] } {
  const line = matrix.line(version);
  const rating = matrix.rateJava(version, major);
  const errors: string[] = [];
  const warnings: string[] = [];
  if (!line) warnings.push(`Flink ${version} is not in the compatibility matrix: its Java support is not judged`);
  else if (matrix.unlistedJava(version, major)?.kind === 'newer')
    warnings.push(`the cluster runs Java ${major}, newer than any Java Flink ${version} lists: untested upstream`);
  else if (rating === 'unsupported')
    errors.push(`the cluster runs Java ${major}, which Flink ${version} does not support (supported: ${line.java.supported.join(', ')})`);
  else if (rating !== 'supported') warnings.push(`the cluster runs Java ${major}, ${rating} on Flink ${version}`);
  return { errors, warnings };
}

function fixFor(bytecode: boolean, flags: string[], key: string | undefined, major: number): string {
  const lines: string[] = [];
  if (bytecode)
    lines.push(
      `Rebuild the job's JARs for Java ${major} (maven.compiler.release ${major}), or run the cluster on a newer Java its Flink line supports`,
    );
  if (flags.length > 0)
    lines.push(
      `Put the missing flags above back into ${key ?? 'env.java.opts.all'} of the cluster's config and restart it (extend Flink's list, never shorten it)`,
    );
  return lines.join('\n') || 'Run the cluster on a Java its Flink line supports';
}
