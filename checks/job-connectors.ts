// job.connectors: what the --job files ask the JVM for is there. SQL and Table API identifiers must be
// registered by a JAR the job sees or built in ("Could not find any factory for identifier 'kafka'"); the
// JVM classes PyFlink's Python wrappers load must be class files of such a JAR ("TypeError: Could not found
// the Java class …"); JDBC needs a driver; JARs the job names but that are not here are judged by file name.
// One cause, one error: every need a missing connector JAR leaves open is listed under one finding.
import { basename } from 'node:path';
import { defineCheck } from './define.js';
import { fromDistribution } from '../src/facts/jars.js';
import type { Location, Outcome } from '../src/engine/model.js';
import { coordinates, downloadUrl } from '../src/jars/describe.js';
import { lineVerdict } from '../src/jars/line-verdict.js';
import { buildForLine, type LineBuildSources } from '../src/maven/advice.js';
import type { JobNeeds, JobPlace } from '../src/facts/index.js';
import { classProvider, driverProvider, identifierProvider, providersOf, type NamedJar, type Providers } from './job-providers.js';
import type { ConnectorKnowledge } from '../src/knowledge/connectors.js';
import { classEntryName, type JobClassKnowledge } from '../src/knowledge/job-classes.js';

interface Finding {
  level: 'error' | 'warning';
  /** Findings with one cause share a key (the connector family) and are reported together. */
  key: string;
  text: string;
  fix?: string;
  place: JobPlace;
}

interface Judge {
  needs: JobNeeds;
  minor: string;
  /** The Flink release the target resolves to (TargetFact.patch). */
  patch: string | null;
  repositoryUrl: string;
  /** Where the build for the target's line is looked up: the matrix and the repository's version lists. */
  builds: LineBuildSources;
  providers: Providers;
  knowledge: ConnectorKnowledge;
  classes: JobClassKnowledge;
  findings: Finding[];
  provided: string[];
}

export default defineCheck({
  id: 'job.connectors',
  title: 'What the job needs from the JVM is available',
  group: 'Job',
  description:
    'What the `--job` files need from the JVM is there: every connector, format and catalog identifier (SQL and Table API), the Java class each imported PyFlink connector class loads, the JDBC driver of each JDBC URL; JARs the job names but that are absent here are judged by file name.',
  reads: [
    '--job files (.py through a Python parser, .sql through a SQL tokenizer) and the SQL files they read',
    'Factory and java.sql.Driver service files and central directories of every JAR the job sees',
    'compat-matrix.json connectors, pyflinkClasses, jdbcDrivers',
  ],
  needs: ['job', 'jars', 'target', 'repository', 'maven'],
  run({ job, jars, target, repository, maven }, { matrix }) {
    const needs = job.needs;
    if (job.files.length === 0 || !needs) return { status: 'skipped', summary: 'no --job given' };
    const line = matrix.judgedLine(target);
    if (line.skip) return { status: 'skipped', summary: line.skip, locations: job.files.map((path) => ({ path })) };
    const knowledge = matrix.connectors();
    const judge: Judge = {
      needs,
      minor: line.minor,
      patch: target.patch,
      repositoryUrl: repository.url,
      builds: { matrix, versions: maven, repositoryUrl: repository.url },
      knowledge,
      providers: providersOf(jars.jars, needs, knowledge),
      classes: matrix.jobClasses(),
      findings: [],
      provided: [],
    };
    judgeNamedJars(judge);
    judgeIdentifiers(judge);
    judgeApis(judge);
    judgeDrivers(judge);
    for (const item of needs.unresolved.filter((u) => u.what === 'sql' || u.what === 'identifier' || u.what === 'sql-file')) {
      judge.findings.push({
        level: 'warning',
        key: `unresolved:${item.file}:${item.line}`,
        text: `${place(item)}: ${item.expression}: ${UNRESOLVED[item.what]}`,
        place: item,
      });
    }
    for (const problem of needs.problems)
      judge.findings.push({ level: 'warning', key: `problem:${problem}`, text: problem, place: { file: job.files[0] ?? '', line: 1 } });
    return outcome(judge, job.files, line.note);
  },
});

const UNRESOLVED: Record<string, string> = {
  sql: 'SQL computed at run time; its connectors were not read',
  identifier: 'computed at run time; not checked',
  'sql-file': 'a SQL file that could not be read here; its connectors were not read',
};

function place(p: JobPlace): string {
  return `${basename(p.file)}:${p.line}`;
}

/** JARs the job names that are not here: a build for another Flink line is an error before anyone downloads it. */
function judgeNamedJars(judge: Judge): void {
  for (const named of judge.providers.named) {
    const verdict = lineVerdict({ ...named, ...(named.builtFor ? { flinkLine: named.builtFor } : {}) }, judge.minor, judge.knowledge);
    if (!verdict) continue;
    const fix = replacement(judge, named);
    judge.findings.push({
      level: verdict.level,
      key: named.familyKey ?? `jar:${named.fileName}`,
      text: `${named.fileName} (${named.ref.kind} in ${place(named.ref)}, judged by its file name): ${verdict.why}`,
      ...(fix ? { fix } : {}),
      place: named.ref,
    });
  }
}

function judgeIdentifiers(judge: Judge): void {
  const builtins = judge.knowledge.builtinsFor(judge.minor);
  // The distribution's own factories (datagen, print, filesystem, raw, catalogs…) are the built-ins, known by
  // identifier: only a JAR the user added whose factories cannot be mapped might register a missing one.
  const opaque = judge.providers.present.some(
    (jar) => (jar.unknownFactories?.length ?? 0) > 0 && !jar.family && !fromDistribution(jar.ref.source),
  );
  const seen = new Set<string>();
  for (const use of judge.needs.identifiers) {
    const what = `${use.role} '${use.identifier}'`;
    if (seen.has(`${use.role}:${use.identifier}`)) continue;
    seen.add(`${use.role}:${use.identifier}`);
    if (builtins.has(use.identifier)) {
      judge.provided.push(`${what} (${place(use)}): built into Flink`);
      continue;
    }
    const provider = identifierProvider(judge.providers, use.identifier, judge.knowledge);
    if (provider) {
      judge.provided.push(`${what} (${place(use)}): ${providerText(provider)}`);
      continue;
    }
    const family = judge.knowledge.providersOf(use.identifier)[0];
    judge.findings.push({
      // A JAR whose factories flink-doctor cannot map might register it: say so rather than claim an error.
      level: opaque ? 'warning' : 'error',
      key: family?.key ?? `id:${use.identifier}`,
      text: `${what} (${place(use)}, ${use.via}): not built in and no JAR the job sees registers it ("Could not find any factory for identifier '${use.identifier}'")`,
      fix: addFix(judge, family?.key, `'${use.identifier}'`, use.identifier),
      place: use,
    });
  }
}

function judgeApis(judge: Judge): void {
  for (const api of judge.needs.apis) {
    const entry = judge.classes.entryFor(api.python, judge.minor);
    if (!entry) continue;
    const name = api.python.slice(api.python.lastIndexOf('.') + 1);
    for (const javaClass of entry.java) {
      const family = judge.classes.familyOfClass(javaClass);
      const missingFrom = judge.classes.missingFrom(javaClass, judge.minor);
      const provider = classProvider(judge.providers, classEntryName(javaClass), missingFrom ? undefined : family);
      if (provider) {
        judge.provided.push(`${name} (${place(api)}) loads ${javaClass}: ${providerText(provider)}`);
        continue;
      }
      if (missingFrom) {
        judge.findings.push(wrapperGone(judge, api, name, javaClass, missingFrom));
        continue;
      }
      judge.findings.push({
        level: 'error',
        key: family ?? `class:${javaClass}`,
        text: `${name} (${place(api)}: ${api.text}) loads ${javaClass}, which no JAR the job sees contains ("TypeError: Could not found the Java class '${javaClass}…'")`,
        fix: addFix(judge, family, javaClass),
        place: api,
      });
    }
  }
}

/** The connector for this line no longer ships the class PyFlink's wrapper loads: no JAR to add would help. */
function wrapperGone(judge: Judge, api: JobPlace & { text: string }, name: string, javaClass: string, coordinates: string): Finding {
  return {
    level: 'error',
    key: `gone:${javaClass}`,
    text: `${name} (${place(api)}: ${api.text}) loads ${javaClass}, which the connector for Flink ${judge.minor} (${coordinates}) no longer contains: PyFlink's ${name} cannot work on Flink ${judge.minor} ("TypeError: Could not found the Java class '${javaClass}…'")`,
    fix: `On Flink ${judge.minor}, use the connector through SQL / the Table API instead of ${name}, or target a Flink line whose connector still ships ${javaClass}`,
    place: api,
  };
}

function judgeDrivers(judge: Judge): void {
  for (const need of judge.needs.drivers) {
    const driver = need.driverClass
      ? judge.classes.driverByClass(need.driverClass)
      : need.scheme
        ? judge.classes.driverByScheme(need.scheme)
        : undefined;
    const classes = driver ? [driver.driverClass, ...(driver.otherClasses ?? [])] : need.driverClass ? [need.driverClass] : [];
    const what = need.driverClass ? `JDBC driver ${need.driverClass}` : `the JDBC driver for jdbc:${need.scheme}:`;
    if (classes.length === 0) {
      judge.provided.push(`${what} (${place(need)}): flink-doctor knows no driver for it; not checked`);
      continue;
    }
    const provider = driverProvider(judge.providers, classes, driver?.artifactId);
    if (provider) {
      judge.provided.push(`${what} (${place(need)}): ${providerText(provider)}`);
      continue;
    }
    const coords = driver ? `${driver.groupId}:${driver.artifactId}:${driver.version}` : undefined;
    const url = driver ? downloadUrl(judge.repositoryUrl, driver) : undefined;
    judge.findings.push({
      level: 'error',
      key: `driver:${classes[0]}`,
      text: `${what} (${place(need)}, ${need.via}): no JAR the job sees registers ${classes[0]} ("No suitable driver found" / ClassNotFoundException)`,
      fix: coords
        ? `Add ${coords}${url ? ` (${url})` : ''} to pipeline.jars (or env.add_jars): the JDBC connector does not bundle drivers`
        : `Add the JAR of ${classes[0]} to pipeline.jars (or env.add_jars)`,
      place: need,
    });
  }
}

function providerText(provider: { present?: { ref: { path: string } }; named?: NamedJar }): string {
  if (provider.present) return `provided by ${provider.present.ref.path}`;
  const named = provider.named as NamedJar;
  return `${named.fileName} (${named.ref.kind} in ${place(named.ref)}; not on this machine, judged by its file name)`;
}

/** The artifact to add for a family on the target line; for an identifier, one whose release registers it. */
function addFix(judge: Judge, familyKey: string | undefined, what: string, identifier?: string): string {
  const { knowledge, minor } = judge;
  const family = familyKey ? knowledge.family(familyKey) : undefined;
  // The build every JAR check names for the line (src/maven/advice.ts buildForLine).
  const c = family ? buildForLine({ line: minor, patch: judge.patch, family }, judge.builds) : undefined;
  // The newest release for this line may not register the identifier yet (Pulsar before 4.1.0) or under another
  // name (legacy Kinesis before 5.0.0).
  const registers =
    !identifier ||
    !family ||
    family.versioning === 'flink' ||
    knowledge.registersIn(family, identifier, knowledge.releasesFor(family, minor)[0]?.version);
  if (c && registers) {
    const companions = c.companions ? `, plus one of ${c.companions.oneOf.join(', ')} (${c.companions.why})` : '';
    return `Add ${coordinates(c)}${c.url ? ` (${c.url})` : ''}${companions} to pipeline.jars (or env.add_jars) for ${what}`;
  }
  const first = family && identifier ? knowledge.firstReleaseRegistering(family, identifier) : undefined;
  if (family && first)
    return `${what} needs ${family.title} ${first.version} or newer, built for Flink ${first.flink.join(', ')}; none is published for Flink ${minor}`;
  if (family?.maintainer)
    return `Add the ${family.title} JAR built for Flink ${minor} to pipeline.jars for ${what} (${family.maintainer} publishes it; flink-doctor knows no build for this line)`;
  return `Add the JAR that provides ${what} to pipeline.jars (flink-doctor knows no artifact for it on Flink ${minor})`;
}

function replacement(judge: Judge, named: NamedJar): string | undefined {
  const c = named.family ? buildForLine({ line: judge.minor, patch: judge.patch, family: named.family }, judge.builds) : undefined;
  if (!c) return undefined;
  return `Replace ${named.fileName} (${place(named.ref)}) with ${coordinates(c)}${c.url ? `: ${c.url}` : ''}`;
}

function outcome(judge: Judge, files: string[], note: string | undefined): Outcome {
  const groups = new Map<string, Finding[]>();
  for (const finding of judge.findings) groups.set(finding.key, [...(groups.get(finding.key) ?? []), finding]);
  const problems = [...groups.values()].map(mergeGroup).sort((a, b) => (a.level === b.level ? 0 : a.level === 'error' ? -1 : 1));
  const facts = {
    files: files.length,
    needs: judge.needs.identifiers.length + judge.needs.apis.length + judge.needs.drivers.length,
    unresolved: judge.needs.unresolved.length,
  };
  const context = note ? [note] : [];
  if (problems.length === 0) {
    const count = judge.provided.length;
    return {
      status: 'ok',
      summary:
        count === 0
          ? 'the job needs no connector, format, catalog, driver or connector class'
          : `all ${count} need${count === 1 ? '' : 's'} of the job are available`,
      details: [...judge.provided, ...context],
      facts,
      locations: files.map((path) => ({ path })),
    };
  }
  const first = problems[0] as Finding;
  const errors = problems.filter((p) => p.level === 'error');
  const fixes = [...new Set(problems.flatMap((p) => (p.fix ? [p.fix] : [])))];
  return {
    status: errors.length > 0 ? 'error' : 'warning',
    summary:
      problems.length === 1
        ? first.text
        : `${errors.length > 0 ? `${errors.length} missing or wrong` : `${problems.length} unresolved`}: ${first.text}`,
    details: [...(problems.length > 1 ? problems.map((p) => `${p.level}: ${p.text}`) : []), ...judge.provided, ...context],
    ...(fixes.length > 0 ? { fix: fixes.join('\n') } : {}),
    facts,
    locations: problems.map((p): Location => ({ path: p.place.file, line: p.place.line })),
  };
}

/** One cause, one finding: the needs a missing connector leaves open, listed together with one fix. */
function mergeGroup(group: Finding[]): Finding {
  const [first] = group as [Finding, ...Finding[]];
  if (group.length === 1) return first;
  const level = group.some((f) => f.level === 'error') ? 'error' : 'warning';
  const lead = group.find((f) => f.level === level && f.fix) ?? first;
  const others = group.filter((f) => f !== lead).map((f) => f.text);
  return { ...lead, level, text: `${lead.text}; also needed by: ${others.join('; ')}` };
}
