// STUB — being implemented (site-packages scan).
import type { ProbeContext } from './registry.js';
import type { InstalledPackagesFact } from './types.js';

export async function probeInstalledPackages(_ctx: ProbeContext): Promise<InstalledPackagesFact> {
  return { distributions: {}, duplicates: [], problems: [] };
}
