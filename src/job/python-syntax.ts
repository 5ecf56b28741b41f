// The @lezer/python syntax tree as plain nodes, and small helpers over them: children, call arguments, statement kinds.
import type { Tree } from '@lezer/common';

/**
 * A node of the syntax tree with its children in an array. Built once in one cursor pass: Lezer's PyNode
 * objects are made afresh on every step (firstChild, nextSibling, getChild), and walking a job through them cost
 * more than parsing it while the code was not yet compiled (a CLI run reads the job once, cold).
 */
export class PyNode {
  readonly children: PyNode[] = [];
  constructor(
    readonly name: string,
    readonly from: number,
    readonly to: number,
  ) {}

  get firstChild(): PyNode | null {
    return this.children[0] ?? null;
  }

  getChild(name: string): PyNode | null {
    return this.children.find((child) => child.name === name) ?? null;
  }

  getChildren(name: string): PyNode[] {
    return this.children.filter((child) => child.name === name);
  }
}

/** The whole tree as PyNodes (named nodes only, as PyNode navigation shows them); iterative, so nesting cannot overflow the stack. */
export function plainTree(tree: Tree): PyNode {
  const cursor = tree.cursor();
  const root = new PyNode(cursor.name, cursor.from, cursor.to);
  const open: PyNode[] = [root];
  for (;;) {
    if (cursor.firstChild()) {
      const node = new PyNode(cursor.name, cursor.from, cursor.to);
      (open[open.length - 1] as PyNode).children.push(node);
      open.push(node);
      continue;
    }
    while (!cursor.nextSibling()) {
      if (!cursor.parent()) return root;
      open.pop();
    }
    open.pop();
    const node = new PyNode(cursor.name, cursor.from, cursor.to);
    (open[open.length - 1] as PyNode).children.push(node);
    open.push(node);
  }
}

export function children(node: PyNode): readonly PyNode[] {
  return node.children;
}

/** Children that carry meaning: no punctuation, keywords or comments. */
export function parts(node: PyNode): PyNode[] {
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
  positional: PyNode[];
  keywords: Map<string, PyNode>;
  /** *args and **kwargs expressions. */
  spread: PyNode[];
}

export function callArgs(argList: PyNode | null, source: string): CallArgs {
  const args: CallArgs = { positional: [], keywords: new Map(), spread: [] };
  if (!argList) return args;
  const list = children(argList).filter((c) => c.name !== '(' && c.name !== ')' && c.name !== 'Comment');
  for (let i = 0; i < list.length; i += 1) {
    const node = list[i] as PyNode;
    if (node.name === ',') continue;
    if (node.name === '*' || node.name === '**') {
      const value = list[i + 1];
      if (value) args.spread.push(value);
      i += 1;
    } else if (node.name === 'VariableName' && list[i + 1]?.name === 'AssignOp' && list[i + 2]) {
      args.keywords.set(source.slice(node.from, node.to), list[i + 2] as PyNode);
      i += 2;
    } else args.positional.push(node);
  }
  return args;
}

/** The n-th positional argument, or the keyword of that name. */
export function argument(args: CallArgs, index: number, keyword?: string): PyNode | undefined {
  return args.positional[index] ?? (keyword ? args.keywords.get(keyword) : undefined);
}

export function text(node: PyNode, source: string): string {
  return source.slice(node.from, node.to);
}

/** A condition that is false before the program runs: False, None, 0, '' (their blocks never run). */
export function constantTruth(node: PyNode, source: string): boolean | undefined {
  const value = text(node, source).trim();
  if (['False', 'None', '0', "''", '""'].includes(value)) return false;
  if (value === 'True' || value === '1') return true;
  return undefined;
}
