// Which repository to ask, with which credentials: --maven-repo, then FLINK_DOCTOR_MAVEN_REPO, then a
// settings.xml mirror of central, then Maven Central itself. Credentials stay in `auth`; `display` is safe to print.
import { existsSync } from 'node:fs';
import { decodeUserinfo, redactUrl } from './redact.js';
import { settingsPath } from './settings-path.js';

export const MAVEN_CENTRAL = 'https://repo1.maven.org/maven2';
const REPO_ENV = 'FLINK_DOCTOR_MAVEN_REPO';

export interface RepositoryConfig {
  /** Base URL without userinfo. */
  url: string;
  /** The URL with credentials masked, for reports. */
  display: string;
  /** "--maven-repo", "FLINK_DOCTOR_MAVEN_REPO", "settings.xml mirror 'id'", "Maven Central". */
  source: string;
  auth?: { username: string; password: string };
  /** Every secret to scrub from messages (passwords, userinfo). */
  secrets: string[];
  problems: string[];
}

export async function resolveRepository(flag: string | undefined, env: Record<string, string | undefined>): Promise<RepositoryConfig> {
  if (flag) return fromUrl(flag, '--maven-repo');
  const fromEnv = env[REPO_ENV];
  if (fromEnv) return fromUrl(fromEnv, REPO_ENV);
  // The settings module (and its XML parser) is loaded only when there is a settings.xml to read.
  const path = settingsPath(env);
  const settingsModule = path && existsSync(path) ? await import('./settings.js') : undefined;
  const settings = settingsModule ? await settingsModule.readSettings(env) : undefined;
  const mirror = settings && settingsModule?.centralMirror(settings);
  if (settings && mirror) {
    let config: RepositoryConfig;
    try {
      config = fromUrl(mirror.url, `settings.xml mirror '${mirror.id}'`);
    } catch (error) {
      // One unusable mirror must not switch off the Maven data of every JAR: say so, and ask Central.
      if (!(error instanceof RepositoryError)) throw error;
      const problem = `${error.message} (${settings.path}); flink-doctor asks Maven Central instead: fix the mirror's <url>`;
      return {
        url: MAVEN_CENTRAL,
        display: MAVEN_CENTRAL,
        source: 'Maven Central',
        secrets: [],
        problems: [...settings.problems, problem],
      };
    }
    const server = settings.servers.find((s) => s.id === mirror.id);
    if (server?.username && server.password !== undefined && !config.auth) {
      config.auth = { username: server.username, password: server.password };
      config.secrets.push(server.password);
    }
    config.problems.push(...settings.problems);
    return config;
  }
  return { url: MAVEN_CENTRAL, display: MAVEN_CENTRAL, source: 'Maven Central', secrets: [], problems: settings?.problems ?? [] };
}

/** Userinfo in a URL becomes basic auth and is removed from the URL itself. */
export function fromUrl(raw: string, source: string): RepositoryConfig {
  let parsed: URL;
  try {
    parsed = new URL(raw);
  } catch {
    throw new RepositoryError(`${source}: '${redactUrl(raw)}' is not a URL`);
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:')
    throw new RepositoryError(`${source}: only http(s) repositories are supported, not ${parsed.protocol}`);
  // "http://user:pa/ss@host" parses as host "user" with the password in the path: refuse rather than print it.
  if (!parsed.username && !parsed.password && raw.includes('@')) {
    throw new RepositoryError(`${source}: '${redactUrl(raw)}' has an '@' after its host; a password holding '/' must write it as %2F`);
  }
  const secrets: string[] = [];
  let auth: RepositoryConfig['auth'];
  if (parsed.username || parsed.password) {
    const username = decodeUserinfo(parsed.username);
    const password = decodeUserinfo(parsed.password);
    if (!username.ok || !password.ok) {
      throw new RepositoryError(
        `${source}: the user name or password in '${redactUrl(raw)}' has a malformed %-escape (write a literal % as %25)`,
      );
    }
    auth = { username: username.value, password: password.value };
    secrets.push(parsed.password, auth.password, `${parsed.username}:${parsed.password}`);
    parsed.username = '';
    parsed.password = '';
  }
  const url = parsed.toString().replace(/\/+$/, '');
  return { url, display: auth ? redactUrl(raw).replace(/\/+$/, '') : url, source, auth, secrets: secrets.filter(Boolean), problems: [] };
}

/** For flag parsing: throws RepositoryError (message without secrets) when the URL cannot be used. */
export function checkRepositoryUrl(raw: string, source: string): void {
  fromUrl(raw, source);
}

export class RepositoryError extends Error {
  override readonly name = 'RepositoryError';
}
