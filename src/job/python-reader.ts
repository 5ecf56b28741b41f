// Reads a PyFlink job's Python source through the @lezer/python syntax tree, never running it. Statements
// are walked in order with a scope per function; expressions are evaluated to the values of
// python-values.ts, so constants, concatenations, joins and helpers that return SQL are followed.
// Comments are not in the tree; blocks under `if False:` are skipped; a bare string (a docstring) is prose.
import type { Tree } from '@lezer/common';
import type { NeedsCollector } from './collect.js';
import { callJob } from './python-calls.js';
import { HOLE } from './model.js';
import { Scope, type Reader } from './python-scope.js';
import { decodeLiteral, type Field } from './python-strings.js';
import { children, constantTruth, parts, plainTree, text, type PyNode } from './python-syntax.js';
import {
  asStr,
  concat,
  joinPath,
  lineAt,
  percentFields,
  str,
  strings,
  unknown,
  type Param,
  type StrValue,
  type Value,
} from './python-values.js';
import { lineMapper } from '../util/text-lines.js';
import { looksLikeDdl, readSql } from './sql-needs.js';

interface FunctionInfo {
  node: PyNode;
  scope: Scope;
  walked: boolean;
}

export class PythonReader implements Reader {
  /** Literals seen in code that runs, by source offset: those never read as SQL are checked for DDL at the end. */
  private readonly literals = new Map<number, StrValue>();
  private readonly readAsSql = new Set<number>();
  private readonly functions = new Map<string, FunctionInfo>();
  /** SQL that functions run from a parameter, with whether some call site passed a known string. */
  private readonly paramSql: { param: Param; line: number; expression: string; read: boolean }[] = [];
  /** SQL files the job reads at run time from a known path, for the probe to read. */
  readonly sqlFiles: { path: string; line: number }[] = [];

  /**
   * `source` is what was parsed (the selected lines); `lineOf` gives the job file's line of an offset in it (by
   * default, `source` is the whole file).
   */
  constructor(
    readonly source: string,
    readonly file: string,
    readonly collect: NeedsCollector,
    readonly lineOf: (offset: number) => number = lineMapper(source),
  ) {}

  read(tree: Tree): void {
    const module = new Scope();
    this.walkBlock(plainTree(tree), module);
    for (const [offset, literal] of this.literals) {
      if (!this.readAsSql.has(offset) && looksLikeDdl(literal.text)) this.sql(literal);
    }
    for (const pending of this.paramSql.filter((p) => !p.read)) {
      this.collect.unresolved({ file: this.file, line: pending.line, what: 'sql', expression: pending.expression });
    }
  }

  sqlFromParam(param: Param, place: { line: number; expression: string }): void {
    this.paramSql.push({ param, ...place, read: false });
  }

  called(name: string, args: { positional: Value[]; keywords: Map<string, Value> }): void {
    for (const pending of this.paramSql) {
      if (pending.param.fn !== name) continue;
      const value = args.positional[pending.param.index] ?? args.keywords.get(pending.param.name);
      const found = value ? strings(value) : [];
      for (const s of found) this.sql(s);
      if (found.length > 0) pending.read = true;
    }
  }

  text(node: PyNode): string {
    return text(node, this.source);
  }

  /** Reads a string value as SQL (once per literal it came from). */
  sql(value: StrValue): void {
    for (const origin of value.origins) this.readAsSql.add(origin);
    readSql({ text: value.text, file: this.file, lineOf: (offset) => lineAt(value, offset) }, this.collect);
  }

  walkBlock(node: PyNode, scope: Scope): void {
    for (const child of children(node)) this.statement(child, scope);
  }

  private statement(node: PyNode, scope: Scope): void {
    switch (node.name) {
      case 'ExpressionStatement': {
        const [expression] = parts(node);
        // A bare string is a docstring or a comment written as a string: prose, not code.
        if (expression && !STRING_NODES.has(expression.name)) this.evaluate(expression, scope);
        return;
      }
      case 'AssignStatement':
        return this.assign(node, scope);
      case 'UpdateStatement':
        return this.update(node, scope);
      case 'ImportStatement':
        return this.importStatement(node, scope);
      case 'IfStatement':
        return this.ifStatement(node, scope);
      case 'FunctionDefinition':
        return this.defineFunction(node, scope);
      case 'ClassDefinition':
        return this.walkBlock(node.getChild('Body') ?? node, new Scope(scope));
      case 'ForStatement':
        return this.forStatement(node, scope);
      case 'WithStatement':
        return this.withStatement(node, scope);
      case 'ReturnStatement': {
        const values = parts(node).map((value) => this.evaluate(value, scope));
        scope.returns.push(
          values.length === 1 && values[0] ? values[0] : values.length > 1 ? { kind: 'list', items: values } : unknown('None'),
        );
        return;
      }
      default:
        return this.walkMixed(node, scope);
    }
  }

  /** Statements and expressions mixed (while conditions, except clauses): walk the one, evaluate the other. */
  private walkMixed(node: PyNode, scope: Scope): void {
    for (const child of children(node)) {
      const isStatement =
        child.name === 'Body' ||
        child.name.endsWith('Statement') ||
        child.name === 'ClassDefinition' ||
        child.name === 'FunctionDefinition';
      if (isStatement) this.statement(child, scope);
      else if (EXPRESSIONS.has(child.name)) this.evaluate(child, scope);
    }
  }

  private assign(node: PyNode, scope: Scope): void {
    const items = children(node).filter((c) => c.name !== 'TypeDef' && c.name !== 'Comment');
    const value = items[items.length - 1];
    if (!value) return;
    const result = this.evaluate(value, scope);
    for (let i = 0; i + 1 < items.length; i += 1) {
      const target = items[i] as PyNode;
      if (target.name === 'VariableName' && items[i + 1]?.name === 'AssignOp') scope.vars.set(this.text(target), result);
    }
  }

  private update(node: PyNode, scope: Scope): void {
    const [target, op, value] = children(node);
    if (!target || !value) return;
    const right = this.evaluate(value, scope);
    if (target.name !== 'VariableName') return;
    const name = this.text(target);
    const left = scope.lookup(name);
    const line = this.lineOf(node.from);
    if (op && this.text(op) === '+=' && left?.kind === 'str') scope.vars.set(name, concat(left, asStr(right, line)));
    else if (op && this.text(op) === '+=' && left?.kind === 'list') {
      scope.vars.set(name, { kind: 'list', items: [...left.items, ...(right.kind === 'list' ? right.items : [right])] });
    } else scope.vars.set(name, unknown(this.text(node)));
  }

  private importStatement(node: PyNode, scope: Scope): void {
    const tokens = children(node);
    const importAt = tokens.findIndex((t) => t.name === 'import');
    const isFrom = tokens[0]?.name === 'from';
    const module = isFrom
      ? tokens
          .slice(1, importAt)
          .map((t) => this.text(t))
          .join('')
      : '';
    const line = this.lineOf(node.from);
    const names = tokens.slice(importAt + 1);
    for (let i = 0; i < names.length; i += 1) {
      const first = names[i] as PyNode;
      if (first.name !== 'VariableName') continue;
      let dotted = this.text(first);
      while (names[i + 1]?.name === '.' && names[i + 2]) {
        dotted += `.${this.text(names[i + 2] as PyNode)}`;
        i += 2;
      }
      const alias = names[i + 1]?.name === 'as' && names[i + 2] ? this.text(names[i + 2] as PyNode) : undefined;
      if (alias) i += 2;
      const full = isFrom ? `${module}.${dotted}` : dotted;
      const bound = alias ?? (isFrom ? dotted : (dotted.split('.')[0] ?? dotted));
      scope.vars.set(bound, { kind: 'module', name: isFrom || alias ? full : bound });
      if (full.startsWith('pyflink.') && isFrom) this.collect.api({ file: this.file, line, python: full, text: oneLine(this.text(node)) });
    }
  }

  private ifStatement(node: PyNode, scope: Scope): void {
    const tokens = children(node);
    let taken = false;
    for (let i = 0; i < tokens.length; i += 1) {
      const token = tokens[i] as PyNode;
      if (token.name === 'if' || token.name === 'elif') {
        const condition = tokens[i + 1];
        const body = tokens[i + 2];
        if (!condition || body?.name !== 'Body') continue;
        const truth = constantTruth(condition, this.source);
        if (truth === undefined) this.evaluate(condition, scope);
        if (truth !== false && !taken) this.walkBlock(body, scope);
        if (truth === true) taken = true;
        i += 2;
      } else if (token.name === 'else' && tokens[i + 1]?.name === 'Body' && !taken) this.walkBlock(tokens[i + 1] as PyNode, scope);
    }
  }

  private defineFunction(node: PyNode, scope: Scope): void {
    const name = node.getChild('VariableName');
    const info: FunctionInfo = { node, scope: new Scope(scope), walked: false };
    if (name) {
      const key = this.text(name);
      this.bindParams(key, node.getChild('ParamList'), info.scope);
      const earlier = this.functions.get(key);
      if (earlier?.node === node) return;
      this.functions.set(key, info);
      scope.vars.set(key, { kind: 'unknown', text: `${key}()` });
    }
    this.walkFunction(info);
  }

  /** Parameters are unknown inside the function, but marked, so SQL passed in is read at the call sites. */
  private bindParams(fn: string, list: PyNode | null, scope: Scope): void {
    if (!list) return;
    const names = children(list).filter((c, k, all) => c.name === 'VariableName' && all[k - 1]?.name !== '*' && all[k - 1]?.name !== '**');
    const own = names.map((n) => this.text(n));
    const offset = own[0] === 'self' || own[0] === 'cls' ? 1 : 0;
    own.forEach((param, index) => {
      if (index >= offset) scope.vars.set(param, { kind: 'unknown', text: param, param: { fn, index: index - offset, name: param } });
    });
  }

  private walkFunction(info: FunctionInfo): void {
    if (info.walked) return;
    info.walked = true;
    this.walkBlock(info.node.getChild('Body') ?? info.node, info.scope);
  }

  /** What calling a function of the job gives: the values its return statements give. */
  returnsOf(name: string): Value | undefined {
    const info = this.functions.get(name);
    if (!info) return undefined;
    this.walkFunction(info);
    const returns = info.scope.returns;
    return returns.length === 1 ? returns[0] : returns.length > 1 ? { kind: 'either', items: returns } : undefined;
  }

  private forStatement(node: PyNode, scope: Scope): void {
    const tokens = children(node);
    const inAt = tokens.findIndex((t) => t.name === 'in');
    const target = tokens[inAt - 1];
    const iterable = tokens[inAt + 1];
    if (iterable) {
      const value = this.evaluate(iterable, scope);
      const each: Value =
        value.kind === 'list'
          ? { kind: 'either', items: value.items }
          : value.kind === 'either' || value.kind === 'file'
            ? value
            : unknown(this.text(iterable));
      if (target?.name === 'VariableName' && inAt === 2) scope.vars.set(this.text(target), each);
    }
    this.walkMixed(node, scope);
  }

  private withStatement(node: PyNode, scope: Scope): void {
    const tokens = children(node);
    for (let i = 0; i < tokens.length; i += 1) {
      const token = tokens[i] as PyNode;
      if (!EXPRESSIONS.has(token.name) || tokens[i - 1]?.name === 'as') continue;
      const value = this.evaluate(token, scope);
      const alias = tokens[i + 1]?.name === 'as' ? tokens[i + 2] : undefined;
      if (alias?.name === 'VariableName') scope.vars.set(this.text(alias), value);
    }
    const body = node.getChild('Body');
    if (body) this.walkBlock(body, scope);
  }

  evaluate(node: PyNode, scope: Scope): Value {
    switch (node.name) {
      case 'String':
      case 'FormatString':
      case 'ContinuedString':
        return this.literal(node, scope);
      case 'VariableName':
        return scope.lookup(this.text(node)) ?? unknown(this.text(node));
      case 'ParenthesizedExpression': {
        const inner = parts(node);
        return inner.length === 1 && inner[0]
          ? this.evaluate(inner[0], scope)
          : { kind: 'list', items: inner.map((n) => this.evaluate(n, scope)) };
      }
      case 'ArrayExpression':
      case 'TupleExpression':
        return { kind: 'list', items: parts(node).map((n) => this.evaluate(n, scope)) };
      case 'BinaryExpression':
        return this.binary(node, scope);
      case 'ConditionalExpression': {
        const [then, condition, otherwise] = parts(node);
        if (condition) this.evaluate(condition, scope);
        return { kind: 'either', items: [then, otherwise].filter((n): n is PyNode => Boolean(n)).map((n) => this.evaluate(n, scope)) };
      }
      case 'CallExpression':
        return callJob(this, node, scope);
      case 'MemberExpression':
        return this.member(node, scope);
      default:
        for (const child of children(node)) if (EXPRESSIONS.has(child.name)) this.evaluate(child, scope);
        return unknown(this.text(node));
    }
  }

  private literal(node: PyNode, scope: Scope): Value {
    const pieces = node.name === 'ContinuedString' ? children(node).filter((c) => STRING_NODES.has(c.name)) : [node];
    let result: StrValue | undefined;
    for (const piece of pieces) {
      const fields = piece.getChildren('FormatReplacement').map((field) => this.field(field, piece.from, scope));
      const decoded = decodeLiteral(this.text(piece), fields);
      const line = this.lineOf(piece.from);
      const marks = [{ at: 0, line }, ...decoded.newlines.map((at, k) => ({ at, line: line + k + 1 }))];
      const value: StrValue = { kind: 'str', text: decoded.text, marks, origins: [piece.from] };
      result = result ? concat(result, value) : value;
    }
    // Implicitly concatenated pieces are one string to Python: checked for DDL as one.
    if (result) this.literals.set(node.from, result);
    return result ?? str('', this.lineOf(node.from));
  }

  /** An f-string field: `{name}` of a known string gives its text; anything else (`{x!r}`, `{n:>4}`, calls) is a HOLE. */
  private field(field: PyNode, base: number, scope: Scope): Field {
    const inner = children(field).filter((c) => EXPRESSIONS.has(c.name));
    const values = inner.map((node) => this.evaluate(node, scope));
    const plain = inner.length === 1 && values[0]?.kind === 'str' && !values[0].text.includes('{') && children(field).length === 3;
    return plain ? [field.from - base, field.to - base, (values[0] as StrValue).text] : [field.from - base, field.to - base];
  }

  private binary(node: PyNode, scope: Scope): Value {
    const [left, op, right] = children(node);
    if (!left || !op || !right) return unknown(this.text(node));
    const line = this.lineOf(node.from);
    const a = this.evaluate(left, scope);
    const b = this.evaluate(right, scope);
    const operator = this.text(op);
    if (operator === '+' && a.kind === 'list' && b.kind === 'list') return { kind: 'list', items: [...a.items, ...b.items] };
    if (operator === '+' && (a.kind === 'str' || b.kind === 'str')) return concat(asStr(a, line), asStr(b, line));
    if (operator === '%' && a.kind === 'str') return percentFields(a, b, line);
    if (operator === '/' && (a.kind === 'file' || a.kind === 'str')) {
      // pathlib: Path(...) / "lib" / name
      return { kind: 'file', path: joinPath([a.kind === 'file' ? a.path : a, b], line), text: this.text(node) };
    }
    return unknown(this.text(node));
  }

  private member(node: PyNode, scope: Scope): Value {
    const [object, property] = parts(node);
    if (!object) return unknown(this.text(node));
    const base = this.evaluate(object, scope);
    if (property && node.getChild('[')) this.evaluate(property, scope);
    // Path(...).parent, .stem, …: still a path, its exact value only known at run time.
    if (base.kind === 'file') return { kind: 'file', path: str(HOLE, this.lineOf(node.from)), text: this.text(node) };
    if (base.kind === 'module' && property?.name === 'PropertyName') {
      const name = `${base.name}.${this.text(property)}`;
      if (name.startsWith('pyflink.') && /^[A-Z]/.test(this.text(property))) {
        this.collect.api({ file: this.file, line: this.lineOf(node.from), python: name, text: oneLine(this.text(node)) });
      }
      return { kind: 'module', name };
    }
    return unknown(this.text(node));
  }
}

const STRING_NODES = new Set(['String', 'FormatString', 'ContinuedString']);

const EXPRESSIONS = new Set([
  'String',
  'FormatString',
  'ContinuedString',
  'VariableName',
  'CallExpression',
  'MemberExpression',
  'BinaryExpression',
  'ParenthesizedExpression',
  'ArrayExpression',
  'TupleExpression',
  'ConditionalExpression',
  'DictionaryExpression',
  'ArrayComprehensionExpression',
  'DictionaryComprehensionExpression',
  'SetExpression',
  'SetComprehensionExpression',
  'ComprehensionExpression',
  'UnaryExpression',
  'LambdaExpression',
  'AwaitExpression',
  'NamedExpression',
  'Number',
  'Boolean',
  'None',
]);

function oneLine(value: string): string {
  return value.replace(/\s+/g, ' ').trim();
}
