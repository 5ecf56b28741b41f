// The --job files, read as text (never run): what they need from the JVM. The reader and its Python parser
// are imported only here, and only when --job is given, so other runs never load them; when the user's cache
// holds the needs of exactly these texts (src/job/needs-cache.ts), they are not loaded at all.
import { join } from 'node:path';
import type { JobFact, JobNeeds } from '../facts/index.js';
import type { ReadJobOptions } from '../job/read-job.js';
import { cacheDir } from '../util/cache-dir.js';
import { readTextFile } from '../util/read-file.js';
import type { ProbeContext } from './context.js';

export async function probeJob({ options }: ProbeContext): Promise<JobFact> {
  const files = options.job ?? [];
  if (files.length === 0) return { files };
  const read: ReadJobOptions = { files, cwd: options.cwd, readText: readTextFile };
  if (options.noCache) return { files, needs: await readFresh(read) };
  const { JobNeedsCache } = await import('../job/needs-cache.js');
  return { files, needs: await new JobNeedsCache(join(cacheDir(options.env), 'job')).read(read, readFresh) };
}

async function readFresh(read: ReadJobOptions): Promise<JobNeeds> {
  const { loadReader } = await import('../job/load-reader.js');
  return (await loadReader()).readJobFiles(read);
}
