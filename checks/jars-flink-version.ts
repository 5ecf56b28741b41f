// jars.flink-version: connectors and formats built for another Flink line than the target. 1.x builds on
// 2.x (removed SourceFunction/SinkFunction APIs) and Scala 2.11 / pre-1.15 builds on 1.15+ are errors; another
// minor of the same major is a warning (NoSuchMethodError when an API the connector calls changed); a build for
// a newer line follows compat-matrix.json connectors.newerBuilds (src/jars/line-verdict.ts), else a warning.
import { defineCheck } from './define.js';
import type { Outcome } from '../src/engine/model.js';
import { jarLabel, jarLabelInline, userJars } from '../src/jars/describe.js';
import type { ScannedJar } from '../src/facts/index.js';
import { lineVerdict, type LineVerdict } from '../src/jars/line-verdict.js';
import type { ConnectorKnowledge } from '../src/knowledge/connectors.js';
import { buildForLine, describeLineBuild, type LineBuildSources } from '../src/maven/advice.js';

interface Verdict extends LineVerdict {
  jar: ScannedJar;
}

export default defineCheck({
  id: 'jars.flink-version',
  title: 'Connector JARs match the Flink version',
  group: 'JARs',
  description: 'No connector or format JAR is built for another Flink line than the target.',
  reads: [
    "each JAR's META-INF/NOTICE, MANIFEST.MF, pom.properties",
    'compat-matrix.json connectors',
    'maven-metadata.xml of its artifact (cache or shipped snapshot with --offline)',
  ],
  needs: ['jars', 'target', 'maven', 'repository'],
  run({ jars, target, maven, repository }, { matrix }) {
    const minor = target.minor;
    if (!minor) return { status: 'skipped', summary: 'no target Flink version (pass --flink-version or install apache-flink)' };
    const older = matrix.olderThanKnown(target);
    if (older) return { status: 'skipped', summary: older };
    const knowledge = matrix.connectors();
    // The distribution's own JARs match its own Flink by construction; a FLINK_HOME of another release is flink.home's finding.
    const judged = userJars(jars.jars, knowledge).filter((jar) => jar.family || jar.identity?.flinkLine);
    if (judged.length === 0) return { status: 'skipped', summary: 'no connector or format JARs found' };
    const verdicts = judged.flatMap((jar) => judge(jar, minor, knowledge));
    const unknown = judged
      .filter((jar) => jar.family && !jar.identity?.version)
      .map((jar) => `${jarLabel(jar)}: no version found inside; cannot tell its Flink line`);
    const facts = { target: target.flinkVersion, connectorJars: judged.length };
    if (verdicts.length === 0) {
      return {
        status: 'ok',
        summary: `${judged.length} connector/format JAR${judged.length === 1 ? '' : 's'} built for Flink ${minor}`,
        details: [...judged.map(jarLabel), ...unknown],
        facts,
      };
    }
    const errors = verdicts.filter((v) => v.level === 'error');
    const sources = { matrix, versions: maven, repositoryUrl: repository.url };
    const fixes = [...new Set(verdicts.map((v) => fixFor(v.jar, minor, target.patch, sources)))];
    const outcome: Outcome = {
      status: errors.length > 0 ? 'error' : 'warning',
      summary:
        verdicts.length === 1 && verdicts[0]
          ? `${jarLabel(verdicts[0].jar)}: ${verdicts[0].why}`
          : `${verdicts.length} JARs built for another Flink line than ${minor}`,
      // One finding is the summary itself; several are listed one per line.
      details: [...(verdicts.length > 1 ? verdicts.map((v) => `${v.level}: ${jarLabel(v.jar)}: ${v.why}`) : []), ...unknown],
      fix: fixes.join('\n'),
      facts,
      locations: verdicts.map((v) => ({ path: v.jar.ref.path })),
      sources: matrix.cite(verdicts.flatMap((v) => v.sources ?? [])),
    };
    return outcome;
  },
});

function judge(jar: ScannedJar, target: string, knowledge: ConnectorKnowledge): Verdict[] {
  const id = jar.identity;
  if (!id) return [];
  const family = jar.family ? knowledge.family(jar.family) : undefined;
  const verdict = lineVerdict({ ...id, ...(family ? { family } : {}) }, target, knowledge);
  return verdict ? [{ jar, ...verdict }] : [];
}

function fixFor(jar: ScannedJar, minor: string, patch: string | null, sources: LineBuildSources): string {
  const label = jarLabelInline(jar);
  const family = jar.family ? sources.matrix.connectors().family(jar.family) : undefined;
  // The same build jars.thin, cluster.jars and deploy.jars name (src/maven/advice.ts buildForLine says which source wins).
  const build = buildForLine({ line: minor, patch, family, jar: jar.identity }, sources);
  if (!build) return `Replace ${label} with a build for Flink ${minor} (none is known to flink-doctor yet)`;
  return `Replace ${label}${describeLineBuild(build, minor)}`;
}
