import type { Device } from '../devices/model.js';
import type { AttributeType, Literal, RuleNode } from '../expressions/ast.js';
import { parseRule, type RuleErrorCode } from '../expressions/parse-rule.js';
import { ok, type Result } from '../kernel/result.js';
import { compareVersionToParts, versionParts } from './compare-version-parts.js';
import { customRuleAttributeReader, customRuleAttributes, type CustomRuleValue, type DeviceAttributeReader } from './custom-rule-attributes.js';

/** A custom rule ready to run: the attributes it reads and a predicate over a device. */
export interface CompiledCustomExpression {
  /** Every attribute the expression reads, in order of first use, with its reader. */
  readonly reads: readonly { readonly path: string; readonly read: DeviceAttributeReader }[];
  /**
   * Whether the device satisfies the expression. Call only when every attribute in `reads` is
   * present: a rule over a missing fact is `unknown`, decided before the predicate runs.
   */
  readonly test: (device: Device) => boolean;
}

type Predicate = (device: Device) => boolean;

function readerOf(path: string): DeviceAttributeReader {
  const read = customRuleAttributeReader(path);
  // parseRule checked the path against the same catalog, so this only fires on a catalog bug.
  if (read === undefined) throw new Error(`No reader for catalog attribute ${path}`);
  return read;
}

/** Equality as `evaluateRule` defines it: strings case-insensitive, versions and dates by order. */
function equalityTest(type: AttributeType, read: DeviceAttributeReader, expected: Literal): Predicate {
  if (expected === null) return (d) => {
    const v = read(d);
    return v === null || v === undefined;
  };
  switch (type) {
    case 'version': {
      const parts = versionParts(String(expected));
      return (d) => {
        const v = read(d);
        return v !== null && v !== undefined && compareVersionToParts(String(v), parts) === 0;
      };
    }
    case 'date': {
      const ms = Date.parse(String(expected));
      return (d) => dateOf(read(d)) === ms;
    }
    case 'string': {
      if (typeof expected !== 'string') return () => false;
      const lower = expected.toLowerCase();
      // Exact and length checks first: lower-casing allocates, and most comparisons settle before it.
      return (d) => {
        const v = read(d);
        return typeof v === 'string' && (v === expected || v === lower || (v.length === lower.length && v.toLowerCase() === lower));
      };
    }
    default:
      return (d) => read(d) === expected;
  }
}

function dateOf(v: CustomRuleValue): number | undefined {
  if (v instanceof Date) return v.getTime();
  if (typeof v === 'string') {
    const ms = Date.parse(v);
    return Number.isNaN(ms) ? undefined : ms;
  }
  return undefined;
}

/** The sign of actual − expected, undefined when they cannot be ordered (as in `evaluateRule`). */
function orderFn(type: AttributeType, read: DeviceAttributeReader, expected: Literal): (d: Device) => number | undefined {
  if (expected === null || typeof expected === 'boolean') return () => undefined;
  if (type === 'version') {
    const parts = versionParts(String(expected));
    return (d) => {
      const v = read(d);
      return v === null || v === undefined ? undefined : compareVersionToParts(String(v), parts);
    };
  }
  if (type === 'date') {
    const e = Date.parse(String(expected));
    return (d) => {
      const a = dateOf(read(d));
      return a === undefined || Number.isNaN(e) ? undefined : Math.sign(a - e);
    };
  }
  if (typeof expected !== 'number') return () => undefined;
  return (d) => {
    const v = read(d);
    return typeof v === 'number' ? Math.sign(v - expected) : undefined;
  };
}

function compileNode(node: RuleNode, reads: Map<string, DeviceAttributeReader>): Predicate {
  switch (node.kind) {
    case 'and': {
      const l = compileNode(node.left, reads);
      const r = compileNode(node.right, reads);
      return (d) => l(d) && r(d);
    }
    case 'or': {
      const l = compileNode(node.left, reads);
      const r = compileNode(node.right, reads);
      return (d) => l(d) || r(d);
    }
    case 'not': {
      const inner = compileNode(node.operand, reads);
      return (d) => !inner(d);
    }
    case 'truthy': {
      const read = use(node.path, reads);
      return (d) => read(d) === true;
    }
    case 'compare': {
      const read = use(node.path, reads);
      const { type, op } = node;
      if (op === 'in') {
        const tests = (node.value as readonly Literal[]).map((v) => equalityTest(type, read, v));
        return (d) => {
          for (const t of tests) if (t(d)) return true;
          return false;
        };
      }
      const expected = node.value as Literal;
      switch (op) {
        case '==':
          return equalityTest(type, read, expected);
        case '!=': {
          const eq = equalityTest(type, read, expected);
          return (d) => !eq(d);
        }
        case 'contains':
        case 'startsWith':
        case 'endsWith': {
          if (typeof expected !== 'string') return () => false;
          const e = expected.toLowerCase();
          return (d) => {
            const v = read(d);
            if (typeof v !== 'string') return false;
            const a = v.toLowerCase();
            return op === 'contains' ? a.includes(e) : op === 'startsWith' ? a.startsWith(e) : a.endsWith(e);
          };
        }
        default: {
          const order = orderFn(type, read, expected);
          const accept = op === '<' ? (c: number) => c < 0 : op === '<=' ? (c: number) => c <= 0 : op === '>' ? (c: number) => c > 0 : (c: number) => c >= 0;
          return (d) => {
            const c = order(d);
            return c !== undefined && accept(c);
          };
        }
      }
    }
  }
}

function use(path: string, reads: Map<string, DeviceAttributeReader>): DeviceAttributeReader {
  let read = reads.get(path);
  if (read === undefined) {
    read = readerOf(path);
    reads.set(path, read);
  }
  return read;
}

/**
 * Parses a custom rule against `customRuleAttributes` and compiles it into closures, with the same
 * semantics as `evaluateRule` (case-insensitive strings, versions compared part by part). Parse
 * errors keep the parser's code and offset (`details.at`).
 */
export function compileCustomExpression(source: string): Result<CompiledCustomExpression, RuleErrorCode> {
  const parsed = parseRule(source, customRuleAttributes);
  if (!parsed.ok) return parsed;
  const reads = new Map<string, DeviceAttributeReader>();
  const test = compileNode(parsed.value, reads);
  return ok({ reads: [...reads].map(([path, read]) => ({ path, read })), test });
}
