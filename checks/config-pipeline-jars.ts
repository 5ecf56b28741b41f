// config.pipeline-jars: pipeline.jars / pipeline.classpaths values must be URLs Flink accepts (file: for jars),
// ';'-separated, pointing at existing files; a YAML list only works where the target's PyFlink reads one.
import { defineCheck } from './define.js';
import type { Location } from '../src/engine/model.js';
import { capList } from '../src/jars/describe.js';
import type { DeployFact, PipelineAnalysis, PipelineSetting, RunFact } from '../src/facts/index.js';
import type { ConnectorKnowledge } from '../src/knowledge/connectors.js';

export default defineCheck({
  id: 'config.pipeline-jars',
  title: 'pipeline.jars / pipeline.classpaths values',
  group: 'Flink',
  description:
    '`pipeline.jars` / `pipeline.classpaths` are `;`-separated URLs Flink accepts, pointing at files that exist (a file ' +
    'missing here is a warning only when the path is for elsewhere: application mode, or a --deploy image puts it there).',
  reads: [
    'pipeline.jars and pipeline.classpaths in config.yaml / flink-conf.yaml',
    '--job set()/set_string()/add_jars()/add_classpaths(), SQL SET and ADD JAR',
    'where the job runs (--cluster, --deploy, execution.target) and the JARs --deploy images add',
  ],
  needs: ['pipelineJars', 'target', 'run', 'deploy'],
  run({ pipelineJars, target, run, deploy }, { matrix }) {
    const settings = pipelineJars.settings;
    if (settings.length === 0)
      return { status: 'skipped', summary: 'pipeline.jars / pipeline.classpaths are not set in the config or the job' };
    const found: Found = { errors: [], warnings: [], fixes: [] };
    const place: Place = { knowledge: matrix.connectors(), flinkVersion: target.flinkVersion, run, deploy };
    const locations: Location[] = [];
    for (const setting of settings) {
      const before = found.errors.length + found.warnings.length;
      judgeSetting(setting, found, place);
      if (found.errors.length + found.warnings.length > before)
        locations.push(setting.line ? { path: setting.origin, line: setting.line } : { path: setting.origin });
    }
    const { errors, warnings, fixes } = found;
    const count = settings.reduce((n, s) => n + s.analysis.entries.length, 0);
    const computed = settings.reduce((n, s) => n + (s.computed?.length ?? 0), 0);
    const facts = { settings: settings.length, entries: count, computed };
    if (errors.length === 0 && warnings.length === 0)
      return {
        status: 'ok',
        summary: `${count} entr${count === 1 ? 'y' : 'ies'} in ${settings.length} setting${settings.length === 1 ? '' : 's'}: file: URLs to existing files`,
        facts,
      };
    return {
      status: errors.length > 0 ? 'error' : 'warning',
      // The first problem is the summary; the details list the others (not the summary again).
      summary: errors[0] ?? warnings[0] ?? '',
      details: capList([...errors, ...warnings].slice(1), 50),
      fix:
        fixes.length > 0
          ? `Write:\n${[...new Set(fixes)].join('\n')}`
          : errors.length > 0
            ? 'Point every entry at an existing JAR with a file:/// URL, entries separated by ";"'
            : 'Pass the JARs these resolve to with --jars so flink-doctor can read them (or use literal paths)',
      facts,
      locations,
    };
  },
});

/** What the settings' problems add up to; each step below appends to it. */
interface Found {
  errors: string[];
  warnings: string[];
  fixes: string[];
}

/** What a setting is judged against: the target's PyFlink, where the job runs, what the --deploy images add. */
interface Place {
  knowledge: ConnectorKnowledge;
  flinkVersion: string | null;
  run: RunFact;
  deploy: DeployFact;
}

/** One setting: its syntax issues, a YAML list the target's PyFlink may not read, entries missing here, computed values. */
function judgeSetting(setting: PipelineSetting, found: Found, place: Place): void {
  const { analysis } = setting;
  const how =
    setting.via === 'config' ? analysis.key : setting.via === 'job:set' ? `set("${analysis.key}")` : `${setting.via.replace('job:', '')}()`;
  const where = `${how} in ${setting.origin}${setting.line ? `:${setting.line}` : ''}`;
  for (const issue of analysis.issues) found.errors.push(`${where}: ${issue}`);
  if (analysis.yamlList) judgeYamlList(analysis, where, found, place);
  judgeMissingEntries(analysis, where, found, place);
  for (const expression of setting.computed ?? []) found.warnings.push(`${where}: ${expression} is computed at run time; not checked here`);
  if (analysis.corrected && !analysis.yamlList)
    found.fixes.push(
      setting.via === 'config'
        ? `${analysis.key}: "${analysis.corrected}"`
        : `${how.replace(/\)$/, '')}${setting.via === 'job:set' ? ', ' : ''}"${analysis.corrected}")  # ${setting.origin}:${setting.line ?? ''}`,
    );
}

/** A YAML list: an error where the target's PyFlink passes it on as one string, a warning where that is not known. */
function judgeYamlList(analysis: PipelineAnalysis, where: string, found: Found, { knowledge, flinkVersion }: Place): void {
  const reads = knowledge.readsYamlListPipelineJars(flinkVersion);
  const joined = analysis.entries.map((e) => e.raw).join(';');
  if (reads === false) {
    found.errors.push(
      `${where}: a YAML list; PyFlink ${flinkVersion} passes it on as one string ("MalformedURLException: no protocol: ['file:…']", FLINK-37505)`,
    );
    found.fixes.push(`${analysis.key}: "${analysis.corrected ?? joined}"`);
  } else if (reads === undefined) {
    found.warnings.push(
      `${where}: a YAML list; PyFlink reads it only from ${Object.values(knowledge.section.pipelineJarsYamlList.fixedIn).join(' / ')} and ${knowledge.section.pipelineJarsYamlList.allFrom}+ (target ${flinkVersion ?? 'unknown'})`,
    );
    found.fixes.push(`${analysis.key}: "${analysis.corrected ?? joined}"`);
  }
}

/** Entries whose file is not here: an error when the job runs here, a warning when the path is for elsewhere. */
function judgeMissingEntries(analysis: PipelineAnalysis, where: string, found: Found, { run, deploy }: Place): void {
  for (const entry of analysis.entries) {
    if (!entry.path || entry.exists !== false) continue;
    // Run here, the client opens every entry (FileNotFoundException at submission); an image may hold it.
    const elsewhere = pathForElsewhere(entry.path, run, deploy);
    if (elsewhere)
      found.warnings.push(`${where}: ${entry.raw} is not on this machine; ${elsewhere} (job.connectors judges it by its file name)`);
    else
      found.errors.push(
        `${where}: ${entry.raw} points at ${entry.path}, which does not exist or is not a file: run here, the job fails with FileNotFoundException`,
      );
  }
}

/** Why a path missing here may exist where the job runs: a --deploy image adds that file, or application mode. */
function pathForElsewhere(path: string, run: RunFact, deploy: DeployFact): string | undefined {
  const placed = [...deploy.builds.flatMap((b) => b.jars), ...deploy.jobs.flatMap((j) => j.mounts)].find(
    (jar) => `${jar.dir.replace(/\/+$/, '')}/${jar.name}` === path,
  );
  if (placed) return `${placed.file}${placed.line ? `:${placed.line}` : ''} puts it there in the image`;
  return run.application ? `the job runs in application mode (${run.application}), where the path is resolved` : undefined;
}
