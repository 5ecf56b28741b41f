// jars.thin: a JAR that needs classes it does not bundle. A thin flink-connector-X carries the connector code only;
// without its dependencies the job fails with NoClassDefFoundError (PyFlink wants the flink-sql-connector-X fat JAR).
// The matrix names what else a family's JARs need (connectors.families.*.needs, each read from the real JARs):
// kafka-clients for the thin Kafka JAR, a MySQL driver for MySQL CDC >= 3.1, the dialect module of the job's
// database for flink-connector-jdbc-core, Hadoop (or HADOOP_CLASSPATH) for Parquet. Missing, each is an error naming the fix.
import { defineCheck } from './define.js';
import type { ClassNeed, ConnectorFamily } from '../src/knowledge/connectors.js';
import type { ScannedJar } from '../src/facts/index.js';
import { holdsNeeded, judgeNeeds, supplyOf, type Supply } from '../src/jars/class-needs.js';
import { coordinates, downloadUrl, jarLabel, readable, userJars } from '../src/jars/describe.js';
import { buildForLine } from '../src/maven/advice.js';

interface Finding {
  level: 'error' | 'warning';
  text: string;
  fix: string;
  path: string;
  sources: ClassNeed['sources'];
}

export default defineCheck({
  id: 'jars.thin',
  title: 'Fat SQL connector JARs, not thin ones',
  group: 'JARs',
  description:
    'No thin `flink-connector-X` where PyFlink needs the `flink-sql-connector-X` fat JAR, and no JAR without the classes ' +
    "it needs from elsewhere (a MySQL driver for MySQL CDC 3.1+, the JDBC dialect module of the job's database next to " +
    'flink-connector-jdbc-core (postgres, mysql, oracle, sqlserver, db2, trino, oceanbase, cratedb), Hadoop or HADOOP_CLASSPATH for Parquet, ORC and Paimon, HADOOP_CLASSPATH for Iceberg).',
  reads: [
    "each JAR's identity and packages",
    "compat-matrix.json connectors (fat/thin artifacts, what a family's JARs need from elsewhere)",
    "the job's JDBC URLs (--job) and HADOOP_CLASSPATH",
    "the Maven repository for download URLs (--maven-repo, settings.xml mirror) and the fat artifact's maven-metadata.xml (cache or shipped snapshot with --offline)",
  ],
  needs: ['jars', 'target', 'repository', 'maven', 'job'],
  run({ jars, target, repository, maven, job }, { matrix }) {
    const knowledge = matrix.connectors();
    const seen = readable(jars.jars);
    // The distribution ships thin format JARs itself (flink-json, flink-csv in lib/): those are never findings.
    const user = userJars(jars.jars, knowledge).flatMap((jar) => {
      const family = knowledge.family(jar.family ?? '');
      return family && (family.needs?.length || (jar.role === 'thin' && family.fat.length > 0)) ? [{ jar, family }] : [];
    });
    if (user.length === 0)
      return { status: seen.length === 0 ? 'skipped' : 'ok', summary: seen.length === 0 ? 'no readable JARs' : 'no thin connector JARs' };
    const older = matrix.olderThanKnown(target);
    if (older) return { status: 'skipped', summary: older };
    const minor = target.minor ?? matrix.newestMinor();
    const supply = supplyOf(jars, job);
    const findings: Finding[] = [];
    const met: string[] = [];
    const sources = { matrix, versions: maven, repositoryUrl: repository.url };
    for (const { jar, family } of user) {
      // The same build jars.flink-version names for this JAR (src/maven/advice.ts buildForLine says which source wins);
      // one for another line only is no fix for a JAR's missing dependencies.
      const fat = buildForLine({ line: minor, patch: target.patch, family, jar: jar.identity }, sources);
      const replace = `Replace ${jarLabel(jar)} with ${fat?.exact ? `${coordinates(fat)}${fat.url ? ` (${fat.url})` : ''}` : family.fat[0]}`;
      judgeJar(jar, family, { supply, replace, fatKnown: fat?.exact === true, repositoryUrl: repository.url }, findings, met);
    }
    if (findings.length === 0) {
      return {
        status: 'ok',
        summary: met.length > 0 ? 'JARs that need classes from elsewhere have them' : 'no thin connector JARs',
        details: met,
      };
    }
    const first = findings[0];
    return {
      status: findings.some((f) => f.level === 'error') ? 'error' : 'warning',
      summary: findings.length === 1 && first ? first.text : `${findings.length} JARs without classes they need from elsewhere`,
      // One finding is the summary itself (shown twice it reads as two causes); several are listed one per line.
      details: [...(findings.length > 1 ? findings.map((f) => `${f.level}: ${f.text}`) : []), ...met],
      fix: [...new Set(findings.map((f) => f.fix))].join('\n'),
      locations: findings.map((f) => ({ path: f.path })),
      sources: matrix.cite(findings.flatMap((f) => f.sources)),
    };
  },
});

/** Each need of the JAR's family that applies to it: met (in words, for the details) or an error; a thin JAR's missing
 * dependencies are fixed by the fat JAR when one is known for the line, as is a thin JAR whose dependencies nobody lists. */
function judgeJar(
  jar: ScannedJar,
  family: ConnectorFamily,
  how: { supply: Supply; replace: string; fatKnown: boolean; repositoryUrl: string },
  findings: Finding[],
  met: string[],
): void {
  const verdict = judgeNeeds(jar, family, how.supply);
  met.push(...verdict.met.map(({ need, by }) => `${jarLabel(jar)} needs ${need.what}: ${by}`));
  for (const need of verdict.missing) {
    const finding = missing(need, jar, family, need.role === 'thin' && how.fatKnown ? how.replace : addFix(need, jar, how.repositoryUrl));
    findings.push(withIgnoredCopy(finding, need, jar, how.supply));
  }
  if (verdict.thinUnlisted) {
    const text = `${jarLabel(jar)} is the thin ${family.title} artifact: it needs its dependencies on the classpath; PyFlink wants ${family.fat[0]}`;
    findings.push({ level: 'warning', text, fix: how.replace, path: jar.ref.path, sources: [] });
  }
}

/** A need only the JVM's classpath meets, with the classes in a JAR the job adds: say that JAR is not enough. */
function withIgnoredCopy(finding: Finding, need: ClassNeed, jar: ScannedJar, supply: Supply): Finding {
  if (!need.classpathOnly) return finding;
  const copy = supply.jars.find((o) => o !== jar && holdsNeeded(o, need));
  if (!copy) return finding;
  return {
    ...finding,
    text: `${finding.text} (${jarLabel(copy)} holds them, but ${jarLabel(jar)} loads them only from the JVM's classpath: a JAR in pipeline.jars is not enough)`,
  };
}

function missing(need: ClassNeed, jar: ScannedJar, family: ConnectorFamily, fix: string): Finding {
  const where = `${need.packages.join(', ')}${need.env ? `; ${need.env} is not set` : ''}`;
  const text =
    need.role === 'thin'
      ? `${jarLabel(jar)} is the thin ${family.title} connector and no JAR provides ${need.artifact ?? need.what} (${where}): ${need.symptom}`
      : `${jarLabel(jar)} needs ${need.what}, which it does not bundle, and no JAR provides it (${where}): ${need.symptom}`;
  return { level: 'error', text, fix, path: jar.ref.path, sources: need.sources };
}

/**
 * "Add group:artifact:version (URL) next to X": the need's version, else the needing JAR's own (JDBC dialects). A need's
 * own fix is used as written, its artifact's coordinates given their URL in the run's repository.
 */
function addFix(need: ClassNeed, jar: ScannedJar, repositoryUrl: string): string {
  // Every group:artifact:version the fix names gets its URL (the Hadoop fix names three JARs).
  if (need.fix) return need.fix.replace(/\b[\w.-]+:[\w.-]+:\d[\w.-]*\w/g, (coords) => withUrl(repositoryUrl, coords));
  const parts = (need.artifact ?? '').split(':');
  const version = parts[2] ?? jar.identity?.version;
  if (parts.length < 2 || !version) return `Add ${need.what} next to ${jarLabel(jar)}`;
  return `Add ${withUrl(repositoryUrl, `${parts[0]}:${parts[1]}:${version}`)} next to ${jarLabel(jar)} (pipeline.jars or --jars)`;
}

function withUrl(repositoryUrl: string, coords: string): string {
  const [groupId = '', artifactId = '', version = ''] = coords.split(':');
  const url = downloadUrl(repositoryUrl, { groupId, artifactId, version });
  return url ? `${coords} (${url})` : coords;
}
