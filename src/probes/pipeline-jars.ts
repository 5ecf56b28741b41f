// pipeline.jars / pipeline.classpaths wherever they are set: the Flink config file that applies and the
// job's own set()/add_jars()/add_classpaths() calls. Each value is analysed and its local files looked up.
import { stat } from 'node:fs/promises';
import { dirname, isAbsolute } from 'node:path';
import { pathToFileURL } from 'node:url';
import { mappingUnder } from '../flink/config-file.js';
import type { JarSource, JobNeeds, PipelineJarsFact, PipelineSetting } from '../facts/index.js';
import { analysePipelineValue } from '../flink/pipeline-jars.js';
import type { ProbeContext } from './context.js';

export async function probePipelineJars({ get, options }: ProbeContext): Promise<PipelineJarsFact> {
  const [config, job] = await Promise.all([get('flinkConfig'), get('job')]);
  const settings: PipelineSetting[] = [];
  if (config.file) {
    for (const key of ['pipeline.jars', 'pipeline.classpaths'] as const) {
      // A mapping written where the value belongs is flattened into "key.<name>" settings: report it as written.
      const value = config.values[key] ?? mappingUnder(config.values, key);
      if (value === undefined || value === null || value === '') continue;
      settings.push({ origin: config.file, via: 'config', source: key, analysis: analysePipelineValue(key, value, dirname(config.file)) });
    }
  }
  if (job.needs) settings.push(...jobSettings(job.needs, options.cwd));
  // Report in file order: config first, then the jobs top to bottom.
  settings.sort(
    (a, b) =>
      (a.via === 'config' ? 0 : 1) - (b.via === 'config' ? 0 : 1) || a.origin.localeCompare(b.origin) || (a.line ?? 0) - (b.line ?? 0),
  );
  await Promise.all(
    settings
      .flatMap((s) => s.analysis.entries)
      .map(async (entry) => {
        if (!entry.path) return;
        entry.exists = await stat(entry.path).then(
          (info) => info.isFile(),
          () => false,
        );
      }),
  );
  return { settings };
}

/** The job's set("pipeline.jars", …) calls and its add_jars()/add_classpaths() calls, one setting per call. */
function jobSettings(needs: JobNeeds, cwd: string): PipelineSetting[] {
  const settings: PipelineSetting[] = [];
  for (const use of needs.settings) {
    const source: JarSource = use.key === 'pipeline.jars' ? 'job:pipeline.jars' : 'job:pipeline.classpaths';
    const value = use.value ?? '';
    const analysis = analysePipelineValue(use.key, use.value === undefined ? '' : value, cwd);
    if (use.value !== undefined) settings.push({ origin: use.file, line: use.line, via: 'job:set', source, analysis });
    else
      settings.push({
        origin: use.file,
        line: use.line,
        via: 'job:set',
        source,
        analysis: { ...analysis, issues: [] },
        computed: [use.expression ?? ''],
      });
  }
  const calls = new Map<string, { file: string; kind: 'add_jars' | 'add_classpaths'; line: number; known: string[]; computed: string[] }>();
  for (const ref of needs.jars) {
    if (ref.kind !== 'add_jars' && ref.kind !== 'add_classpaths' && ref.kind !== 'ADD JAR') continue;
    const kind = ref.kind === 'add_classpaths' ? 'add_classpaths' : 'add_jars';
    const key = `${ref.file}:${ref.line}:${kind}`;
    const call = calls.get(key) ?? { file: ref.file, kind, line: ref.line, known: [], computed: [] };
    // SQL's ADD JAR takes a plain path as well as a URL: judge the file, not the spelling.
    const value = ref.kind === 'ADD JAR' && isAbsolute(ref.value) ? pathToFileURL(ref.value).href : ref.value;
    (ref.known ? call.known : call.computed).push(value);
    calls.set(key, call);
  }
  for (const call of calls.values()) {
    const key = call.kind === 'add_jars' ? 'pipeline.jars' : 'pipeline.classpaths';
    const analysis = analysePipelineValue(key, call.known.join(';'), cwd);
    const base: PipelineSetting = {
      origin: call.file,
      line: call.line,
      via: `job:${call.kind}`,
      source: `job:${call.kind}`,
      analysis: call.known.length > 0 ? analysis : { ...analysis, issues: [] },
    };
    settings.push(call.computed.length > 0 ? { ...base, computed: call.computed } : base);
  }
  return settings;
}
