// What a call in a PyFlink job means for its needs: add_jars/add_classpaths and set("pipeline.jars") name
// JARs; execute_sql and friends run SQL; TableDescriptor/FormatDescriptor builders name connectors and
// formats; JDBC URLs and driver names need a driver; open()/Path().read_text() read SQL files; string and
// path helpers (join, format, os.path.join) compute strings. Everything else evaluates to `unknown`.
import { HOLE, showHoles } from './model.js';
import type { Reader, Scope } from './python-scope.js';
import { argument, callArgs, parts, type CallArgs, type PyNode } from './python-syntax.js';
import { asStr, concat, formatFields, join, joinPath, str, strings, unknown, type StrValue, type Value } from './python-values.js';
import { jdbcDriver } from './sql-needs.js';
import type { JobConfigKey } from '../facts/index.js';

/** The line of the n-th positional argument (a chain over several lines reports where the value is written). */
function argLine(call: Call, index = 0): number {
  const node = call.args.positional[index];
  return node ? call.reader.lineOf(node.from) : call.line;
}

interface Call {
  reader: Reader;
  node: PyNode;
  scope: Scope;
  /** Method name for `x.name(…)`, function name for `name(…)`. */
  name: string;
  receiver?: Value;
  /** The callee as written: "os.path.join", "TableDescriptor.for_connector". */
  callee: string;
  args: CallArgs;
  values: { positional: Value[]; keywords: Map<string, Value>; spread: Value[] };
  line: number;
}

const SQL_CALLS = new Set(['execute_sql', 'sql_query', 'sql_update', 'add_insert_sql', 'explain_sql']);
const PIPELINE_KEYS = new Set(['pipeline.jars', 'pipeline.classpaths']);
/** Options read into JobNeeds.config, set() directly or through PyFlink's helper methods. */
const CONFIG_KEYS = new Set([
  'python.executable',
  'python.files',
  'python.archives',
  'python.requirements',
  'execution.target',
  'rest.address',
  'jobmanager.rpc.address',
]);
/** PyFlink's helpers → the option each sets, its parameters ("a#b" when the second is given), and whether it adds to the list. */
const CONFIG_HELPERS: Record<string, { key: JobConfigKey; params: string[]; append: boolean }> = {
  set_python_executable: { key: 'python.executable', params: ['python_exec'], append: false },
  add_python_file: { key: 'python.files', params: ['file_path'], append: true },
  add_python_archive: { key: 'python.archives', params: ['archive_path', 'target_dir'], append: true },
  set_python_requirements: { key: 'python.requirements', params: ['requirements_file_path', 'requirements_cache_dir'], append: false },
};
const FORMAT_OPTIONS = new Set(['format', 'key.format', 'value.format']);
const FILE_TEXT_METHODS = new Set([
  'read',
  'read_text',
  'readlines',
  'split',
  'splitlines',
  'strip',
  'rstrip',
  'lstrip',
  'resolve',
  'absolute',
  'expanduser',
]);

export function callJob(reader: Reader, node: PyNode, scope: Scope): Value {
  const callee = node.firstChild;
  if (!callee) return unknown(reader.text(node));
  const args = callArgs(node.getChild('ArgList'), reader.source);
  let receiver: Value | undefined;
  let name = reader.text(callee);
  if (callee.name === 'MemberExpression') {
    const [object, property] = parts(callee);
    if (object) receiver = reader.evaluate(object, scope);
    name = property ? reader.text(property) : name;
  }
  const evaluate = (n: PyNode) => reader.evaluate(n, scope);
  const keywords = new Map<string, Value>();
  for (const [key, value] of args.keywords) keywords.set(key, evaluate(value));
  const values = { positional: args.positional.map(evaluate), keywords, spread: args.spread.map(evaluate) };
  const call: Call = { reader, node, scope, name, receiver, callee: reader.text(callee), args, values, line: reader.lineOf(node.from) };
  return (
    jobCall(call) ??
    configCall(call) ??
    descriptorCall(call) ??
    stringCall(call) ??
    fileCall(call) ??
    functionCall(call) ??
    unknown(reader.text(node))
  );
}

/**
 * DataStream methods that take a Python function (a lambda, a def, a MapFunction…): calling one makes the job start
 * Python workers. Read by name on any receiver, so pandas' .map counts too: a false "has Python functions" keeps
 * python.worker's error, never hides one.
 */
export const PYTHON_FUNCTION_METHODS = new Set([
  'map',
  'flat_map',
  'filter',
  'key_by',
  'process',
  'reduce',
  'apply',
  'aggregate',
  'partition_custom',
  'assign_timestamps_and_watermarks',
]);

/** JARs, pipeline settings and SQL; a DataStream method that takes a Python function. */
function jobCall(call: Call): Value | undefined {
  const { name, values } = call;
  const first = values.positional[0];
  if (call.callee.includes('.') && PYTHON_FUNCTION_METHODS.has(name))
    call.reader.collect.pythonFunction({ file: call.reader.file, line: call.line });
  if (name === 'add_jars' || name === 'add_classpaths') return addJars(call, name);
  if ((name === 'set' || name === 'set_string') && first?.kind === 'str' && PIPELINE_KEYS.has(first.text)) {
    return setPipelineJars(call, first.text as 'pipeline.jars' | 'pipeline.classpaths');
  }
  if (SQL_CALLS.has(name)) {
    const sql = first ?? values.keywords.get('stmt') ?? values.keywords.get('query');
    const expression = oneLine(call.reader.text(call.node));
    if (sql) readSqlValue(call, sql, expression);
    return unknown(expression);
  }
  return undefined;
}

/** add_jars / add_classpaths: each argument names JARs, or is unresolved where it is written. */
function addJars(call: Call, name: 'add_jars' | 'add_classpaths'): Value {
  const { reader, values } = call;
  const expression = oneLine(reader.text(call.node));
  [...values.positional, ...values.spread].forEach((value, index) => {
    const at = { file: reader.file, line: argLine(call, index) };
    const found = strings(value);
    if (found.length === 0) reader.collect.unresolved({ ...at, what: 'jar', expression });
    for (const s of found) reader.collect.jars(name, s.text, at, expression);
  });
  return unknown(expression);
}

/** set("pipeline.jars", …): the setting (its value when it is one known string) and the JARs it names. */
function setPipelineJars(call: Call, key: 'pipeline.jars' | 'pipeline.classpaths'): Value {
  const { reader, values } = call;
  const place = { file: reader.file, line: call.line };
  const expression = oneLine(reader.text(call.node));
  const found = strings(values.positional[1] ?? unknown(''));
  const known = found.length === 1 && !found[0]?.text.includes(HOLE) ? found[0]?.text : undefined;
  const written = call.args.positional[1] ? oneLine(reader.text(call.args.positional[1])) : '';
  reader.collect.setting({ ...place, key, ...(known !== undefined ? { value: known } : { expression: written }) });
  if (found.length === 0) reader.collect.unresolved({ ...place, what: 'setting', expression });
  for (const s of found) reader.collect.jars(key, s.text, place, expression);
  return unknown(expression);
}

/**
 * set("python.executable", …) and the helpers: set_python_executable(path), add_python_file(path),
 * add_python_archive(path, target_dir) ("path#dir"), set_python_requirements(file, cache_dir) ("file#dir").
 */
function configCall(call: Call): Value | undefined {
  const { reader, name, values } = call;
  const first = values.positional[0];
  const setter = (name === 'set' || name === 'set_string') && first?.kind === 'str' && CONFIG_KEYS.has(first.text);
  // Own keys only: a method named toString or constructor is not a helper (the prototype's would be found).
  const helper = setter
    ? { key: first.text as JobConfigKey, params: ['key', 'value'], append: false }
    : Object.hasOwn(CONFIG_HELPERS, name)
      ? CONFIG_HELPERS[name]
      : undefined;
  if (!helper) return undefined;
  const expression = oneLine(reader.text(call.node));
  const from = setter ? 1 : 0;
  const given = helper.params.slice(from).map((param, i) => values.positional[from + i] ?? values.keywords.get(param));
  const [main, extra] = given;
  // add_python_archive(path, None): no target folder.
  const extraText = extra && !(extra.kind === 'unknown' && extra.text === 'None') ? asStr(extra, call.line).text : undefined;
  const value = main ? [asStr(main, call.line).text, ...(extraText === undefined ? [] : [extraText])].join('#') : HOLE;
  const line = argLine(call, from);
  const use = { file: reader.file, line, key: helper.key, via: setter ? `${name}("${helper.key}")` : `${name}()`, append: helper.append };
  if (!value.includes(HOLE)) reader.collect.config({ ...use, value });
  else {
    const written = call.args.positional[from];
    reader.collect.config({ ...use, expression: written ? oneLine(reader.text(written)) : expression });
    reader.collect.unresolved({ file: reader.file, line, what: 'setting', expression });
  }
  return unknown(expression);
}

function readSqlValue(call: Call, sql: Value, expression: string): void {
  const { reader } = call;
  const found = strings(sql);
  for (const s of found) reader.sql(s);
  const files = sql.kind === 'file' ? [sql] : sql.kind === 'either' ? sql.items.filter((v) => v.kind === 'file') : [];
  for (const file of files) if (file.kind === 'file') readFile(call, file.path, true);
  if (found.length > 0 || files.length > 0) return;
  if (sql.kind === 'unknown' && sql.param) reader.sqlFromParam(sql.param, { line: call.line, expression });
  else reader.collect.unresolved({ file: reader.file, line: call.line, what: 'sql', expression });
}

/** TableDescriptor / FormatDescriptor builders, JDBC options and catalogs. */
function descriptorCall(call: Call): Value | undefined {
  const { reader, name, receiver, values } = call;
  const place = { file: reader.file, line: argLine(call) };
  const first = values.positional[0];
  if (name === 'for_connector') {
    const connector = first ? asStr(first, call.line).text : HOLE;
    reader.collect.identifier({ ...place, identifier: connector, role: 'connector', via: 'TableDescriptor.for_connector' });
    return { kind: 'descriptor', connector, line: place.line };
  }
  if (name === 'for_format') {
    reader.collect.identifier({
      ...place,
      identifier: first ? asStr(first, call.line).text : HOLE,
      role: 'format',
      via: 'FormatDescriptor.for_format',
    });
    return { kind: 'format-descriptor' };
  }
  if (receiver?.kind === 'descriptor') return descriptorMethod(call, receiver);
  if (receiver?.kind === 'format-descriptor') return receiver;
  if (name === 'with_url' || name === 'with_driver_name') {
    const value = first ? asStr(first, call.line).text : HOLE;
    const [url, driver] = name === 'with_url' ? [value, undefined] : [undefined, value];
    jdbcDriver(url, driver, { ...place, via: `JdbcConnectionOptionsBuilder.${name}` }, reader.collect);
    return unknown(reader.text(call.node));
  }
  if (name === 'JdbcCatalog') {
    const url = argument(call.args, 4, 'base_url');
    const index = url ? call.args.positional.indexOf(url) : -1;
    const value = index >= 0 ? values.positional[index] : values.keywords.get('base_url');
    const line = url ? reader.lineOf(url.from) : call.line;
    if (value) jdbcDriver(asStr(value, call.line).text, undefined, { ...place, line, via: 'JdbcCatalog(base_url)' }, reader.collect);
  }
  return undefined;
}

function descriptorMethod(call: Call, descriptor: Extract<Value, { kind: 'descriptor' }>): Value {
  const { reader, name, values } = call;
  const place = { file: reader.file, line: argLine(call, name === 'option' ? 1 : 0) };
  const [first, second] = values.positional;
  if (name === 'format' && first?.kind !== 'format-descriptor') {
    reader.collect.identifier({
      ...place,
      identifier: first ? asStr(first, call.line).text : HOLE,
      role: 'format',
      via: 'TableDescriptor.format',
    });
  }
  if (name === 'option' && first?.kind === 'str') {
    const key = first.text.toLowerCase();
    const value = second ? asStr(second, call.line).text : HOLE;
    if (FORMAT_OPTIONS.has(key))
      reader.collect.identifier({ ...place, identifier: value, role: 'format', via: `TableDescriptor.option('${key}')` });
    if (descriptor.connector === 'jdbc' && (key === 'url' || key === 'driver')) {
      jdbcDriver(
        key === 'url' ? value : undefined,
        key === 'driver' ? value : undefined,
        { ...place, via: `TableDescriptor.option('${key}')` },
        reader.collect,
      );
    }
  }
  return descriptor;
}

/** String and path helpers on known strings. */
function stringCall(call: Call): Value | undefined {
  const { name, receiver, values, line, callee } = call;
  // The name first: most calls are none of these, and need no pattern tried on their callee.
  if (name === 'join' && /(^|\.)path\.join$/.test(callee)) return joinPath(values.positional, line);
  if (name === 'joinpath' && receiver?.kind === 'str') return joinPath([receiver, ...values.positional], line);
  if ((PATH_FUNCTIONS.has(name) && /(^|\.)path\.\w+$/.test(callee)) || name === 'str' || name === 'fspath')
    return values.positional[0] ?? unknown(callee);
  return receiver?.kind === 'str' ? strMethod(receiver, name, values, line) : undefined;
}

/** os.path functions that give their argument's path back, as far as the reader can tell. */
const PATH_FUNCTIONS = new Set(['abspath', 'realpath', 'normpath', 'expanduser']);

/** str methods that change only the text. */
const TEXT_METHODS = new Map<string, (text: string) => string>([
  ['strip', (text) => text.trim()],
  ['lstrip', (text) => text.trimStart()],
  ['rstrip', (text) => text.trimEnd()],
  ['lower', (text) => text.toLowerCase()],
  ['upper', (text) => text.toUpperCase()],
]);

/** A method called on a known string: what it gives, or undefined when it is not one of those followed. */
function strMethod(receiver: StrValue, name: string, values: Call['values'], line: number): Value | undefined {
  const [first, second] = values.positional;
  const text = TEXT_METHODS.get(name);
  if (text) return { ...receiver, text: text(receiver.text) };
  switch (name) {
    case 'join':
      return first ? join(receiver, first, line) : undefined;
    case 'format':
      return formatFields(receiver, values.positional, values.keywords, line);
    case 'replace':
      return first?.kind === 'str' && second?.kind === 'str'
        ? { ...receiver, text: receiver.text.split(first.text).join(second.text) }
        : str(HOLE, line);
    case 'split':
      return { kind: 'either', items: [receiver] };
    default:
      return undefined;
  }
}

/** open(path) and pathlib.Path(path): reading one gives the text of a file the probe reads if it is SQL. */
function fileCall(call: Call): Value | undefined {
  const { name, receiver, values, line, reader } = call;
  const first = values.positional[0] ?? values.keywords.get('file');
  if ((name === 'open' && !receiver) || name === 'Path' || name === 'PurePath')
    return { kind: 'file', path: first ?? str(HOLE, line), text: reader.text(call.node) };
  if (receiver?.kind !== 'file') return undefined;
  if (name === 'read' || name === 'read_text' || name === 'readlines') readFile(call, receiver.path, false);
  // The text read, split or stripped, still stands for the file's statements.
  if (FILE_TEXT_METHODS.has(name)) return receiver;
  if (name === 'as_uri') return concat(str('file://', line), asStr(receiver.path, line));
  if (name === 'joinpath') return { kind: 'file', path: joinPath([receiver.path, ...values.positional], line), text: receiver.text };
  return { kind: 'file', path: str(HOLE, line), text: receiver.text };
}

/** A file the job reads: SQL when its name says so (or it is executed); known paths go to the probe. */
function readFile(call: Call, path: Value, executed: boolean): void {
  const { reader, line } = call;
  const value = asStr(path, line);
  const isSql = /\.sql$/i.test(value.text);
  if (!isSql && !executed) return;
  if (value.text.includes(HOLE)) {
    reader.collect.unresolved({
      file: reader.file,
      line,
      what: 'sql-file',
      expression: `reads ${showHoles(value.text)}, a path known only at run time`,
    });
  } else if (!reader.sqlFiles.some((f) => f.path === value.text)) reader.sqlFiles.push({ path: value.text, line });
}

/** Functions of the job itself: calling one gives what it returns. */
function functionCall(call: Call): Value | undefined {
  const { callee, reader, values } = call;
  // self.helper() / cls.helper(): a method of the job's own class, found by name like a function.
  const method = call.receiver?.kind === 'unknown' && /^(self|cls)\.[A-Za-z_]\w*$/.test(callee);
  if (!method && (call.receiver || !/^[A-Za-z_]\w*$/.test(callee))) return undefined;
  if (!method && ['list', 'tuple', 'sorted'].includes(callee)) return values.positional[0];
  const returned = reader.returnsOf(call.name);
  reader.called(call.name, values);
  return returned;
}

function oneLine(value: string): string {
  return value.replace(/\s+/g, ' ').trim();
}

export type { StrValue };
