// cluster.jars: what the job needs from the cluster's classpath. A connector the job uses that no shipped JAR
// provides and the cluster's lib/ lacks fails at submission ("Could not find any factory for identifier");
// a JAR shipped while the cluster's lib/ holds the same artifact loads it twice (two classloaders:
// "X is not an instance of X"), or in two versions.
import { basename } from 'node:path';
import { defineCheck } from './define.js';
import type { Outcome } from '../src/engine/model.js';
import type { ClusterFact, ScannedJar } from '../src/facts/index.js';
import { coordinates, jarLabel, readable } from '../src/jars/describe.js';
import { lineMismatch, parseJarFileName, splitScalaSuffix } from '../src/jars/version.js';
import type { ConnectorKnowledge } from '../src/knowledge/connectors.js';
import { isPatchVersion, minorOf } from '../src/knowledge/versions.js';
import { buildForLine, type LineBuildSources } from '../src/maven/advice.js';
import { clusterNotes, clusterNotRead } from './cluster-shared.js';

/** Where a JAR reaches the cluster with the job: pipeline.jars, add_jars, --jars. */
const SHIPPED = new Set(['--jars', 'pipeline.jars', 'job:add_jars', 'job:pipeline.jars']);

export function shippedJars(jars: readonly ScannedJar[]): ScannedJar[] {
  return jars.filter((jar) => SHIPPED.has(jar.ref.source));
}

export default defineCheck({
  id: 'cluster.jars',
  title: 'The cluster has the JARs the job needs, once',
  group: 'Cluster',
  description:
    "Connectors the job uses are shipped with it or on the cluster's classpath (a JAR in the client's `lib/` only " +
    "is not enough), and no shipped JAR duplicates or conflicts with one in the cluster's `lib/`.",
  reads: [
    '--cluster URL: GET /jobmanager/environment (classpath; Flink 1.16+)',
    'the JARs the job ships and their factories',
    '--job (connectors, formats and catalogs it uses)',
  ],
  needs: ['cluster', 'jars', 'job', 'maven', 'repository'],
  run({ cluster, jars, job, maven, repository }, { matrix }) {
    const skipped = clusterNotRead(cluster);
    if (skipped) return skipped;
    const onCluster = clusterArtifacts(cluster);
    if (onCluster.size === 0)
      return {
        status: 'skipped',
        summary: 'the JobManager does not show its classpath (Flink 1.16+ serves /jobmanager/environment)',
        details: clusterNotes(cluster),
      };
    const shipped = shippedJars(readable(jars.jars));
    const knowledge = matrix.connectors();
    const builds = { matrix, versions: maven, repositoryUrl: repository.url };
    const errors: string[] = [];
    const warnings: string[] = [];
    const fixes: string[] = [];
    for (const jar of shipped) judgeShipped(jar, { onCluster, cluster, builds }, errors, warnings, fixes);
    const missing = job.needs
      ? missingConnectors(job.needs.identifiers, shipped, readable(jars.jars), onCluster, knowledge, cluster.flinkVersion ?? null)
      : [];
    for (const m of missing) {
      errors.push(
        `the job uses ${m.role} '${m.identifier}' (line ${m.line}): no shipped JAR provides it and the cluster's classpath has none${m.local ? `; ${m.local} has it on this machine only` : ''}`,
      );
      const artifact = recommended(m.identifier, builds, cluster.flinkVersion);
      fixes.push(
        `Ship ${artifact ?? `the JAR for '${m.identifier}'`} with the job (pipeline.jars or env.add_jars), or put it into the cluster's lib/ on every node and restart it`,
      );
    }
    const details = [
      `cluster classpath: ${onCluster.size} JARs`,
      `shipped with the job: ${shipped.length} JAR${shipped.length === 1 ? '' : 's'}`,
      ...(job.files.length > 0 ? [] : ['no --job: the connectors the job uses were not compared']),
      ...clusterNotes(cluster),
    ];
    return outcome(errors, warnings, fixes, details, { clusterJars: onCluster.size, shipped: shipped.length, missing: missing.length });
  },
});

function outcome(errors: string[], warnings: string[], fixes: string[], details: string[], facts: Record<string, number>): Outcome {
  if (errors.length > 0)
    return {
      status: 'error',
      summary: errors[0] ?? '',
      details: [...errors.slice(1), ...warnings, ...details],
      fix: [...new Set(fixes)].join('\n'),
      facts,
    };
  if (warnings.length > 0)
    return {
      status: 'warning',
      summary: warnings[0] ?? '',
      details: [...warnings.slice(1), ...details],
      fix: [...new Set(fixes)].join('\n'),
      facts,
    };
  return { status: 'ok', summary: "the job's JARs and the cluster's classpath fit together", details, facts };
}

/** Artifact (without Scala suffix) → the file name on the cluster's classpath. */
function clusterArtifacts(cluster: ClusterFact): Map<string, { name: string; version: string }> {
  const out = new Map<string, { name: string; version: string }>();
  for (const entry of cluster.classpath) {
    const name = basename(entry);
    const parts = parseJarFileName(name);
    if (parts) out.set(splitScalaSuffix(parts.artifactId).base, { name, version: parts.version });
  }
  return out;
}

function judgeShipped(
  jar: ScannedJar,
  { onCluster, cluster, builds }: { onCluster: ReturnType<typeof clusterArtifacts>; cluster: ClusterFact; builds: LineBuildSources },
  errors: string[],
  warnings: string[],
  fixes: string[],
): void {
  const id = jar.identity;
  if (id?.artifactId) {
    const there = onCluster.get(splitScalaSuffix(id.artifactId).base);
    if (there && id.version && there.version !== id.version) {
      errors.push(
        `${jarLabel(jar)} is shipped while the cluster's lib/ holds ${there.name}: two versions of ${id.artifactId} on one classpath`,
      );
      fixes.push(
        `Ship no ${id.artifactId} with the job (the cluster's ${there.name} is used), or replace the cluster's copy and restart it`,
      );
    } else if (there) {
      warnings.push(
        `${jarLabel(jar)} is also in the cluster's lib/ (${there.name}): loaded twice, by two classloaders ("X is not an instance of X")`,
      );
      fixes.push(`Ship no ${id.artifactId} with the job: the cluster already has it`);
    }
  }
  const clusterMinor = minorOf(cluster.flinkVersion ?? '');
  const level = id?.flinkLine && clusterMinor ? lineMismatch(id.flinkLine, clusterMinor) : undefined;
  if (level && clusterMinor) {
    (level === 'error' ? errors : warnings).push(
      `${jarLabel(jar)} is built for Flink ${id?.flinkLine}, the cluster runs ${cluster.flinkVersion} (${level === 'error' ? 'another major: NoClassDefFoundError' : 'NoSuchMethodError where an API it calls changed'})`,
    );
    fixes.push(lineFix(jar, clusterMinor, cluster.flinkVersion ?? null, builds));
  }
}

/**
 * The build to ship for the cluster's line: the one jars.flink-version names for the JAR (the fat flink-sql-connector-X
 * for a thin flink-connector-X, whose own newer build would still lack its dependencies; src/maven/advice.ts buildForLine).
 */
function lineFix(jar: ScannedJar, minor: string, clusterVersion: string | null, builds: LineBuildSources): string {
  const family = jar.family ? builds.matrix.connectors().family(jar.family) : undefined;
  const c = buildForLine({ line: minor, patch: exactPatch(clusterVersion), family, jar: jar.identity }, builds);
  if (c?.exact) return `Ship ${coordinates(c)} (the build for Flink ${minor}) in place of ${basename(jar.ref.path)}`;
  return `Ship the build of ${jar.identity?.artifactId ?? basename(jar.ref.path)} for Flink ${minor}`;
}

/** The artifact for an identifier built for the cluster's line, e.g. org.apache.flink:flink-sql-connector-kafka:3.4.0-1.20. */
function recommended(identifier: string, builds: LineBuildSources, clusterVersion: string | undefined): string | undefined {
  const minor = minorOf(clusterVersion ?? '');
  if (!minor) return undefined;
  for (const { family } of builds.matrix.connectors().providersOf(identifier)) {
    const c = buildForLine({ line: minor, patch: exactPatch(clusterVersion ?? null), family }, builds);
    if (c) return coordinates(c);
  }
  return undefined;
}

function exactPatch(version: string | null): string | null {
  return version && isPatchVersion(version) ? version : null;
}

interface Missing {
  identifier: string;
  role: string;
  line: number;
  /** A JAR on this machine that provides it but is not shipped (pyflink/lib, $FLINK_HOME/lib). */
  local?: string;
}

function missingConnectors(
  uses: readonly { identifier: string; role: string; line: number }[],
  shipped: readonly ScannedJar[],
  all: readonly ScannedJar[],
  onCluster: ReturnType<typeof clusterArtifacts>,
  knowledge: ConnectorKnowledge,
  clusterVersion: string | null,
): Missing[] {
  const builtins = knowledge.builtinsFor(clusterVersion ? (minorOf(clusterVersion) ?? null) : null);
  const fromShipped = new Set(shipped.flatMap((jar) => jar.identity?.identifiers ?? []));
  const clusterFamilies = new Set([...onCluster.keys()].map((artifact) => knowledge.familyOfArtifact(artifact)?.key).filter(Boolean));
  const out: Missing[] = [];
  const done = new Set<string>();
  for (const use of uses) {
    if (done.has(use.identifier) || builtins.has(use.identifier) || fromShipped.has(use.identifier)) continue;
    done.add(use.identifier);
    if (knowledge.providersOf(use.identifier).some(({ key }) => clusterFamilies.has(key))) continue;
    const local = all.find((jar) => !SHIPPED.has(jar.ref.source) && jar.identity?.identifiers.includes(use.identifier));
    out.push({ ...use, ...(local ? { local: `${basename(local.ref.path)} (${local.ref.source})` } : {}) });
  }
  return out;
}
