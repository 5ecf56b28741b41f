// GET with every limit the doctor needs on hostile or flaky networks: connect and per-request timeouts,
// a deadline for the whole run, bounded retries with backoff (Retry-After honoured up to a cap), a size
// cap enforced while streaming, manual redirects (no downgrade, no credentials across origins) and a small
// concurrency limit over keep-alive connections. undici is imported lazily: offline runs never load it.
import type { Dispatcher } from 'undici';
import { LIMITS, formatBytes } from '../engine/limits.js';
import { proxySettings } from './proxy.js';
import { redactText, redactUrl } from './redact.js';
import { commonJsExports } from '../util/commonjs.js';

export interface HttpLimits {
  connectTimeoutMs: number;
  requestTimeoutMs: number;
  /** Absolute Date.now() after which no request starts and none is waited for. */
  deadline: number;
  maxBytes: number;
  maxRetries: number;
  maxRetryAfterMs: number;
  maxRedirects: number;
  concurrency: number;
}

export const DEFAULT_LIMITS: Omit<HttpLimits, 'deadline'> = {
  connectTimeoutMs: LIMITS.httpConnectMs,
  requestTimeoutMs: LIMITS.httpRequestMs,
  maxBytes: LIMITS.httpResponseBytes,
  maxRetries: LIMITS.httpRetries,
  maxRetryAfterMs: LIMITS.httpRetryAfterMs,
  maxRedirects: LIMITS.httpRedirects,
  concurrency: LIMITS.httpConcurrency,
};

export interface HttpOptions {
  limits: HttpLimits;
  auth?: { username: string; password: string };
  /** Extra request headers (a token from an env var): sent to the first URL's origin only, values treated as secrets. */
  headers?: Record<string, string>;
  /** PEM certificates to trust instead of the system's (a private CA in front of a JobManager). */
  ca?: string;
  /** 'refuse': a redirect to another origin is a failure instead of being followed without credentials. */
  crossOriginRedirects?: 'follow' | 'refuse';
  secrets: string[];
  /** For HTTP(S)_PROXY / NO_PROXY (the env the run was given, not necessarily process.env). */
  env: Record<string, string | undefined>;
}

export type HttpResult =
  | { kind: 'ok'; body: string; etag?: string; lastModified?: string; contentType?: string }
  | { kind: 'not-modified' }
  | { kind: 'not-found'; status: number }
  | { kind: 'failed'; reason: string; status?: number; redirectedTo?: string };

export interface Conditional {
  etag?: string;
  lastModified?: string;
}

export class HttpClient {
  private dispatcher: Promise<{ dispatcher: Dispatcher; request: typeof import('undici').request }> | undefined;
  private active = 0;
  private readonly queue: (() => void)[] = [];

  constructor(private readonly options: HttpOptions) {}

  async get(url: string, conditional: Conditional = {}): Promise<HttpResult> {
    await this.acquire();
    try {
      const result = await this.withRetries(url, conditional);
      return result.kind === 'failed'
        ? {
            ...result,
            reason: this.clean(result.reason),
            ...(result.redirectedTo ? { redirectedTo: this.clean(result.redirectedTo) } : {}),
          }
        : result;
    } catch (error) {
      return { kind: 'failed', reason: this.clean(error instanceof Error ? error.message : String(error)) };
    } finally {
      this.release();
    }
  }

  async close(): Promise<void> {
    const loaded = await this.dispatcher?.catch(() => undefined);
    await loaded?.dispatcher.close().catch(() => undefined);
  }

  private async withRetries(url: string, conditional: Conditional): Promise<HttpResult> {
    const { limits } = this.options;
    for (let attempt = 0; ; attempt++) {
      if (Date.now() >= limits.deadline) return { kind: 'failed', reason: 'network time budget for this run used up' };
      const outcome = await this.followRedirects(url, conditional);
      if (outcome.kind !== 'retry') return outcome;
      if (attempt >= limits.maxRetries) return { kind: 'failed', reason: `${outcome.reason} (after ${attempt + 1} attempts)` };
      let wait = outcome.retryAfterMs ?? Math.min(200 * 2 ** attempt, 2_000) * (0.75 + Math.random() * 0.5);
      if (outcome.retryAfterMs !== undefined && outcome.retryAfterMs > limits.maxRetryAfterMs) {
        return {
          kind: 'failed',
          reason: `${outcome.reason}; Retry-After ${Math.ceil(outcome.retryAfterMs / 1000)} s is longer than flink-doctor waits`,
        };
      }
      wait = Math.min(wait, limits.maxRetryAfterMs);
      if (Date.now() + wait >= limits.deadline) return { kind: 'failed', reason: `${outcome.reason}; no time left to retry` };
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
  }

  private async followRedirects(start: string, conditional: Conditional): Promise<HttpResult | Retry> {
    const origin = new URL(start).origin;
    let url = start;
    for (let hops = 0; hops <= this.options.limits.maxRedirects; hops++) {
      const response = await this.once(url, conditional, new URL(url).origin === origin);
      if (response.kind !== 'redirect') return response;
      const next = new URL(response.location, url);
      if (next.origin !== origin && this.options.crossOriginRedirects === 'refuse') {
        return {
          kind: 'failed',
          reason: `redirected to another origin (${redactUrl(next.origin)}): not followed`,
          redirectedTo: redactUrl(next.toString()),
        };
      }
      if (next.protocol !== 'https:' && next.protocol !== 'http:')
        return { kind: 'failed', reason: `redirect to unsupported scheme ${next.protocol}` };
      if (new URL(url).protocol === 'https:' && next.protocol === 'http:')
        return { kind: 'failed', reason: `refused redirect from https to http (${redactUrl(next.toString())})` };
      url = next.toString();
    }
    return { kind: 'failed', reason: `more than ${this.options.limits.maxRedirects} redirects` };
  }

  /** One request: classified, body read under the size cap. */
  private async once(url: string, conditional: Conditional, sameOrigin: boolean): Promise<HttpResult | Retry | Redirect> {
    const { limits } = this.options;
    const { dispatcher, request } = await this.load();
    const headers = this.requestHeaders(conditional, sameOrigin);
    const budget = Math.max(1, Math.min(limits.requestTimeoutMs, limits.deadline - Date.now()));
    const signal = AbortSignal.timeout(budget);
    let response: Dispatcher.ResponseData;
    try {
      response = await request(url, { method: 'GET', headers, dispatcher, signal, headersTimeout: budget, bodyTimeout: budget });
    } catch (error) {
      if (signal.aborted) return { kind: 'failed', reason: `no response within ${budget} ms` };
      return { kind: 'retry', reason: `connection failed: ${describe(error)}` };
    }
    const header = (name: string) => {
      const value = response.headers[name];
      return Array.isArray(value) ? value[0] : value;
    };
    if (response.statusCode !== 200) return classifyStatus(response.statusCode, response.body, header);
    return readBody(response.body, header, limits.maxBytes, { signal, budget });
  }

  private requestHeaders(conditional: Conditional, sameOrigin: boolean): Record<string, string> {
    const { auth } = this.options;
    const headers: Record<string, string> = { 'user-agent': 'flink-doctor', accept: '*/*' };
    // Credentials only ever go to the first URL's own origin, never to where it redirects.
    if (sameOrigin) Object.assign(headers, this.options.headers);
    if (auth && sameOrigin) headers.authorization = `Basic ${Buffer.from(`${auth.username}:${auth.password}`).toString('base64')}`;
    if (conditional.etag) headers['if-none-match'] = conditional.etag;
    if (conditional.lastModified) headers['if-modified-since'] = conditional.lastModified;
    return headers;
  }

  private load() {
    this.dispatcher ??= (async () => {
      const undici = commonJsExports(await import('undici'));
      const { env, limits } = this.options;
      const connect = { timeout: limits.connectTimeoutMs, ...(this.options.ca ? { ca: this.options.ca } : {}) };
      const proxies = proxySettings(env);
      // A proxy URL may carry credentials: scrub them from every message like the repository's own.
      this.options.secrets.push(...proxies.secrets);
      if (proxies.problems.length > 0) throw new Error(proxies.problems.join('; '));
      const { httpProxy, httpsProxy, noProxy } = proxies;
      const dispatcher: Dispatcher =
        httpProxy || httpsProxy
          ? new undici.EnvHttpProxyAgent({
              httpProxy,
              httpsProxy,
              noProxy,
              connect,
              connections: limits.concurrency,
              keepAliveTimeout: 4_000,
            })
          : new undici.Agent({ connect, connections: limits.concurrency, keepAliveTimeout: 4_000 });
      return { dispatcher, request: undici.request };
    })();
    return this.dispatcher;
  }

  private acquire(): Promise<void> {
    if (this.active < this.options.limits.concurrency) {
      this.active++;
      return Promise.resolve();
    }
    return new Promise((resolve) => this.queue.push(() => resolve()));
  }

  private release(): void {
    const next = this.queue.shift();
    if (next) next();
    else this.active--;
  }

  private clean(message: string): string {
    return redactText(message, this.options.secrets);
  }
}

type Retry = { kind: 'retry'; reason: string; retryAfterMs?: number };
type Redirect = { kind: 'redirect'; location: string };
type Header = (name: string) => string | undefined;

/** Any answer but 200: a redirect to follow, not modified, not found, worth a retry (429, 5xx), or a failure. The body is drained unread. */
function classifyStatus(status: number, body: Dispatcher.ResponseData['body'], header: Header): HttpResult | Retry | Redirect {
  body.resume();
  if (status >= 300 && status < 400 && status !== 304) {
    const location = header('location');
    return location ? { kind: 'redirect', location } : { kind: 'failed', reason: `HTTP ${status} without Location` };
  }
  if (status === 304) return { kind: 'not-modified' };
  if (status === 404 || status === 410) return { kind: 'not-found', status };
  if (status === 429 || status >= 500) {
    return {
      kind: 'retry',
      reason: `HTTP ${status}${status === 429 ? ' (rate limited)' : ''}`,
      retryAfterMs: parseRetryAfter(header('retry-after')),
    };
  }
  return {
    kind: 'failed',
    status,
    reason: `HTTP ${status}${status === 401 || status === 403 ? ' (check the repository credentials)' : ''}`,
  };
}

/** A 200's body, read while it stays under the size cap (a Content-Length over it is refused before reading). */
async function readBody(
  body: Dispatcher.ResponseData['body'],
  header: Header,
  maxBytes: number,
  timer: { signal: AbortSignal; budget: number },
): Promise<HttpResult | Retry> {
  const length = Number(header('content-length'));
  if (Number.isFinite(length) && length > maxBytes) {
    discard(body);
    return {
      kind: 'failed',
      reason: `response of ${formatBytes(length)} is over the ${formatBytes(maxBytes)} flink-doctor reads of one response`,
    };
  }
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of body) {
      size += (chunk as Buffer).length;
      if (size > maxBytes) {
        discard(body);
        return { kind: 'failed', reason: `response over the ${formatBytes(maxBytes)} flink-doctor reads of one response` };
      }
      chunks.push(chunk as Buffer);
    }
  } catch (error) {
    if (timer.signal.aborted) return { kind: 'failed', reason: `response not complete within ${timer.budget} ms` };
    return { kind: 'retry', reason: `response cut short: ${describe(error)}` };
  }
  return {
    kind: 'ok',
    body: Buffer.concat(chunks).toString('utf8'),
    etag: header('etag'),
    lastModified: header('last-modified'),
    contentType: header('content-type'),
  };
}

/**
 * Stops reading a body: destroy() can emit 'error' after the whole body arrived (seen with a small cap), and an
 * 'error' with no listener would end the process.
 */
function discard(body: Dispatcher.ResponseData['body']): void {
  body.on('error', () => undefined);
  body.destroy();
}

/** "120" seconds or an HTTP date; undefined when absent or unreadable. */
export function parseRetryAfter(value: string | undefined, now = Date.now()): number | undefined {
  if (!value) return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const code = (error as { code?: string }).code;
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  return [code ?? cause?.code, error.message.split('\n')[0]].filter(Boolean).join(' ');
}
