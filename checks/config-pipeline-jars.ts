// config.pipeline-jars: pipeline.jars / pipeline.classpaths values must be URLs Flink accepts (file: for jars),
// ';'-separated, pointing at existing files; a YAML list only works where the target's PyFlink reads one.
import { defineCheck } from './define.js';
import type { Location } from '../src/engine/model.js';
import { capList } from '../src/jars/describe.js';
import type { DeployFact, RunFact } from '../src/facts/index.js';

export default defineCheck({
  id: 'config.pipeline-jars',
  title: 'pipeline.jars / pipeline.classpaths values',
  group: 'Flink',
  description:
    '`pipeline.jars` / `pipeline.classpaths` are `;`-separated URLs Flink accepts, pointing at files that exist (a file ' +
    'missing here is a warning only when the path is for elsewhere: application mode, or a --deploy image puts it there).',
  reads: [
    'pipeline.jars and pipeline.classpaths in config.yaml / flink-conf.yaml', '--job set()/set_string()/add_jars()/add_classpaths(), SQL SET and ADD JAR',
    'where the job runs (--cluster, --deploy, execution.target) and the JARs --deploy images add',
  ],
  needs: ['pipelineJars', 'target', 'run', 'deploy'],
  run({ pipelineJars, target, run, deploy }, { matrix }) {
    const settings = pipelineJars.settings;
    if (settings.length === 0) return { status: 'skipped', summary: 'pipeline.jars / pipeline.classpaths are not set in the config or the job' };
    const knowledge = matrix.connectors();
    const errors: string[] = [];
    const warnings: string[] = [];
    const fixes: string[] = [];
    const locations: Location[] = [];
    for (const setting of settings) {
      const { analysis } = setting;
      const how = setting.via === 'config' ? analysis.key : setting.via === 'job:set' ? `set("${analysis.key}")` : `${setting.via.replace('job:', '')}()`;
      const where = `${how} in ${setting.origin}${setting.line ? `:${setting.line}` : ''}`;
      const before = errors.length + warnings.length;
      for (const issue of analysis.issues) errors.push(`${where}: ${issue}`);
      if (analysis.yamlList) {
        const reads = knowledge.readsYamlListPipelineJars(target.flinkVersion);
        const joined = analysis.entries.map((e) => e.raw).join(';');
        if (reads === false) {
          errors.push(`${where}: a YAML list; PyFlink ${target.flinkVersion} passes it on as one string ("MalformedURLException: no protocol: ['file:…']", FLINK-37505)`);
          fixes.push(`${analysis.key}: "${analysis.corrected ?? joined}"`);
        } else if (reads === undefined) {
          warnings.push(`${where}: a YAML list; PyFlink reads it only from ${Object.values(knowledge.section.pipelineJarsYamlList.fixedIn).join(' / ')} and ${knowledge.section.pipelineJarsYamlList.allFrom}+ (target ${target.flinkVersion ?? 'unknown'})`);
          fixes.push(`${analysis.key}: "${analysis.corrected ?? joined}"`);
        }
      }
      for (const entry of analysis.entries) {
        if (!entry.path || entry.exists !== false) continue;
        // Run here, the client opens every entry (FileNotFoundException at submission); an image may hold it.
        const elsewhere = pathForElsewhere(entry.path, run, deploy);
        if (elsewhere) warnings.push(`${where}: ${entry.raw} is not on this machine; ${elsewhere} (job.connectors judges it by its file name)`);
        else errors.push(`${where}: ${entry.raw} points at ${entry.path}, which does not exist or is not a file: run here, the job fails with FileNotFoundException`);
      }
      for (const expression of setting.computed ?? []) warnings.push(`${where}: ${expression} is computed at run time; not checked here`);
      if (analysis.corrected && !analysis.yamlList) fixes.push(setting.via === 'config' ? `${analysis.key}: "${analysis.corrected}"` : `${how.replace(/\)$/, '')}${setting.via === 'job:set' ? ', ' : ''}"${analysis.corrected}")  # ${setting.origin}:${setting.line ?? ''}`);
      if (errors.length + warnings.length > before) locations.push(setting.line ? { path: setting.origin, line: setting.line } : { path: setting.origin });
    }
    const count = settings.reduce((n, s) => n + s.analysis.entries.length, 0);
    const computed = settings.reduce((n, s) => n + (s.computed?.length ?? 0), 0);
    const facts = { settings: settings.length, entries: count, computed };
    if (errors.length === 0 && warnings.length === 0) return { status: 'ok', summary: `${count} entr${count === 1 ? 'y' : 'ies'} in ${settings.length} setting${settings.length === 1 ? '' : 's'}: file: URLs to existing files`, facts };
    return {
      status: errors.length > 0 ? 'error' : 'warning',
      // The first problem is the summary; the details list the others (not the summary again).
      summary: errors[0] ?? warnings[0] ?? '',
      details: capList([...errors, ...warnings].slice(1), 50),
      fix: fixes.length > 0 ? `Write:\n${[...new Set(fixes)].join('\n')}` : errors.length > 0 ? 'Point every entry at an existing JAR with a file:/// URL, entries separated by ";"' : 'Pass the JARs these resolve to with --jars so flink-doctor can read them (or use literal paths)',
      facts,
      locations,
    };
  },
});

/** Why a path missing here may exist where the job runs: a --deploy image adds that file, or application mode. */
function pathForElsewhere(path: string, run: RunFact, deploy: DeployFact): string | undefined {
  const placed = [...deploy.builds.flatMap((b) => b.jars), ...deploy.jobs.flatMap((j) => j.mounts)].find((jar) => `${jar.dir.replace(/\/+$/, '')}/${jar.name}` === path);
  if (placed) return `${placed.file}${placed.line ? `:${placed.line}` : ''} puts it there in the image`;
  return run.application ? `the job runs in application mode (${run.application}), where the path is resolved` : undefined;
}
