// The @lezer/python syntax tree as plain nodes, and small helpers over them: children, call arguments, statement kinds.
import type { NodeType, Tree, TreeBuffer } from '@lezer/common';

/**
 * A node of the syntax tree with its children in an array, all built once (plainTree): Lezer's SyntaxNode
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

/**
 * The whole tree as PyNodes: the named nodes a TreeCursor shows (anonymous repeat nodes are see-through), read
 * straight from the tree's parts rather than through a cursor, whose calls cost more than the nodes while the code
 * is not compiled yet. A Tree holds its children with their offsets; a TreeBuffer holds a subtree flat, as
 * (type, from, to, end of its descendants) in pre-order (@lezer/common's documented layout). Iterative, so nesting
 * cannot overflow the stack.
 */
export function plainTree(tree: Tree): PyNode {
  const root = new PyNode(tree.type.name, 0, tree.length);
  /** The trees being read, each with its offset, the node its children go into, and the next child to read. */
  const open: { tree: Tree; at: number; into: PyNode; next: number }[] = [{ tree, at: 0, into: root, next: 0 }];
  while (open.length > 0) {
    const top = open[open.length - 1] as (typeof open)[number];
    if (top.next >= top.tree.children.length) {
      open.pop();
      continue;
    }
    const part = top.tree.children[top.next] as Tree | TreeBuffer;
    const at = top.at + (top.tree.positions[top.next] as number);
    top.next += 1;
    // A TreeBuffer is told by its flat array (no instanceof: it would fail on a second copy of @lezer/common).
    if ('buffer' in part) addBuffer(part, at, top.into);
    else if (part.type.isAnonymous) open.push({ tree: part, at, into: top.into, next: 0 });
    else {
      const node = new PyNode(part.type.name, at, at + part.length);
      top.into.children.push(node);
      open.push({ tree: part, at, into: node, next: 0 });
    }
  }
  return root;
}

/** A TreeBuffer's nodes (pre-order, each with the index past its descendants) under `into`, at offset `at`. */
function addBuffer(part: TreeBuffer, at: number, into: PyNode): void {
  const { buffer } = part;
  const types = part.set.types;
  const parents: PyNode[] = [into];
  const ends: number[] = [buffer.length];
  for (let i = 0; i < buffer.length; i += 4) {
    while (i >= (ends[ends.length - 1] as number)) {
      parents.pop();
      ends.pop();
    }
    const node = new PyNode((types[buffer[i] as number] as NodeType).name, at + (buffer[i + 1] as number), at + (buffer[i + 2] as number));
    (parents[parents.length - 1] as PyNode).children.push(node);
    const end = buffer[i + 3] as number;
    if (end > i + 4) {
      parents.push(node);
      ends.push(end);
    }
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
