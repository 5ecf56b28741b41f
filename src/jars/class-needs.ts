// What a connector or format JAR needs from elsewhere (compat-matrix.json connectors.families.*.needs: kafka-clients
// for the thin Kafka JAR, a MySQL driver for MySQL CDC 3.1+, the JDBC dialect module of the job's database, Hadoop),
// judged against what the job sees: the other JARs' packages, the JAR names the job gives, classpath variables.
// One rule, shared: jars.thin reports what a JAR lacks, and jars.updates leaves such a JAR to it (a newer build of
// the same artifact still lacks it).
import { fromDistribution } from '../facts/jars.js';
import type { JarsFact, JobFact, ScannedJar } from '../facts/index.js';
import type { ClassNeed, ConnectorFamily } from '../knowledge/connectors.js';
import { compareReleases } from '../knowledge/versions.js';
import { jarLabel, readable } from './describe.js';
import { parseArtifactVersion } from './version.js';

/** What a need can be met by: the other JARs' packages, the job's JAR names, classpath variables. */
export interface Supply {
  jars: readonly ScannedJar[];
  jobJarNames: string[];
  env: Record<string, string>;
  jdbcSchemes: Set<string>;
}

/** How a JAR stands against what its family needs from elsewhere. */
export interface NeedsVerdict {
  /** Needs met, each with what meets it in words ("provided by kafka-clients-3.4.0.jar from --jars"). */
  met: { need: ClassNeed; by: string }[];
  missing: ClassNeed[];
  /** A thin JAR of a family that publishes a fat one, with no dependency listed to look for (flink-avro): PyFlink wants the fat JAR. */
  thinUnlisted: boolean;
}

/** What the readable JARs, the job and the classpath variables supply. */
export function supplyOf(jars: JarsFact, job: JobFact): Supply {
  const needs = job.needs;
  return {
    jars: readable(jars.jars),
    // A JAR the job names that is not on this machine (an image's /opt/flink/lib) still counts, by its file name.
    jobJarNames: (needs?.jars ?? []).flatMap((ref) => (ref.fileName ? [ref.fileName] : [])),
    env: jars.classpathEnv ?? {},
    jdbcSchemes: new Set((needs?.drivers ?? []).flatMap((d) => (d.scheme ? [d.scheme] : []))),
  };
}

/** Each need of the family that applies to the JAR, met or missing; and whether a thin JAR has none listed. */
export function judgeNeeds(jar: ScannedJar, family: ConnectorFamily, supply: Supply): NeedsVerdict {
  const verdict: NeedsVerdict = { met: [], missing: [], thinUnlisted: false };
  const applying = (family.needs ?? []).filter((need) => applies(need, jar, supply.jdbcSchemes));
  for (const need of applying) {
    const by = providedBy(need, jar, supply);
    const lacking = by ? providerLacks(need, by.jar, supply) : undefined;
    if (lacking) verdict.missing.push(lacking);
    else if (by) verdict.met.push({ need, by: by.text });
    else verdict.missing.push(need);
  }
  verdict.thinUnlisted = jar.role === 'thin' && family.fat.length > 0 && !applying.some((need) => need.role === 'thin');
  return verdict;
}

/** Whether the JAR lacks classes it needs (or is a thin JAR whose dependencies nobody lists): jars.thin's finding. */
export function lacksClasses(verdict: NeedsVerdict): boolean {
  return verdict.missing.length > 0 || verdict.thinUnlisted;
}

/** Whether `need` is about this JAR: its role, artifact, release, and (JDBC dialects) a database the job uses. */
function applies(need: ClassNeed, jar: ScannedJar, jdbcSchemes: ReadonlySet<string>): boolean {
  if (need.role && jar.role !== need.role) return false;
  const artifactId = jar.identity?.artifactId;
  if (need.artifacts && !(artifactId && need.artifacts.includes(artifactId))) return false;
  if (need.jdbcScheme && !jdbcSchemes.has(need.jdbcScheme)) return false;
  if (!need.since) return true;
  const release = parseArtifactVersion(jar.identity?.version ?? '')?.release;
  // Without a version the JAR may be older than the change: no finding rather than a false alarm.
  return release !== undefined && compareReleases(release, need.since) >= 0;
}

/** Whether `jar` holds classes under one of the packages `need` names. */
export function holdsNeeded(jar: ScannedJar, need: ClassNeed): boolean {
  return jar.packages?.some((p) => need.packages.some((n) => `${p}/`.startsWith(n))) ?? false;
}

/** What meets the need, in words (and the JAR, when one does), or undefined when nothing does. */
function providedBy(need: ClassNeed, jar: ScannedJar, supply: Supply): { text: string; jar?: ScannedJar } | undefined {
  const other = supply.jars.find((o) => o !== jar && (!need.classpathOnly || fromDistribution(o.ref.source)) && holdsNeeded(o, need));
  if (other) return { text: `provided by ${jarLabel(other)}`, jar: other };
  const artifactId = need.classpathOnly ? undefined : need.artifact?.split(':')[1];
  const named = artifactId ? supply.jobJarNames.find((name) => name.startsWith(`${artifactId}-`)) : undefined;
  if (named) return { text: `the job names ${named}` };
  if (need.env && supply.env[need.env]) return { text: `${need.env} is set (PyFlink adds it to the classpath)` };
  return undefined;
}

/**
 * When the JAR that meets the need needs another one itself and nothing supplies it (hadoop-client-api without
 * hadoop-client-runtime: the job fails as if there were no Hadoop at all), that one as the need still missing.
 */
function providerLacks(need: ClassNeed, provider: ScannedJar | undefined, supply: Supply): ClassNeed | undefined {
  const id = provider?.identity;
  const own = need.providerNeeds?.find((p) => p.provider === `${id?.groupId}:${id?.artifactId}`);
  if (!own || !provider) return undefined;
  const lacking: ClassNeed = {
    what: own.what,
    packages: own.packages,
    ...(own.artifact ? { artifact: id?.version ? `${own.artifact}:${id.version}` : own.artifact } : {}),
    ...(own.fix ? { fix: own.fix } : {}),
    symptom: own.symptom,
    sources: own.sources,
  };
  // Met the way any need is: another JAR holding its classes, or a JAR the job names (never the provider itself).
  return providedBy(lacking, provider, supply) ? undefined : lacking;
}
