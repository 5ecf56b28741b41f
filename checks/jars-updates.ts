// jars.updates: for each identified connector or format JAR, the newest release built for the same Flink line.
// A JAR built for another line than the target is jars.flink-version's to judge (it names the build for the
// target line); suggesting a newer build of the wrong line would contradict that fix. Likewise a JAR that lacks
// classes it needs (a thin flink-connector-kafka without kafka-clients) is jars.thin's: a newer build of the same
// artifact lacks them too, and jars.thin names what does not (the fat JAR, the missing JAR).
import { defineCheck } from './define.js';
import type { Facts, MavenFact, MavenJar, TargetFact } from '../src/facts/index.js';
import type { Outcome } from '../src/engine/model.js';
import { judgeNeeds, lacksClasses, supplyOf } from '../src/jars/class-needs.js';
import { capList } from '../src/jars/describe.js';
import type { ConnectorKnowledge } from '../src/knowledge/connectors.js';
import { newerOnSameLine } from '../src/maven/advice.js';
import { gaKey, jarPath, joinUrl } from '../src/maven/coordinates.js';
import { dataNote, unreachable, withRepositoryProblems } from '../src/maven/describe.js';
import { classify } from '../src/maven/flink-line.js';

export default defineCheck({
  id: 'jars.updates',
  title: 'Connector JAR updates',
  group: 'JARs',
  description:
    'A newer release of a connector for the same Flink line (Maven metadata, cached, offline snapshot); JARs built ' +
    'for another line are left to `jars.flink-version`, JARs without classes they need (a thin JAR alone) to `jars.thin`.',
  reads: [
    'connector and format JARs the job uses',
    '<repository>/<group>/<artifact>/maven-metadata.xml (cached; --offline: cache, then the shipped snapshot)',
    'the target Flink version',
    "each JAR's packages and what else the job sees (as jars.thin judges them)",
  ],
  needs: ['maven', 'target', 'repository', 'jars', 'job'],
  run(facts, { matrix }): Outcome {
    return withRepositoryProblems(judge(facts, lackingClasses(facts, matrix.connectors())), facts.maven.problems);
  },
});

/** Where one JAR stands: built for another line than the target (jars.flink-version's to judge), lacking classes it
 * needs (jars.thin's), not looked up, the newest build for its line, or behind a newer one (then `fix` names it).
 * `note` says how old the data is. */
interface Standing {
  kind: 'newer' | 'current' | 'unknown' | 'otherLine' | 'lacking';
  text: string;
  fix?: string;
  note?: string;
}

/**
 * What each JAR jars.thin finds lacking classes lacks, in words, by path: the same rule (src/jars/class-needs.ts)
 * on the same facts, so the two checks never give two fixes for one JAR.
 */
function lackingClasses({ jars, job }: Pick<Facts, 'jars' | 'job'>, knowledge: ConnectorKnowledge): Map<string, string> {
  const supply = supplyOf(jars, job);
  const lacking = new Map<string, string>();
  for (const jar of supply.jars) {
    const family = knowledge.family(jar.family ?? '');
    const verdict = family && judgeNeeds(jar, family, supply);
    if (!family || !verdict || !lacksClasses(verdict)) continue;
    const what = verdict.missing.map((need) => need.what);
    lacking.set(
      jar.ref.path,
      what.length > 0 ? `no JAR provides ${what.join(', ')}` : `the thin ${family.title} artifact, PyFlink wants ${family.fat[0]}`,
    );
  }
  return lacking;
}

/** One connector JAR against the releases its repository lists for the same Flink line. */
function standingOf(jar: MavenJar, versions: MavenFact['versions'], target: TargetFact, repositoryUrl: string, lacks?: string): Standing {
  const name = `${jar.artifactId} ${jar.version}`;
  const line = classify(jar.groupId, jar.artifactId, jar.version).line ?? jar.flinkLine;
  if (target.minor && line && line !== target.minor) {
    return { kind: 'otherLine', text: `${name}: built for Flink ${line}, target is ${target.minor}; judged by jars.flink-version` };
  }
  if (lacks) return { kind: 'lacking', text: `${name}: ${lacks}; judged by jars.thin` };
  const result = versions[gaKey(jar)];
  if (!result || result.versions === null) return { kind: 'unknown', text: `${name}: ${unreachable(result?.note)}` };
  if (result.notFound) return { kind: 'unknown', text: `${name}: not in ${repositoryUrl}` };
  const note = dataNote(result);
  const update = newerOnSameLine(jar.groupId, jar.artifactId, result.versions, jar.version, jar.flinkLine);
  if (!update) return { kind: 'current', text: `${name}: newest for its Flink line`, note };
  return {
    kind: 'newer',
    text: `${name} → ${update}`,
    fix: `${jar.groupId}:${jar.artifactId}:${update} (${joinUrl(repositoryUrl, jarPath({ ...jar, version: update }))})`,
    note,
  };
}

/** Newer builds the summary names; beyond them it says how many more and the details list each. */
const SUMMARY_NEWER = 5;

function judge({ maven, target, repository }: Pick<Facts, 'maven' | 'target' | 'repository'>, lacking: Map<string, string>): Outcome {
  const facts = { repository: repository.url, repositorySource: repository.source, offline: maven.offline };
  if (maven.jars.length === 0) return { status: 'skipped', summary: 'no identified connector or format JARs to look up', facts };
  const standings = maven.jars.map((jar) => standingOf(jar, maven.versions, target, repository.url, lacking.get(jar.path)));
  const texts = (kind: Standing['kind']) => standings.filter((s) => s.kind === kind).map((s) => s.text);
  const [newer, current, unknown, otherLine] = [texts('newer'), texts('current'), texts('unknown'), texts('otherLine')];
  const lacks = texts('lacking');
  const fixes = standings.flatMap((s) => (s.fix ? [s.fix] : []));
  const notes = new Set(standings.flatMap((s) => (s.note ? [s.note] : [])));
  // The repository's own problems (an unusable settings.xml mirror) come first: they explain the rest.
  // The summary names up to five newer builds; a "newer:" line each would say them twice.
  const newerLines = newer.length > SUMMARY_NEWER ? newer.map((n) => `newer: ${n}`) : [];
  const details = [...maven.problems, ...capList([...newerLines, ...current, ...unknown, ...otherLine, ...lacks], 50), ...notes];
  const locations = maven.jars.map((j) => ({ path: j.path }));
  if (newer.length > 0)
    return {
      status: 'warning',
      summary: `newer build for the same Flink line: ${capList(newer, SUMMARY_NEWER).join(', ')}`,
      details,
      fix: fixes.map((f) => `Use ${f}`).join('\n'),
      facts,
      locations,
    };
  if (current.length === 0 && unknown.length === 0) {
    // A single JAR left to jars.thin is the summary itself (shown twice it reads as two findings).
    const [only] = lacks.length === 1 && otherLine.length === 0 ? lacks : [];
    const summary = only ?? leftToOthers(otherLine.length, lacks.length, target.minor);
    return { status: 'skipped', summary, details: details.filter((d) => d !== only), facts, locations };
  }
  if (current.length === 0)
    return { status: 'skipped', summary: `could not look up versions: ${unknown[0] ?? 'no data'}`, details, facts, locations };
  if (unknown.length > 0)
    return {
      status: 'warning',
      summary: `${current.length} JAR(s) up to date; ${unknown.length} could not be looked up`,
      details,
      facts,
      locations,
    };
  return { status: 'ok', summary: `${current.length} JAR(s) are the newest build for their Flink line`, details, facts, locations };
}

/** Why no JAR was looked up: each is judged by another check. */
function leftToOthers(otherLine: number, lacking: number, minor: string | null): string {
  if (lacking === 0) return `no JAR is built for Flink ${minor}: judged by jars.flink-version`;
  const parts = [
    `${lacking} lacking classes ${lacking === 1 ? 'it needs' : 'they need'} (judged by jars.thin)`,
    ...(otherLine > 0 ? [`${otherLine} built for another line than Flink ${minor} (judged by jars.flink-version)`] : []),
  ];
  return `no JAR to look up: ${parts.join(', ')}`;
}
