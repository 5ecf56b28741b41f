// Secrets never leave the process: every URL or message that might carry one passes through here
// before it reaches a fact, an error, a log line or the cache index.
//
// A URL's parser cannot be trusted to find its userinfo: in "http://user:pa/ss@host/repo" (a '/' left
// unencoded in the password) the authority ends at the first '/', so the URL either fails to parse or parses
// with the password as a port or path. So the rule here does not parse: everything between "scheme://" and
// the last '@' is userinfo, masked. A path holding an '@' is masked too; a password is never shown.

const SCHEME = /^[a-z][a-z0-9+.-]*:\/\//i;

/** "https://user:pw@host/x" → "https://***@host/x"; text without '@' is returned unchanged. */
export function redactUrl(url: string): string {
  const at = url.lastIndexOf('@');
  if (at < 0) return url;
  const scheme = SCHEME.exec(url)?.[0] ?? (url.startsWith('//') ? '//' : '');
  return `${scheme}***@${url.slice(at + 1)}`;
}

/** URLs inside free text: from a scheme (or a bare "//") up to the next whitespace or quote. */
const URL_IN_TEXT = /(?:[a-z][a-z0-9+.-]*:)?\/\/[^\s'"<>`]*/gi;
/** "user:password@host" without a scheme. */
const BARE_USERINFO = /(^|[\s'"(<])[^\s'"(<@/:]+:(?!\/\/)[^\s'"<>@]*@/g;

/** Removes userinfo from any URL inside free text and every listed secret verbatim. */
export function redactText(text: string, secrets: readonly string[] = []): string {
  let out = text.replace(URL_IN_TEXT, (url) => redactUrl(url)).replace(BARE_USERINFO, '$1***@');
  for (const secret of secrets) {
    if (secret.length >= 1) out = out.split(secret).join('***');
  }
  return out.replace(/(authorization:\s*)(basic|bearer)\s+\S+/gi, '$1$2 ***');
}

/** decodeURIComponent that says what is wrong instead of throwing "URI malformed". */
export function decodeUserinfo(value: string): { ok: true; value: string } | { ok: false } {
  try {
    return { ok: true, value: decodeURIComponent(value) };
  } catch {
    return { ok: false };
  }
}
