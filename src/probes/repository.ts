// The `repository` fact: which Maven repository download URLs point at (--maven-repo, FLINK_DOCTOR_MAVEN_REPO,
// a ~/.m2/settings.xml mirror of central, else Maven Central). It reads at most settings.xml and never the
// network, so checks that only print a download URL (jars.thin, job.connectors) can afford it. No credentials
// in the fact: the resolution with credentials stays in this module for the `maven` probe.
import type { Options } from '../engine/options.js';
import type { RepositoryFact } from '../facts/index.js';
import { errorMessage } from '../engine/errors.js';
import { MAVEN_CENTRAL, resolveRepository, type RepositoryConfig } from '../maven/repository.js';
import type { ProbeContext } from './context.js';

// One resolution per run (per Options object): the `repository` fact and the `maven` probe share it, so
// settings.xml is read at most once.
const resolved = new WeakMap<Options, Promise<RepositoryConfig>>();

/** The repository with its credentials; memoised per run. Rejects with RepositoryError for an unusable URL. */
export function repositoryConfig(options: Options): Promise<RepositoryConfig> {
  let pending = resolved.get(options);
  if (!pending) {
    pending = resolveRepository(options.mavenRepo, options.env);
    resolved.set(options, pending);
  }
  return pending;
}

export async function probeRepository({ options }: Pick<ProbeContext, 'options'>): Promise<RepositoryFact> {
  try {
    const config = await repositoryConfig(options);
    return { url: config.url, source: config.source, problems: [...config.problems] };
  } catch (error) {
    // A broken repository setting is the `maven` fact's finding (jars.updates, jars.integrity); download
    // URLs in other fixes fall back to Maven Central rather than failing their checks.
    return { url: MAVEN_CENTRAL, source: 'Maven Central', problems: [errorMessage(error)] };
  }
}
