// pipeline.jars / pipeline.classpaths wherever they are set: the Flink config file that applies and the
// job's own set()/add_jars()/add_classpaths() calls. Each value is analysed and its local files looked up.
import { stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import { mappingUnder } from '../flink/config-file.js';
import type { JarSource, PipelineJarsFact, PipelineSetting } from '../facts/index.js';
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
  if (job.file && job.parsed) {
    for (const setting of job.parsed.settings) {
      const source: JarSource = setting.key === 'pipeline.jars' ? 'job:pipeline.jars' : 'job:pipeline.classpaths';
      settings.push({ origin: job.file, line: setting.line, via: 'job:set', source, analysis: analysePipelineValue(setting.key, setting.value, options.cwd) });
    }
    const calls = new Map<string, { kind: 'add_jars' | 'add_classpaths'; line: number; values: string[] }>();
    for (const ref of job.parsed.jars) {
      if (ref.kind !== 'add_jars' && ref.kind !== 'add_classpaths') continue;
      const key = `${ref.kind}:${ref.line}`;
      const call = calls.get(key) ?? { kind: ref.kind, line: ref.line, values: [] };
      call.values.push(ref.value);
      calls.set(key, call);
    }
    for (const call of calls.values()) {
      const key = call.kind === 'add_jars' ? 'pipeline.jars' : 'pipeline.classpaths';
      settings.push({ origin: job.file, line: call.line, via: `job:${call.kind}`, source: `job:${call.kind}`, analysis: analysePipelineValue(key, call.values.join(';'), options.cwd) });
    }
  }
  // Report in file order: config first, then the job top to bottom.
  settings.sort((a, b) => (a.via === 'config' ? 0 : 1) - (b.via === 'config' ? 0 : 1) || (a.line ?? 0) - (b.line ?? 0));
  await Promise.all(
    settings.flatMap((s) => s.analysis.entries).map(async (entry) => {
      if (!entry.path) return;
      entry.exists = await stat(entry.path).then((info) => info.isFile(), () => false);
    }),
  );
  return { settings };
}
