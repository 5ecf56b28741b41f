// HTTP_PROXY / HTTPS_PROXY as the HTTP client will use them, checked first: a proxy URL that does not parse, or
// whose user name or password has a malformed %-escape, is a problem naming the variable (never "URI
// malformed", never a silent failure of every request). An unusable proxy is not bypassed: going around a
// proxy a network requires is not the doctor's call, so requests fail with that problem as their reason.
import { decodeUserinfo, redactUrl } from './redact.js';

export interface ProxySettings {
  httpProxy?: string;
  httpsProxy?: string;
  noProxy?: string;
  /** Proxy passwords (raw and decoded), to scrub from every message. */
  secrets: string[];
  /** One line per unusable proxy variable. */
  problems: string[];
}

const VARIABLES = [
  ['httpProxy', 'HTTP_PROXY', 'http_proxy'],
  ['httpsProxy', 'HTTPS_PROXY', 'https_proxy'],
] as const;

export function proxySettings(env: Record<string, string | undefined>): ProxySettings {
  const settings: ProxySettings = { secrets: [], problems: [] };
  const noProxy = env.NO_PROXY ?? env.no_proxy;
  if (noProxy) settings.noProxy = noProxy;
  for (const [key, upper, lower] of VARIABLES) {
    const name = env[upper] ? upper : env[lower] ? lower : undefined;
    const raw = name ? env[name] : undefined;
    if (!name || !raw) continue;
    const checked = checkProxy(raw);
    settings.secrets.push(...checked.secrets);
    if (checked.problem) settings.problems.push(`${name} '${redactUrl(raw)}' ${checked.problem}: fix or unset it`);
    else settings[key] = raw;
  }
  return settings;
}

function checkProxy(raw: string): { problem?: string; secrets: string[] } {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { problem: 'is not a URL', secrets: [] };
  }
  const secrets = [url.password, url.username].filter(Boolean);
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    return { problem: `is a ${url.protocol} proxy; only http(s) proxies are supported`, secrets };
  const username = decodeUserinfo(url.username);
  const password = decodeUserinfo(url.password);
  if (password.ok && password.value) secrets.push(password.value);
  if (!username.ok || !password.ok)
    return { problem: 'has a malformed %-escape in its user name or password (write a literal % as %25)', secrets };
  return { secrets };
}
