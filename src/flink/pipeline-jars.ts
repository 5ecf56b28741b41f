// pipeline.jars / pipeline.classpaths values: ';'-separated URLs. Flink turns each into a java.net.URL,
// so a plain path has "no protocol"; PyFlink's docs say "Only local file URLs (start with "file:") are
// supported" for pipeline.jars. This module parses a value and says what is wrong with it and what to write.
import { isAbsolute, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { LIMITS } from '../engine/limits.js';
import type { PipelineAnalysis, PipelineEntry } from '../facts/index.js';
import { clip, scalarText } from '../util/text.js';

/** Schemes Flink accepts: file: for pipeline.jars (local: in Kubernetes application mode); any URL for classpaths. */
const JAR_SCHEMES = new Set(['file', 'local']);

/** Problems listed one by one for one value; the rest are counted. */
const MAX_ISSUES = 20;

export function analysePipelineValue(key: PipelineAnalysis['key'], value: unknown, baseDir: string): PipelineAnalysis {
  const analysis: PipelineAnalysis = { key, entries: [], issues: [], yamlList: Array.isArray(value) };
  const length =
    typeof value === 'string' ? value.length : Array.isArray(value) ? value.reduce<number>((n, v) => n + String(v).length, 0) : 0;
  if (length > LIMITS.pipelineValueChars) {
    analysis.issues.push(
      `${key} is ${length} characters long, more than the ${LIMITS.pipelineValueChars} flink-doctor reads: not a list of JARs a job uses; not read`,
    );
    return analysis;
  }
  let items = splitValue(key, value, analysis.issues);
  if (!items) return analysis;
  if (items.length > LIMITS.pipelineEntries) {
    analysis.issues.push(
      `${key} has ${items.length} entries; flink-doctor looks at the first ${LIMITS.pipelineEntries} (a job uses tens of JARs)`,
    );
    items = items.slice(0, LIMITS.pipelineEntries);
  }
  let changed = analysis.issues.length > 0;
  const fixed: string[] = [];
  const issuesBefore = analysis.issues.length;
  for (const raw of items) {
    const judged = judgeEntry(key, raw, baseDir);
    analysis.entries.push(judged.entry);
    if (judged.issue) analysis.issues.push(judged.issue);
    if (judged.written !== undefined) fixed.push(judged.written);
    changed ||= judged.rewritten;
  }
  if (changed && fixed.length > 0) analysis.corrected = fixed.join(';');
  const perEntry = analysis.issues.length - issuesBefore;
  if (perEntry > MAX_ISSUES)
    analysis.issues.splice(issuesBefore + MAX_ISSUES, perEntry - MAX_ISSUES, `… and ${perEntry - MAX_ISSUES} more entries like these`);
  return analysis;
}

/**
 * One entry: what is wrong with it, how it is written in the corrected value (none: it is dropped), and whether that
 * is a rewrite of it (a plain path or a drive letter made a file: URL).
 */
function judgeEntry(
  key: PipelineAnalysis['key'],
  raw: string,
  baseDir: string,
): { entry: PipelineEntry; issue?: string; written?: string; rewritten: boolean } {
  if (raw.includes('\u0000')) {
    return {
      entry: { raw },
      issue: `"${clip(raw.replace(/\u0000/g, '\\0'), 80)}" contains a NUL character, which no file name can: remove it`,
      rewritten: false,
    };
  }
  const entry = describeEntry(raw, baseDir);
  if (!entry.scheme) {
    const url = toFileUrl(entry.path ?? raw);
    return { entry, issue: `"${raw}" is a plain path, not a URL: write it as ${url}`, written: url, rewritten: true };
  }
  if (/^file:\/\/[A-Za-z]:/.test(raw) || (/^file:[^/]/.test(raw) && /\\/.test(raw))) {
    const url = toFileUrl(entry.path ?? raw);
    return {
      entry,
      issue: `"${raw}" has a drive letter where the host belongs ("Found local file path with authority"): write ${url}`,
      written: url,
      rewritten: true,
    };
  }
  if (key === 'pipeline.jars' && !JAR_SCHEMES.has(entry.scheme)) {
    return {
      entry,
      issue: `"${raw}" uses ${entry.scheme}: but pipeline.jars takes local file: URLs only (use pipeline.classpaths for URLs the cluster can reach)`,
      written: raw,
      rewritten: false,
    };
  }
  return { entry, written: raw, rewritten: false };
}

/** The entries a value holds, however it was written (issues say how it should be); undefined when it holds none. */
function splitValue(key: PipelineAnalysis['key'], value: unknown, issues: string[]): string[] | undefined {
  if (Array.isArray(value)) return value.map((v) => String(v).trim()).filter(Boolean);
  if (typeof value === 'string') {
    const text = value.trim();
    if (/^\[.*\]$/s.test(text)) {
      // A YAML/Python list written into a flat value: Flink reads it as one malformed URL.
      issues.push(
        `${key} is written as a list (${clip(text, 60)}); Flink reads it as one URL and fails with "MalformedURLException: no protocol"`,
      );
      return text
        .slice(1, -1)
        .split(',')
        .map((v) => v.trim().replace(/^['"]|['"]$/g, ''))
        .filter(Boolean);
    }
    if (!text.includes(';') && /[,\s]/.test(text) && (text.match(/\.jar\b/g)?.length ?? 0) > 1) {
      issues.push(`${key} separates entries with ${text.includes(',') ? "','" : 'spaces'}; Flink splits on ';' only`);
      return text.split(/[,\s]+/).filter(Boolean);
    }
    return text
      .split(';')
      .map((v) => v.trim())
      .filter(Boolean);
  }
  if (typeof value === 'object' && value !== null) {
    // config.yaml flattens a mapping into "key.<name>" settings, so Flink never sees `key` itself.
    const names = Object.keys(value);
    issues.push(
      `${key} is a mapping (${names.map((n) => `${key}.${n}`).join(', ')}), not a string: Flink flattens it into those keys and leaves ${key} unset`,
    );
    return Object.values(value as Record<string, unknown>)
      .flatMap((v): unknown[] => (Array.isArray(v) ? v : [v]))
      .map((v) => scalarText(v).trim())
      .filter((v) => v !== '' && v !== 'null');
  }
  issues.push(
    `${key} is ${typeof value === 'undefined' ? 'empty' : `a ${typeof value} (${scalarText(value)})`}, not a ';'-separated string of URLs`,
  );
  return undefined;
}

function describeEntry(raw: string, baseDir: string): PipelineEntry {
  const scheme = /^([A-Za-z][A-Za-z0-9+.-]+):/.exec(raw)?.[1]?.toLowerCase();
  // "C:\x.jar" is a Windows path, not a URL with scheme "c".
  if (!scheme || (scheme.length === 1 && /^[A-Za-z]:[\\/]/.test(raw))) {
    return { raw, path: isAbsolute(raw) ? raw : resolve(baseDir, raw) };
  }
  if (scheme === 'file') {
    try {
      return { raw, scheme, path: fileURLToPath(raw) };
    } catch {
      return { raw, scheme, path: raw.replace(/^file:(\/\/)?/, '') };
    }
  }
  return { raw, scheme };
}

function toFileUrl(path: string): string {
  return pathToFileURL(path).href;
}
