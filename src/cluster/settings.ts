// The cluster settings a user gives (--cluster, --cluster-auth-env, --cluster-ca, --cluster-timeout, or the same
// keys in flink-doctor.config.json), validated the same way from both: one-line messages that never repeat a
// credential. Credentials belong in the environment variable named by --cluster-auth-env, not in the URL.
import { redactUrl } from '../maven/redact.js';

export class ClusterSettingError extends Error {
  override readonly name = 'ClusterSettingError';
}

/** An http(s) URL without userinfo; `source` names the flag or config key in the message. */
export function checkClusterUrl(raw: string, source: string): string {
  let parsed: URL;
  try {
    parsed = new URL(raw);
  } catch {
    throw new ClusterSettingError(`${source}: '${redactUrl(raw).slice(0, 200)}' is not a URL (expected e.g. http://jobmanager:8081)`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')
    throw new ClusterSettingError(`${source}: only http(s) JobManager addresses are supported, not ${parsed.protocol}`);
  if (parsed.username || parsed.password) {
    throw new ClusterSettingError(
      `${source}: put no credentials in the URL (${redactUrl(raw)}); put the header value in an environment variable and name it with --cluster-auth-env`,
    );
  }
  return parsed.toString();
}

/** The name of an environment variable (the variable's value is the secret, never the name). */
export function checkEnvName(name: string, source: string): string {
  if (!/^[A-Za-z_][A-Za-z0-9_]{0,127}$/.test(name))
    throw new ClusterSettingError(`${source}: '${name.slice(0, 40)}' is not an environment variable name`);
  return name;
}

/** Seconds (1 to 300) → milliseconds. */
export function checkTimeout(value: string | number, source: string): number {
  const seconds = typeof value === 'number' ? value : Number(value);
  if (!Number.isFinite(seconds) || seconds <= 0 || seconds > 300)
    throw new ClusterSettingError(`${source}: ${String(value).slice(0, 20)} is not a number of seconds between 1 and 300`);
  return Math.round(seconds * 1000);
}
