// Secrets never leave the process: every URL or message that might carry one passes through here
// before it reaches a fact, an error, a log line or the cache index.

/** "https://user:pw@host/x" → "https://***@host/x"; non-URLs are returned unchanged. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (!parsed.username && !parsed.password) return url;
    parsed.username = '***';
    parsed.password = '';
    return parsed.toString();
  } catch {
    return url.replace(/\/\/[^/@\s]+@/g, '//***@');
  }
}

/** Removes userinfo from any URL inside free text and every listed secret verbatim. */
export function redactText(text: string, secrets: readonly string[] = []): string {
  let out = text.replace(/([a-z][a-z0-9+.-]*:\/\/)[^/@\s]+@/gi, '$1***@');
  for (const secret of secrets) {
    if (secret.length >= 1) out = out.split(secret).join('***');
  }
  return out.replace(/(authorization:\s*)(basic|bearer)\s+\S+/gi, '$1$2 ***');
}
