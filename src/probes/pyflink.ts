// STUB — being implemented (apache-flink wheel layout).
import type { ProbeContext } from './registry.js';
import type { PyflinkFact } from './types.js';

export async function probePyflink(_ctx: ProbeContext): Promise<PyflinkFact> {
  return { installed: false, libJars: [], optJars: [], problems: [] };
}
