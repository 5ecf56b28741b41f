// The Flink options the job's own code sets over the config file's (python.executable, python.files, …,
// execution.target): PyFlink puts the job's set()/set_python_executable()/set_python_requirements() over the
// file's value, and add_python_file()/add_python_archive() add to its list. Pure: probes merge, checks may read.
import type { JobConfigKey, JobNeeds } from '../facts/index.js';

export interface MergedSettings {
  /** The config values with the job's settings applied (a list key the job adds to becomes a list). */
  values: Record<string, unknown>;
  /** Keys the job sets → where ("job.py:12"), the last one that decides. */
  fromJob: Partial<Record<JobConfigKey, string>>;
  /** Keys whose job value is computed at run time → the expression as written. */
  computed: Partial<Record<JobConfigKey, string>>;
}

export function withJobSettings(values: Record<string, unknown>, job: JobNeeds | undefined): MergedSettings {
  const merged: MergedSettings = { values: { ...values }, fromJob: {}, computed: {} };
  const uses = [...(job?.config ?? [])].sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line);
  for (const use of uses) {
    merged.fromJob[use.key] = `${use.file}:${use.line}`;
    if (use.value === undefined) {
      // A list the job adds an unknown entry to keeps its known entries; a replaced value is unknown.
      if (!use.append) {
        merged.computed[use.key] = use.expression ?? '';
        delete merged.values[use.key];
      }
      continue;
    }
    delete merged.computed[use.key];
    merged.values[use.key] = use.append ? [...listOf(merged.values[use.key]), use.value] : use.value;
  }
  return merged;
}

/** "a.zip,b.tgz#py", ["a.zip"] → entries (as Flink splits python.files and python.archives). */
export function listOf(value: unknown): string[] {
  const items = Array.isArray(value) ? value : typeof value === 'string' ? value.split(',') : [];
  return items
    .filter((item): item is string => typeof item === 'string')
    .map((item) => item.trim())
    .filter(Boolean);
}

const REMOTE_TARGETS = /^(remote|yarn-.*|kubernetes-.*)$/;
const LOOPBACK = /^(localhost|127\.\d+\.\d+\.\d+|::1|\[::1\]|0\.0\.0\.0)$/i;

/** Why a run submits to a cluster rather than running on this machine (`python job.py`'s mini cluster); undefined: here. */
export function remoteReason(values: Record<string, unknown>, flags: { cluster?: boolean; deploy?: boolean }): string | undefined {
  if (flags.cluster) return '--cluster';
  if (flags.deploy) return '--deploy';
  const target = typeof values['execution.target'] === 'string' ? values['execution.target'].trim() : '';
  if (REMOTE_TARGETS.test(target)) return `execution.target: ${target}`;
  for (const key of ['rest.address', 'jobmanager.rpc.address']) {
    const address = values[key];
    if (typeof address === 'string' && address.trim() && !LOOPBACK.test(address.trim())) return `${key}: ${address.trim()}`;
  }
  return undefined;
}

/** Application mode: the job's paths are resolved where it runs (the image), not on this machine. */
export function applicationReason(values: Record<string, unknown>, flags: { deploy?: boolean }): string | undefined {
  const target = typeof values['execution.target'] === 'string' ? values['execution.target'].trim() : '';
  if (target.endsWith('-application')) return `execution.target: ${target}`;
  return flags.deploy ? '--deploy' : undefined;
}
