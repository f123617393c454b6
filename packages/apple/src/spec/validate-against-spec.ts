import { PlistReal, type PlistDict, type PlistValue } from '../plist/plist-value.js';
import type { SpecDict, SpecNode, SpecSchema, SpecTable } from './spec-schema.js';

/** The stable codes of {@link SpecProblem}. */
export type SpecProblemCode = 'REQUIRED_KEY_MISSING' | 'WRONG_TYPE' | 'NOT_IN_RANGELIST' | 'TOO_DEEP' | 'UNKNOWN_TYPE' | 'UNKNOWN_KEY';

/** One way a value breaks Apple's schema. `path` is `Key.Sub[2].Leaf` (keys that are not identifiers quoted: `["Key Type"]`). */
export interface SpecProblem {
  readonly path: string;
  readonly code: SpecProblemCode;
  readonly message: string;
}

/**
 * The outcome of {@link validateAgainstSpec}. Keys the schema does not know are never a failure
 * (devices send keys newer than the schema) but are listed in `unknownKeys`, by path.
 */
export type SpecValidation =
  | { readonly ok: true; readonly unknownKeys: readonly string[] }
  | { readonly ok: false; readonly problems: readonly SpecProblem[]; readonly unknownKeys: readonly string[] };

// Enough to act on, and bounded so a hostile value cannot make the report itself large.
const maxReported = 100;
const maxDepth = 512;

/**
 * Checks a decoded plist value against a generated schema (Apple's docs/schema.md semantics): the
 * root must be a dictionary; required keys present (`conditional` ones are not insisted on); every
 * known key's value of its type (`<integer>` a whole number or bigint, `<real>` any number or
 * {@link PlistReal}) and within its `rangelist`; arrays element by element, where Apple lists several
 * element shapes an element need match only one; dictionaries recursively, with `ANY` rows matching
 * every key.
 */
export function validateAgainstSpec(schema: SpecSchema, value: PlistValue): SpecValidation {
  const walk = new Walk(schema.table);
  walk.node({ type: 'dictionary', subkeys: schema.root }, value, '', 0);
  return walk.problems.length === 0
    ? { ok: true, unknownKeys: walk.unknownKeys }
    : { ok: false, problems: walk.problems, unknownKeys: walk.unknownKeys };
}

class Walk {
  problems: SpecProblem[] = [];
  unknownKeys: string[] = [];

  constructor(private readonly table: SpecTable) {}

  node(node: SpecNode, value: PlistValue, path: string, depth: number): void {
    if (depth > maxDepth) {
      this.problem(path, 'TOO_DEEP', `nested deeper than ${maxDepth}`);
      return;
    }
    if (!hasType(node.type, value)) {
      this.problem(path, 'WRONG_TYPE', `expected ${article(node.type)}, found ${describe(value)}`);
      return;
    }
    if (node.rangelist !== undefined && (typeof value === 'string' || typeof value === 'number' || typeof value === 'bigint' || value instanceof PlistReal)) {
      const scalar = value instanceof PlistReal ? value.value : typeof value === 'bigint' ? Number(value) : value;
      if (!node.rangelist.includes(scalar)) {
        this.problem(path, 'NOT_IN_RANGELIST', `${JSON.stringify(String(scalar).slice(0, 80))} is not one of ${node.rangelist.map((v) => JSON.stringify(v)).join(', ').slice(0, 300)}`);
      }
    }
    if (node.type === 'dictionary' && node.subkeys !== undefined) {
      const row = this.table.dicts[node.subkeys];
      if (row !== undefined) this.dict(row, value as PlistDict, path, depth);
    } else if (node.type === 'array' && node.items !== undefined && node.items.length > 0) {
      const items = value as readonly PlistValue[];
      for (let i = 0; i < items.length && this.problems.length < maxReported; i++) this.element(node.items, items[i] as PlistValue, `${path}[${i}]`, depth + 1);
    }
  }

  private dict(row: SpecDict, dict: PlistDict, path: string, depth: number): void {
    for (const [name, key] of Object.entries(row.keys)) {
      if (key.presence === 'required' && !Object.hasOwn(dict, name)) this.problem(join(path, name), 'REQUIRED_KEY_MISSING', `required key ${JSON.stringify(name)} is missing`);
    }
    for (const name of Object.keys(dict)) {
      if (this.problems.length >= maxReported) return;
      const child = dict[name] as PlistValue;
      // hasOwn, not `in` or indexing: a device can send a key named "constructor" or "__proto__".
      const key = Object.hasOwn(row.keys, name) ? row.keys[name] : row.any;
      if (key === undefined) {
        if (this.unknownKeys.length < maxReported) this.unknownKeys.push(join(path, name));
        continue;
      }
      this.node(key, child, join(path, name), depth + 1);
    }
  }

  /** An array element matches if one of the alternatives accepts it; otherwise the closest one's problems are reported. */
  private element(alternatives: readonly SpecNode[], value: PlistValue, path: string, depth: number): void {
    const [first] = alternatives;
    if (alternatives.length === 1 && first !== undefined) {
      this.node(first, value, path, depth);
      return;
    }
    let best: Walk | undefined;
    for (const alternative of alternatives) {
      const attempt = new Walk(this.table);
      attempt.node(alternative, value, path, depth);
      if (attempt.problems.length === 0) {
        this.unknownKeys.push(...attempt.unknownKeys.slice(0, maxReported - this.unknownKeys.length));
        return;
      }
      if (best === undefined || attempt.problems.length < best.problems.length) best = attempt;
    }
    if (best !== undefined) this.problems.push(...best.problems.slice(0, maxReported - this.problems.length));
  }

  private problem(path: string, code: SpecProblem['code'], message: string): void {
    if (this.problems.length < maxReported) this.problems.push({ path, code, message });
  }
}

function hasType(type: SpecNode['type'], value: PlistValue): boolean {
  switch (type) {
    case 'string':
      return typeof value === 'string';
    case 'integer':
      return (typeof value === 'number' && Number.isInteger(value)) || typeof value === 'bigint';
    case 'real':
      return typeof value === 'number' || value instanceof PlistReal;
    case 'boolean':
      return typeof value === 'boolean';
    case 'date':
      return value instanceof Date;
    case 'data':
      return value instanceof Uint8Array;
    case 'array':
      return Array.isArray(value);
    case 'dictionary':
      return isDict(value);
    case 'any':
      return true;
  }
}

/** A `<dict>`: an object that is none of the other object-shaped plist values. */
export function isDict(value: PlistValue | undefined): value is PlistDict {
  return typeof value === 'object' && !Array.isArray(value) && !(value instanceof Date) && !(value instanceof Uint8Array) && !(value instanceof PlistReal);
}

function describe(value: PlistValue): string {
  if (typeof value === 'number') return Number.isInteger(value) ? 'an integer' : 'a real';
  if (typeof value === 'bigint') return 'an integer';
  if (typeof value !== 'object') return article(typeof value);
  if (Array.isArray(value)) return 'an array';
  if (value instanceof Date) return 'a date';
  if (value instanceof Uint8Array) return 'data';
  if (value instanceof PlistReal) return 'a real';
  return 'a dictionary';
}

function article(type: string): string {
  return type === 'data' ? 'data' : /^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`;
}

function join(path: string, key: string): string {
  const part = /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(key) ? key : `[${JSON.stringify(key)}]`;
  return path === '' || part.startsWith('[') ? `${path}${part}` : `${path}.${part}`;
}
