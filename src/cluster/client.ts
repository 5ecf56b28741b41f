// Reads a running JobManager over its REST API: /config first (is this Flink at all, and which version), then
// /jobmanager/environment, /jobmanager/config and /taskmanagers at once. Never throws: every problem becomes one
// line in the fact. The auth header's value comes from an environment variable and is never printed: it is a
// secret of the HTTP client, scrubbed from every message, and sent only to the origin the user named.
import { HttpClient, type HttpResult } from '../maven/http.js';
import { redactText, redactUrl } from '../maven/redact.js';
import { readTextFile } from '../util/read-file.js';
import { clip } from '../util/text.js';
import type { ClusterFact } from '../facts/cluster.js';
import { parseClusterConfig, parseDashboard, parseEnvironment, parseTaskManagers, type Parsed } from './responses.js';
import { LIMITS } from '../engine/limits.js';

export type { ClusterFact };

/** The env var read for the auth header when --cluster-auth-env names none. */
export const DEFAULT_AUTH_ENV = 'FLINK_DOCTOR_CLUSTER_AUTH';
export const DEFAULT_CLUSTER_TIMEOUT_MS = 5_000;
const MAX_BODY_BYTES = LIMITS.clusterResponseBytes;

export interface ClusterSettings {
  /** --cluster: the JobManager's REST address (http or https, optionally with a path prefix). */
  url: string;
  /** --cluster-auth-env: the env var whose value is the header ("Bearer …", or "X-Api-Key: …"). */
  authEnv?: string;
  /** --cluster-ca: PEM file of the CA that signed the JobManager's (or its proxy's) certificate. */
  caFile?: string;
  timeoutMs: number;
}

export const ENDPOINTS = {
  dashboard: 'config',
  environment: 'jobmanager/environment',
  config: 'jobmanager/config',
  taskManagers: 'taskmanagers',
} as const;

export function emptyClusterFact(status: 'not-requested' | 'offline', url?: string): ClusterFact {
  return { status, ...(url ? { url: redactUrl(url) } : {}), classpath: [], config: {}, gaps: [], notes: [] };
}

export async function readCluster(settings: ClusterSettings, env: Record<string, string | undefined>): Promise<ClusterFact> {
  const fact: ClusterFact = { ...emptyClusterFact('not-requested', settings.url), status: 'unreachable' };
  const auth = authHeader(settings.authEnv, env, fact);
  if (typeof auth === 'string') return { ...fact, failure: auth };
  const ca = await readCa(settings.caFile);
  if (ca.problem) return { ...fact, failure: ca.problem };
  const http = new HttpClient({
    limits: {
      connectTimeoutMs: Math.min(settings.timeoutMs, 4_000),
      requestTimeoutMs: settings.timeoutMs,
      deadline: Date.now() + settings.timeoutMs * 3,
      maxBytes: MAX_BODY_BYTES,
      maxRetries: 1,
      maxRetryAfterMs: 1_000,
      maxRedirects: 3,
      concurrency: 3,
    },
    ...(auth ? { headers: auth.headers } : {}),
    ...(ca.pem ? { ca: ca.pem } : {}),
    crossOriginRedirects: 'refuse',
    secrets: auth ? [...auth.secrets] : [],
    env,
  });
  if (auth) fact.authFrom = auth.from;
  try {
    const request: Request = {
      http,
      base: withTrailingSlash(settings.url),
      secrets: auth ? auth.secrets : [],
      ...(auth ? { authFrom: auth.from } : {}),
    };
    const dashboard = await getJson(request, ENDPOINTS.dashboard, parseDashboard);
    if (!dashboard.ok) return { ...fact, failure: dashboard.problem };
    Object.assign(
      fact,
      { status: 'read', flinkVersion: dashboard.value.flinkVersion },
      dashboard.value.flinkRevision ? { flinkRevision: dashboard.value.flinkRevision } : {},
    );
    const [environment, config, taskManagers] = await Promise.all([
      getJson(request, ENDPOINTS.environment, parseEnvironment),
      getJson(request, ENDPOINTS.config, parseClusterConfig),
      getJson(request, ENDPOINTS.taskManagers, parseTaskManagers),
    ]);
    if (environment.ok)
      Object.assign(fact, { classpath: environment.value.classpath }, environment.value.jvm ? { jvm: environment.value.jvm } : {});
    else fact.gaps.push({ endpoint: `/${ENDPOINTS.environment}`, problem: environment.problem });
    if (config.ok) fact.config = config.value;
    else fact.gaps.push({ endpoint: `/${ENDPOINTS.config}`, problem: config.problem });
    if (taskManagers.ok) fact.taskManagers = taskManagers.value.count;
    else fact.gaps.push({ endpoint: `/${ENDPOINTS.taskManagers}`, problem: taskManagers.problem });
    return fact;
  } finally {
    await http.close();
  }
}

interface Request {
  http: HttpClient;
  base: string;
  authFrom?: string;
  /** The header value and its parts: a body quoted in a message is scrubbed of them. */
  secrets: string[];
}

async function getJson<T>(
  { http, base, authFrom, secrets }: Request,
  endpoint: string,
  parse: (body: unknown) => Parsed<T>,
): Promise<Parsed<T>> {
  const url = new URL(endpoint, base).toString();
  const result = await http.get(url);
  if (result.kind !== 'ok') return { ok: false, problem: describeFailure(result, endpoint, authFrom) };
  const text = result.body.trimStart();
  if (/html/i.test(result.contentType ?? '') || text.startsWith('<')) {
    return { ok: false, problem: `/${endpoint} answered HTML instead of JSON (a login page or a proxy in front of the JobManager?)` };
  }
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    const start = redactText(clip(text.replace(/\s+/g, ' '), 60), secrets);
    return { ok: false, problem: `/${endpoint} answered something that is not JSON: "${start}"` };
  }
  return parse(body);
}

function describeFailure(result: Exclude<HttpResult, { kind: 'ok' }>, endpoint: string, authFrom: string | undefined): string {
  const path = `/${endpoint}`;
  if (result.kind === 'not-found') {
    return endpoint === ENDPOINTS.environment
      ? `${path} is not served (HTTP ${result.status}; Flink added it in 1.16)`
      : `${path} is not served (HTTP ${result.status}): is this the JobManager's REST address (rest.port, 8081 by default)?`;
  }
  if (result.kind === 'not-modified') return `${path} answered 304 to a request that was not conditional`;
  if (result.status === 401 || result.status === 403) {
    return authFrom
      ? `${path} refused the auth header from ${authFrom} (HTTP ${result.status})`
      : `${path} wants credentials (HTTP ${result.status}): put the header value in ${DEFAULT_AUTH_ENV} (or the variable --cluster-auth-env names)`;
  }
  if (result.redirectedTo)
    return `${path} redirects to another host (${result.redirectedTo}): not followed, so the auth header stays with the address given; pass the final address to --cluster`;
  return `${path}: ${result.reason.replace(/^HTTP (\d+) \(check the repository credentials\)$/, 'HTTP $1')}`;
}

/** The header to send, or a one-line problem; undefined when no variable is named and the default one is unset. */
function authHeader(
  named: string | undefined,
  env: Record<string, string | undefined>,
  fact: ClusterFact,
): { headers: Record<string, string>; secrets: string[]; from: string } | string | undefined {
  const from = named ?? DEFAULT_AUTH_ENV;
  const value = env[from];
  if (value === undefined || value.trim() === '') {
    if (named) fact.notes.push(`${named} (named by --cluster-auth-env) is not set: no auth header was sent`);
    return undefined;
  }
  if (/[\r\n\0]/.test(value)) return `the value of ${from} contains a line break: it cannot be sent as a header`;
  const custom = /^([A-Za-z0-9-]+):\s*(\S.*)$/.exec(value.trim());
  const [name, secret] = custom ? [custom[1] as string, custom[2] as string] : ['authorization', value.trim()];
  // Scrub the whole value and its token part (after "Bearer "/"Basic "), in case a server echoes either.
  const token = secret.split(/\s+/).pop() ?? secret;
  return { headers: { [name.toLowerCase()]: secret }, secrets: [value, secret, token].filter(Boolean), from };
}

async function readCa(path: string | undefined): Promise<{ pem?: string; problem?: string }> {
  if (!path) return {};
  try {
    const pem = await readTextFile(path, LIMITS.clusterCaBytes);
    if (!pem.includes('-----BEGIN CERTIFICATE-----'))
      return { problem: `--cluster-ca ${path} holds no PEM certificate ("-----BEGIN CERTIFICATE-----")` };
    return { pem };
  } catch (error) {
    return { problem: `--cluster-ca ${path} cannot be read: ${(error as Error).message.split('\n')[0]}` };
  }
}

function withTrailingSlash(url: string): string {
  const parsed = new URL(url);
  if (!parsed.pathname.endsWith('/')) parsed.pathname += '/';
  parsed.search = '';
  parsed.hash = '';
  return parsed.toString();
}
