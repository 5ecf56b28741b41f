// jars.updates: for each identified connector or format JAR, the newest release built for the same Flink line.
// A JAR built for another line than the target is jars.flink-version's to judge (it names the build for the
// target line); suggesting a newer build of the wrong line would contradict that fix.
import { defineCheck } from './define.js';
import type { Facts, MavenFact, MavenJar, TargetFact } from '../src/facts/index.js';
import type { Outcome } from '../src/engine/model.js';
import { capList } from '../src/jars/describe.js';
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
    'for another line are left to `jars.flink-version`.',
  reads: [
    'connector and format JARs the job uses',
    '<repository>/<group>/<artifact>/maven-metadata.xml (cached; --offline: cache, then the shipped snapshot)',
    'the target Flink version',
  ],
  needs: ['maven', 'target', 'repository'],
  run(facts): Outcome {
    return withRepositoryProblems(judge(facts), facts.maven.problems);
  },
});

/** Where one JAR stands: built for another line than the target (jars.flink-version's to judge), not looked up,
 * the newest build for its line, or behind a newer one (then `fix` names it). `note` says how old the data is. */
interface Standing {
  kind: 'newer' | 'current' | 'unknown' | 'otherLine';
  text: string;
  fix?: string;
  note?: string;
}

/** One connector JAR against the releases its repository lists for the same Flink line. */
function standingOf(jar: MavenJar, versions: MavenFact['versions'], target: TargetFact, repositoryUrl: string): Standing {
  const name = `${jar.artifactId} ${jar.version}`;
  const line = classify(jar.groupId, jar.artifactId, jar.version).line ?? jar.flinkLine;
  if (target.minor && line && line !== target.minor) {
    return { kind: 'otherLine', text: `${name}: built for Flink ${line}, target is ${target.minor}; judged by jars.flink-version` };
  }
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

function judge({ maven, target, repository }: Pick<Facts, 'maven' | 'target' | 'repository'>): Outcome {
  const facts = { repository: repository.url, repositorySource: repository.source, offline: maven.offline };
  if (maven.jars.length === 0) return { status: 'skipped', summary: 'no identified connector or format JARs to look up', facts };
  const standings = maven.jars.map((jar) => standingOf(jar, maven.versions, target, repository.url));
  const texts = (kind: Standing['kind']) => standings.filter((s) => s.kind === kind).map((s) => s.text);
  const [newer, current, unknown, otherLine] = [texts('newer'), texts('current'), texts('unknown'), texts('otherLine')];
  const fixes = standings.flatMap((s) => (s.fix ? [s.fix] : []));
  const notes = new Set(standings.flatMap((s) => (s.note ? [s.note] : [])));
  // The repository's own problems (an unusable settings.xml mirror) come first: they explain the rest.
  // The summary names up to five newer builds; a "newer:" line each would say them twice.
  const newerLines = newer.length > SUMMARY_NEWER ? newer.map((n) => `newer: ${n}`) : [];
  const details = [...maven.problems, ...capList([...newerLines, ...current, ...unknown, ...otherLine], 50), ...notes];
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
    return {
      status: 'skipped',
      summary: `no JAR is built for Flink ${target.minor}: judged by jars.flink-version`,
      details,
      facts,
      locations,
    };
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
