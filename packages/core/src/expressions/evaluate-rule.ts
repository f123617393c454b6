import { compareVersions } from '../devices/version-key.js';
import type { Literal, RuleNode } from './ast.js';

/** The value of an attribute for the record a rule is evaluated against; undefined when absent. */
export type AttributeReader = (path: string) => string | number | boolean | Date | null | undefined;

/**
 * Evaluates a parsed rule. An absent attribute satisfies only `== null` and `!= <value>`, never an
 * ordering or a string match, so a device that has not reported a fact does not fall into a group
 * by accident. String equality is case-insensitive, as in directory attribute matching.
 */
export function evaluateRule(node: RuleNode, read: AttributeReader): boolean {
  switch (node.kind) {
    case 'and':
      return evaluateRule(node.left, read) && evaluateRule(node.right, read);
    case 'or':
      return evaluateRule(node.left, read) || evaluateRule(node.right, read);
    case 'not':
      return !evaluateRule(node.operand, read);
    case 'truthy':
      return read(node.path) === true;
    case 'compare': {
      const actual = read(node.path);
      if (node.op === 'in') return (node.value as readonly Literal[]).some((v) => equals(node.type, actual, v));
      const expected = node.value as Literal;
      switch (node.op) {
        case '==':
          return equals(node.type, actual, expected);
        case '!=':
          return !equals(node.type, actual, expected);
        case 'contains':
        case 'startsWith':
        case 'endsWith': {
          if (typeof actual !== 'string' || typeof expected !== 'string') return false;
          const a = actual.toLowerCase();
          const e = expected.toLowerCase();
          return node.op === 'contains' ? a.includes(e) : node.op === 'startsWith' ? a.startsWith(e) : a.endsWith(e);
        }
        default: {
          const c = order(node.type, actual, expected);
          if (c === undefined) return false;
          return node.op === '<' ? c < 0 : node.op === '<=' ? c <= 0 : node.op === '>' ? c > 0 : c >= 0;
        }
      }
    }
  }
}

function equals(type: string, actual: ReturnType<AttributeReader>, expected: Literal): boolean {
  if (expected === null) return actual === null || actual === undefined;
  if (actual === null || actual === undefined) return false;
  if (type === 'version' || type === 'date') return order(type, actual, expected) === 0;
  if (typeof actual === 'string' && typeof expected === 'string') return actual.toLowerCase() === expected.toLowerCase();
  return actual === expected;
}

function order(type: string, actual: ReturnType<AttributeReader>, expected: Literal): number | undefined {
  if (actual === null || actual === undefined || expected === null || typeof expected === 'boolean') return undefined;
  if (type === 'version') return compareVersions(String(actual), String(expected));
  if (type === 'date') {
    const a = actual instanceof Date ? actual.getTime() : Date.parse(String(actual));
    const e = Date.parse(String(expected));
    if (Number.isNaN(a) || Number.isNaN(e)) return undefined;
    return Math.sign(a - e);
  }
  if (typeof actual === 'number' && typeof expected === 'number') return Math.sign(actual - expected);
  return undefined;
}

/** The attribute roots (`user`, `device`) a rule reads, to know which changes can affect it. */
export function ruleRoots(node: RuleNode): Set<string> {
  const roots = new Set<string>();
  const walk = (n: RuleNode): void => {
    switch (n.kind) {
      case 'and':
      case 'or':
        walk(n.left);
        walk(n.right);
        return;
      case 'not':
        walk(n.operand);
        return;
      case 'compare':
      case 'truthy':
        roots.add(n.path.split('.')[0] ?? '');
    }
  };
  walk(node);
  return roots;
}
