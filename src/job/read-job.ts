// Reads job files into one JobNeeds: Python (.py, and anything that is not .sql) through @lezer/python,
// Flink SQL scripts (.sql) through the SQL tokenizer, and the SQL files a Python job reads at run time from
// a literal path. This module and the parser load only when --job is given (the probe imports it lazily).
import { dirname, extname, isAbsolute, resolve } from 'node:path';
import { parser } from '@lezer/python';
import { NeedsCollector } from './collect.js';
import type { JobNeeds } from '../facts/index.js';
import { logicalLines } from './python-lines.js';
import { PythonReader } from './python-reader.js';
import { MAX_DEPTH, selectLines } from './python-select.js';
import { readSql } from './sql-needs.js';
import { lineBreaks, lineMapper } from '../util/text-lines.js';
import { importedModules } from '../python/imports.js';
import { openMatrix } from '../knowledge/matrix.js';
import { LIMITS } from '../engine/limits.js';

/** Reads a file's text; rejects when it cannot (the message goes into the report as is). */
export type ReadText = (path: string) => Promise<string>;

/** A job file is Python or SQL a person wrote: past this, only the start is read (and the cut reported). */
export const MAX_JOB_CHARS = LIMITS.jobChars;

export interface ReadJobOptions {
  files: string[];
  cwd: string;
  readText: ReadText;
}

export async function readJobFiles({ files, cwd, readText }: ReadJobOptions): Promise<JobNeeds> {
  const collect = new NeedsCollector();
  for (const file of files) {
    const text = await readJobText(file, readText, collect);
    if (text === undefined) continue;
    collect.file(file);
    if (extname(file).toLowerCase() === '.sql') {
      readSqlText(text.slice(0, MAX_JOB_CHARS), file, collect);
      continue;
    }
    const sqlFiles = readPythonText(text.slice(0, MAX_JOB_CHARS), file, collect);
    // What the shipping probe looks for next to the job (python.files): read from the whole file, as it would.
    collect.imports(file, importedModules(text));
    for (const sqlFile of sqlFiles) await readReferencedSql(sqlFile, file, cwd, readText, collect);
  }
  return collect.needs;
}

/** One Python job's needs; returns the SQL files it reads at run time from a known path. */
export function readPythonText(text: string, file: string, collect: NeedsCollector): { path: string; line: number }[] {
  const selection = selectLines(text, logicalLines(text), connectorModules());
  const reader = new PythonReader(selection.text, file, collect, selection.lineOf);
  // Counted on from one refused statement to the next (they come in order): linear however many there are.
  let line = 1;
  let counted = 0;
  for (const refused of selection.refused) {
    line += lineBreaks(text, counted, refused.start);
    counted = refused.start;
    collect.problem(
      `${file}:${line}: a statement ${refused.depth > MAX_DEPTH ? `nested ${refused.depth} brackets deep` : `of ${refused.end - refused.start} characters`} was not read`,
    );
  }
  try {
    reader.read(parser.parse(selection.text));
  } catch (error) {
    // The parser and the walker recurse on nesting; what is left past MAX_DEPTH must still never crash a run.
    collect.problem(
      `${file} could not be read to the end (${error instanceof Error ? error.message : String(error)}); needs found before that are reported`,
    );
  }
  return reader.sqlFiles;
}

export function readSqlText(text: string, file: string, collect: NeedsCollector): void {
  readSql({ text, file, lineOf: lineMapper(text) }, collect);
}

let modules: Set<string> | undefined;

/** Last names of the pyflink modules whose classes load connector classes (compat-matrix.json pyflinkClasses). */
function connectorModules(): Set<string> {
  modules ??= new Set(
    openMatrix()
      .jobClasses()
      .classes?.classes.map((entry) => entry.python.split('.').at(-2) ?? '') ?? [],
  );
  return modules;
}

/** The whole file (only its first MAX_JOB_CHARS are read for needs: a longer one is reported). */
async function readJobText(file: string, readText: ReadText, collect: NeedsCollector): Promise<string | undefined> {
  try {
    const text = await readText(file);
    if (text.length > MAX_JOB_CHARS) collect.problem(`${file} has ${text.length} characters; only the first ${MAX_JOB_CHARS} were read`);
    return text;
  } catch (error) {
    collect.problem(`cannot read ${file}: ${error instanceof Error ? error.message : String(error)}`);
    return undefined;
  }
}

/** open("jobs/ddl.sql"): Python resolves it against the working directory at run time; try here and the job's folder. */
async function readReferencedSql(
  ref: { path: string; line: number },
  job: string,
  cwd: string,
  readText: ReadText,
  collect: NeedsCollector,
): Promise<void> {
  const candidates = isAbsolute(ref.path) ? [ref.path] : [...new Set([resolve(cwd, ref.path), resolve(dirname(job), ref.path)])];
  for (const candidate of candidates) {
    const text = await readText(candidate).catch(() => undefined);
    if (text === undefined) continue;
    collect.file(candidate);
    readSqlText(text.slice(0, MAX_JOB_CHARS), candidate, collect);
    return;
  }
  collect.unresolved({
    file: job,
    line: ref.line,
    what: 'sql-file',
    expression: `reads ${ref.path}, not found here (looked in ${candidates.join(', ')})`,
  });
}
