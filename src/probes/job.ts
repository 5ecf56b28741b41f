// The --job file, read as text (never run): the JARs it adds and the identifiers its SQL uses.
import { errorMessage } from '../engine/errors.js';
import type { JobFact } from '../facts/index.js';
import { parsePythonJob } from '../job/python-job.js';
import type { ProbeContext } from './context.js';
import { readTextFile } from '../util/read-file.js';

/** Job files larger than this are not Python a person wrote; read the start only. */
const MAX_JOB_BYTES = 4 * 1024 * 1024;

export async function probeJob({ options }: ProbeContext): Promise<JobFact> {
  if (!options.job) return {};
  try {
    const text = await readTextFile(options.job);
    return { file: options.job, parsed: parsePythonJob(text.length > MAX_JOB_BYTES ? text.slice(0, MAX_JOB_BYTES) : text) };
  } catch (error) {
    return { file: options.job, problem: `cannot read ${options.job}: ${errorMessage(error)}` };
  }
}
