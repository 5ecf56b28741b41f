// What Flink SQL statements need: the connector and formats of CREATE TABLE … WITH (…), the 'type' of
// CREATE CATALOG, JDBC drivers, and the JARs of ADD JAR / SET 'pipeline.jars'. Works on SQL scripts and on
// SQL held in Python strings alike; `lineOf` maps an offset in `text` to the job file's line.
import type { NeedsCollector } from './collect.js';
import { HOLE } from './model.js';
import { isPunct, isWord, splitStatements, tokenizeSql, type SqlToken } from './sql-tokens.js';

export interface SqlSource {
  text: string;
  file: string;
  lineOf: (offset: number) => number;
}

const FORMAT_KEYS = new Set(['format', 'key.format', 'value.format']);

export function readSql(source: SqlSource, collect: NeedsCollector): void {
  for (const statement of splitStatements(tokenizeSql(source.text))) readStatement(statement, source, collect);
}

/** True when the text holds a CREATE TABLE/CATALOG with an option list: a DDL, not prose that mentions one. */
export function looksLikeDdl(text: string): boolean {
  if (!/create/i.test(text) || !/with/i.test(text)) return false;
  return splitStatements(tokenizeSql(text)).some((s) => createKind(s) !== undefined && optionList(s) !== undefined);
}

function readStatement(tokens: SqlToken[], source: SqlSource, collect: NeedsCollector): void {
  const line = (token: SqlToken | undefined) => source.lineOf(token?.at ?? 0);
  const kind = createKind(tokens);
  if (kind) {
    const options = optionList(tokens);
    const name = tokens.find(
      (t, i) => i > 1 && !isWord(t, 'TEMPORARY', 'TABLE', 'CATALOG', 'IF', 'NOT', 'EXISTS', 'OR', 'REPLACE', 'SYSTEM'),
    );
    const via = `CREATE ${kind.toUpperCase()} ${name?.text ?? ''}`.trim();
    if (!options) {
      if (tokens.some((t) => t.text.includes(HOLE)))
        collect.unresolved({
          file: source.file,
          line: line(tokens[0]),
          what: 'identifier',
          expression: `${via} (its WITH options are computed at run time)`,
        });
      return;
    }
    readOptions(kind, options, via, source, collect);
    return;
  }
  if (isWord(tokens[0], 'SET')) readSet(tokens, source, collect);
  else if (isWord(tokens[0], 'ADD') && isWord(tokens[1], 'JAR') && tokens[2]?.kind === 'string') {
    collect.jars('ADD JAR', tokens[2].text, { file: source.file, line: line(tokens[2]) }, `ADD JAR '${tokens[2].text}'`);
  }
}

/** 'table' or 'catalog' for CREATE [TEMPORARY] [OR REPLACE] TABLE|CATALOG, else undefined. */
function createKind(tokens: readonly SqlToken[]): 'table' | 'catalog' | undefined {
  if (!isWord(tokens[0], 'CREATE')) return undefined;
  for (let i = 1; i < Math.min(tokens.length, 6); i += 1) {
    if (isWord(tokens[i], 'TABLE')) return 'table';
    if (isWord(tokens[i], 'CATALOG')) return 'catalog';
    if (!isWord(tokens[i], 'TEMPORARY', 'OR', 'REPLACE', 'SYSTEM')) return undefined;
  }
  return undefined;
}

interface SqlOption {
  key: string;
  value: SqlToken;
}

/** The `WITH ( 'k' = 'v', … )` list at paren depth 0 (not a CTE's WITH x AS (…)). */
function optionList(tokens: readonly SqlToken[]): SqlOption[] | undefined {
  let depth = 0;
  for (let i = 0; i < tokens.length; i += 1) {
    const token = tokens[i];
    if (isPunct(token, '(')) depth += 1;
    else if (isPunct(token, ')')) depth -= 1;
    else if (
      depth === 0 &&
      isWord(token, 'WITH') &&
      isPunct(tokens[i + 1], '(') &&
      tokens[i + 2]?.kind === 'string' &&
      isPunct(tokens[i + 3], '=')
    ) {
      return readPairs(tokens, i + 2);
    }
  }
  return undefined;
}

function readPairs(tokens: readonly SqlToken[], from: number): SqlOption[] {
  const options: SqlOption[] = [];
  for (let i = from; i + 2 < tokens.length; i += 4) {
    const key = tokens[i];
    const value = tokens[i + 2];
    if (key?.kind !== 'string' || !isPunct(tokens[i + 1], '=') || !value) break;
    options.push({ key: key.text.toLowerCase(), value });
    if (!isPunct(tokens[i + 3], ',')) break;
  }
  return options;
}

function readOptions(kind: 'table' | 'catalog', options: SqlOption[], via: string, source: SqlSource, collect: NeedsCollector): void {
  const place = (token: SqlToken) => ({ file: source.file, line: source.lineOf(token.at) });
  const get = (key: string) => options.find((o) => o.key === key)?.value;
  if (kind === 'catalog') {
    const type = get('type');
    if (type) collect.identifier({ ...place(type), identifier: type.text, role: 'catalog', via });
    const url = get('base-url');
    if (type?.text === 'jdbc' && url) jdbcDriver(url.text, undefined, { ...place(url), via }, collect);
    return;
  }
  const connector = get('connector');
  if (connector) collect.identifier({ ...place(connector), identifier: connector.text, role: 'connector', via });
  for (const option of options) {
    if (FORMAT_KEYS.has(option.key)) collect.identifier({ ...place(option.value), identifier: option.value.text, role: 'format', via });
  }
  if (connector?.text === 'jdbc') {
    const url = get('url');
    const driver = get('driver');
    if (url || driver) jdbcDriver(url?.text, driver?.text, { ...place((driver ?? url) as SqlToken), via }, collect);
  }
}

/** The driver a JDBC URL or 'driver' option names: the class when given, else the URL's scheme. */
export function jdbcDriver(
  url: string | undefined,
  driverClass: string | undefined,
  where: { file: string; line: number; via: string },
  collect: NeedsCollector,
): void {
  if (driverClass && !driverClass.includes(HOLE)) {
    collect.driver({ ...where, driverClass });
    return;
  }
  const scheme = /^jdbc:([a-z0-9-]+):/i.exec(url ?? '')?.[1]?.toLowerCase();
  if (scheme) collect.driver({ ...where, scheme });
  else if (url !== undefined)
    collect.unresolved({ ...where, what: 'identifier', expression: `JDBC URL '${url.replaceAll(HOLE, '{…}')}' (${where.via})` });
}

/** SET 'pipeline.jars' = '…' (quoted or not) in a SQL script. */
function readSet(tokens: SqlToken[], source: SqlSource, collect: NeedsCollector): void {
  const key = tokens[1];
  const eq = tokens.findIndex((t) => isPunct(t, '='));
  if (!key || eq < 0) return;
  const name = key.text.toLowerCase();
  if (name !== 'pipeline.jars' && name !== 'pipeline.classpaths') return;
  const valueToken = tokens[eq + 1];
  if (!valueToken) return;
  const last = tokens[tokens.length - 1] as SqlToken;
  const value = valueToken.kind === 'string' ? valueToken.text : source.text.slice(valueToken.at, last.at + last.text.length).trim();
  const place = { file: source.file, line: source.lineOf(key.at) };
  collect.setting({ ...place, key: name, ...(value.includes(HOLE) ? { expression: value.replaceAll(HOLE, '{…}') } : { value }) });
  collect.jars(name, value, place, `SET '${name}' = '${value.replaceAll(HOLE, '{…}')}'`);
}
