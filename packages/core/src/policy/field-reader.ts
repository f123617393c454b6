import { hasControlCharacters } from '../kernel/control-characters.js';
import type { ErrorCode } from '../kernel/errors.js';
import { fail, type Failure, type Result } from '../kernel/result.js';
import { templateVariables } from './variables.js';

/**
 * Thrown inside validation to stop at the first problem with its field path; converted back to a
 * Failure by `readFields`. Validation reads untrusted nested input (API bodies, YAML files), and
 * threading a Result through every level would bury the rules themselves.
 */
class FieldError extends Error {
  constructor(readonly failure: Failure<ErrorCode>) {
    super(failure.message);
  }
}

/** Stops validation with `code` for the field at `path`. */
export function invalid(path: string, message: string, code: ErrorCode = 'PROFILE_INVALID', details?: Record<string, unknown>): never {
  throw new FieldError(fail(code, `${path}: ${message}`, { field: path, ...details }));
}

/**
 * Runs a validation that uses `invalid`/the readers below and returns its value or the first
 * failure. The readers raise PROFILE_INVALID by default; `code` relabels those for validations of
 * other inputs (assignments, filters, device reports), keeping more specific codes as they are.
 */
export function readFields<T>(read: () => T, code: ErrorCode = 'PROFILE_INVALID'): Result<T, ErrorCode> {
  try {
    return { ok: true, value: read() };
  } catch (e) {
    if (!(e instanceof FieldError)) throw e;
    const f = e.failure;
    return f.code === 'PROFILE_INVALID' && code !== 'PROFILE_INVALID' ? fail(code, f.message, { ...f.details }) : f;
  }
}

/** Raises a Result's failure inside `readFields`. */
export function unwrap<T>(result: Result<T, ErrorCode>): T {
  if (!result.ok) throw new FieldError(result);
  return result.value;
}

const utf8 = new TextEncoder();

/** Length of text in UTF-8 bytes. */
export function utf8Length(text: string): number {
  return utf8.encode(text).length;
}

/** A plain object with only the `allowed` keys (unknown keys are refused, so typos do not pass silently). */
export function objectAt(value: unknown, path: string, allowed: readonly string[]): Readonly<Record<string, unknown>> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) invalid(path, 'must be an object');
  const record = value as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    if (!allowed.includes(key)) invalid(path === '' ? key : `${path}.${key}`, `is not a known field here (known: ${allowed.join(', ')})`);
  }
  return record;
}

/** How a text field is checked. */
export interface TextRule {
  readonly min?: number;
  readonly max: number;
  /** Profile variables are allowed (and checked against the known ones). */
  readonly template?: boolean;
  /** Keep surrounding whitespace (secrets); text is trimmed otherwise. */
  readonly raw?: boolean;
  /** A pattern or predicate the (trimmed) text must satisfy. */
  readonly pattern?: RegExp | ((text: string) => boolean);
  readonly patternHint?: string;
}

/** A text value: bounded, no control characters, variables checked when allowed. */
export function textValue(value: unknown, path: string, rule: TextRule): string {
  if (typeof value !== 'string') invalid(path, 'must be a string');
  if (value.length > rule.max * 4) invalid(path, `must have at most ${rule.max} characters`);
  const text = rule.raw === true ? value : value.trim();
  const min = rule.min ?? 1;
  if (text.length < min) invalid(path, min === 1 ? 'must not be empty' : `must have at least ${min} characters`);
  if (text.length > rule.max) invalid(path, `must have at most ${rule.max} characters`);
  if (hasControlCharacters(text)) invalid(path, 'must not contain control characters');
  if (rule.template === true) unwrap(templateVariables(text, path));
  const pattern = rule.pattern;
  if (pattern !== undefined && !(typeof pattern === 'function' ? pattern(text) : pattern.test(text))) invalid(path, `must be ${rule.patternHint ?? 'well formed'}`);
  return text;
}

/** A required text field of `record`. */
export function text(record: Readonly<Record<string, unknown>>, key: string, path: string, rule: TextRule): string {
  return textValue(record[key], join(path, key), rule);
}

/** An optional text field: absent or undefined gives undefined. */
export function optionalText(record: Readonly<Record<string, unknown>>, key: string, path: string, rule: TextRule): string | undefined {
  return record[key] === undefined ? undefined : text(record, key, path, rule);
}

/** A boolean field; absent gives `fallback` when one is given. */
export function bool(record: Readonly<Record<string, unknown>>, key: string, path: string, fallback?: boolean): boolean {
  const v = record[key];
  if (v === undefined && fallback !== undefined) return fallback;
  if (typeof v !== 'boolean') invalid(join(path, key), 'must be true or false');
  return v;
}

/** An integer field within [min, max]. */
export function integer(record: Readonly<Record<string, unknown>>, key: string, path: string, min: number, max: number): number {
  const v = record[key];
  if (typeof v !== 'number' || !Number.isInteger(v)) invalid(join(path, key), 'must be a whole number');
  if (v < min || v > max) invalid(join(path, key), `must be between ${min} and ${max}`);
  return v;
}

/** An optional integer field. */
export function optionalInteger(record: Readonly<Record<string, unknown>>, key: string, path: string, min: number, max: number): number | undefined {
  return record[key] === undefined ? undefined : integer(record, key, path, min, max);
}

/** One of a fixed set of string values. */
export function oneOf<T extends string>(record: Readonly<Record<string, unknown>>, key: string, path: string, values: readonly T[]): T {
  const v = record[key];
  if (typeof v !== 'string' || !(values as readonly string[]).includes(v)) invalid(join(path, key), `must be one of ${values.join(', ')}`);
  return v as T;
}

/** An array field of at most `max` (at least `min`) items, each read by `item`. */
export function list<T>(record: Readonly<Record<string, unknown>>, key: string, path: string, bounds: { readonly min?: number; readonly max: number }, item: (value: unknown, path: string) => T): T[] {
  const v = record[key];
  const at = join(path, key);
  if (!Array.isArray(v)) invalid(at, 'must be a list');
  const min = bounds.min ?? 0;
  if (v.length < min) invalid(at, `must have at least ${min} item${min === 1 ? '' : 's'}`);
  if (v.length > bounds.max) invalid(at, `must have at most ${bounds.max} items`);
  return v.map((x, i) => item(x, `${at}[${i}]`));
}

/** An optional array field (absent gives an empty list). */
export function optionalList<T>(record: Readonly<Record<string, unknown>>, key: string, path: string, bounds: { readonly max: number }, item: (value: unknown, path: string) => T): T[] {
  return record[key] === undefined ? [] : list(record, key, path, bounds, item);
}

/** Joins a path and a key: `body.eap` + `identity`. */
export function join(path: string, key: string): string {
  return path === '' ? key : `${path}.${key}`;
}

/** Refuses duplicate values in a list, comparing case-insensitively. */
export function distinct(values: readonly string[], path: string): void {
  const seen = new Set<string>();
  for (const v of values) {
    const k = v.toLowerCase();
    if (seen.has(k)) invalid(path, `lists ${v} twice`);
    seen.add(k);
  }
}
