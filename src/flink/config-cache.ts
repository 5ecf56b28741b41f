// What parseYamlConfig made of a config.yaml, kept per user in the cache folder (`config/`): the wheel's bundled
// pyflink/conf/config.yaml (14 KB) is read on every run, and loading the YAML library and parsing it cost a run
// ~25 ms of CPU on its critical path, for the same answer each time. An entry keeps the flink-doctor build, the
// file's path and its whole text, and is used only when all three are equal to this run's (a changed file, however
// quickly rewritten, is a miss); it is kept only when JSON gives back exactly what the parser returned (no ±Infinity,
// NaN or -0 turned into something else). A config with a setting that may hold a secret is never copied into the
// cache. Every failure is a miss; writes are atomic and best effort; only the user's own files are trusted (a shared
// cache folder on a CI runner).
import { join } from 'node:path';
import type { ConfigProblem } from '../facts/index.js';
import { keepEntry, readOwnEntry, thisBuild } from '../util/cache-folder.js';
import { nameHash } from '../util/name-hash.js';

/** Bumped when what is stored changes meaning. */
const FORMAT = 1;
/** Files kept: past it the least recently written go (one per distinct config file a user's runs have read). */
const MAX_FILES = 200;
/**
 * Settings whose value may be a secret (Flink masks keys like these in its logs: password, secret, token, …; "key"
 * covers access keys, account keys and keystores): a config holding one is parsed on every run instead.
 */
const SECRET_LIKE = /pass|secret|token|credential|auth|key/i;
/** Largest entry read or written (a Flink config is a few KB; LIMITS.flinkConfigBytes caps the file itself). */
const MAX_FILE_BYTES = 4 * 1024 * 1024;

export interface ParsedConfig {
  values: Record<string, unknown>;
  problems: ConfigProblem[];
}

export class ParsedConfigCache {
  private readonly version: string;
  private readonly maxFiles: number;

  constructor(
    readonly dir: string,
    options: { version?: string; maxFiles?: number } = {},
  ) {
    this.version = options.version ?? thisBuild();
    this.maxFiles = options.maxFiles ?? MAX_FILES;
  }

  /** What the parser returned for exactly this file and text on an earlier run, or undefined. */
  get(file: string, text: string): ParsedConfig | undefined {
    const key = this.keyOf(file);
    const stored = readOwnEntry(this.pathOf(key, text), MAX_FILE_BYTES);
    return stored === undefined ? undefined : parseEntry(stored, key, text);
  }

  /** Keeps `parsed` for the next run when JSON holds it exactly and it holds no secret; resolves when written (or not). */
  async put(file: string, text: string, parsed: ParsedConfig): Promise<void> {
    if (Object.keys(parsed.values).some((name) => SECRET_LIKE.test(name))) return;
    const key = this.keyOf(file);
    const stored = JSON.stringify({ key, text, values: parsed.values, problems: parsed.problems });
    const readBack = stored.length > MAX_FILE_BYTES ? undefined : parseEntry(stored, key, text);
    // node:util only here, on a miss: importing it costs every run ~4 ms on Node 24.
    const { isDeepStrictEqual } = process.getBuiltinModule('node:util');
    if (!readBack || !isDeepStrictEqual(readBack, { values: parsed.values, problems: parsed.problems })) return;
    await keepEntry(this.dir, this.pathOf(key, text), stored, this.maxFiles);
  }

  /** What besides the text an entry must match: this build, the cache format, the file. */
  private keyOf(file: string): string {
    return `${this.version}\0${FORMAT}\0${file}`;
  }

  /**
   * The file an entry lives in: one per config file and text length. The entry itself holds the whole text and is
   * used only when it is equal, so the name need not hash the text (14 KB hashed cost a run ~2 ms of cold code).
   */
  private pathOf(key: string, text: string): string {
    return join(this.dir, `${nameHash(`${key}\0${text.length}`)}.json`);
  }
}

/** A cache file's text → the parsed config, when it is the entry for exactly `key` and `text`, of the expected shape. */
function parseEntry(stored: string, key: string, text: string): ParsedConfig | undefined {
  let doc: unknown;
  try {
    doc = JSON.parse(stored);
  } catch {
    return undefined;
  }
  const entry = doc as { key?: unknown; text?: unknown; values?: unknown; problems?: unknown } | null;
  if (typeof entry !== 'object' || entry === null || entry.key !== key || entry.text !== text) return undefined;
  const { values, problems } = entry;
  if (typeof values !== 'object' || values === null || Array.isArray(values)) return undefined;
  if (!Array.isArray(problems) || !problems.every(isProblem)) return undefined;
  return { values: values as Record<string, unknown>, problems };
}

function isProblem(value: unknown): value is ConfigProblem {
  const p = value as Record<string, unknown> | null;
  return (
    typeof p === 'object' &&
    p !== null &&
    (p.kind === 'yaml' || p.kind === 'shape') &&
    typeof p.path === 'string' &&
    typeof p.message === 'string' &&
    (p.line === undefined || Number.isSafeInteger(p.line)) &&
    (p.key === undefined || typeof p.key === 'string')
  );
}
