// The deployment files: --deploy FILE (repeatable), else those found in the working directory. Never throws.
import { discoverDeployFiles, emptyDeployFact } from '../deploy/discover.js';
import type { DeployFact } from '../facts/deploy.js';
import type { ProbeContext } from './context.js';

export async function probeDeploy({ options }: Pick<ProbeContext, 'options'>): Promise<DeployFact> {
  const given = options.deploy ?? [];
  const files =
    given.length > 0
      ? given.map((path) => ({ path, found: 'flag' as const }))
      : (await discoverDeployFiles(options.cwd)).map((path) => ({ path, found: 'discovered' as const }));
  if (files.length === 0) return emptyDeployFact();
  // The readers and their parsers (~50 KB of code) only when there is a file: most runs have none.
  const { readDeployment } = await import('../deploy/read.js');
  return readDeployment(files);
}
