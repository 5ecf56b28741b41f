// The JVM options Flink's launchers will use, from the Flink config fact and the run's environment. Never throws.
import type { JvmOptionsFact } from '../facts/index.js';
import { effectiveJvmOptions } from '../flink/jvm-options.js';
import type { ProbeContext } from './context.js';

export async function probeJvmOptions({ get, options }: ProbeContext): Promise<JvmOptionsFact> {
  const config = await get('flinkConfig');
  return { ...effectiveJvmOptions(config.values, options.env), ...(config.file ? { file: config.file } : {}) };
}
