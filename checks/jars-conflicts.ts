// jars.conflicts: the same artifact twice in different versions, or the same classes in several JARs
// (e.g. kafka-clients unshaded twice): the JVM loads whichever comes first, so behaviour depends on order.
import { basename } from 'node:path';
import { defineCheck } from '../src/engine/check.js';
import { capList, jarLabel, readable } from '../src/jars/describe.js';
import { splitScalaSuffix } from '../src/jars/version.js';

export default defineCheck({
  id: 'jars.conflicts',
  title: 'No duplicate artifacts or classes',
  group: 'JARs',
  reads: ['each JAR\'s identity and class list (zip central directory)'],
  needs: ['jars'],
  run({ jars }) {
    const seen = readable(jars.jars);
    if (seen.length < 2) return { status: 'skipped', summary: seen.length === 0 ? 'no readable JARs' : 'only one JAR: nothing to conflict with' };
    const byArtifact = new Map<string, typeof seen>();
    for (const jar of seen) {
      const id = jar.identity;
      if (!id?.artifactId) continue;
      const key = `${id.groupId ?? ''}:${splitScalaSuffix(id.artifactId).base}`;
      byArtifact.set(key, [...(byArtifact.get(key) ?? []), jar]);
    }
    const details: string[] = [];
    const paths = new Set<string>();
    for (const [key, group] of byArtifact) {
      const versions = new Set(group.map((j) => j.identity?.version ?? '?'));
      if (versions.size < 2) continue;
      details.push(`${key.replace(/^:/, '')} in ${versions.size} versions: ${group.map(jarLabel).join('; ')}`);
      group.forEach((j) => paths.add(j.ref.path));
    }
    for (const overlap of jars.overlaps) {
      details.push(`${overlap.classes} class${overlap.classes === 1 ? '' : 'es'} in both ${basename(overlap.jars[0])} and ${basename(overlap.jars[1])}: ${summarisePackages(overlap.packages)}`);
      overlap.jars.forEach((p) => paths.add(p));
    }
    const facts = { jars: seen.length, duplicateArtifacts: details.length - jars.overlaps.length, classOverlaps: jars.overlaps.length };
    if (details.length === 0) return { status: 'ok', summary: `no duplicate artifacts or classes across ${seen.length} JARs`, facts };
    return {
      status: 'error',
      summary: details.length === 1 ? (details[0] ?? '') : `${details.length} conflicts between JARs`,
      details: capList(details, 25),
      fix: 'Keep one copy of each artifact (the fat flink-sql-connector-* JAR alone for a connector) and remove the others from --jars, pipeline.jars and lib/',
      facts,
      locations: [...paths].map((path) => ({ path })),
    };
  },
});

/** Packages as Java names, grouped under their common prefixes so a shaded library reads as one line. */
function summarisePackages(packages: readonly string[]): string {
  const roots = new Map<string, number>();
  for (const pkg of packages) {
    const root = pkg.split('/').slice(0, 4).join('.');
    roots.set(root, (roots.get(root) ?? 0) + 1);
  }
  const shown = [...roots.keys()].slice(0, 6);
  return `${shown.join(', ')}${roots.size > shown.length ? `, … (${roots.size - shown.length} more)` : ''}`;
}
