/** A value that survives `JSON.stringify` unchanged: what the raw inventory may hold. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
