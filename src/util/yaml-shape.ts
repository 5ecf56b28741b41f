// The shape of a YAML document before a YAML library composes it: the YAML library recurses once per nesting
// level (and V8 aborts the process, not throws, when a regular expression is first compiled that deep) and
// costs quadratic time in anchors, so text from outside (config.yaml, compose files, Kubernetes manifests) is
// measured on the library's own linear token stream first, and refused past LIMITS.yamlDepth / yamlAliases.
// The same tokens then feed the library's parser (as yaml's Parser documents for a user-provided lexer): the text is
// lexed once, not once to measure and again to parse.
import type { Document, LineCounter, ParseOptions, DocumentOptions, SchemaOptions } from 'yaml';

type Yaml = typeof import('yaml');
type ComposeOptions = ParseOptions & DocumentOptions & SchemaOptions;

export interface YamlShape {
  depth: number;
  /** Offset of the first token at that depth. */
  deepestAt: number;
  anchors: number;
  aliases: number;
  /** Offset of the first anchor or alias. */
  firstAliasAt?: number;
}

/**
 * Nesting depth of a YAML document from the lexer's tokens (yaml's Lexer().lex(text)), in one pass: flow brackets
 * exactly, block collections as the stack of indentation columns where nodes start (an upper bound: a mapping and
 * the sequence under it may share a column). Also how many anchors ('&a') and aliases ('*a') it has.
 */
export function scanYaml(tokens: Iterable<string>): YamlShape {
  const columns: number[] = [];
  let flow = 0;
  let column = 0;
  let offset = 0;
  const result: YamlShape = { depth: 0, deepestAt: 0, anchors: 0, aliases: 0 };
  for (const token of tokens) {
    const code = token.charCodeAt(0);
    if (isLexerMarker(code)) continue;
    if (token === '---' || token === '...') columns.length = 0;
    else if (isNodeToken(token, code)) {
      if (flow === 0) enterColumn(columns, column);
      if (token === '[' || token === '{') flow += 1;
      else if ((token === ']' || token === '}') && flow > 0) flow -= 1;
      else if (code === 0x26 || code === 0x2a) countAnchor(result, code, offset);
      if (columns.length + flow > result.depth) {
        result.depth = columns.length + flow;
        result.deepestAt = offset;
      }
    }
    const newline = token.lastIndexOf('\n');
    column = newline >= 0 ? token.length - newline - 1 : column + token.length;
    offset += token.length;
  }
  return result;
}

/** The lexer's own markers (document start, flow error, scalar, BOM), not source text. */
function isLexerMarker(code: number): boolean {
  return code === 0x02 || code === 0x18 || code === 0x1f || code === 0xfeff;
}

/** A token that is (part of) a node: not a space, tab, line break or comment, not a ':' or ',' between nodes. */
function isNodeToken(token: string, code: number): boolean {
  return code !== 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d && code !== 0x23 && token !== ':' && token !== ',';
}

/** Block nesting: the columns right of this one are closed; a column right of every open one opens a level. */
function enterColumn(columns: number[], column: number): void {
  while (columns.length > 0 && (columns[columns.length - 1] ?? 0) > column) columns.pop();
  if (columns.length === 0 || (columns[columns.length - 1] ?? 0) < column) columns.push(column);
}

/** '&a' is an anchor, '*a' an alias. */
function countAnchor(result: YamlShape, code: number, offset: number): void {
  if (code === 0x26) result.anchors += 1;
  else result.aliases += 1;
  result.firstAliasAt ??= offset;
}

/** The lexer's tokens of `text`, for scanYaml and then composeDocuments. */
export function lexYaml(yaml: Yaml, text: string): string[] {
  return Array.from(new yaml.Lexer().lex(text));
}

/**
 * The documents of `tokens` (lexYaml's), as yaml.parseAllDocuments(text, options) composes them; `lineCounter`
 * learns every line start on the way, as that option does there.
 */
export function composeDocuments(yaml: Yaml, tokens: readonly string[], options: ComposeOptions, lineCounter?: LineCounter): Document[] {
  return Array.from(new yaml.Composer(options).compose(cst(yaml, tokens, lineCounter)));
}

/** The one document of `tokens`, as yaml.parseDocument(text, options) composes it (an error when there are more). */
export function composeDocument(yaml: Yaml, tokens: readonly string[], text: string, options: ComposeOptions): Document {
  let doc: Document | undefined;
  for (const next of new yaml.Composer(options).compose(cst(yaml, tokens), true, text.length)) {
    if (!doc) doc = next;
    else {
      const message = 'Source contains multiple documents; please use YAML.parseAllDocuments()';
      doc.errors.push(new yaml.YAMLParseError([next.range[0], next.range[1]], 'MULTIPLE_DOCS', message));
      break;
    }
  }
  // compose(…, forceDoc) yields a document at the latest when the tokens end.
  return doc as Document;
}

function* cst(yaml: Yaml, tokens: readonly string[], lineCounter?: LineCounter) {
  const parser = new yaml.Parser(lineCounter?.addNewLine);
  lineCounter?.addNewLine(0);
  for (const token of tokens) yield* parser.next(token);
  yield* parser.end();
}
