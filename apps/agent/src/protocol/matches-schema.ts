import { FormatRegistry, type Static, type TSchema } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';

// RFC 3339 date-time, as JSON Schema's `date-time` format means it. TypeBox refuses every string
// with a format it does not know, so the protocol's `format: 'date-time'` fields need this.
const DATE_TIME = /^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:[Zz]|[+-]\d{2}:\d{2})$/;
if (!FormatRegistry.Has('date-time')) FormatRegistry.Set('date-time', (value) => DATE_TIME.test(value) && !Number.isNaN(Date.parse(value)));

/**
 * Whether `value` (wire or disk input, so `unknown`) matches a protocol schema; narrows it to the
 * schema's type. Parse at the edge: nothing unchecked goes further in.
 */
export function matchesSchema<T extends TSchema>(schema: T, value: unknown): value is Static<T> {
  return Value.Check(schema, value);
}
