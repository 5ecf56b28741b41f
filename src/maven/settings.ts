// ~/.m2/settings.xml: the mirror that stands in for Maven Central and the <server> credentials for it.
// Matching follows Maven's MirrorSelector: an exact "central" wins, then the first pattern that matches.

import { settingsPath } from './settings-path.js';
import { parseXml, pick, text } from './xml.js';
import { errorMessage } from '../engine/errors.js';
import { LIMITS } from '../engine/limits.js';
import { readTextFile } from '../util/read-file.js';

export interface Mirror {
  id: string;
  url: string;
  mirrorOf: string;
}

export interface Server {
  id: string;
  username?: string;
  password?: string;
}

export interface MavenSettings {
  path: string;
  mirrors: Mirror[];
  servers: Server[];
  problems: string[];
}

/** undefined when there is no settings file; problems (never passwords) when it cannot be used. */
export async function readSettings(env: Record<string, string | undefined>): Promise<MavenSettings | undefined> {
  const path = settingsPath(env);
  if (!path) return undefined;
  let raw: string;
  try {
    raw = await readTextFile(path, LIMITS.settingsXmlBytes);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    return {
      path,
      mirrors: [],
      servers: [],
      problems: [`cannot read ${path}: ${errorMessage(error)}; its mirrors and credentials are not used`],
    };
  }
  return parseSettings(raw, path, env);
}

export function parseSettings(raw: string, path: string, env: Record<string, string | undefined>): MavenSettings {
  const settings: MavenSettings = { path, mirrors: [], servers: [], problems: [] };
  let doc: Record<string, unknown>;
  try {
    doc = parseXml(raw, ['mirror', 'server']);
  } catch (error) {
    // The parser's message may quote the document; settings hold passwords, so say only where.
    settings.problems.push(
      `${path} is not valid XML${error instanceof Error && error.name === 'XmlError' && /DOCTYPE/.test(error.message) ? ' (DOCTYPE refused)' : ''}`,
    );
    return settings;
  }
  const mirrors = pick(doc, 'settings', 'mirrors', 'mirror');
  for (const m of Array.isArray(mirrors) ? mirrors : []) {
    const id = text(pick(m, 'id')) ?? '';
    const url = text(pick(m, 'url'));
    const mirrorOf = text(pick(m, 'mirrorOf'));
    if (url && mirrorOf) settings.mirrors.push({ id, url: interpolate(url, env), mirrorOf });
  }
  const servers = pick(doc, 'settings', 'servers', 'server');
  for (const s of Array.isArray(servers) ? servers : []) {
    const id = text(pick(s, 'id'));
    if (!id) continue;
    const username = text(pick(s, 'username'));
    let password = text(pick(s, 'password'));
    if (password?.startsWith('{') && password.endsWith('}')) {
      // Maven's encrypted passwords need settings-security.xml and its master key: not supported.
      settings.problems.push(`server '${id}': encrypted passwords are not supported; the mirror is used without credentials`);
      password = undefined;
    }
    settings.servers.push({ id, username: username && interpolate(username, env), password: password && interpolate(password, env) });
  }
  return settings;
}

/** Maven expands ${env.NAME} in settings.xml; CI setups rely on it for credentials. */
function interpolate(value: string, env: Record<string, string | undefined>): string {
  return value.replace(/\$\{env\.([A-Za-z_][A-Za-z0-9_]*)\}/g, (_, name: string) => env[name] ?? '');
}

/** Does a mirrorOf value cover the repository "central" (https, external)? */
export function mirrorOfMatchesCentral(mirrorOf: string): boolean {
  const entries = mirrorOf
    .split(',')
    .map((e) => e.trim())
    .filter(Boolean);
  if (entries.includes('!central')) return false;
  // external:http:* covers plain-HTTP repositories only; Central is HTTPS.
  return entries.some((e) => e === 'central' || e === '*' || e === 'external:*');
}

export function centralMirror(settings: MavenSettings): Mirror | undefined {
  return settings.mirrors.find((m) => m.mirrorOf.trim() === 'central') ?? settings.mirrors.find((m) => mirrorOfMatchesCentral(m.mirrorOf));
}
