// Where the job runs: on this machine (`python job.py` starts a mini cluster) or on a cluster, from the flags
// (--cluster, --deploy) and execution.target / the JobManager address, the job's own setting over the config's.
import type { RunFact } from '../facts/index.js';
import { applicationReason, remoteReason, withJobSettings } from '../flink/job-settings.js';
import type { ProbeContext } from './context.js';

export async function probeRun({ get, options }: ProbeContext): Promise<RunFact> {
  const [config, job] = await Promise.all([get('flinkConfig'), get('job')]);
  const { values } = withJobSettings(config.values, job.needs);
  const deploy = (options.deploy?.length ?? 0) > 0;
  const remote = remoteReason(values, { cluster: Boolean(options.cluster), deploy });
  const application = applicationReason(values, { deploy });
  return { ...(remote ? { remote } : {}), ...(application ? { application } : {}) };
}
