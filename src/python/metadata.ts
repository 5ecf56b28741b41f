// Core metadata of installed distributions: *.dist-info/METADATA and *.egg-info/PKG-INFO are RFC 822 style
// headers ("Name: x", repeated "Requires-Dist: y", continuation lines indented), then a blank line and the
// long description. egg-info keeps its requirements in requires.txt, with "[extra:marker]" sections.
// Pure functions over text; nothing here touches the file system or throws.
import { clip } from '../util/text.js';

export interface CoreMetadata {
  name: string;
  version: string;
  /** Requires-Dist values, raw (each a PEP 508 string, maybe in the old "x (>=1)" form). */
  requiresDist: string[];
  /** Every header by lower-cased field name, in file order (repeatable fields keep every value). */
  headers: Record<string, string[]>;
}

export type MetadataResult = { ok: true; metadata: CoreMetadata } | { ok: false; error: string };

/** Parses METADATA / PKG-INFO text. Missing Name or Version, or binary content, is an error value. */
export function parseMetadata(text: string): MetadataResult {
  if (text.includes('\u0000')) return { ok: false, error: 'binary content, not a metadata file' };
  const headers: Record<string, string[]> = {};
  let last: { key: string; index: number } | undefined;
  let stray: string | undefined;
  for (const line of headerLines(text)) {
    if (line === '') break; // end of headers; the body is the description
    if (isFolded(line)) {
      // Continuation of the previous header (folded line).
      if (!last) return { ok: false, error: `continuation line before any header: "${clip(line, 60)}"` };
      const values = headers[last.key];
      if (values) values[last.index] = `${values[last.index] ?? ''}\n${line.trim()}`;
      continue;
    }
    const colon = line.indexOf(':');
    const key = colon > 0 ? line.slice(0, colon) : '';
    if (!key || !/^[A-Za-z0-9][A-Za-z0-9_.-]*$/.test(key)) {
      // Like Python's email parser: a line that is not a header ends the headers (importlib.metadata copes).
      stray = line;
      break;
    }
    const lower = key.toLowerCase();
    const values = (headers[lower] ??= []);
    values.push(line.slice(colon + 1).trim());
    last = { key: lower, index: values.length - 1 };
  }
  const name = headers.name?.[0]?.trim();
  const version = headers.version?.[0]?.trim();
  const garbage = stray === undefined ? '' : ` (headers end at "${clip(stray, 60)}")`;
  if (!name) return { ok: false, error: `no Name header${garbage}` };
  if (!version) return { ok: false, error: `no Version header${garbage}` };
  const requiresDist = (headers['requires-dist'] ?? []).map((value) => value.replace(/\s*\n\s*/g, ' ').trim()).filter(Boolean);
  return { ok: true, metadata: { name, version, requiresDist, headers } };
}

/** A folded line (it continues the header above) starts with a space or a tab. */
function isFolded(line: string): boolean {
  const first = line.charCodeAt(0);
  return first === 32 || first === 9;
}

/**
 * The lines of a metadata file. Plain "\n" is split with a string, not a regular expression: numpy's and pandas' headers
 * fold their whole license text into ~2,400 lines, and this runs on every installed distribution.
 */
function headerLines(text: string): string[] {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  return body.includes('\r') ? body.split(/\r\n|\r|\n/) : body.split('\n');
}

/**
 * setuptools' requires.txt → PEP 508 lines. A section header "[extra]", "[:marker]" or "[extra:marker]" applies
 * to the lines below it and becomes a marker ("x; (marker) and extra == 'extra'"). Comments and blanks are skipped.
 */
export function parseRequiresTxt(text: string): string[] {
  const result: string[] = [];
  let sectionMarker = '';
  for (const rawLine of text.split(/\r\n|\r|\n/)) {
    const line = rawLine.replace(/(^|\s)#.*$/, '').trim();
    if (!line) continue;
    const section = /^\[(.*)\]$/.exec(line);
    if (section) {
      const body = section[1] ?? '';
      const colon = body.indexOf(':');
      const extra = (colon >= 0 ? body.slice(0, colon) : body).trim();
      const marker = colon >= 0 ? body.slice(colon + 1).trim() : '';
      const parts: string[] = [];
      if (marker) parts.push(extra ? `(${marker})` : marker);
      if (extra) parts.push(`extra == "${extra}"`);
      sectionMarker = parts.join(' and ');
      continue;
    }
    if (!sectionMarker) {
      result.push(line);
    } else {
      const semicolon = line.indexOf(';');
      result.push(
        semicolon >= 0
          ? `${line.slice(0, semicolon).trim()}; (${line.slice(semicolon + 1).trim()}) and (${sectionMarker})`
          : `${line}; ${sectionMarker}`,
      );
    }
  }
  return result;
}
