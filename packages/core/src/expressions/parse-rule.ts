import { fail, ok, type Failure, type Result } from '../kernel/result.js';
import { comparisonOperators, type AttributeCatalog, type AttributeType, type ComparisonOperator, type Literal, type RuleNode } from './ast.js';
import { tokenize, type Token } from './tokenize.js';

export type RuleErrorCode = 'RULE_SYNTAX' | 'RULE_UNKNOWN_ATTRIBUTE' | 'RULE_TYPE_MISMATCH';

/** Nesting deeper than this is refused: rules are written by people, and recursion has a stack. */
const maxDepth = 32;

class RuleError extends Error {
  constructor(readonly failure: Failure<RuleErrorCode>) {
    super(failure.message);
  }
}

function error(code: RuleErrorCode, message: string, at: number): never {
  throw new RuleError(fail(code, `${message} (at offset ${at})`, { at }));
}

const wordOperators: Readonly<Record<string, ComparisonOperator>> = { in: 'in', contains: 'contains', startsWith: 'startsWith', endsWith: 'endsWith' };
const keywordLiterals: Readonly<Record<string, Literal>> = { true: true, false: false, null: null };

/**
 * Parses and type-checks a rule such as
 * `device.platform == "linux" and device.ownership == "corporate"` against the attributes it may
 * read. Operators: `==, !=, <, <=, >, >=` (ordering on numbers, versions and dates), `in [..]`,
 * `contains`, `startsWith`, `endsWith` (strings), `and`/`&&`, `or`/`||`, `not`/`!`, parentheses. A
 * bare boolean attribute stands for `== true`.
 */
export function parseRule(source: string, catalog: AttributeCatalog): Result<RuleNode, RuleErrorCode> {
  const tokens = tokenize(source);
  if (!tokens.ok) return tokens;
  const list = tokens.value;
  let pos = 0;
  const peek = (): Token => list[pos] ?? { kind: 'end', at: source.length };
  const next = (): Token => {
    const t = peek();
    pos++;
    return t;
  };
  const isWord = (t: Token, w: string): boolean => t.kind === 'word' && t.value === w;
  const isOp = (t: Token, o: string): boolean => t.kind === 'op' && t.value === o;

  const parseOr = (depth: number): RuleNode => {
    let left = parseAnd(depth);
    while (isWord(peek(), 'or') || isOp(peek(), '||')) {
      const at = next().at;
      left = { kind: 'or', left, right: parseAnd(depth), at };
    }
    return left;
  };
  const parseAnd = (depth: number): RuleNode => {
    let left = parseNot(depth);
    while (isWord(peek(), 'and') || isOp(peek(), '&&')) {
      const at = next().at;
      left = { kind: 'and', left, right: parseNot(depth), at };
    }
    return left;
  };
  const parseNot = (depth: number): RuleNode => {
    if (depth > maxDepth) error('RULE_SYNTAX', `Rules may nest at most ${maxDepth} deep`, peek().at);
    const t = peek();
    if (isWord(t, 'not') || isOp(t, '!')) {
      next();
      return { kind: 'not', operand: parseNot(depth + 1), at: t.at };
    }
    return parseComparison(depth);
  };
  const parseLiteral = (): Literal => {
    const t = next();
    if (t.kind === 'string' || t.kind === 'number') return t.value;
    if (t.kind === 'word' && t.value in keywordLiterals) return keywordLiterals[t.value] ?? null;
    return error('RULE_SYNTAX', 'Expected a value (a "string", a number, true, false or null)', t.at);
  };
  const parseComparison = (depth: number): RuleNode => {
    const t = next();
    if (t.kind === 'punct' && t.value === '(') {
      const inner = parseOr(depth + 1);
      const close = next();
      if (!(close.kind === 'punct' && close.value === ')')) error('RULE_SYNTAX', 'Expected )', close.at);
      return inner;
    }
    if (t.kind !== 'word' || t.value in keywordLiterals || ['and', 'or', 'not'].includes(t.value)) {
      return error('RULE_SYNTAX', t.kind === 'end' ? 'The rule ends where an attribute was expected' : 'Expected an attribute such as device.platform', t.at);
    }
    const path = t.value;
    const type = lookupAttribute(catalog, path);
    if (type === undefined) return error('RULE_UNKNOWN_ATTRIBUTE', `Unknown attribute ${path}`, t.at);
    const opToken = peek();
    let op: ComparisonOperator | undefined;
    if (opToken.kind === 'op' && (comparisonOperators as readonly string[]).includes(opToken.value)) op = opToken.value as ComparisonOperator;
    if (opToken.kind === 'word') op = wordOperators[opToken.value];
    if (op === undefined) {
      if (type !== 'boolean') error('RULE_TYPE_MISMATCH', `${path} is a ${type}; compare it with an operator`, t.at);
      return { kind: 'truthy', path, at: t.at };
    }
    next();
    let value: Literal | readonly Literal[];
    if (op === 'in') {
      const open = next();
      if (!(open.kind === 'punct' && open.value === '[')) error('RULE_SYNTAX', 'Expected [ after in', open.at);
      const items: Literal[] = [];
      for (;;) {
        items.push(parseLiteral());
        const sep = next();
        if (sep.kind === 'punct' && sep.value === ']') break;
        if (!(sep.kind === 'punct' && sep.value === ',')) error('RULE_SYNTAX', 'Expected , or ]', sep.at);
        if (items.length > 1000) error('RULE_SYNTAX', 'A list may hold at most 1000 values', sep.at);
      }
      for (const item of items) checkType(path, type, op, item, opToken.at);
      value = items;
    } else {
      value = parseLiteral();
      checkType(path, type, op, value, opToken.at);
    }
    return { kind: 'compare', op, path, type, value, at: t.at };
  };

  try {
    const tree = parseOr(0);
    const rest = peek();
    if (rest.kind !== 'end') error('RULE_SYNTAX', 'Unexpected text after the end of the rule', rest.at);
    return ok(tree);
  } catch (e) {
    if (e instanceof RuleError) return e.failure;
    throw e;
  }
}

function checkType(path: string, type: AttributeType, op: ComparisonOperator, value: Literal, at: number): void {
  if (value === null) {
    if (op !== '==' && op !== '!=' && op !== 'in') error('RULE_TYPE_MISMATCH', `null can only be compared with == or !=`, at);
    return;
  }
  const ordering = op === '<' || op === '<=' || op === '>' || op === '>=';
  const stringOnly = op === 'contains' || op === 'startsWith' || op === 'endsWith';
  switch (type) {
    case 'string':
      if (typeof value !== 'string') error('RULE_TYPE_MISMATCH', `${path} is a string; compare it with a "string"`, at);
      if (ordering) error('RULE_TYPE_MISMATCH', `${path} is a string; ${op} needs a number, version or date`, at);
      return;
    case 'version':
      if (typeof value !== 'string' && typeof value !== 'number') error('RULE_TYPE_MISMATCH', `${path} is a version; compare it with a "17.4"-style string`, at);
      if (stringOnly) error('RULE_TYPE_MISMATCH', `${path} is a version; ${op} works on strings`, at);
      return;
    case 'number':
      if (typeof value !== 'number') error('RULE_TYPE_MISMATCH', `${path} is a number; compare it with a number`, at);
      if (stringOnly) error('RULE_TYPE_MISMATCH', `${path} is a number; ${op} works on strings`, at);
      return;
    case 'boolean':
      if (typeof value !== 'boolean') error('RULE_TYPE_MISMATCH', `${path} is a boolean; compare it with true or false`, at);
      if (ordering || stringOnly) error('RULE_TYPE_MISMATCH', `${path} is a boolean; use == or !=`, at);
      return;
    case 'date':
      if (typeof value !== 'string' || Number.isNaN(Date.parse(value))) error('RULE_TYPE_MISMATCH', `${path} is a date; compare it with an ISO 8601 "2026-01-31" string`, at);
      if (stringOnly) error('RULE_TYPE_MISMATCH', `${path} is a date; ${op} works on strings`, at);
      return;
  }
}

/**
 * The type of `path` in the catalog. An entry ending in `.*` (`user.attributes.*`) covers every
 * single name below it, for open-ended attribute maps.
 */
export function lookupAttribute(catalog: AttributeCatalog, path: string): AttributeType | undefined {
  const exact = catalog[path];
  if (exact !== undefined) return exact;
  const dot = path.lastIndexOf('.');
  return dot > 0 ? catalog[`${path.slice(0, dot)}.*`] : undefined;
}
