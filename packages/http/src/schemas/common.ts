import { Type, type Static, type TSchema, type TUnsafe } from '@sinclair/typebox';
import { pageLimits, sortOrders, type SortOrder } from '@ward/core';

/**
 * An instant on the wire: an RFC 3339 string. Handlers hand the serializer `Date` objects, which it
 * writes with `toISOString`, so the static type is `Date` while the schema says `date-time`.
 */
export const DateTime: TUnsafe<Date> = Type.Unsafe<Date>({ type: 'string', format: 'date-time' });

/** `T` or JSON `null`. */
export function Nullable<T extends TSchema>(schema: T) {
  return Type.Union([schema, Type.Null()]);
}

/**
 * One of a fixed set of strings. A plain `enum` rather than a union of literals, so the OpenAPI
 * document shows the values as a list.
 */
export function StringEnum<const S extends readonly string[]>(values: S, options: { readonly description?: string; readonly default?: S[number] } = {}): TUnsafe<S[number]> {
  return Type.Unsafe<S[number]>({ type: 'string', enum: [...values], ...options });
}

/**
 * A resource id in a path. Ids are UUIDv7 text in practice, but the API promises no format: an id
 * that names nothing is a 404 whatever it looks like, so clients do not come to depend on the scheme.
 */
export const Id = Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9_-]+$' });

/**
 * An id field that the domain types as a brand (`GroupId`, `UserId`). The schema validates it as an
 * {@link Id}; whether it names anything is the use case's question.
 */
export function BrandedId<B extends string>(description?: string): TUnsafe<B> {
  return Type.Unsafe<B>({ ...Id, ...(description === undefined ? {} : { description }) });
}

/** The path parameters of a single resource. */
export const IdParams = Type.Object({ id: Id }, { additionalProperties: false });

/**
 * The query fields every list takes: page size, cursor, sort field and order. Lists whose store
 * keeps one fixed order pass just that order, so the document does not promise what is not there.
 */
export function pageQuery<const S extends readonly string[], const O extends readonly SortOrder[] = typeof sortOrders>(sorts: S, defaultSort: S[number], orders: O = sortOrders as unknown as O) {
  return {
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: pageLimits.max, default: pageLimits.default, description: `Page size, 1 to ${pageLimits.max}.` })),
    cursor: Type.Optional(Type.String({ minLength: 1, maxLength: 1024, description: 'The `nextCursor` of the previous page, requested with the same sort and order.' })),
    sort: Type.Optional(StringEnum(sorts, { default: defaultSort, description: 'Field to sort by.' })),
    order: Type.Optional(StringEnum(orders, { default: orders[0] })),
  };
}

/**
 * An array of `item`s typed as a readonly array, so handlers can return core's readonly lists as
 * they are; the schema (and document) is an ordinary array.
 */
export function List<T extends TSchema>(item: T, options: { readonly description?: string; readonly maxItems?: number; readonly minItems?: number } = {}): TUnsafe<readonly Static<T>[]> {
  return Type.Unsafe<readonly Static<T>[]>(Type.Array(item, options));
}

/** One page of a list: the items and the cursor of the next page (null on the last page). */
export function Page<T extends TSchema>(item: T) {
  return Type.Object({ items: List(item), nextCursor: Nullable(Type.String()) });
}

/** The empty answer of a successful delete (204). */
export const NoContent: TUnsafe<undefined> = Type.Unsafe<undefined>({ type: 'null', description: 'No content.' });
