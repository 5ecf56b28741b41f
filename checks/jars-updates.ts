// jars.updates: for each identified connector or format JAR, the newest release built for the same Flink line.
import { defineCheck } from '../src/engine/check.js';
import type { Outcome } from '../src/engine/model.js';
import { newerOnSameLine } from '../src/maven/advice.js';
import { gaKey, jarPath, joinUrl } from '../src/maven/coordinates.js';
import { dataNote, unreachable } from '../src/maven/describe.js';

export default defineCheck({
  id: 'jars.updates',
  title: 'Connector JAR updates',
  group: 'JARs',
  reads: ['connector and format JARs the job uses', '<repository>/<group>/<artifact>/maven-metadata.xml (cached; --offline: cache, then the shipped snapshot)'],
  needs: ['maven'],
  run({ maven }): Outcome {
    const facts = { repository: maven.repository.url, repositorySource: maven.repository.source, offline: maven.offline };
    if (maven.jars.length === 0) return { status: 'skipped', summary: 'no identified connector or format JARs to look up', facts };
    const newer: string[] = [];
    const current: string[] = [];
    const unknown: string[] = [];
    const fixes: string[] = [];
    const notes = new Set<string>();
    for (const jar of maven.jars) {
      const result = maven.versions[gaKey(jar)];
      const name = `${jar.artifactId} ${jar.version}`;
      if (!result || result.versions === null) {
        unknown.push(`${name}: ${unreachable(result?.note)}`);
        continue;
      }
      if (result.notFound) {
        unknown.push(`${name}: not in ${maven.repository.url}`);
        continue;
      }
      const note = dataNote(result);
      if (note) notes.add(note);
      const update = newerOnSameLine(jar.groupId, jar.artifactId, result.versions, jar.version, jar.flinkLine);
      if (!update) {
        current.push(`${name}: newest for its Flink line`);
        continue;
      }
      newer.push(`${jar.artifactId} ${jar.version} → ${update}`);
      fixes.push(`${jar.groupId}:${jar.artifactId}:${update} (${joinUrl(maven.repository.url, jarPath({ ...jar, version: update }))})`);
    }
    const details = [...newer.map((n) => `newer: ${n}`), ...current, ...unknown, ...notes];
    const locations = maven.jars.map((j) => ({ path: j.path }));
    if (newer.length > 0) return { status: 'warning', summary: `newer build for the same Flink line: ${newer.join(', ')}`, details, fix: fixes.map((f) => `Use ${f}`).join('\n'), facts, locations };
    if (current.length === 0) return { status: 'skipped', summary: `could not look up versions: ${unknown[0] ?? 'no data'}`, details, facts, locations };
    if (unknown.length > 0) return { status: 'warning', summary: `${current.length} JAR(s) up to date; ${unknown.length} could not be looked up`, details, facts, locations };
    return { status: 'ok', summary: `${current.length} JAR(s) are the newest build for their Flink line`, details, facts, locations };
  },
});
