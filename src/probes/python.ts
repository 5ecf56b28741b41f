// STUB — being implemented (python probe). Resolves the client interpreter and runs it once.
import type { ProbeContext } from './registry.js';
import type { PythonFact } from './types.js';

export async function probePython(_ctx: ProbeContext): Promise<PythonFact> {
  return { provenance: { source: 'PATH' }, requested: 'python3', runs: false, failure: 'not implemented', sysPath: [] };
}
