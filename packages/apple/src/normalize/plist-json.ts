import { PlistReal, type PlistDict, type PlistValue } from '../plist/plist-value.js';

/**
 * How a command payload carries plist types JSON lacks, in the queue's JSON (`AppleCommand.payload`):
 * `<data>` is `{ "$data": "<standard base64>" }` and `<date>` is `{ "$date": "<ISO 8601>" }`, each an
 * object with that one key. Numbers are `<integer>` when whole and `<real>` otherwise; `null` has no
 * plist form and is refused. Answers are stored the same way ({@link plistToJson}), so a value read
 * from history can be sent back in a command unchanged.
 */
export const plistDataKey = '$data';
/** See {@link plistDataKey}. */
export const plistDateKey = '$date';

/** A command payload that cannot be written as a plist: a server-side bug or a hostile queue row, never sent. */
export class CommandPayloadError extends Error {
  override readonly name = 'CommandPayloadError';
  constructor(
    readonly path: string,
    message: string,
  ) {
    super(`${path === '' ? 'payload' : path}: ${message}`);
  }
}

const base64Pattern = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
// Deeper than any Apple command payload; it bounds recursion on a hostile row.
const maxDepth = 64;

/**
 * Turns a queued command's JSON payload into the plist dictionary {@link encodeCommand} writes.
 *
 * @throws {CommandPayloadError} for `null`, non-finite numbers, malformed `$data` / `$date`
 * wrappers, or nesting deeper than 64.
 */
export function jsonToPlist(payload: Readonly<Record<string, unknown>>): PlistDict {
  return dictFrom(payload, '', 0);
}

function dictFrom(value: Readonly<Record<string, unknown>>, path: string, depth: number): PlistDict {
  // No prototype, so a key named __proto__ stays data.
  const dict = Object.create(null) as Record<string, PlistValue>;
  for (const [key, item] of Object.entries(value)) dict[key] = valueFrom(item, path === '' ? key : `${path}.${key}`, depth + 1);
  return dict;
}

function valueFrom(value: unknown, path: string, depth: number): PlistValue {
  if (depth > maxDepth) throw new CommandPayloadError(path, 'nested too deeply');
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return value;
    case 'number':
      if (!Number.isFinite(value)) throw new CommandPayloadError(path, 'a number must be finite');
      return value;
    case 'object': {
      if (value === null) throw new CommandPayloadError(path, 'null has no plist form');
      if (Array.isArray(value)) return value.map((item: unknown, i) => valueFrom(item, `${path}[${i}]`, depth + 1));
      const record = value as Readonly<Record<string, unknown>>;
      const keys = Object.keys(record);
      if (keys.length === 1 && keys[0] === plistDataKey) return dataFrom(record[plistDataKey], path);
      if (keys.length === 1 && keys[0] === plistDateKey) return dateFrom(record[plistDateKey], path);
      return dictFrom(record, path, depth);
    }
    default:
      throw new CommandPayloadError(path, `a ${typeof value} has no plist form`);
  }
}

function dataFrom(text: unknown, path: string): Uint8Array {
  if (typeof text !== 'string' || !base64Pattern.test(text)) throw new CommandPayloadError(path, '$data must be standard, padded base64');
  return new Uint8Array(Buffer.from(text, 'base64'));
}

function dateFrom(text: unknown, path: string): Date {
  const date = typeof text === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(text) ? new Date(text) : undefined;
  if (date === undefined || Number.isNaN(date.getTime())) throw new CommandPayloadError(path, '$date must be an ISO 8601 date-time');
  return date;
}

/** JSON as the queue and history store it. */
export type JsonValue = string | number | boolean | null | readonly JsonValue[] | { readonly [key: string]: JsonValue };

/**
 * Turns a plist value from a device into JSON for history and inventory, the inverse of
 * {@link jsonToPlist}: `<data>` becomes `{ "$data": base64 }`, `<date>` `{ "$date": ISO }`, a whole
 * `<real>` a number, and an integer beyond 2^53 its decimal text (JSON numbers cannot hold it).
 */
export function plistToJson(value: PlistValue): JsonValue {
  if (typeof value === 'string' || typeof value === 'boolean' || typeof value === 'number') return value;
  if (typeof value === 'bigint') return value.toString();
  if (value instanceof Uint8Array) return { [plistDataKey]: Buffer.from(value).toString('base64') };
  if (value instanceof Date) return { [plistDateKey]: Number.isNaN(value.getTime()) ? '' : value.toISOString() };
  if (value instanceof PlistReal) return value.value;
  if (Array.isArray(value)) return (value as readonly PlistValue[]).map(plistToJson);
  const out: Record<string, JsonValue> = {};
  for (const [key, item] of Object.entries(value as PlistDict)) {
    // Plain-object output: a key that would set the prototype is dropped rather than obeyed.
    if (key === '__proto__') continue;
    out[key] = plistToJson(item);
  }
  return out;
}
