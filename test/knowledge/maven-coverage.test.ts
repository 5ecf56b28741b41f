// Every coordinate the doctor can recommend (each family on each Flink line it knows) is in the Maven data the
// project ships (data/maven-snapshot.json), with the exact version it names. A recommendation of a build that was
// never published (flink-connector-jdbc:4.0.0-2.0) fails here.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadMatrix } from '../../src/knowledge/load-matrix.js';

const snapshot = JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', 'data', 'maven-snapshot.json'), 'utf8')) as {
  artifacts: Record<string, { versions: string[] }>;
};
const matrix = loadMatrix();
const knowledge = matrix.connectors();

const recommendations = Object.entries(knowledge.section.families).flatMap(([key, family]) =>
  matrix.minors().flatMap((minor) => {
    const c = knowledge.recommend(family, minor, matrix.resolvePatch(minor));
    return c ? [{ key, minor, ...c }] : [];
  }),
);

describe('recommended coordinates exist in the shipped Maven data', () => {
  it('recommends something for most family × line pairs', () => {
    expect(recommendations.length).toBeGreaterThan(150);
  });

  it.each(recommendations.map((r) => [`${r.key} on Flink ${r.minor}: ${r.groupId}:${r.artifactId}:${r.version}`, r] as const))(
    '%s',
    (_, r) => {
      const listed = snapshot.artifacts[`${r.groupId}:${r.artifactId}`];
      expect(listed, `${r.groupId}:${r.artifactId} is not in data/maven-snapshot.json`).toBeDefined();
      expect(listed?.versions, `${r.version} is not a version of ${r.artifactId}`).toContain(r.version);
      for (const companion of r.companions?.oneOf ?? []) {
        expect(snapshot.artifacts[`${r.groupId}:${companion}`]?.versions, `${companion}:${r.version}`).toContain(r.version);
      }
    },
  );
});
