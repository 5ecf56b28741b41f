// job.connectors: every connector, format and catalog identifier the job uses is registered by a JAR it will
// see or built into Flink; otherwise "Could not find any factory for identifier 'kafka'" at submission.
import { defineCheck } from './define.js';
import { coordinates, downloadUrl, readable } from '../src/jars/describe.js';
import type { ConnectorFamily } from '../src/knowledge/connectors.js';

export default defineCheck({
  id: 'job.connectors',
  title: 'Connectors the job uses are available',
  group: 'Job',
  description: 'Every connector, format and catalog identifier the job\'s SQL uses is provided by a JAR it will see, or built in.',
  reads: ['--job (SQL \'connector\'/\'format\'/\'key.format\'/\'value.format\', CREATE CATALOG \'type\', for_connector/for_format)', 'Factory service files of every JAR the job sees', 'compat-matrix.json built-in identifiers', 'the Maven repository for download URLs (--maven-repo, settings.xml mirror; no network)'],
  needs: ['job', 'jars', 'target', 'repository'],
  run({ job, jars, target, repository }, { matrix }) {
    if (!job.file) return { status: 'skipped', summary: 'no --job given' };
    if (job.problem || !job.parsed) return { status: 'error', summary: job.problem ?? `cannot read ${job.file}`, locations: [{ path: job.file }] };
    const uses = job.parsed.identifiers;
    const unresolved = job.parsed.unresolved.map((u) => `line ${u.line}: ${u.text} is not a literal; its JARs were not followed`);
    if (uses.length === 0) return { status: 'ok', summary: 'the job uses no SQL connector, format or catalog identifiers', details: unresolved, locations: [{ path: job.file }] };

    const older = matrix.olderThanKnown(target);
    if (older) return { status: 'skipped', summary: older, locations: [{ path: job.file }] };
    const knowledge = matrix.connectors();
    const builtins = knowledge.builtinsFor(target.minor);
    const seen = readable(jars.jars);
    const provided = new Map<string, string>();
    for (const jar of seen) for (const id of jar.identity?.identifiers ?? []) if (!provided.has(id)) provided.set(id, jar.ref.path);
    const opaque = seen.filter((jar) => (jar.unknownFactories?.length ?? 0) > 0 && !jar.family);

    const details: string[] = [];
    const missing: { identifier: string; role: string; line: number; fix: string }[] = [];
    const done = new Set<string>();
    for (const use of uses) {
      const key = `${use.role}:${use.identifier}`;
      if (done.has(key)) continue;
      done.add(key);
      if (builtins.has(use.identifier)) details.push(`${use.role} '${use.identifier}' (line ${use.line}): built into Flink`);
      else if (provided.has(use.identifier)) details.push(`${use.role} '${use.identifier}' (line ${use.line}): provided by ${provided.get(use.identifier)}`);
      else missing.push({ ...use, fix: fixFor(use.identifier) });
    }
    const facts = { identifiers: done.size, missing: missing.length, jars: seen.length };
    if (missing.length === 0) return { status: 'ok', summary: `all ${done.size} identifier${done.size === 1 ? '' : 's'} the job uses are available`, details: [...details, ...unresolved], facts, locations: [{ path: job.file }] };

    // A JAR whose factories flink-doctor cannot map might provide them: say so rather than claim an error.
    const status = opaque.length > 0 ? 'warning' : 'error';
    const first = missing[0];
    return {
      status,
      summary: missing.length === 1 && first ? `no JAR the job sees provides ${first.role} '${first.identifier}' (line ${first.line})` : `no JAR the job sees provides ${missing.map((m) => `'${m.identifier}'`).join(', ')}`,
      details: [
        ...missing.map((m) => `${m.role} '${m.identifier}' (line ${m.line}): not built in and no JAR registers it: "Could not find any factory for identifier '${m.identifier}'"`),
        ...opaque.map((jar) => `${jar.ref.path} registers factories flink-doctor cannot map: ${jar.unknownFactories?.join(', ')}`),
        ...details,
        ...unresolved,
      ],
      fix: [...new Set(missing.map((m) => m.fix))].join('\n'),
      facts,
      locations: missing.map((m) => ({ path: job.file as string, line: m.line })),
    };

    function fixFor(identifier: string): string {
      const minor = target.minor ?? matrix.newestMinor();
      const providers = knowledge.providersOf(identifier);
      for (const { family } of providers) {
        const c = knowledge.recommend(family, minor, target.patch ?? matrix.resolvePatch(minor));
        if (!c) continue;
        // The newest release for this line may not register the identifier yet (Pulsar before 4.1.0, dynamic-kafka
        // before 5.0.0) or under another name (legacy Kinesis before 5.0.0).
        if (family.versioning !== 'flink' && !knowledge.registersIn(family, identifier, knowledge.releasesFor(family, minor)[0]?.version)) continue;
        const url = downloadUrl(repository.url, c);
        const companions = c.companions ? `, plus one of ${c.companions.oneOf.join(', ')} (${c.companions.why})` : '';
        return `Add ${coordinates(c)}${url ? ` (${url})` : ''}${companions} to pipeline.jars (or env.add_jars) for '${identifier}'`;
      }
      return laterReleaseFix(identifier, minor, providers.map((p) => p.family));
    }

    /** No release for this line registers it: name the first one that does and its Flink lines. */
    function laterReleaseFix(identifier: string, minor: string, families: readonly ConnectorFamily[]): string {
      for (const family of families) {
        const first = knowledge.firstReleaseRegistering(family, identifier);
        if (first) return `'${identifier}' needs ${family.title} ${first.version} or newer, built for Flink ${first.flink.join(', ')}; none is published for Flink ${minor}`;
      }
      const maintained = families.find((f) => f.maintainer);
      if (maintained) return `Add the ${maintained.title} JAR built for Flink ${minor} to pipeline.jars for '${identifier}' (${maintained.maintainer} publishes it; flink-doctor knows no build for this line)`;
      return `Add the JAR that provides '${identifier}' to pipeline.jars (flink-doctor knows no artifact for it on Flink ${minor})`;
    }
  },
});
