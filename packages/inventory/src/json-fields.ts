import { clipText } from './clip-text.js';

/** A JSON object, as read from a tool's output before its fields are checked. */
export type JsonObject = Readonly<Record<string, unknown>>;

/** `value` if it is a plain JSON object. */
export function asObject(value: unknown): JsonObject | null {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as JsonObject) : null;
}

/** A text field, trimmed and clipped; null when absent, empty or not text. */
export function textField(object: JsonObject, key: string, max?: number): string | null {
  const value = object[key];
  if (typeof value !== 'string') return null;
  const trimmed = value.trim();
  return trimmed === '' ? null : clipText(trimmed, max);
}

/**
 * A non-negative whole number; accepts digits in a string too, because tools differ (older lsblk
 * and WMI's uint64 properties print numbers as strings).
 */
export function countField(object: JsonObject, key: string): number | null {
  return toCount(object[key]);
}

/** `value` as a non-negative safe integer, or null. */
export function toCount(value: unknown): number | null {
  if (typeof value === 'number') return Number.isSafeInteger(value) && value >= 0 ? value : null;
  if (typeof value === 'string' && /^\d{1,16}$/.test(value.trim())) {
    const parsed = Number(value.trim());
    return Number.isSafeInteger(parsed) ? parsed : null;
  }
  return null;
}
