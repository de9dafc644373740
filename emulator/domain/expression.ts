/**
 * A small evaluator for TaskRouter expressions, used by task queues
 * (`target_workers`, over worker attributes) and workflow filters (over task
 * attributes). Supported: `1==1`, comparisons (== != > < >= <=) between
 * attribute paths and literals, `HAS`, `CONTAINS`, `IN [..]`, `NOT IN [..]`,
 * `AND`/`OR` (also `&&`/`||`), `NOT`, parentheses. Keywords are case-insensitive.
 */

type Token =
  | { kind: 'str'; value: string }
  | { kind: 'num'; value: number }
  | { kind: 'bool'; value: boolean }
  | { kind: 'ident'; value: string }
  | { kind: 'op'; value: string }
  | { kind: 'punct'; value: '(' | ')' | '[' | ']' | ',' };

type Value = string | number | boolean | null | Value[] | { path: string };
type Node =
  | { kind: 'and' | 'or'; left: Node; right: Node }
  | { kind: 'not'; inner: Node }
  | { kind: 'cmp'; op: string; left: Value; right: Value }
  | { kind: 'truthy'; value: Value };

export type Predicate = (attributes: Record<string, unknown>) => boolean;

const KEYWORD_OPS = new Set(['HAS', 'CONTAINS', 'IN', 'AND', 'OR', 'NOT']);
const MAX_EXPRESSION = 4096;

function tokenize(source: string): Token[] | string {
  const tokens: Token[] = [];
  let i = 0;
  while (i < source.length) {
    const c = source[i]!;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    if (c === '"' || c === "'") {
      const end = source.indexOf(c, i + 1);
      if (end < 0) return 'unterminated string';
      tokens.push({ kind: 'str', value: source.slice(i + 1, end) });
      i = end + 1;
      continue;
    }
    const two = source.slice(i, i + 2);
    if (['==', '!=', '>=', '<=', '&&', '||'].includes(two)) {
      tokens.push({ kind: 'op', value: two === '&&' ? 'AND' : two === '||' ? 'OR' : two });
      i += 2;
      continue;
    }
    if (c === '>' || c === '<' || c === '=') {
      tokens.push({ kind: 'op', value: c === '=' ? '==' : c });
      i++;
      continue;
    }
    if (c === '!') {
      tokens.push({ kind: 'op', value: 'NOT' });
      i++;
      continue;
    }
    if ('()[],'.includes(c)) {
      tokens.push({ kind: 'punct', value: c as '(' });
      i++;
      continue;
    }
    const num = /^-?\d+(\.\d+)?/.exec(source.slice(i));
    if (num) {
      tokens.push({ kind: 'num', value: Number(num[0]) });
      i += num[0].length;
      continue;
    }
    const word = /^[A-Za-z_][A-Za-z0-9_.-]*/.exec(source.slice(i));
    if (word) {
      const upper = word[0].toUpperCase();
      if (KEYWORD_OPS.has(upper)) tokens.push({ kind: 'op', value: upper });
      else if (upper === 'TRUE' || upper === 'FALSE') tokens.push({ kind: 'bool', value: upper === 'TRUE' });
      else tokens.push({ kind: 'ident', value: word[0] });
      i += word[0].length;
      continue;
    }
    return `unexpected character '${c}'`;
  }
  return tokens;
}

class Parser {
  private pos = 0;
  constructor(private readonly tokens: Token[]) {}

  parse(): Node {
    const node = this.or();
    if (this.pos < this.tokens.length) throw new Error('unexpected trailing input');
    return node;
  }

  private peek(): Token | undefined {
    return this.tokens[this.pos];
  }

  private isOp(value: string): boolean {
    const t = this.peek();
    return t?.kind === 'op' && t.value === value;
  }

  private or(): Node {
    let left = this.and();
    while (this.isOp('OR')) {
      this.pos++;
      left = { kind: 'or', left, right: this.and() };
    }
    return left;
  }

  private and(): Node {
    let left = this.unary();
    while (this.isOp('AND')) {
      this.pos++;
      left = { kind: 'and', left, right: this.unary() };
    }
    return left;
  }

  private unary(): Node {
    if (this.isOp('NOT')) {
      this.pos++;
      return { kind: 'not', inner: this.unary() };
    }
    const t = this.peek();
    if (t?.kind === 'punct' && t.value === '(') {
      this.pos++;
      const inner = this.or();
      this.expectPunct(')');
      return inner;
    }
    return this.comparison();
  }

  private comparison(): Node {
    const left = this.value();
    const t = this.peek();
    if (t?.kind === 'op' && t.value === 'NOT') {
      this.pos++;
      if (!this.isOp('IN')) throw new Error('expected IN after NOT');
      this.pos++;
      return { kind: 'not', inner: { kind: 'cmp', op: 'IN', left, right: this.value() } };
    }
    if (t?.kind === 'op' && !['AND', 'OR'].includes(t.value)) {
      this.pos++;
      return { kind: 'cmp', op: t.value, left, right: this.value() };
    }
    return { kind: 'truthy', value: left };
  }

  private value(): Value {
    const t = this.peek();
    if (!t) throw new Error('unexpected end of expression');
    this.pos++;
    if (t.kind === 'str' || t.kind === 'num' || t.kind === 'bool') return t.value;
    if (t.kind === 'ident') return t.value.toLowerCase() === 'null' ? null : { path: t.value };
    if (t.kind === 'punct' && t.value === '[') {
      const items: Value[] = [];
      for (let guard = 0; guard < 1000; guard++) {
        const next = this.peek();
        if (next?.kind === 'punct' && next.value === ']') {
          this.pos++;
          return items;
        }
        items.push(this.value());
        const sep = this.peek();
        if (sep?.kind === 'punct' && sep.value === ',') this.pos++;
      }
      throw new Error('list too long');
    }
    throw new Error(`unexpected '${String(t.value)}'`);
  }

  private expectPunct(value: string): void {
    const t = this.peek();
    if (t?.kind !== 'punct' || t.value !== value) throw new Error(`expected '${value}'`);
    this.pos++;
  }
}

function resolve(value: Value, attributes: Record<string, unknown>): unknown {
  if (Array.isArray(value)) return value.map((v) => resolve(v, attributes));
  if (value !== null && typeof value === 'object') {
    let current: unknown = attributes;
    for (const part of value.path.split('.')) {
      if (current === null || typeof current !== 'object') return undefined;
      current = (current as Record<string, unknown>)[part];
    }
    return current;
  }
  return value;
}

const same = (a: unknown, b: unknown): boolean => {
  if (typeof a === 'string' && typeof b === 'string') return a.toLowerCase() === b.toLowerCase();
  return a === b;
};

function compare(op: string, left: unknown, right: unknown): boolean {
  switch (op) {
    case '==':
      return Array.isArray(left) ? left.some((l) => same(l, right)) : same(left, right);
    case '!=':
      return !compare('==', left, right);
    case '>':
    case '<':
    case '>=':
    case '<=': {
      if (typeof left !== 'number' || typeof right !== 'number') return false;
      return op === '>' ? left > right : op === '<' ? left < right : op === '>=' ? left >= right : left <= right;
    }
    case 'HAS':
      return Array.isArray(left) && left.some((l) => same(l, right));
    case 'CONTAINS':
      return typeof left === 'string' && typeof right === 'string' && left.toLowerCase().includes(right.toLowerCase());
    case 'IN':
      return Array.isArray(right) && (Array.isArray(left) ? left.some((l) => right.some((r) => same(l, r))) : right.some((r) => same(left, r)));
    default:
      return false;
  }
}

function evaluate(node: Node, attributes: Record<string, unknown>): boolean {
  switch (node.kind) {
    case 'and':
      return evaluate(node.left, attributes) && evaluate(node.right, attributes);
    case 'or':
      return evaluate(node.left, attributes) || evaluate(node.right, attributes);
    case 'not':
      return !evaluate(node.inner, attributes);
    case 'truthy':
      return Boolean(resolve(node.value, attributes));
    case 'cmp':
      return compare(node.op, resolve(node.left, attributes), resolve(node.right, attributes));
  }
}

/** Compiles an expression; answers a predicate or a message saying what is wrong. */
export function compileExpression(source: string): { ok: true; predicate: Predicate } | { ok: false; message: string } {
  if (source.length > MAX_EXPRESSION) return { ok: false, message: 'expression is too long' };
  const tokens = tokenize(source);
  if (typeof tokens === 'string') return { ok: false, message: tokens };
  if (tokens.length === 0) return { ok: false, message: 'expression is empty' };
  try {
    const tree = new Parser(tokens).parse();
    return { ok: true, predicate: (attributes) => evaluate(tree, attributes) };
  } catch (error) {
    return { ok: false, message: error instanceof Error ? error.message : 'invalid expression' };
  }
}
