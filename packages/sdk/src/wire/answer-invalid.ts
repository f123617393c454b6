/**
 * Thrown by the readers of server answers: names the offending field. The SDK turns it into a
 * refused answer, changing nothing it holds.
 */
export class AnswerInvalid extends Error {
  override readonly name = 'AnswerInvalid';

  constructor(
    readonly field: string,
    readonly reason: string,
  ) {
    super(`${field} ${reason}`);
  }
}

function invalid(field: string, reason: string): never {
  throw new AnswerInvalid(field, reason);
}

/** A plain JSON object. Extra members are allowed: a newer server may send more. */
export function objectAt(value: unknown, field: string): Readonly<Record<string, unknown>> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) invalid(field, 'must be an object');
  return value as Readonly<Record<string, unknown>>;
}

export function booleanAt(value: unknown, field: string): boolean {
  if (typeof value !== 'boolean') invalid(field, 'must be true or false');
  return value;
}

/** A whole number in [min, max]. */
export function integerAt(value: unknown, field: string, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) invalid(field, `must be a whole number from ${min} to ${max}`);
  return value;
}

/** Text matching `pattern` (which bounds its length too). */
export function textAt(value: unknown, field: string, pattern: RegExp): string {
  if (typeof value !== 'string' || !pattern.test(value)) invalid(field, `must match ${String(pattern)}`);
  return value;
}

export function oneOfAt<K extends string>(value: unknown, field: string, values: readonly K[]): K {
  if (typeof value !== 'string' || !(values as readonly string[]).includes(value)) invalid(field, `must be one of ${values.join(', ')}`);
  return value as K;
}

/** An ISO 8601 instant as milliseconds since the epoch. */
export function instantAt(value: unknown, field: string): number {
  if (typeof value !== 'string' || value.length > 40 || !/^\d{4}-\d{2}-\d{2}T/.test(value)) invalid(field, 'must be an ISO 8601 instant');
  const ms = Date.parse(value);
  if (!Number.isFinite(ms)) invalid(field, 'must be an ISO 8601 instant');
  return ms;
}

/** Throws {@link AnswerInvalid}. */
export { invalid };
