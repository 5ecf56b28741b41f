// The --job files, read as text (never run): what they need from the JVM. The reader and its Python parser
// are imported only here, and only when --job is given, so other runs never load them.
import type { JobFact } from '../facts/index.js';
import { readTextFile } from '../util/read-file.js';
import type { ProbeContext } from './context.js';

export async function probeJob({ options }: ProbeContext): Promise<JobFact> {
  const files = options.job ?? [];
  if (files.length === 0) return { files };
  const { readJobFiles } = await import('../job/read-job.js');
  return { files, needs: await readJobFiles({ files, cwd: options.cwd, readText: readTextFile }) };
}
