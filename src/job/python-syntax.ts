// Small helpers over the @lezer/python syntax tree: children, call arguments, statement kinds.
import type { SyntaxNode } from '@lezer/common';

export function children(node: SyntaxNode): SyntaxNode[] {
  const list: SyntaxNode[] = [];
  for (let child = node.firstChild; child; child = child.nextSibling) list.push(child);
  return list;
}

/** Children that carry meaning: no punctuation, keywords or comments. */
export function parts(node: SyntaxNode): SyntaxNode[] {
  return children(node).filter((c) => !PUNCTUATION.has(c.name) && c.name !== 'Comment');
}

const PUNCTUATION = new Set([
  '(',
  ')',
  '[',
  ']',
  '{',
  '}',
  ',',
  ':',
  '.',
  ';',
  'AssignOp',
  'as',
  'in',
  'if',
  'else',
  'for',
  'from',
  'import',
  'with',
  'def',
  'class',
  'return',
  'elif',
  'while',
  'try',
  'except',
  'finally',
  'async',
  'await',
  'lambda',
  'not',
]);

export interface CallArgs {
  positional: SyntaxNode[];
  keywords: Map<string, SyntaxNode>;
  /** *args and **kwargs expressions. */
  spread: SyntaxNode[];
}

export function callArgs(argList: SyntaxNode | null, source: string): CallArgs {
  const args: CallArgs = { positional: [], keywords: new Map(), spread: [] };
  if (!argList) return args;
  const list = children(argList).filter((c) => c.name !== '(' && c.name !== ')' && c.name !== 'Comment');
  for (let i = 0; i < list.length; i += 1) {
    const node = list[i] as SyntaxNode;
    if (node.name === ',') continue;
    if (node.name === '*' || node.name === '**') {
      const value = list[i + 1];
      if (value) args.spread.push(value);
      i += 1;
    } else if (node.name === 'VariableName' && list[i + 1]?.name === 'AssignOp' && list[i + 2]) {
      args.keywords.set(source.slice(node.from, node.to), list[i + 2] as SyntaxNode);
      i += 2;
    } else args.positional.push(node);
  }
  return args;
}

/** The n-th positional argument, or the keyword of that name. */
export function argument(args: CallArgs, index: number, keyword?: string): SyntaxNode | undefined {
  return args.positional[index] ?? (keyword ? args.keywords.get(keyword) : undefined);
}

export function text(node: SyntaxNode, source: string): string {
  return source.slice(node.from, node.to);
}

/** A condition that is false before the program runs: False, None, 0, '' (their blocks never run). */
export function constantTruth(node: SyntaxNode, source: string): boolean | undefined {
  const value = text(node, source).trim();
  if (['False', 'None', '0', "''", '""'].includes(value)) return false;
  if (value === 'True' || value === '1') return true;
  return undefined;
}
