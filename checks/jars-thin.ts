// jars.thin: a thin flink-connector-X carries the connector code only; without its dependencies the job
// fails with NoClassDefFoundError (e.g. org/apache/kafka/...). PyFlink wants the flink-sql-connector-X fat JAR.
import { defineCheck } from './define.js';
import { coordinates, downloadUrl, jarLabel, readable, userJars } from '../src/jars/describe.js';

export default defineCheck({
  id: 'jars.thin',
  title: 'Fat SQL connector JARs, not thin ones',
  group: 'JARs',
  description: 'No thin `flink-connector-X` where PyFlink needs the `flink-sql-connector-X` fat JAR.',
  reads: ['each JAR\'s identity and packages', 'compat-matrix.json connectors (fat/thin artifacts, what a thin JAR needs)', 'the Maven repository for download URLs (--maven-repo, settings.xml mirror; no network)'],
  needs: ['jars', 'target', 'repository'],
  run({ jars, target, repository }, { matrix }) {
    const knowledge = matrix.connectors();
    const seen = readable(jars.jars);
    // The distribution ships thin format JARs itself (flink-json, flink-csv in lib/): those are never findings.
    const thin = userJars(jars.jars, knowledge).filter((jar) => jar.role === 'thin' && jar.family && (knowledge.family(jar.family)?.fat.length ?? 0) > 0);
    if (thin.length === 0) return { status: seen.length === 0 ? 'skipped' : 'ok', summary: seen.length === 0 ? 'no readable JARs' : 'no thin connector JARs' };
    const older = matrix.olderThanKnown(target);
    if (older) return { status: 'skipped', summary: older };
    const minor = target.minor ?? matrix.newestMinor();
    const findings: { level: 'error' | 'warning'; text: string; fix: string; path: string }[] = [];
    for (const jar of thin) {
      const family = knowledge.family(jar.family ?? '');
      if (!family) continue;
      const fat = knowledge.recommend(family, minor, target.patch ?? matrix.resolvePatch(minor));
      const url = fat ? downloadUrl(repository.url, fat) : undefined;
      const fix = `Replace ${jarLabel(jar)} with ${fat ? `${coordinates(fat)}${url ? ` (${url})` : ''}` : family.fat[0]}`;
      const needs = family.thinNeeds;
      if (needs) {
        const provided = seen.some((other) => other !== jar && other.packages?.some((p) => needs.packages.some((n) => `${p}/`.startsWith(n))));
        if (provided) continue;
        findings.push({ level: 'error', text: `${jarLabel(jar)} is the thin ${family.title} connector and no JAR provides ${needs.artifact} (${needs.packages.join(', ')}): NoClassDefFoundError at runtime`, fix, path: jar.ref.path });
      } else {
        findings.push({ level: 'warning', text: `${jarLabel(jar)} is the thin ${family.title} artifact: it needs its dependencies on the classpath; PyFlink wants ${family.fat[0]}`, fix, path: jar.ref.path });
      }
    }
    if (findings.length === 0) return { status: 'ok', summary: `thin connector JARs come with their dependencies`, details: thin.map(jarLabel) };
    const first = findings[0];
    return {
      status: findings.some((f) => f.level === 'error') ? 'error' : 'warning',
      summary: findings.length === 1 && first ? first.text : `${findings.length} thin connector JARs where PyFlink needs the fat SQL JAR`,
      details: findings.map((f) => `${f.level}: ${f.text}`),
      fix: [...new Set(findings.map((f) => f.fix))].join('\n'),
      locations: findings.map((f) => ({ path: f.path })),
    };
  },
});
