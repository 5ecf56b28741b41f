// jars.integrity: the local JAR's SHA-1 equals the .sha1 published for its coordinates.
import { defineCheck } from './define.js';
import type { Facts } from '../src/facts/index.js';
import type { Outcome } from '../src/engine/model.js';
import { capList } from '../src/jars/describe.js';
import { withRepositoryProblems } from '../src/maven/describe.js';

export default defineCheck({
  id: 'jars.integrity',
  title: 'Connector JAR checksums',
  group: 'JARs',
  description: "A JAR's SHA-1 matches the checksum published for its coordinates.",
  reads: [
    'connector and format JARs the job uses (SHA-1 of each file)',
    '<repository>/<group>/<artifact>/<version>/<artifact>-<version>.jar.sha1 (cached)',
  ],
  needs: ['maven', 'repository'],
  run(facts): Outcome {
    return withRepositoryProblems(judge(facts), facts.maven.problems);
  },
});

function judge({ maven, repository }: Pick<Facts, 'maven' | 'repository'>): Outcome {
  const facts = { repository: repository.url, repositorySource: repository.source, offline: maven.offline };
  if (maven.jars.length === 0) return { status: 'skipped', summary: 'no identified connector or format JARs to verify', facts };
  const mismatched: string[] = [];
  const unpublished: string[] = [];
  const verified: string[] = [];
  const unknown: string[] = [];
  for (const jar of maven.jars) {
    const coords = `${jar.groupId}:${jar.artifactId}:${jar.version}`;
    const { checksum } = jar;
    if (checksum.status === 'unavailable') unknown.push(`${jar.path}: ${checksum.note ?? 'checksum not available'}`);
    else if (checksum.status === 'not-published') unpublished.push(`${jar.path}: ${coords} is not published in ${repository.url}`);
    else if (!jar.localSha1) unknown.push(`${jar.path}: could not be read`);
    else if (checksum.sha1 !== jar.localSha1)
      mismatched.push(`${jar.path}: SHA-1 ${jar.localSha1}, published ${checksum.sha1} for ${coords}`);
    else verified.push(`${jar.path}: matches ${coords}`);
  }
  // The repository's own problems (an unusable settings.xml mirror) come first: they explain the rest.
  const details = [...maven.problems, ...capList([...mismatched, ...unpublished, ...unknown, ...verified], 50)];
  const locations = maven.jars.map((j) => ({ path: j.path }));
  if (mismatched.length > 0) {
    return {
      status: 'error',
      summary: `${mismatched.length} JAR(s) differ from the published file (modified or corrupt)`,
      details,
      fix: 'Download the JAR again from the repository and replace the local copy',
      facts,
      locations,
    };
  }
  if (unpublished.length > 0) {
    return {
      status: 'warning',
      summary: `${unpublished.length} JAR(s) not published under their coordinates (locally built?)`,
      details,
      fix: 'Use the released JAR from the repository unless the local build is intended',
      facts,
      locations,
    };
  }
  if (verified.length === 0)
    return { status: 'skipped', summary: `could not verify: ${unknown[0] ?? 'no checksum data'}`, details, facts, locations };
  if (unknown.length > 0)
    return {
      status: 'warning',
      summary: `${verified.length} JAR(s) verified; ${unknown.length} could not be checked`,
      details,
      facts,
      locations,
    };
  return { status: 'ok', summary: `${verified.length} JAR(s) match their published SHA-1`, details, facts, locations };
}
